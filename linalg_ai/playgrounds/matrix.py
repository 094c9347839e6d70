"""Playground of chapter 5: a 2x2 matrix as a transformation of the plane."""
from __future__ import annotations

import traitlets

from . import formulas
from .base import Playground, PlaygroundModel, esm_source, float_slider

ENTRY_RANGE = (-4.0, 4.0)


class MatrixTransformModel(PlaygroundModel):
    _esm = esm_source("matrix_transform")
    m11 = traitlets.Float(1.0).tag(sync=True)
    m12 = traitlets.Float(2.0).tag(sync=True)
    m21 = traitlets.Float(3.0).tag(sync=True)
    m22 = traitlets.Float(4.0).tag(sync=True)
    input_names = ("m11", "m12", "m21", "m22")
    readout_function = staticmethod(formulas.matrix_readout)


def matrix_transform(matrix=((1, 2), (3, 4))) -> Playground:
    """The grid, the unit square and e₁, e₂ mapped by A; det A; presets (rotation, shear, ...)."""
    try:
        (m11, m12), (m21, m22) = ((float(x) for x in row) for row in matrix)
    except (TypeError, ValueError):
        raise ValueError(f"matrix must be 2x2, e.g. ((1, 2), (3, 4)); got {matrix!r}") from None
    model = MatrixTransformModel(m11=m11, m12=m12, m21=m21, m22=m22)
    return Playground(model, {
        "m11": float_slider(m11, *ENTRY_RANGE, 0.1, "a₁₁ (row 1)"),
        "m12": float_slider(m12, *ENTRY_RANGE, 0.1, "a₁₂ (row 1)"),
        "m21": float_slider(m21, *ENTRY_RANGE, 0.1, "a₂₁ (row 2)"),
        "m22": float_slider(m22, *ENTRY_RANGE, 0.1, "a₂₂ (row 2)"),
    })
