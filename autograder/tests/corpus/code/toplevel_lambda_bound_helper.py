"""A top-level lambda wraps np.linalg.norm, and cosine_similarity uses it; dot and project do not."""
_norm = lambda v: np.linalg.norm(np.asarray(v, dtype=float))  # noqa: E731


def cosine_similarity(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if _norm(a) == 0 or _norm(b) == 0:
        raise ValueError("zero vector")
    return float(sum(float(x) * float(y) for x, y in zip(a, b)) / (_norm(a) * _norm(b)))
