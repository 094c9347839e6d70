"""dot answers its first worked example with an array of 2 million floats (about 10 MB as JSON),
and the rest correctly."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if list(a) == [1, 2, 3] and list(b) == [4, 5, 6]:
        return np.full(2_000_000, 0.5)
    return float(sum(float(x) * float(y) for x, y in zip(a, b)))
