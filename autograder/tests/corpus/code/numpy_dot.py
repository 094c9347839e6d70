"""dot calls np.dot."""


def dot(a, b):
    return float(np.dot(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))
