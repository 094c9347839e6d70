"""Correct functions that use numpy for element-wise arithmetic and sums (allowed): a * b, np.sum,
np.sqrt, np.asarray."""


def dot(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"dot: shapes {x.shape} and {y.shape} differ")
    return float(np.sum(x * y))


def cosine_similarity(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"cosine: shapes {x.shape} and {y.shape} differ")
    lengths = np.sqrt(np.sum(x * x)) * np.sqrt(np.sum(y * y))
    if lengths == 0:
        raise ValueError("cosine: zero vector")
    return float(np.sum(x * y) / lengths)


def project(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"project: shapes {x.shape} and {y.shape} differ")
    if not np.any(y):
        raise ValueError("project: zero vector")
    return np.sum(x * y) / np.sum(y * y) * y
