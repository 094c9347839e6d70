"""cosine_similarity divides by |a|^2 |b|^2: the square roots are forgotten."""


def cosine_similarity(a, b):
    dot_ab = dot(a, b)
    squared_a, squared_b = dot(a, a), dot(b, b)
    if squared_a == 0 or squared_b == 0:
        raise ValueError("zero vector")
    return dot_ab / (squared_a * squared_b)
