"""dot calls numpy's dot under another name (from numpy import dot as _d)."""
from numpy import dot as _d


def dot(a, b):
    return float(_d(np.asarray(a, float), np.asarray(b, float)))
