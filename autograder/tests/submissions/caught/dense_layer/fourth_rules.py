"""The bias is made a row in place (b.shape = (1, -1)), and relu zeroes the negative entries of the
array it is given: numpy arrays passed in are changed."""


def dense_forward(X, W, b):
    X, W, b = np.asarray(X, dtype=float), np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    if X.ndim != 2 or W.ndim != 2 or X.shape[1] != W.shape[0]:
        raise ValueError(f"shapes {X.shape} and {W.shape} do not fit")
    if b.shape != (W.shape[1],):
        raise ValueError(f"shapes {W.shape} and {b.shape} do not fit")
    b.shape = (1, -1)  # a row, added to every row of XW
    return X @ W + b


def relu(X):
    X = np.asarray(X, dtype=float)
    if X.ndim not in (1, 2):
        raise ValueError(f"expected a vector or a matrix, got shape {X.shape}")
    X[X < 0] = 0.0
    return X


def mlp_forward(X, W1, b1, W2, b2):
    hidden = np.maximum(dense_forward(X, W1, b1), 0.0)
    return dense_forward(hidden, W2, b2)
