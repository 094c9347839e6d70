"""Empty vectors crash (l1_norm starts from v[0], l2_norm and euclidean_distance scale by the
largest entry, linf_norm takes max of nothing, manhattan_distance reduces with no start value), and
frobenius_norm takes rows of different lengths for a matrix."""
import functools


def _vector(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")


def l1_norm(v):
    _vector(v)
    total = abs(v[0])
    for x in v[1:]:
        total += abs(x)
    return float(total)


def l2_norm(v):
    _vector(v)
    largest = max(abs(x) for x in v)
    return largest * math.sqrt(sum((x / largest) ** 2 for x in v)) if largest else 0.0


def linf_norm(v):
    _vector(v)
    return float(max(abs(x) for x in v))


def frobenius_norm(A):
    if not all(isinstance(row, (list, tuple, np.ndarray)) for row in A):
        raise ValueError(f"expected a matrix, got shape {np.shape(A)}")
    return math.sqrt(sum(x * x for row in A for x in row))


def _pair(a, b):
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")


def euclidean_distance(a, b):
    _pair(a, b)
    largest = max(abs(x - y) for x, y in zip(a, b))
    return largest * math.sqrt(sum(((x - y) / largest) ** 2 for x, y in zip(a, b))) if largest else 0.0


def manhattan_distance(a, b):
    _pair(a, b)
    return float(functools.reduce(lambda total, term: total + term, [abs(x - y) for x, y in zip(a, b)]))
