"""An honest student: converts everything first, checks carefully, prints a little."""


def _as_floats(v):
    return [float(x) for x in v]


def dot(a, b):
    a, b = _as_floats(a), _as_floats(b)
    if len(b) != len(a):
        raise ValueError(f"dot: {np.shape(a)} vs {np.shape(b)}: the shapes must match")
    return math.fsum(x * y for x, y in zip(a, b))


def cosine_similarity(a, b):
    na, nb = math.sqrt(dot(a, a)), math.sqrt(dot(b, b))
    product = dot(a, b)
    if not na or not nb:
        raise ValueError("cosine_similarity: a zero vector has no angle")
    return product / na / nb


def project(a, b):
    ab, bb = dot(a, b), dot(b, b)
    if bb == 0:
        raise ValueError("project: b must not be the zero vector")
    print("projecting with factor", ab / bb)
    return [ab / bb * y for y in _as_floats(b)]
