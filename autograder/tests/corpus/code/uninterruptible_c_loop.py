"""cosine_similarity runs one enormous C-level loop (sum over a huge range) that Python's signal
handlers cannot interrupt until it is over."""


def cosine_similarity(a, b):
    return float(sum(range(10 ** 13)))
