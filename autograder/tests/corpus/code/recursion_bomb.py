"""project recurses without end (RecursionError)."""


def project(a, b):
    return project(b, a)
