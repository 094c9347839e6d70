"""Plain Python only: loops, zip, comprehensions, sum, abs, max, + - * / ** and math.sqrt."""


def _vector(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")


def l1_norm(v):
    _vector(v)
    total = 0.0
    for x in v:
        total = total + abs(x)
    return total


def l2_norm(v):
    _vector(v)
    largest = max([abs(x) for x in v], default=0.0)
    if largest == 0:
        return 0.0
    return largest * math.sqrt(sum((x / largest) ** 2 for x in v))  # scaled: no overflow


def linf_norm(v):
    _vector(v)
    return float(max((abs(x) for x in v), default=0.0))


def frobenius_norm(A):
    shape = np.shape(A)
    if len(shape) != 2:
        raise ValueError(f"expected a matrix, got shape {shape}")
    return math.sqrt(sum(x * x for row in A for x in row))


def _pair(a, b):
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    return [x - y for x, y in zip(a, b)]


def euclidean_distance(a, b):
    return l2_norm(_pair(a, b))


def manhattan_distance(a, b):
    return l1_norm(_pair(a, b))
