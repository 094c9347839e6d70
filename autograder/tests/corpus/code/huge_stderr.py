"""project writes 3 MB to stderr on every call (many lines), then answers correctly."""
import sys


def project(a, b):
    sys.stderr.write(("warning: " + "y" * 90 + "\n") * 30000)
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    bb = sum(float(y) ** 2 for y in b)
    if bb == 0:
        raise ValueError("zero vector")
    scale = sum(float(x) * float(y) for x, y in zip(a, b)) / bb
    return [scale * float(y) for y in b]
