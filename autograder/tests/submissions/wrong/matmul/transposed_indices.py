"""matmul reads B[j][k] instead of B[k][j]: transposed indices (IndexError on the worked example)."""


def matmul(A, B):
    shape_A, shape_B = np.shape(A), np.shape(B)
    if len(shape_A) != 2 or len(shape_B) != 2 or shape_A[1] != shape_B[0]:
        raise ValueError(f"shapes {shape_A} and {shape_B} do not fit")
    rows, inner = shape_A
    columns = shape_B[1]
    return [[sum(A[i][k] * B[j][k] for k in range(inner)) for j in range(columns)]
            for i in range(rows)]
