"""Playgrounds of chapter 5: a 2x2 matrix as a map of the plane, and two maps one after the other.

Both morph the whole grid from the identity (t = 0) to the map, with e₁, e₂ and the unit square
(whose signed area is the determinant) drawn as they move, in the manner of 3Blue1Brown's "Essence
of linear algebra". The view is sized once, in Python, so that the opening maps fit.
"""
from __future__ import annotations

import math

import numpy as np
import traitlets

from . import formulas
from .base import Playground, PlaygroundModel, esm_source, float_slider

ENTRY_RANGE = (-4.0, 4.0)
ENTRY_STEP = 0.1
T_STEP = 0.01
SHEAR = ((1, 1), (0, 1))
ROTATION_90 = ((0, -1), (1, 0))
# The view shows at least [-3, 3]^2 and at most [-9, 9]^2.
MIN_VIEW, MAX_VIEW = 3, 9


def _matrix(value, name: str) -> np.ndarray:
    try:
        matrix = np.array([[float(x) for x in row] for row in value])
    except (TypeError, ValueError):
        matrix = None
    if matrix is None or matrix.shape != (2, 2):
        raise ValueError(f"{name} must be 2x2, e.g. ((1, 2), (3, 4)); got {value!r}")
    low, high = ENTRY_RANGE
    if matrix.min() < low or matrix.max() > high:
        raise ValueError(f"{name}: every entry must lie in [{low}, {high}], got {value!r}")
    return matrix


def view_limit(*matrices: np.ndarray) -> int:
    """Half the side of a square view holding e₁, e₂ and the unit square's image under each matrix."""
    corners = np.array([[0, 1, 0, 1], [0, 0, 1, 1]], dtype=float)
    reach = max(float(np.abs(m @ corners).max()) for m in (np.eye(2), *matrices))
    return int(min(MAX_VIEW, max(MIN_VIEW, math.ceil(1.15 * reach))))


def _entry_traits(prefix: str, matrix: np.ndarray) -> dict[str, float]:
    return {f"{prefix}{i + 1}{j + 1}": float(matrix[i, j]) for i in range(2) for j in range(2)}


def _entry_sliders(prefix: str, matrix: np.ndarray, name: str) -> dict:
    return {f"{prefix}{i + 1}{j + 1}": float_slider(float(matrix[i, j]), *ENTRY_RANGE, ENTRY_STEP,
                                                   f"{name}{'₁₂'[i]}{'₁₂'[j]} (row {i + 1})")
            for i in range(2) for j in range(2)}


class TransformationModel(PlaygroundModel):
    _esm = esm_source("transformation")
    steps = traitlets.Int(1).tag(sync=True)
    view_limit = traitlets.Int(MIN_VIEW).tag(sync=True)
    t = traitlets.Float(1.0).tag(sync=True)
    m11 = traitlets.Float(1.0).tag(sync=True)
    m12 = traitlets.Float(0.0).tag(sync=True)
    m21 = traitlets.Float(0.0).tag(sync=True)
    m22 = traitlets.Float(1.0).tag(sync=True)
    input_names = ("t", "m11", "m12", "m21", "m22")
    readout_function = staticmethod(formulas.transformation_readout)


class CompositionModel(TransformationModel):
    # B, the map applied first.
    b11 = traitlets.Float(1.0).tag(sync=True)
    b12 = traitlets.Float(0.0).tag(sync=True)
    b21 = traitlets.Float(0.0).tag(sync=True)
    b22 = traitlets.Float(1.0).tag(sync=True)
    input_names = ("t", "m11", "m12", "m21", "m22", "b11", "b12", "b21", "b22")


def matrix_transform(matrix=SHEAR, t=1.0) -> Playground:
    """The plane under A = ``matrix``: the t slider (or the play button) morphs the grid from the
    identity to A; e₁, e₂ and the unit square move with it. A's columns can be dragged; presets."""
    a = _matrix(matrix, "matrix")
    if not 0 <= t <= 1:
        raise ValueError(f"t must lie in [0, 1], got {t}")
    model = TransformationModel(steps=1, view_limit=view_limit(a), t=float(t), **_entry_traits("m", a))
    return Playground(model, {
        "t": float_slider(float(t), 0.0, 1.0, T_STEP, "t (I → A)", decimals=2, wide=True),
        **_entry_sliders("m", a, "a"),
    })


def matrix_composition(A=SHEAR, B=ROTATION_90, t=2.0) -> Playground:
    """AB as two maps in a row: t from 0 to 1 moves the plane by B, from 1 to 2 by A after it, so
    at t = 2 the plane is under AB. Sliders for both matrices, presets for each."""
    a, b = _matrix(A, "A"), _matrix(B, "B")
    if not 0 <= t <= 2:
        raise ValueError(f"t must lie in [0, 2], got {t}")
    model = CompositionModel(steps=2, view_limit=view_limit(a, b, a @ b), t=float(t),
                             **_entry_traits("m", a), **_entry_traits("b", b))
    return Playground(model, {
        "t": float_slider(float(t), 0.0, 2.0, T_STEP, "t (B, then A)", decimals=2, wide=True),
        **_entry_sliders("b", b, "b"),
        **_entry_sliders("m", a, "a"),
    })
