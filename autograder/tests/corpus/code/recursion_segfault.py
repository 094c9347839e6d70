"""dot lifts the recursion limit and has json encode a list nested a million deep: the encoder
recurses in C, the C stack overflows and the process crashes (SIGSEGV) on the first call."""
import json
import sys


def dot(a, b):
    sys.setrecursionlimit(10 ** 8)
    nested = []
    for _ in range(10 ** 6):
        nested = [nested]
    return float(len(json.dumps(nested, check_circular=False)))
