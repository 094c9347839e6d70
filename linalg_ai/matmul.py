"""Matrix multiplication written out by hand, and its cost.

The chapters "Matrices" and "Matmul at scale" both use this one triple loop: the first to show
what ``A @ B`` computes, the second to time it against numpy and torch.
"""
from __future__ import annotations

from collections.abc import Sequence

Matrix = Sequence[Sequence[float]]


def matmul_triple_loop(A: Matrix, B: Matrix) -> list[list[float]]:
    """The product A B of an m x n and an n x p matrix (lists of rows), one multiply-add at a time.

    Entry (i, j) is the dot product of row i of A with column j of B.
    """
    m, n = len(A), len(A[0])
    if len(B) != n:
        raise ValueError(f"shapes ({m}, {n}) and ({len(B)}, {len(B[0])}) do not fit: "
                         f"A has {n} columns but B has {len(B)} rows")
    p = len(B[0])
    C = [[0.0] * p for _ in range(m)]
    for i in range(m):
        for j in range(p):
            total = 0.0
            for k in range(n):
                total += A[i][k] * B[k][j]
            C[i][j] = total
    return C


def matmul_flops(m: int, n: int, p: int) -> int:
    """Floating-point operations of an (m x n) by (n x p) product: m*p entries, each n multiplies
    and n adds (one multiply-accumulate per term), so 2*m*n*p."""
    for name, value in (("m", m), ("n", n), ("p", p)):
        if value < 0:
            raise ValueError(f"{name} must be non-negative, got {value}")
    return 2 * m * n * p
