"""An honest student: plain loops, index by index."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"cannot take the dot product of shapes {np.shape(a)} and {np.shape(b)}")
    total = 0.0
    for i in range(len(a)):
        total = total + a[i] * b[i]
    return float(total)


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"cannot compare shapes {np.shape(a)} and {np.shape(b)}")
    top = dot(a, b)
    size_a = math.sqrt(dot(a, a))
    size_b = math.sqrt(dot(b, b))
    if size_a == 0.0 or size_b == 0.0:
        raise ValueError("one of the vectors is zero")
    return top / (size_a * size_b)


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"cannot project between shapes {np.shape(a)} and {np.shape(b)}")
    denominator = dot(b, b)
    if denominator == 0.0:
        raise ValueError("b is the zero vector")
    ratio = dot(a, b) / denominator
    result = []
    for i in range(len(b)):
        result.append(ratio * b[i])
    return result
