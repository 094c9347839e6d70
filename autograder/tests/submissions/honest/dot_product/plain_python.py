"""Plain Python only: loops, zip, comprehensions, sum, abs, max, + - * / ** and math.sqrt."""


def dot(a, b):
    if len(a) - len(b) != 0:
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    total = 0.0
    for x, y in zip(a, b):
        total = total + x * y
    return total


def cosine_similarity(a, b):
    length_a = math.sqrt(sum(x ** 2 for x in a))
    length_b = math.sqrt(sum([y ** 2 for y in b]))
    product = dot(a, b)
    if length_a == 0 or length_b == 0:
        raise ValueError("a zero vector has no direction")
    return max(-1.0, min(1.0, product / (length_a * length_b)))  # rounding stays in [-1, 1]


def project(a, b):
    scale = max(abs(y) for y in b) if len(b) else 0.0
    if scale == 0:
        raise ValueError("cannot project onto the zero vector")
    unit = [y / scale for y in b]  # b scaled down: no overflow in b·b
    factor = dot(a, unit) / dot(unit, unit)
    return [factor * u for u in unit]
