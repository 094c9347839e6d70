"""project returns b itself, not scaled: its worked example fails."""


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if not any(b):
        raise ValueError("zero vector")
    return [float(y) for y in b]
