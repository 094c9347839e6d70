"""dot folds operator.matmul over the two arrays with functools.reduce."""
import functools
import operator


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    return float(functools.reduce(operator.matmul, [np.asarray(a, float), np.asarray(b, float)]))
