"""Playgrounds of chapters 1-4: one vector, sums, the dot product, angles and norms."""
from __future__ import annotations

import traitlets

from . import formulas
from .base import Playground, PlaygroundModel, esm_source, float_slider, pair

# Slider ranges; the JavaScript planes are drawn large enough for them.
VECTOR_RANGE = (-5.0, 5.0)
SUM_RANGE = (-3.0, 3.0)
SCALE_RANGE = (-2.0, 2.0)
DOT_RANGE = (-5.0, 5.0)
STEP = 0.1


class VectorModel(PlaygroundModel):
    _esm = esm_source("vector")
    vx = traitlets.Float(3.0).tag(sync=True)
    vy = traitlets.Float(4.0).tag(sync=True)
    input_names = ("vx", "vy")
    readout_function = staticmethod(formulas.vector_readout)


def vector(v=(3, 4)) -> Playground:
    """One vector: drag its head or move the sliders; shows components, length and direction."""
    vx, vy = pair(v, "v")
    model = VectorModel(vx=vx, vy=vy)
    return Playground(model, {
        "vx": float_slider(vx, *VECTOR_RANGE, STEP, "v₁ (x)"),
        "vy": float_slider(vy, *VECTOR_RANGE, STEP, "v₂ (y)"),
    })


class VectorSumModel(PlaygroundModel):
    _esm = esm_source("vector_sum")
    ax = traitlets.Float(2.0).tag(sync=True)
    ay = traitlets.Float(1.0).tag(sync=True)
    bx = traitlets.Float(1.0).tag(sync=True)
    by = traitlets.Float(3.0).tag(sync=True)
    c = traitlets.Float(1.0).tag(sync=True)
    input_names = ("ax", "ay", "bx", "by", "c")
    readout_function = staticmethod(formulas.vector_sum_readout)


def vector_sum(a=(2, 1), b=(1, 3), c=1.0) -> Playground:
    """a, b, their sum a + b (tip to tail) and the scaled vector c·a."""
    (ax, ay), (bx, by) = pair(a, "a"), pair(b, "b")
    model = VectorSumModel(ax=ax, ay=ay, bx=bx, by=by, c=float(c))
    return Playground(model, {
        "ax": float_slider(ax, *SUM_RANGE, STEP, "a₁"),
        "ay": float_slider(ay, *SUM_RANGE, STEP, "a₂"),
        "bx": float_slider(bx, *SUM_RANGE, STEP, "b₁"),
        "by": float_slider(by, *SUM_RANGE, STEP, "b₂"),
        "c": float_slider(float(c), *SCALE_RANGE, STEP, "scalar c"),
    })


class DotProductModel(PlaygroundModel):
    _esm = esm_source("dot_product")
    ax = traitlets.Float(-3.0).tag(sync=True)
    ay = traitlets.Float(3.0).tag(sync=True)
    bx = traitlets.Float(3.0).tag(sync=True)
    by = traitlets.Float(2.0).tag(sync=True)
    input_names = ("ax", "ay", "bx", "by")
    readout_function = staticmethod(formulas.dot_product_readout)


def dot_product(a=(-3, 3), b=(3, 2)) -> Playground:
    """a·b, |a|, |b|, cos θ, θ and the projection of a onto b; sliders and draggable arrowheads."""
    (ax, ay), (bx, by) = pair(a, "a"), pair(b, "b")
    model = DotProductModel(ax=ax, ay=ay, bx=bx, by=by)
    return Playground(model, {
        "ax": float_slider(ax, *DOT_RANGE, STEP, "a₁"),
        "ay": float_slider(ay, *DOT_RANGE, STEP, "a₂"),
        "bx": float_slider(bx, *DOT_RANGE, STEP, "b₁"),
        "by": float_slider(by, *DOT_RANGE, STEP, "b₂"),
    })


class AngleModel(PlaygroundModel):
    _esm = esm_source("angle")
    theta = traitlets.Float(60.0).tag(sync=True)
    length = traitlets.Float(2.0).tag(sync=True)
    input_names = ("theta", "length")
    readout_function = staticmethod(formulas.angle_readout)


def angle(theta_degrees=60, length=2) -> Playground:
    """b at angle θ from a fixed a = (2, 0): a·b changes sign at θ = 90°."""
    model = AngleModel(theta=float(theta_degrees), length=float(length))
    return Playground(model, {
        "theta": float_slider(float(theta_degrees), 0.0, 180.0, 1.0, "angle θ (°)", decimals=0),
        "length": float_slider(float(length), 0.5, 3.0, STEP, "length of b"),
    })


class NormsModel(PlaygroundModel):
    _esm = esm_source("norms")
    px = traitlets.Float(0.6).tag(sync=True)
    py = traitlets.Float(0.8).tag(sync=True)
    p = traitlets.Float(2.0).tag(sync=True)
    input_names = ("px", "py", "p")
    readout_function = staticmethod(formulas.norms_readout)


def norms(point=(0.6, 0.8), p=2) -> Playground:
    """Unit balls for p = 1, 2, ∞ and for the slider's p, with a point and its norms."""
    px, py = pair(point, "point")
    model = NormsModel(px=px, py=py, p=float(p))
    return Playground(model, {
        "px": float_slider(px, -1.5, 1.5, 0.05, "x₁", decimals=2),
        "py": float_slider(py, -1.5, 1.5, 0.05, "x₂", decimals=2),
        "p": float_slider(float(p), 1.0, 10.0, STEP, "p"),
    })
