"""l1_norm, l2_norm and linf_norm change the list they are given (absolute values, squares, a
sort), frobenius_norm scales by the largest entry of a matrix with no entries (numpy raises), and
the distances subtract in place from b."""


def _vector(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")


def l1_norm(v):
    _vector(v)
    v[:] = [abs(x) for x in v]
    return float(sum(v))


def l2_norm(v):
    _vector(v)
    for i in range(len(v)):
        v[i] = v[i] ** 2
    return math.sqrt(sum(v))


def linf_norm(v):
    _vector(v)
    if not len(v):
        return 0.0
    v.sort()
    return float(max(abs(v[0]), abs(v[-1])))  # the largest size is at one end


def frobenius_norm(A):
    A = np.asarray(A, dtype=float)
    if A.ndim != 2:
        raise ValueError(f"expected a matrix, got shape {A.shape}")
    scale = np.abs(A).max()
    return float(scale * np.sqrt(np.sum((A / scale) ** 2))) if scale else 0.0


def _difference(a, b):
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    b = np.asarray(b, dtype=float)
    b -= np.asarray(a, dtype=float)
    return b


def euclidean_distance(a, b):
    return float(np.sqrt(np.sum(_difference(a, b) ** 2)))


def manhattan_distance(a, b):
    return float(np.sum(np.abs(_difference(a, b))))
