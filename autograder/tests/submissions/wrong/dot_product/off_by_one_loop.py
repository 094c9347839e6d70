"""dot stops one entry early (range(len(a) - 1)); the other two use their own correct loop."""


def _dot(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


def _check(a, b):
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")


def dot(a, b):
    _check(a, b)
    total = 0.0
    for i in range(len(a) - 1):
        total += a[i] * b[i]
    return total


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
