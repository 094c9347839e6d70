"""Shape checks shared by the reference implementations, with the messages the rules promise."""
from __future__ import annotations

from typing import Any

import numpy as np


def as_array(value: Any, ndim: int, name: str) -> np.ndarray:
    """A float copy of a vector (ndim 1) or matrix (ndim 2); ValueError otherwise.

    np.asarray already raises ValueError for rows of different lengths.
    """
    array = np.array(value, dtype=np.float64)
    if array.ndim != ndim:
        what = "a vector (1-D)" if ndim == 1 else "a matrix (2-D)"
        raise ValueError(f"{name} must be {what}, got shape {array.shape}")
    return array


def mismatch(first: np.ndarray, second: np.ndarray, why: str = "do not match") -> ValueError:
    return ValueError(f"shapes {first.shape} and {second.shape} {why}")


def same_shape(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """Two vectors of the same length, as float arrays."""
    a, b = as_array(a, 1, "a"), as_array(b, 1, "b")
    if a.shape != b.shape:
        raise mismatch(a, b)
    return a, b
