"""linf_norm takes the largest entry, not the largest absolute value."""


def linf_norm(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return float(max(v, default=0.0))
