"""Scaled dot-product attention from its parts: softmax, scores, causal mask, heads.

Used by the chapter "Attention" (book/attention.md) and by the attention playgrounds' Python side.
Every function accepts numpy arrays or torch tensors and returns the same kind it was given, so a
page can run one implementation on both and compare it with ``torch.nn.functional``.

Shapes follow torch: queries (..., T_q, d_k), keys (..., T_k, d_k), values (..., T_k, d_v); any
leading batch / head dimensions are carried along.

    from linalg_ai.attention import softmax, causal_mask, attention_weights, scaled_dot_product_attention

    softmax([2.0, 1.0, 0.1])                             # array([0.659, 0.2424, 0.0986])
    scaled_dot_product_attention(Q, K, V, causal=True)   # softmax(Q K^T / sqrt(d_k) + mask) V
    scaled_dot_product_attention(Q, K, V, mask=padding_mask([3, 2], 3))   # padded batch of 2
    sinusoidal_positional_encoding(50, 64)               # (50, 64): one row per position
"""
from __future__ import annotations

import math

import numpy as np
import torch


def _is_torch(x) -> bool:
    return isinstance(x, torch.Tensor)


def softmax(scores, temperature: float = 1.0, axis: int = -1):
    """exp(s_i / T) / sum_j exp(s_j / T) along ``axis``, computed stably.

    Subtracting the largest score first changes nothing mathematically (the factor exp(-max) cancels)
    but keeps every exponent <= 0, so exp never overflows: softmax([1000, 1001]) is finite. Entries
    equal to -inf (masked positions) get weight exactly 0.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    if _is_torch(scores):
        scaled = scores / temperature
        shifted = scaled - scaled.amax(dim=axis, keepdim=True)
        exps = torch.exp(shifted)
        return exps / exps.sum(dim=axis, keepdim=True)
    scaled = np.asarray(scores, dtype=float) / temperature
    shifted = scaled - scaled.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def causal_mask(n_queries: int, n_keys: int | None = None, like=None):
    """The additive causal mask: 0 where key j <= query i (allowed), -inf above the diagonal (the future).

    Added to the scores before the softmax, -inf becomes a weight of exactly 0. Returns a torch tensor
    (matching dtype) when ``like`` is a tensor, else a numpy array.
    """
    n_keys = n_queries if n_keys is None else n_keys
    future = np.triu(np.ones((n_queries, n_keys), dtype=bool), k=1)
    mask = np.where(future, -np.inf, 0.0)
    if _is_torch(like):
        return torch.as_tensor(mask, dtype=like.dtype)
    return mask


def padding_mask(valid_lengths, n_keys: int, like=None):
    """The additive key-padding mask of a padded batch: shape (B, 1, n_keys), 0 for the first
    ``valid_lengths[b]`` keys of sequence b and -inf for its padding, so padding gets weight exactly 0.

    The middle axis of size 1 broadcasts over the queries. Every valid length must be at least 1: a row
    whose keys are all masked has no weights to share (the softmax would divide 0 by 0).
    """
    lengths = np.asarray(valid_lengths, dtype=int).reshape(-1)
    if np.any(lengths < 1) or np.any(lengths > n_keys):
        raise ValueError(f"valid lengths must lie in [1, {n_keys}], got {lengths.tolist()}")
    padding = np.arange(n_keys)[None, :] >= lengths[:, None]
    mask = np.where(padding, -np.inf, 0.0)[:, None, :]
    if _is_torch(like):
        return torch.as_tensor(mask, dtype=like.dtype)
    return mask


def sinusoidal_positional_encoding(n_positions: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    """The transformer's position codes: row p holds sin(p w_i) in column 2i and cos(p w_i) in column
    2i + 1, with frequencies w_i = base^(-2i / d_model) falling from 1 to nearly 1 / base."""
    if d_model % 2:
        raise ValueError(f"d_model must be even (sine and cosine pairs), got {d_model}")
    positions = np.arange(n_positions)[:, None]
    frequencies = base ** (-np.arange(0, d_model, 2) / d_model)
    angles = positions * frequencies[None, :]
    encoding = np.empty((n_positions, d_model))
    encoding[:, 0::2] = np.sin(angles)
    encoding[:, 1::2] = np.cos(angles)
    return encoding


def attention_scores(queries, keys):
    """Q K^T / sqrt(d_k): how well each query matches each key, scaled to unit variance."""
    d_k = queries.shape[-1]
    return queries @ keys.swapaxes(-2, -1) / math.sqrt(d_k)


def attention_weights(queries, keys, causal: bool = False, temperature: float = 1.0, mask=None):
    """softmax(Q K^T / sqrt(d_k) + mask) row by row: each row is a probability distribution over keys.

    ``mask`` is an additive mask (0 to keep, -inf to drop) that broadcasts against the scores, such as
    ``padding_mask``; it is added on top of the causal mask when both are given.
    """
    scores = attention_scores(queries, keys)
    if causal:
        scores = scores + causal_mask(queries.shape[-2], keys.shape[-2], like=scores)
    if mask is not None:
        scores = scores + mask
    return softmax(scores, temperature=temperature, axis=-1)


def scaled_dot_product_attention(queries, keys, values, causal: bool = False, mask=None):
    """softmax(Q K^T / sqrt(d_k) + mask) V: each output row is a weighted average of the value rows.

    Same result as ``torch.nn.functional.scaled_dot_product_attention(Q, K, V, is_causal=causal)``
    (with ``attn_mask`` set to the boolean "keep" version of ``mask``).
    """
    return attention_weights(queries, keys, causal=causal, mask=mask) @ values


def split_heads(x, num_heads: int):
    """(..., T, H*d) -> (..., H, T, d): cut the feature axis into H heads, then put heads before time."""
    *leading, length, features = x.shape
    if features % num_heads:
        raise ValueError(f"{features} features cannot be split into {num_heads} equal heads")
    return x.reshape(*leading, length, num_heads, features // num_heads).swapaxes(-3, -2)


def merge_heads(x):
    """(..., H, T, d) -> (..., T, H*d): the inverse of ``split_heads`` (heads side by side again)."""
    *leading, heads, length, head_dim = x.shape
    return x.swapaxes(-3, -2).reshape(*leading, length, heads * head_dim)


def multi_head_attention(x, w_query, w_key, w_value, w_output, num_heads: int, causal: bool = False):
    """Multi-head self-attention of x (..., T, D) with D x D projection matrices, as reshapes.

    Project once with the full matrices, split the D features into H heads of D/H, attend in every head
    at once (the head axis is just another batch axis), merge the heads and mix them with ``w_output``.
    """
    queries = split_heads(x @ w_query, num_heads)
    keys = split_heads(x @ w_key, num_heads)
    values = split_heads(x @ w_value, num_heads)
    heads = scaled_dot_product_attention(queries, keys, values, causal=causal)
    return merge_heads(heads) @ w_output
