"""No shape checks of their own (numpy's own errors name no shapes, a vector's .T is the vector),
and forbidden shortcuts: .T in transpose, np.dot in matvec, @ in matmul."""


def transpose(A):
    return np.asarray(A).T.tolist()


def matvec(A, x):
    return [float(np.dot(row, x)) for row in np.asarray(A, dtype=float)]


def matmul(A, B):
    return np.asarray(A, dtype=float) @ np.asarray(B, dtype=float)
