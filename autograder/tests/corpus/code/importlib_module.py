"""dot loads numpy through importlib and calls its dot."""
import importlib


def dot(a, b):
    return float(importlib.import_module("numpy").dot(a, b))
