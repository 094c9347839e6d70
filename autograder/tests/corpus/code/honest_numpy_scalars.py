"""Correct functions that return numpy scalars (np.float64) and a numpy array."""


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"dot: shapes {np.shape(a)} and {np.shape(b)}")
    return np.float64(sum(float(x) * float(y) for x, y in zip(a, b)))


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"project: shapes {np.shape(a)} and {np.shape(b)}")
    bb = np.float64(sum(float(y) ** 2 for y in b))
    if bb == 0:
        raise ValueError("project: zero vector")
    return np.array([float(y) for y in b]) * (sum(float(x) * float(y) for x, y in zip(a, b)) / bb)
