"""Reference for the `attention` assignment."""
from __future__ import annotations

import math

import numpy as np

from autograder.reference.shapes import as_array, mismatch


def softmax(x) -> np.ndarray:
    """exp(x) / sum(exp(x)) along the last axis, computed as exp(x - max) so large entries cannot
    overflow. A row with no entries has no probability distribution: ValueError."""
    x = np.array(x, dtype=np.float64)  # ValueError for rows of different lengths
    if x.ndim not in (1, 2):
        raise ValueError(f"expected a vector or a matrix, got shape {x.shape}")
    if x.shape[-1] == 0:
        raise ValueError(f"softmax needs at least one entry per row, got shape {x.shape}")
    exps = np.exp(x - x.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def scaled_dot_product_attention(Q, K, V, mask=None) -> np.ndarray:
    """softmax(Q Kᵀ / sqrt(d_k)) V; where mask is False the score is -inf (that key is ignored)."""
    Q, K, V = as_array(Q, 2, "Q"), as_array(K, 2, "K"), as_array(V, 2, "V")
    if Q.shape[1] != K.shape[1]:
        raise mismatch(Q, K, "do not fit: queries and keys need the same length d_k")
    if K.shape[0] != V.shape[0]:
        raise mismatch(K, V, "do not fit: there must be one value per key")
    scores = Q @ K.T / math.sqrt(Q.shape[1])
    if mask is not None:
        keep = np.array(mask, dtype=bool)
        if keep.shape != scores.shape:
            raise ValueError(f"the mask's shape {keep.shape} does not match the scores' shape {scores.shape}")
        scores = np.where(keep, scores, -np.inf)
    return softmax(scores) @ V
