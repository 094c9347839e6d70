"""Element-wise numpy: np.asarray, np.shape, np.sum, np.sqrt, np.abs and * on arrays."""


def dot(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if np.shape(x) != np.shape(y):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    return float(np.sum(x * y))


def cosine_similarity(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    product = dot(x, y)
    lengths = np.sqrt(np.sum(x * x)) * np.sqrt(np.sum(np.abs(y) ** 2))
    if lengths == 0:
        raise ValueError("a zero vector has no direction")
    return float(product / lengths)


def project(a, b):
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    b_b = dot(y, y)
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return dot(x, y) / b_b * y
