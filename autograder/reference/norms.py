"""Reference for the `norms` assignment."""
from __future__ import annotations

import math

import numpy as np

from autograder.reference.shapes import as_array, same_shape


def l1_norm(v) -> float:
    """Sum of absolute values; 0.0 for the empty vector."""
    return math.fsum(np.abs(as_array(v, 1, "v")))


def l2_norm(v) -> float:
    """Square root of the sum of squares (the length)."""
    v = as_array(v, 1, "v")
    return math.sqrt(math.fsum(v * v))


def linf_norm(v) -> float:
    """Largest absolute value; 0.0 for the empty vector."""
    v = as_array(v, 1, "v")
    return float(np.abs(v).max()) if v.size else 0.0


def frobenius_norm(A) -> float:
    """Square root of the sum of squares of all entries of a matrix."""
    A = as_array(A, 2, "A")
    return math.sqrt(math.fsum((A * A).ravel()))


def euclidean_distance(a, b) -> float:
    """The length of a - b."""
    a, b = same_shape(a, b)
    return math.sqrt(math.fsum((a - b) ** 2))


def manhattan_distance(a, b) -> float:
    """The L1 norm of a - b."""
    a, b = same_shape(a, b)
    return math.fsum(np.abs(a - b))
