"""linf_norm calls max() without a default: the empty vector raises ValueError instead of 0.0."""


def linf_norm(v):
    if np.ndim(v) != 1:
        raise ValueError(f"expected a vector, got shape {np.shape(v)}")
    return float(max(abs(x) for x in v))
