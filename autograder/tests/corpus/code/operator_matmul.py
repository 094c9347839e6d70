"""dot calls operator.matmul on two arrays."""
import operator


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    return float(operator.matmul(np.asarray(a, float), np.asarray(b, float)))
