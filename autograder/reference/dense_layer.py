"""Reference for the `dense_layer` assignment.

The chapter "Matmul at scale" writes a dense layer on a batch as Y = XW + b: X has shape
(samples, inputs), W has shape (inputs, outputs) and b, of shape (outputs,), is added to every row.
(torch.nn.Linear stores Wᵀ instead and computes X @ weight.T + bias: the same map.)
"""
from __future__ import annotations

import numpy as np

from autograder.reference.shapes import as_array, mismatch


def dense_forward(X, W, b) -> np.ndarray:
    """XW + b, with b added to every row."""
    X, W, b = as_array(X, 2, "X"), as_array(W, 2, "W"), as_array(b, 1, "b")
    if X.shape[1] != W.shape[0]:
        raise mismatch(X, W, "do not fit: X needs as many columns as W has rows")
    if b.shape[0] != W.shape[1]:
        raise mismatch(W, b, "do not fit: b needs one entry per column of W")
    return X @ W + b


def relu(X) -> np.ndarray:
    """max(x, 0) for every entry of a vector or a matrix."""
    X = np.array(X, dtype=np.float64)  # ValueError for rows of different lengths
    if X.ndim not in (1, 2):
        raise ValueError(f"expected a vector or a matrix, got shape {X.shape}")
    return np.maximum(X, 0.0)


def mlp_forward(X, W1, b1, W2, b2) -> np.ndarray:
    """Two dense layers with a ReLU between them: relu(X W1 + b1) W2 + b2."""
    return dense_forward(relu(dense_forward(X, W1, b1)), W2, b2)
