"""Correct dot_product functions every corpus entry starts from.

Written independently of the master solution (no line in common), so that a line of the master
found in the grader's output is a leak and never a student's own code. Each function is
self-contained: an attack planted in one cannot change the others.
"""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"dot: lengths differ, shapes {np.shape(a)} vs {np.shape(b)}")
    return float(sum(float(x) * float(y) for x, y in zip(a, b)))


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"cosine: lengths differ, shapes {np.shape(a)} vs {np.shape(b)}")
    ab = sum(float(x) * float(y) for x, y in zip(a, b))
    aa = sum(float(x) ** 2 for x in a)
    bb = sum(float(y) ** 2 for y in b)
    if aa == 0 or bb == 0:
        raise ValueError("cosine: a zero vector has no direction")
    return ab / (math.sqrt(aa) * math.sqrt(bb))


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"project: lengths differ, shapes {np.shape(a)} vs {np.shape(b)}")
    bb = sum(float(y) ** 2 for y in b)
    if bb == 0:
        raise ValueError("project: there is no direction to project onto")
    factor = sum(float(x) * float(y) for x, y in zip(a, b)) / bb
    return [factor * float(y) for y in b]
