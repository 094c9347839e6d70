"""transpose swaps the entries of a square matrix in place (to save memory) and returns it."""


def transpose(A):
    shape = np.shape(A)
    if len(shape) != 2:
        raise ValueError(f"expected a matrix, got shape {shape}")
    rows, columns = shape
    if rows == columns and isinstance(A, list):
        for i in range(rows):
            for j in range(i + 1, columns):
                A[i][j], A[j][i] = A[j][i], A[i][j]
        return A
    return [[A[i][j] for i in range(rows)] for j in range(columns)]
