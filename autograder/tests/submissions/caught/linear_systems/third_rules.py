"""No test for a singular matrix: a zero pivot divides by zero and the answer is nan. fit_line by
the textbook formula, whose denominator is 0 when every x is the same: nan again, no error. (Its
result comes back as a column, shape (2, 1).)"""


def solve(A, b):
    A, b = np.array(A, dtype=float), np.array(b, dtype=float)
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    if b.shape != (len(A),):
        raise ValueError(f"shapes {A.shape} and {b.shape} do not fit")
    n = len(A)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(n):
            p = k + np.argmax(np.abs(A[k:, k]))
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
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    return np.array([[y.mean() - slope * x.mean()], [slope]])
