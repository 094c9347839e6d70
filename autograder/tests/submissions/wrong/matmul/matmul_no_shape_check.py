"""matmul never checks that A's columns match B's rows: IndexError or a meaningless product
instead of the ValueError naming both shapes."""


def matmul(A, B):
    rows, inner = np.shape(A)
    columns = np.shape(B)[1]
    return [[sum(A[i][k] * B[k][j] for k in range(inner)) for j in range(columns)]
            for i in range(rows)]
