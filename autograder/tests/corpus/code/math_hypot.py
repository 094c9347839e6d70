"""cosine_similarity measures lengths with math.hypot."""


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    la, lb = math.hypot(*a), math.hypot(*b)
    if la == 0 or lb == 0:
        raise ValueError("zero vector")
    return sum(float(x) * float(y) for x, y in zip(a, b)) / (la * lb)
