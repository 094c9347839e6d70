"""The matrix product as a tool, through np.matmul and np.dot."""


def dense_forward(X, W, b):
    X, W, b = (np.asarray(m, dtype=float) for m in (X, W, b))
    if X.ndim != 2 or W.ndim != 2 or X.shape[1] != W.shape[0]:
        raise ValueError(f"shapes {X.shape} and {W.shape} do not fit")
    if b.shape != (W.shape[1],):
        raise ValueError(f"shapes {W.shape} and {b.shape} do not fit")
    return np.matmul(X, W) + b


def relu(X):
    X = np.asarray(X, dtype=float)
    if X.ndim not in (1, 2):
        raise ValueError(f"expected a vector or a matrix, got shape {X.shape}")
    return np.maximum(X, 0.0)


def mlp_forward(X, W1, b1, W2, b2):
    hidden = relu(dense_forward(X, W1, b1))
    W2, b2 = np.asarray(W2, dtype=float), np.asarray(b2, dtype=float)
    if W2.ndim != 2 or hidden.shape[1] != W2.shape[0]:
        raise ValueError(f"shapes {hidden.shape} and {W2.shape} do not fit")
    if b2.shape != (W2.shape[1],):
        raise ValueError(f"shapes {W2.shape} and {b2.shape} do not fit")
    return np.dot(hidden, W2) + b2
