"""Element-wise numpy (np.asarray, np.shape, np.sum, np.abs, np.sqrt, * / ** on arrays) and sum,
abs, max, math.sqrt, with the arithmetic scaled by a norm as careful numerical code does; matmul
may use np.transpose (only transpose itself must build the result by indexing)."""


def transpose(A):
    A = np.asarray(A)
    if A.ndim != 2:
        raise ValueError(f"expected a matrix, got shape {np.shape(A)}")
    rows, columns = np.shape(A)
    return [[A[i, j] for i in range(rows)] for j in range(columns)]


def matvec(A, x):
    A, x = np.asarray(A, dtype=float), np.asarray(x, dtype=float)
    if A.ndim != 2 or x.ndim != 1 or A.shape[1] != x.shape[0]:
        raise ValueError(f"shapes {np.shape(A)} and {np.shape(x)} do not fit")
    scale = max(math.sqrt(sum(abs(v) ** 2 for v in x.tolist())), 1.0)
    return np.sum(A * (x / scale), axis=1) * scale


def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"shapes {np.shape(A)} and {np.shape(B)} do not fit")
    scale = max(float(np.sqrt(np.sum(np.abs(B) ** 2))), 1.0)
    columns = np.transpose(B) / scale
    return np.asarray([[np.sum(row * column) * scale for column in columns] for row in A]).reshape(
        A.shape[0], B.shape[1])
