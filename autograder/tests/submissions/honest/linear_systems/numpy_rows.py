"""numpy rows: np.asarray (then a copy), np.abs, np.argmax, np.zeros, @ for back substitution and
for X^T X in fit_line, which calls solve."""


def solve(A, b):
    A, b = np.asarray(A, dtype=float).copy(), np.asarray(b, dtype=float).copy()
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.size == 0:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if b.shape != A.shape[:1]:
        raise ValueError(f"shapes {A.shape} and {b.shape} do not fit")
    n, tolerance = len(b), 1e-12 * np.abs(A).max()
    for k in range(n):
        p = k + int(np.argmax(np.abs(A[k:, k])))
        if np.abs(A[p, k]) <= tolerance:
            raise ValueError("A is singular")
        A[[k, p]], b[[k, p]] = A[[p, k]], b[[p, k]]
        factors = A[k + 1:, k] / A[k, k]
        A[k + 1:] -= factors[:, None] * A[k]
        b[k + 1:] -= factors * b[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]
    return x


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"shapes {x.shape} and {y.shape} do not match")
    if np.abs(x - x[0]).max() == 0:
        raise ValueError("a line needs two different x values")
    X = np.stack([np.ones_like(x), x], axis=1)
    w = solve(X.T @ X, X.T @ y)
    return w[0], w[1]
