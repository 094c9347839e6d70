"""Element-wise numpy: np.asarray, np.shape, np.sum, np.sqrt, np.abs and * - ** on arrays."""


def _vector(v):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return v


def l1_norm(v):
    return float(np.sum(np.abs(_vector(v))))


def l2_norm(v):
    v = _vector(v)
    return float(np.sqrt(np.sum(v * v)))


def linf_norm(v):
    v = np.abs(_vector(v))
    return float(v.max()) if v.size else 0.0


def frobenius_norm(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"expected a matrix, got shape {np.shape(A)}")
    return float(np.sqrt(np.sum(A ** 2)))


def _difference(a, b):
    a, b = _vector(a), _vector(b)
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {a.shape} and {b.shape} do not match")
    return a - b


def euclidean_distance(a, b):
    return l2_norm(_difference(a, b))


def manhattan_distance(a, b):
    return l1_norm(_difference(a, b))
