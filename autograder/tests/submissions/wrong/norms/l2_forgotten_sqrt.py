"""l2_norm returns the sum of squares: the square root is forgotten."""


def l2_norm(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return float(sum(x * x for x in v))
