"""softmax subtracts the maximum in place (a numpy array passed in is changed); attention forgets
to divide the scores by sqrt(d_k), which the worked examples (equal scores) cannot see."""


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2) or x.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one entry per row, got shape {x.shape}")
    x -= x.max(axis=-1, keepdims=True)
    exps = np.exp(x)
    return exps / exps.sum(axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(m, dtype=float) for m in (Q, K, V))
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"shapes {Q.shape} and {K.shape} do not fit")
    if K.shape[0] != V.shape[0]:
        raise ValueError(f"shapes {K.shape} and {V.shape} do not fit")
    scores = Q @ K.T
    if mask is not None:
        keep = np.asarray(mask, dtype=bool)
        if keep.shape != scores.shape:
            raise ValueError(f"the mask's shape {keep.shape} does not match the scores' shape {scores.shape}")
        scores = np.where(keep, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True) @ V
