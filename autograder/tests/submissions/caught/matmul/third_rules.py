"""transpose squeezes its input first, so a 1x4 matrix looks like a vector and is refused; matvec
and matmul scale x and B in place to avoid overflow (a numpy array passed in is changed)."""


def transpose(A):
    A = np.asarray(A).squeeze()
    if A.ndim != 2:
        raise ValueError(f"expected a matrix, got shape {A.shape}")
    rows, columns = A.shape
    return [[A[i, j] for i in range(rows)] for j in range(columns)]


def matvec(A, x):
    A, x = np.asarray(A, dtype=float), np.asarray(x, dtype=float)
    if A.ndim != 2 or x.ndim != 1 or A.shape[1] != x.shape[0]:
        raise ValueError(f"shapes {A.shape} and {x.shape} do not fit")
    scale = max(float(np.abs(x).max(initial=0.0)), 1.0)
    x /= scale
    return [float(np.sum(row * x)) * scale for row in A]


def matmul(A, B):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[0]:
        raise ValueError(f"shapes {A.shape} and {B.shape} do not fit")
    scale = max(float(np.abs(B).max(initial=0.0)), 1.0)
    B /= scale
    return [[float(np.sum(A[i, :] * B[:, j])) * scale for j in range(B.shape[1])] for i in range(A.shape[0])]
