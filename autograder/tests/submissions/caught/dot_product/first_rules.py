"""No length check of their own (zip stops at the shorter vector, numpy's error names no shape), and forbidden shortcuts: np.dot in
dot, np.linalg.norm in cosine_similarity, @ in project."""


def dot(a, b):
    return float(np.dot(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))


def cosine_similarity(a, b):
    return sum(x * y for x, y in zip(a, b)) / (np.linalg.norm(a) * np.linalg.norm(b))


def project(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    b_b = b @ b
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return (a @ b) / b_b * b  # numpy's own error for different lengths names no shape
