"""Correct functions that warn (warnings.warn, which goes to stderr) and write notes to stderr."""
import sys
import warnings


def dot(a, b):
    warnings.warn("dot: converting inputs to float")
    print("dot called", file=sys.stderr)
    if len(b) != len(a):
        raise ValueError(f"dot needs equal lengths, got shapes {np.shape(a)} and {np.shape(b)}")
    return float(sum(float(x) * float(y) for x, y in zip(a, b)))


def cosine_similarity(a, b):
    warnings.warn("cosine_similarity may lose precision", RuntimeWarning)
    if len(b) != len(a):
        raise ValueError(f"cosine needs equal lengths, got shapes {np.shape(a)} and {np.shape(b)}")
    ab = sum(float(x) * float(y) for x, y in zip(a, b))
    aa, bb = sum(float(x) ** 2 for x in a), sum(float(y) ** 2 for y in b)
    if aa == 0 or bb == 0:
        raise ValueError("cosine of a zero vector")
    return ab / (math.sqrt(aa) * math.sqrt(bb))
