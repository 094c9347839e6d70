"""dot skips the first pair of entries (a plausible bug): its worked example fails."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    return float(sum(float(x) * float(y) for x, y in zip(a[1:], b[1:])))
