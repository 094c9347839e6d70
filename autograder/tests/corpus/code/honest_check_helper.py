"""Correct functions, a top-level helper that checks them against numpy (it calls np.dot and
np.linalg.norm) and is called from the top level only, and a local variable named like the
imported numpy routine (norm) inside cosine_similarity."""


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"cosine: shapes {np.shape(a)} and {np.shape(b)}")
    norm = 0.0
    for x in a:
        norm += float(x) ** 2
    other = sum(float(y) ** 2 for y in b)
    if norm == 0 or other == 0:
        raise ValueError("cosine: zero vector")
    return sum(float(x) * float(y) for x, y in zip(a, b)) / math.sqrt(norm * other)
# %%
from numpy.linalg import norm


def check(u, v):
    assert math.isclose(dot(u, v), np.dot(u, v))
    assert math.isclose(cosine_similarity(u, v), np.dot(u, v) / (norm(u) * norm(v)))


check([1, 2, 3], [3, 2, 1])
check([0.5, -1.5], [2.0, 4.0])
