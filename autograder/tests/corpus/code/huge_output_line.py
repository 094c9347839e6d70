"""cosine_similarity prints a single 5 MB line on every call, then answers correctly."""


def cosine_similarity(a, b):
    print("x" * (5 * 2 ** 20))
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    ab = sum(float(x) * float(y) for x, y in zip(a, b))
    aa, bb = sum(float(x) ** 2 for x in a), sum(float(y) ** 2 for y in b)
    if aa == 0 or bb == 0:
        raise ValueError("zero vector")
    return ab / math.sqrt(aa * bb)
