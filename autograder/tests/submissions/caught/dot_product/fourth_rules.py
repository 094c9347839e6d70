"""dot stops at the shorter vector (zip) instead of raising ValueError; cosine_similarity
normalizes b in place, and project scales b in place and returns it: a numpy array passed in is
changed."""


def dot(a, b):
    return float(sum(x * y for x, y in zip(a, b)))


def cosine_similarity(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if not x.any() or not y.any():
        raise ValueError("a zero vector has no direction")
    x = x / np.sqrt(np.sum(x * x))
    y /= np.sqrt(np.sum(y * y))
    return float(np.sum(x * y))


def project(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    b = np.asarray(b, dtype=float)
    b_b = float(np.sum(b * b))
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    b *= float(np.sum(np.asarray(a, dtype=float) * b)) / b_b
    return b
