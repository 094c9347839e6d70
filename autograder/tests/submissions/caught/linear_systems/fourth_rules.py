"""A 1x1 system comes back as a plain number, not a vector of length 1. fit_line centres y in
place: np.asarray hands back the caller's own float array, which changes."""


def solve(A, b):
    A, b = np.array(A, dtype=float), np.array(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if b.shape != (len(A),):
        raise ValueError(f"shapes {A.shape} and {b.shape} do not fit")
    if len(A) == 1:
        if abs(A[0, 0]) == 0:
            raise ValueError("A is singular")
        return b[0] / A[0, 0]
    n = len(A)
    for k in range(n):
        p = k + np.argmax(np.abs(A[k:, k]))
        if abs(A[p, k]) <= 1e-12 * np.abs(A).max():
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
    mean_y = y.mean()
    y -= mean_y  # centred: the caller's y changes when it is a float array
    dx = x - x.mean()
    slope = np.sum(dx * y) / np.sum(dx * dx)
    return mean_y - slope * x.mean(), slope
