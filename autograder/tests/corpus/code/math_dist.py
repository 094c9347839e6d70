"""project measures |b| with math.dist from the origin."""


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    length = math.dist(b, [0] * len(b))
    if length == 0:
        raise ValueError("zero vector")
    scale = sum(float(x) * float(y) for x, y in zip(a, b)) / length ** 2
    return [scale * float(y) for y in b]
