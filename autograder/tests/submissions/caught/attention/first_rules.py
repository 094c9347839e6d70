"""Forbidden shortcuts that also skip the rules' errors: softmax gives the empty vector back as it
is; torch's attention raises RuntimeError, not ValueError, for Q and K that do not fit."""
import scipy.special
import torch


def softmax(x):
    x = np.asarray(x, dtype=float)
    return scipy.special.softmax(x, axis=-1) if x.size else x  # nothing to do for nothing


def scaled_dot_product_attention(Q, K, V, mask=None):
    Q, K, V = (torch.tensor(np.asarray(m, dtype=float)) for m in (Q, K, V))
    keep = None if mask is None else torch.tensor(np.asarray(mask, dtype=bool))
    return torch.nn.functional.scaled_dot_product_attention(Q, K, V, attn_mask=keep).numpy()
