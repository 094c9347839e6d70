"""cosine_similarity forgets the zero-vector check: Python raises ZeroDivisionError, not ValueError."""


def cosine_similarity(a, b):
    dot_ab = dot(a, b)
    return dot_ab / (math.sqrt(dot(a, a)) * math.sqrt(dot(b, b)))
