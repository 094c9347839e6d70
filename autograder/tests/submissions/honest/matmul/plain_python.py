"""Plain Python only: loops, zip, comprehensions, + - * and np.shape; matmul uses the
student's own transpose and matvec (allowed there), and transpose builds the result by indexing."""


def _matrix(A):
    shape = np.shape(A)
    if len(shape) != 2:
        raise ValueError(f"expected a matrix, got shape {shape}")
    return shape


def transpose(A):
    rows, columns = _matrix(A)
    result = []
    for j in range(columns):
        result.append([A[i][j] for i in range(rows)])
    return result


def matvec(A, x):
    shape_A, shape_x = np.shape(A), np.shape(x)
    if len(shape_A) != 2 or len(shape_x) != 1 or shape_A[1] - shape_x[0] != 0:
        raise ValueError(f"shapes {shape_A} and {shape_x} do not fit")
    result = []
    for row in A:
        total = 0
        for a, b in zip(row, x):
            total = total + a * b
        result.append(total)
    return result


def matmul(A, B):
    shape_A, shape_B = np.shape(A), np.shape(B)
    if len(shape_A) != 2 or len(shape_B) != 2 or shape_A[1] != shape_B[0]:
        raise ValueError(f"shapes {shape_A} and {shape_B} do not fit")
    columns = [matvec(A, column) for column in transpose(B)] if shape_B[1] else []
    return [[columns[j][i] for j in range(shape_B[1])] for i in range(shape_A[0])]
