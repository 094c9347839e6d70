"""l1_norm adds the entries instead of their absolute values."""


def l1_norm(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return float(sum(v))
