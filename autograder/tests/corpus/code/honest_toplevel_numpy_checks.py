"""Correct functions, and scratch cells at the top level that compare them with numpy's own
np.dot, np.linalg.norm and @ (a student checking their work; nothing graded uses numpy's)."""
# %%
a, b = [1.0, 2.0, 3.0], [4.0, -5.0, 6.0]
print("mine:", dot(a, b), "numpy:", np.dot(a, b))
assert math.isclose(dot(a, b), np.dot(a, b))
expected_cosine = np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
assert math.isclose(cosine_similarity(a, b), expected_cosine)
A = np.array([a, b])
print(A @ A.T, np.asarray(a).dot(b))
for u, v in [(a, b), (b, a)]:
    assert np.allclose(project(u, v), np.dot(u, v) / np.dot(v, v) * np.asarray(v))
# %%
from numpy.linalg import norm

print(norm(a), norm(b))
