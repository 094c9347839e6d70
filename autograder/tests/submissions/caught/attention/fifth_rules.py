"""attention scales Q in place by 1/sqrt(d_k) (a numpy array passed in is changed)."""


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(m, dtype=float) for m in (Q, K, V))
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"shapes {Q.shape} and {K.shape} do not fit")
    if K.shape[0] != V.shape[0]:
        raise ValueError(f"shapes {K.shape} and {V.shape} do not fit")
    Q /= math.sqrt(Q.shape[1])
    scores = Q @ K.T
    if mask is not None:
        keep = np.asarray(mask, dtype=bool)
        if keep.shape != scores.shape:
            raise ValueError(f"the mask's shape {keep.shape} does not match the scores' shape {scores.shape}")
        scores = np.where(keep, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True) @ V
