"""dot returns an int far too large for a float (10**400), which breaks naive float comparisons."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    return 10 ** 400
