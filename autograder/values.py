"""Plain values: what may cross from a student's code to the grader, and how it is compared.

No secrets here (no reference code, no cases): the sandbox harness uses `to_plain` on the student's
side of the boundary, and the grader re-checks and compares on its side.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np


class NotPlain(TypeError):
    """A returned value that is not a number or a (nested) list/tuple/array of numbers."""


def to_plain(value: Any, _depth: int = 0) -> Any:
    """Convert a result to plain Python data: a float, or nested lists of floats.

    Accepts ints, floats, numpy scalars and arrays, tuples and lists; refuses bools and everything
    else. Subclasses of int, float and ndarray are read through the base type's own C methods, so a
    lying `__eq__`, `__float__` or `__array__` gains nothing.
    """
    if _depth > 8:
        raise NotPlain("nested too deeply")
    if isinstance(value, (bool, np.bool_)):
        raise NotPlain("a boolean is not a number")
    try:
        if isinstance(value, float):  # float, its subclasses and np.float64
            return float.__float__(value)
        if isinstance(value, int):
            return float(int.__index__(value))
        if isinstance(value, np.generic) and value.dtype.kind in "iuf":
            return float(np.ndarray.item(np.asarray(value, dtype=np.float64)))
        if isinstance(value, np.ndarray):
            array = np.ndarray.view(value, np.ndarray)
            if array.dtype.kind not in "iuf":
                raise NotPlain(f"an array of dtype {array.dtype}")
            floats = array.astype(np.float64)
            return floats.tolist() if floats.ndim else float(floats.item())
    except OverflowError as error:
        raise NotPlain(f"a number too large for a float ({error})") from None
    if type(value) in (list, tuple):
        return [to_plain(item, _depth + 1) for item in value]
    raise NotPlain(f"a value of type {type(value).__name__}")


def shape_of(value: Any) -> tuple[int, ...] | None:
    """Shape of plain data (a float is (), a list of n floats is (n,)); None if ragged."""
    if isinstance(value, float):
        return ()
    if not value:
        return (0,)
    inner = [shape_of(item) for item in value]
    if any(s is None or s != inner[0] for s in inner):
        return None
    return (len(value), *inner[0])


def values_match(expected: Any, got: Any, rtol: float, atol: float) -> bool:
    """Compare two plain values: same shape, every number within tolerance (nan equals nan)."""
    if type(expected) is float or type(got) is float:
        if not (type(expected) is float and type(got) is float):
            return False
        if math.isnan(expected) or math.isnan(got):
            return math.isnan(expected) and math.isnan(got)
        if math.isinf(expected) or math.isinf(got):
            return expected == got
        return abs(expected - got) <= atol + rtol * abs(expected)
    if type(expected) is not list or type(got) is not list or len(expected) != len(got):
        return False
    return all(values_match(e, g, rtol, atol) for e, g in zip(expected, got))


def describe(value: Any, limit: int = 160) -> str:
    """Short text of a plain value for feedback."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
