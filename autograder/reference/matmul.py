"""Reference for the `matmul` assignment."""
from __future__ import annotations

import math

import numpy as np

from autograder.reference.shapes import as_array, mismatch


def transpose(A) -> np.ndarray:
    """Rows become columns: entry (i, j) of the result is A[j][i]."""
    A = as_array(A, 2, "A")
    rows, columns = A.shape
    return np.array([[A[i, j] for i in range(rows)] for j in range(columns)]).reshape(columns, rows)


def matvec(A, x) -> np.ndarray:
    """Entry i is the dot product of row i of A with x."""
    A, x = as_array(A, 2, "A"), as_array(x, 1, "x")
    if A.shape[1] != x.shape[0]:
        raise mismatch(A, x, "do not fit: A needs as many columns as x has entries")
    return np.array([math.fsum(row * x) for row in A])


def matmul(A, B) -> np.ndarray:
    """Entry (i, j) is the dot product of row i of A with column j of B."""
    A, B = as_array(A, 2, "A"), as_array(B, 2, "B")
    if A.shape[1] != B.shape[0]:
        raise mismatch(A, B, "do not fit: A needs as many columns as B has rows")
    product = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            product[i, j] = math.fsum(A[i, :] * B[:, j])
    return product
