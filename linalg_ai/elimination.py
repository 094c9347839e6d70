"""Gaussian elimination written out: row echelon form, rank, null space and solving A x = b.

Used by the chapters "Linear independence, span, basis and rank" (book/basis_and_rank.md) and
"Solving linear systems" (book/linear_systems.md). The code follows the steps done by hand in the
text, and records them, so that a page can print "R2 <- R2 - 2 R1" and the tests can check them.
The libraries do the same work faster (LAPACK's LU factorisation behind ``np.linalg.solve``); these
functions are for reading, and for checking the libraries on small examples.

    from linalg_ai.elimination import row_echelon, rank, null_space, solve

    row_echelon([[1, 4, 7], [2, 5, 8], [3, 6, 9]]).pivots   # (0, 1): rank 2
    solve([[2, 1], [1, 3]], [5, 5])                         # array([2., 1.])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Echelon:
    """The result of forward elimination: ``matrix`` is upper triangular in the staircase sense (each
    row's first non-zero entry, its pivot, lies right of the row above's); ``pivots`` are the pivot
    columns; ``steps`` are the row operations in the order they were done."""

    matrix: np.ndarray
    pivots: tuple[int, ...]
    steps: tuple[str, ...]

    @property
    def rank(self) -> int:
        return len(self.pivots)


def default_tolerance(matrix: np.ndarray) -> float:
    """Entries below this count as zero: rounding error of a few operations on numbers of this size."""
    scale = float(np.abs(matrix).max()) if matrix.size else 0.0
    return max(matrix.shape, default=1) * np.finfo(float).eps * max(scale, 1.0)


def _as_matrix(a) -> np.ndarray:
    matrix = np.array(a, dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"expected a matrix (2 axes), got shape {matrix.shape}")
    return matrix


def _fmt(number: float) -> str:
    return f"{number:g}"


def row_echelon(a, partial_pivoting: bool = False, tol: float | None = None) -> Echelon:
    """Forward elimination of ``a`` to row echelon form.

    Column by column, a pivot is chosen below the rows already done: the first entry that is not
    (nearly) zero, as one does by hand, or with ``partial_pivoting`` the largest in absolute value, as
    libraries do for accuracy. Rows are swapped to bring it up, and multiples of its row are subtracted
    from the rows below until the column is zero under the pivot.
    """
    matrix = _as_matrix(a)
    tol = default_tolerance(matrix) if tol is None else tol
    rows, columns = matrix.shape
    pivots: list[int] = []
    steps: list[str] = []
    row = 0
    for column in range(columns):
        if row == rows:
            break
        candidates = np.abs(matrix[row:, column])
        if partial_pivoting:
            best = row + int(np.argmax(candidates))
            if candidates.max() <= tol:
                continue
        else:
            nonzero = np.flatnonzero(candidates > tol)
            if nonzero.size == 0:
                continue
            best = row + int(nonzero[0])
        if best != row:
            matrix[[row, best]] = matrix[[best, row]]
            steps.append(f"R{row + 1} <-> R{best + 1}")
        for below in range(row + 1, rows):
            multiplier = matrix[below, column] / matrix[row, column]
            if abs(multiplier) > 0:
                matrix[below] -= multiplier * matrix[row]
                matrix[below, column] = 0.0  # exactly zero, not a rounding remainder
                sign = "-" if multiplier > 0 else "+"
                steps.append(f"R{below + 1} <- R{below + 1} {sign} {_fmt(abs(multiplier))} R{row + 1}")
        pivots.append(column)
        row += 1
    matrix[np.abs(matrix) <= tol] = 0.0
    return Echelon(matrix=matrix, pivots=tuple(pivots), steps=tuple(steps))


def rank(a, tol: float | None = None) -> int:
    """The number of pivots of the row echelon form: how many columns (or rows) are independent."""
    return row_echelon(a, partial_pivoting=True, tol=tol).rank


def reduced_row_echelon(a, tol: float | None = None) -> Echelon:
    """Row echelon form continued upwards: every pivot 1, and zeros above it too."""
    echelon = row_echelon(a, partial_pivoting=True, tol=tol)
    matrix = echelon.matrix.copy()
    for row, column in reversed(list(enumerate(echelon.pivots))):
        matrix[row] /= matrix[row, column]
        for above in range(row):
            matrix[above] -= matrix[above, column] * matrix[row]
    return Echelon(matrix=matrix, pivots=echelon.pivots, steps=echelon.steps)


def null_space(a, tol: float | None = None) -> np.ndarray:
    """A basis of {x : A x = 0} as the columns of an n x (n - rank) matrix.

    Each free (non-pivot) column f gives one basis vector: x_f = 1, the other free entries 0, and the
    pivot entries read off the reduced row echelon form, x_pivot = -R[row, f].
    """
    reduced = reduced_row_echelon(a, tol=tol)
    columns = reduced.matrix.shape[1]
    free = [c for c in range(columns) if c not in reduced.pivots]
    basis = np.zeros((columns, len(free)))
    for k, f in enumerate(free):
        basis[f, k] = 1.0
        for row, pivot in enumerate(reduced.pivots):
            basis[pivot, k] = -reduced.matrix[row, f]
    return basis


def back_substitution(upper, rhs) -> np.ndarray:
    """Solve U x = c for an upper triangular U with non-zero diagonal, from the last row up."""
    upper, rhs = _as_matrix(upper), np.asarray(rhs, dtype=float)
    n = upper.shape[0]
    x = np.zeros(n)
    for i in reversed(range(n)):
        x[i] = (rhs[i] - upper[i, i + 1:] @ x[i + 1:]) / upper[i, i]
    return x


def solve(a, b, partial_pivoting: bool = True, tol: float | None = None) -> np.ndarray:
    """Solve the square system A x = b by elimination on [A | b] followed by back substitution.

    Raises ValueError when A is not square, b does not fit, or A is singular (a zero pivot), which is
    when the system has no solution or infinitely many.
    """
    matrix = _as_matrix(a)
    rhs = np.asarray(b, dtype=float)
    n = matrix.shape[0]
    if matrix.shape != (n, n):
        raise ValueError(f"solve needs a square matrix, got shape {matrix.shape}")
    if rhs.shape != (n,):
        raise ValueError(f"b must have shape ({n},) to match A, got {rhs.shape}")
    tol = default_tolerance(matrix) if tol is None else tol
    augmented = row_echelon(np.column_stack([matrix, rhs]), partial_pivoting=partial_pivoting, tol=tol)
    if augmented.pivots[:n] != tuple(range(n)):
        raise ValueError("the matrix is singular: the system has no solution or infinitely many")
    return back_substitution(augmented.matrix[:, :n], augmented.matrix[:, n])
