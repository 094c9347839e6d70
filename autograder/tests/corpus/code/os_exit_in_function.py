"""cosine_similarity ends the whole Python process (os._exit) on its first call."""
import os


def cosine_similarity(a, b):
    os._exit(0)
