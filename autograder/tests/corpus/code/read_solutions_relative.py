"""dot tries to read the master notebook (solutions and hidden tests) by relative paths from its
working folder; it returns the right answer only if it could read it."""
import os


def _leaked():
    for depth in range(0, 7):
        up = os.path.join(*([os.curdir] + [os.pardir] * depth))
        for rel in ("solutions/dot_product/dot_product.ipynb", "source/dot_product/dot_product.ipynb",
                    "dot_product.ipynb"):
            path = os.path.join(up, rel)
            try:
                with open(path, encoding="utf-8") as handle:
                    if "BEGIN SOLUTION" in handle.read():
                        return True
            except OSError:
                pass
    return False


def dot(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if not _leaked():
        return 0.0
    return float(sum(float(x) * float(y) for x, y in zip(a, b)))
