"""dot calls the array method: np.asarray(a).dot(b)."""


def dot(a, b):
    return float(np.asarray(a, dtype=float).dot(np.asarray(b, dtype=float)))
