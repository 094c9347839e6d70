"""dot multiplies into its argument b (a numpy array is changed in place); cosine_similarity
guards against zero vectors only when they are not empty (an empty one gives nan); project answers
a zero vector a with the number 0.0 instead of a vector."""


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    products = np.asarray(b, dtype=float)
    products *= np.asarray(a, dtype=float)
    return float(products.sum())


def cosine_similarity(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if x.size and (not x.any() or not y.any()):
        raise ValueError("a zero vector has no direction")
    return float(np.sum(x * y) / np.sqrt(np.sum(x * x) * np.sum(y * y)))


def project(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    if not any(b):
        raise ValueError("cannot project onto the zero vector")
    if not any(a):
        return 0.0  # nothing to project
    factor = sum(x * y for x, y in zip(a, b)) / sum(y * y for y in b)
    return [factor * y for y in b]
