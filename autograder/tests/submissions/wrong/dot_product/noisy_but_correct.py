"""Correct code that prints, warns on stderr, returns numpy scalars and tuples: full marks."""
import sys
import warnings


def dot(a, b):
    print("dot of", a, "and", b)
    if len(a) != len(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    total = np.float64(0)
    for x, y in zip(a, b):
        total += x * y
    return total


def cosine_similarity(a, b):
    warnings.warn("cosine similarity is being computed")
    print("a message on stderr", file=sys.stderr)
    dot_ab = dot(a, b)
    length_a, length_b = math.sqrt(dot(a, a)), math.sqrt(dot(b, b))
    if length_a == 0 or length_b == 0:
        raise ValueError("zero vector")
    return dot_ab / (length_a * length_b)


def project(a, b):
    dot_ab = dot(a, b)
    dot_bb = dot(b, b)
    if dot_bb == 0:
        raise ValueError("cannot project onto the zero vector")
    return tuple(int(x) * 0 + dot_ab / dot_bb * x for x in b)
