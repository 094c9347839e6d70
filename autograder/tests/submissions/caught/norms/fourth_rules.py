"""frobenius_norm squares the entries of the matrix it is given, in place; forbidden shortcuts in
l1_norm (np.linalg.norm) and manhattan_distance (scipy's cityblock), otherwise correct."""
import scipy.spatial.distance


def l1_norm(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return float(np.linalg.norm(v, 1)) if len(v) else 0.0


def manhattan_distance(a, b):
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    return float(scipy.spatial.distance.cityblock(a, b)) if len(a) else 0.0


def frobenius_norm(A):
    shape = np.shape(A)
    if len(shape) != 2:
        raise ValueError(f"expected a matrix, got shape {shape}")
    for row in A:
        for j in range(len(row)):
            row[j] = row[j] * row[j]
    return math.sqrt(sum(x for row in A for x in row))
