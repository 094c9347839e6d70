"""Correct functions that return an int for int inputs (dot) and a tuple (project)."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"dot: shapes {np.shape(a)} and {np.shape(b)}")
    total = 0
    for left, right in zip(a, b):
        total = total + left * right
    return total


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"project: shapes {np.shape(a)} and {np.shape(b)}")
    bb = sum(float(y) ** 2 for y in b)
    if bb == 0:
        raise ValueError("project: zero vector")
    scale = sum(float(x) * float(y) for x, y in zip(a, b)) / bb
    return tuple(scale * float(y) for y in b)
