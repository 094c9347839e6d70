"""b is never checked against A: the augmented matrix fails to build, with numpy's message and
no shapes. fit_line never checks x and y against each other: X^T y fails the same way."""


def solve(A, b):
    A = np.array(A, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    augmented = np.column_stack([A, np.array(b, dtype=float)])
    n = len(A)
    for k in range(n):
        p = k + np.argmax(np.abs(augmented[k:, k]))
        if abs(augmented[p, k]) <= 1e-12 * np.abs(A).max():
            raise ValueError("A is singular")
        augmented[[k, p]] = augmented[[p, k]]
        for i in range(k + 1, n):
            augmented[i] -= augmented[i, k] / augmented[k, k] * augmented[k]
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (augmented[i, n] - augmented[i, i + 1:n] @ x[i + 1:]) / augmented[i, i]
    return x


def fit_line(x, y):
    x = np.asarray(x, dtype=float)
    X = np.column_stack([np.ones(len(x)), x])
    intercept, slope = solve(X.T @ X, X.T @ np.asarray(y, dtype=float))
    return float(intercept), float(slope)
