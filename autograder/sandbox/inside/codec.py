"""Arguments as JSON: how the grader sends a case's inputs into the sandbox and reads them back.

Runs on both sides of the sandbox boundary (no secrets here). An encoded value is a tagged list,
e.g. ["a", "<f8", [2, 3], [...6 numbers...]] for an array, so containers, dtypes and the
int/float distinction survive the trip: the mutation check compares the encodings exactly.
nan and inf travel as Python's json writes them (NaN, Infinity); both ends are Python.
"""
from __future__ import annotations

from typing import Any

import numpy as np


class NotEncodable(TypeError):
    """A value that is not an argument a case can hold (None, bool, number, str, list, tuple, array)."""


def encode(value: Any, _depth: int = 0) -> list:
    if _depth > 16:
        raise NotEncodable("nested too deeply")
    kind = type(value)
    if value is None:
        return ["n"]
    if kind is bool:
        return ["b", value]
    if kind is int:
        return ["i", value]
    if kind is float:
        return ["f", value]
    if kind is str:
        return ["s", value]
    if kind is list:
        return ["l", [encode(item, _depth + 1) for item in value]]
    if kind is tuple:
        return ["t", [encode(item, _depth + 1) for item in value]]
    if kind is np.ndarray:
        if value.dtype.kind not in "biuf":
            raise NotEncodable(f"an array of dtype {value.dtype}")
        return ["a", value.dtype.str, list(value.shape), value.ravel().tolist()]
    if isinstance(value, np.generic) and kind is not np.object_ and value.dtype.kind in "biuf":
        return ["g", value.dtype.str, value.item()]
    raise NotEncodable(f"a value of type {kind.__name__}")


def decode(data: Any) -> Any:
    tag = data[0]
    if tag == "n":
        return None
    if tag in ("b", "i", "s"):
        return data[1]
    if tag == "f":
        return float(data[1])
    if tag == "l":
        return [decode(item) for item in data[1]]
    if tag == "t":
        return tuple(decode(item) for item in data[1])
    if tag == "a":
        return np.array(data[3], dtype=np.dtype(data[1])).reshape(data[2])
    if tag == "g":
        return np.dtype(data[1]).type(data[2])
    raise ValueError(f"unknown tag {tag!r}")

