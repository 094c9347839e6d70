"""Reference for the `dot_product` assignment."""
from __future__ import annotations

import math

import numpy as np

from autograder.reference.shapes import same_shape


def dot(a, b) -> float:
    """Sum of the products a[i] * b[i]; 0.0 for empty vectors."""
    a, b = same_shape(a, b)
    return math.fsum(a * b)


def cosine_similarity(a, b) -> float:
    """a·b / (|a| |b|); a zero (or empty) vector has no direction, so it is an error."""
    a, b = same_shape(a, b)
    length_a, length_b = math.sqrt(math.fsum(a * a)), math.sqrt(math.fsum(b * b))
    if length_a == 0 or length_b == 0:
        raise ValueError("cosine similarity is undefined for a zero vector")
    return math.fsum(a * b) / (length_a * length_b)


def project(a, b) -> np.ndarray:
    """The projection of a onto b: (a·b / b·b) b. b must not be the zero vector."""
    a, b = same_shape(a, b)
    b_b = math.fsum(b * b)
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return (math.fsum(a * b) / b_b) * b
