"""matvec stops one column early (range(len(x) - 1))."""


def matvec(A, x):
    shape_A, shape_x = np.shape(A), np.shape(x)
    if len(shape_A) != 2 or len(shape_x) != 1 or shape_A[1] != shape_x[0]:
        raise ValueError(f"shapes {shape_A} and {shape_x} do not fit")
    return [sum(row[j] * x[j] for j in range(len(x) - 1)) for row in A]
