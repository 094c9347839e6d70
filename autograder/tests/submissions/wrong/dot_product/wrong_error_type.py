"""dot raises TypeError (not ValueError) for lengths that differ; the others check lengths
themselves and raise ValueError."""


def _check(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")


def _dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def dot(a, b):
    if len(a) != len(b):
        raise TypeError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    return _dot(a, b)


def cosine_similarity(a, b):
    _check(a, b)
    length_a, length_b = math.sqrt(_dot(a, a)), math.sqrt(_dot(b, b))
    if length_a == 0 or length_b == 0:
        raise ValueError("zero vector")
    return _dot(a, b) / (length_a * length_b)


def project(a, b):
    _check(a, b)
    b_b = _dot(b, b)
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return [_dot(a, b) / b_b * x for x in b]
