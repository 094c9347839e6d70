"""transpose tells a vector from a matrix by its first row only (rows of different lengths then
crash with IndexError); matvec returns a column (one-entry rows) for a one-column matrix instead of a vector;
matmul squeezes its inputs, so 3x1 times 1x3 becomes a number."""


def transpose(A):
    if not isinstance(A[0], (list, tuple, np.ndarray)):
        raise ValueError(f"expected a matrix, got shape {np.shape(A)}")
    rows, columns = len(A), len(A[0])
    return [[A[i][j] for i in range(rows)] for j in range(columns)]


def matvec(A, x):
    shape_A, shape_x = np.shape(A), np.shape(x)
    if len(shape_A) != 2 or len(shape_x) != 1 or shape_A[1] != shape_x[0]:
        raise ValueError(f"shapes {shape_A} and {shape_x} do not fit")
    if shape_A[1] == 1:  # a column times a number is a column
        return [[row[0] * x[0]] for row in A]
    return [sum(a * b for a, b in zip(row, x)) for row in A]


def matmul(A, B):
    shape_A, shape_B = np.shape(A), np.shape(B)
    if len(shape_A) != 2 or len(shape_B) != 2 or shape_A[1] != shape_B[0]:
        raise ValueError(f"shapes {shape_A} and {shape_B} do not fit")
    A, B = np.asarray(A, dtype=float).squeeze(), np.asarray(B, dtype=float).squeeze()
    if A.ndim == 1 and B.ndim == 1:
        return float(np.sum(A * B))
    return [[float(np.sum(row * column)) for column in np.asarray(B).T] for row in np.atleast_2d(A)]
