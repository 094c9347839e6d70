"""Attention composed from products and a softmax: @, np.matmul, np.exp, np.max, np.sum, np.where."""


def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2) or x.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one entry per row, got shape {x.shape}")
    exps = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return exps / np.sum(exps, axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (np.asarray(m, dtype=float) for m in (Q, K, V))
    if Q.ndim != 2 or K.ndim != 2 or Q.shape[1] != K.shape[1]:
        raise ValueError(f"shapes {Q.shape} and {K.shape} do not fit")
    if V.ndim != 2 or K.shape[0] != V.shape[0]:
        raise ValueError(f"shapes {K.shape} and {V.shape} do not fit")
    scores = np.matmul(Q, K.T) / np.sqrt(Q.shape[1])
    if mask is not None:
        keep = np.asarray(mask, dtype=bool)
        if keep.shape != scores.shape:
            raise ValueError(f"the mask's shape {keep.shape} does not match the scores' shape {scores.shape}")
        scores = np.where(keep, scores, -np.inf)
    return softmax(scores) @ V
