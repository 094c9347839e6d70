"""Reference for the `linear_systems` assignment: solve(A, b) by Gaussian elimination with partial
pivoting and back substitution, and fit_line(x, y) by least squares."""
from __future__ import annotations

import numpy as np

from autograder.reference.shapes import mismatch, same_shape

# A pivot this small, relative to the largest entry of A, means A is singular (as the notebook says).
SINGULAR = 1e-12


def square_matrix(A) -> np.ndarray:
    """A float copy of a square matrix with at least one row; ValueError naming its shape otherwise."""
    A = np.array(A, dtype=np.float64)  # ValueError by itself for rows of different lengths
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise ValueError(f"A must be a square matrix, got shape {A.shape}")
    return A


def solve(A, b) -> np.ndarray:
    """The x with A x = b: elimination on [A | b], swapping up the largest pivot of each column, then
    back substitution. ValueError for a non-square A, a b that does not fit, a singular A."""
    A = square_matrix(A)
    b = np.array(b, dtype=np.float64)
    n = A.shape[0]
    if b.shape != (n,):
        raise mismatch(A, b, "do not fit: b needs one entry per row of A")
    augmented = np.column_stack([A, b])
    smallest_pivot = SINGULAR * np.abs(A).max()
    for k in range(n):
        pivot_row = k + int(np.argmax(np.abs(augmented[k:, k])))
        if abs(augmented[pivot_row, k]) <= smallest_pivot:
            raise ValueError(f"A is singular: no pivot in column {k}")
        augmented[[k, pivot_row]] = augmented[[pivot_row, k]]
        for row in range(k + 1, n):
            augmented[row, k:] -= augmented[row, k] / augmented[k, k] * augmented[k, k:]
    x = np.zeros(n)
    for row in reversed(range(n)):
        x[row] = (augmented[row, n] - augmented[row, row + 1:n] @ x[row + 1:]) / augmented[row, row]
    return x


def fit_line(x, y) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through the points (x_i, y_i).

    Computed from the centred sums (the normal equations solved by hand), which is exact where
    forming X^T X would lose digits.
    """
    x, y = same_shape(x, y)
    if np.unique(x).size < 2:
        raise ValueError(f"a line needs at least two different x values, got {np.unique(x).size}")
    dx, dy = x - x.mean(), y - y.mean()
    slope = float(np.sum(dx * dy) / np.sum(dx * dx))
    return float(y.mean() - slope * x.mean()), slope
