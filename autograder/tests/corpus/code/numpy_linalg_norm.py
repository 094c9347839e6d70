"""cosine_similarity divides by np.linalg.norm of each vector."""


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    na, nb = np.linalg.norm(np.asarray(a, float)), np.linalg.norm(np.asarray(b, float))
    if na == 0 or nb == 0:
        raise ValueError("zero vector")
    return float(sum(float(x) * float(y) for x, y in zip(a, b)) / (na * nb))
