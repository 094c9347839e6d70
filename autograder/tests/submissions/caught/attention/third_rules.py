"""softmax normalizes each column instead of each row; attention leaves the mask's shape to numpy's
broadcasting, whose error does not name the shapes as the rules ask."""


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2) or x.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one entry per row, got shape {x.shape}")
    exps = np.exp(x - x.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=0, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(m, dtype=float) for m in (Q, K, V))
    if Q.shape[1] != K.shape[1]:
        raise ValueError(f"shapes {Q.shape} and {K.shape} do not fit")
    if K.shape[0] != V.shape[0]:
        raise ValueError(f"shapes {K.shape} and {V.shape} do not fit")
    scores = Q @ K.T / math.sqrt(Q.shape[1])
    if mask is not None:
        scores = np.where(np.asarray(mask, dtype=bool), scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True) @ V
