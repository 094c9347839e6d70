"""transpose builds row i from A[i][j]: the indices are not swapped, so it returns a copy of A."""


def transpose(A):
    shape = np.shape(A)
    if len(shape) != 2:
        raise ValueError(f"expected a matrix, got shape {shape}")
    rows, columns = shape
    return [[A[i][j] for j in range(columns)] for i in range(rows)]
