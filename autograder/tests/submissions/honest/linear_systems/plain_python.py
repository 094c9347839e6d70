"""Plain Python lists for the elimination (loops, abs, max), np.asarray for the shapes; fit_line by
the normal equations written as sums, solved with solve."""


def solve(A, b):
    shape_a, shape_b = np.shape(np.asarray(A, dtype=float)), np.shape(np.asarray(b, dtype=float))
    if len(shape_a) != 2 or shape_a[0] != shape_a[1] or shape_a[0] == 0:
        raise ValueError(f"A must be square, got shape {shape_a}")
    n = shape_a[0]
    if shape_b != (n,):
        raise ValueError(f"shapes {shape_a} and {shape_b} do not fit")
    rows = [[float(v) for v in row] + [float(rhs)] for row, rhs in zip(A, b)]  # new lists: A stays as it was
    smallest = 1e-12 * max(abs(v) for row in rows for v in row[:n])
    for k in range(n):
        pivot = max(range(k, n), key=lambda i: abs(rows[i][k]))
        if abs(rows[pivot][k]) <= smallest:
            raise ValueError("A is singular")
        rows[k], rows[pivot] = rows[pivot], rows[k]
        for i in range(k + 1, n):
            factor = rows[i][k] / rows[k][k]
            rows[i] = [a - factor * p for a, p in zip(rows[i], rows[k])]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (rows[i][n] - sum(rows[i][j] * x[j] for j in range(i + 1, n))) / rows[i][i]
    return x


def fit_line(x, y):
    if np.ndim(x) != 1 or np.ndim(y) != 1 or len(x) != len(y):
        raise ValueError(f"shapes {np.shape(x)} and {np.shape(y)} do not match")
    if len(set(x)) < 2:
        raise ValueError("a line needs two different x values")
    n, sx, sy = len(x), sum(x), sum(y)
    sxx, sxy = sum(v * v for v in x), sum(u * v for u, v in zip(x, y))
    intercept, slope = solve([[n, sx], [sx, sxx]], [sy, sxy])
    return intercept, slope
