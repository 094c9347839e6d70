"""dot is recursive and crashes on empty vectors; cosine_similarity and project check the lengths
but divide by zero instead of raising ValueError for a zero vector."""


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    head = a[0] * b[0]
    return head + dot(a[1:], b[1:]) if len(a) > 1 else head


def cosine_similarity(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    ab = sum(x * y for x, y in zip(a, b))
    return ab / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def project(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    factor = sum(x * y for x, y in zip(a, b)) / sum(y * y for y in b)
    return [factor * y for y in b]
