"""No shape checks of their own, and forbidden shortcuts: np.linalg.norm in l2_norm, linf_norm and
frobenius_norm (which give an answer for the wrong shape), math.dist in euclidean_distance."""


def l1_norm(v):
    return float(sum(abs(x) for x in v))


def l2_norm(v):
    return float(np.linalg.norm(v))


def linf_norm(v):
    return float(np.linalg.norm(v, np.inf)) if len(v) else 0.0


def frobenius_norm(A):
    return float(np.linalg.norm(A))


def euclidean_distance(a, b):
    return math.dist(a, b)


def manhattan_distance(a, b):
    return float(sum(abs(x - y) for x, y in zip(a, b)))
