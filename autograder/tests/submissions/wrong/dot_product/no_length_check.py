"""zip() silently drops the extra entries: vectors of different lengths give a number instead of a
ValueError, in all three functions (zero vectors are still refused)."""


def dot(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


def cosine_similarity(a, b):
    length_a, length_b = math.sqrt(dot(a, a)), math.sqrt(dot(b, b))
    if length_a == 0 or length_b == 0:
        raise ValueError("zero vector")
    return dot(a, b) / (length_a * length_b)


def project(a, b):
    b_b = dot(b, b)
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return [dot(a, b) / b_b * x for x in b]
