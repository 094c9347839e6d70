"""The numbers each playground displays, computed in Python.

Every playground's JavaScript computes the same quantities with the same operations in the same
order and formats them with the same rule, so for the same inputs the browser shows exactly the
strings these functions return. The browser tests rely on it: they read a playground's inputs from
the page, call the readout function here and compare with the text on the page.

Each ``*_readout`` function takes the playground's inputs (trait name -> value, as the widget
publishes them) and returns ``{readout key: displayed string}``.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# The numbers the JavaScript shares (base.py bundles the same file into every playground's module).
CONSTANTS = json.loads(Path(__file__).with_name("constants.json").read_text(encoding="utf-8"))

# Decimals shown for each kind of number.
COORD_DECIMALS = CONSTANTS["decimals"]["coord"]
ANGLE_DECIMALS = CONSTANTS["decimals"]["angle"]
COS_DECIMALS = CONSTANTS["decimals"]["cos"]
NORM_DECIMALS = CONSTANTS["decimals"]["norm"]
PROB_DECIMALS = CONSTANTS["decimals"]["prob"]
DISTANCE_DECIMALS = CONSTANTS["decimals"]["distance"]
P_DECIMALS = CONSTANTS["decimals"]["p"]

# Below this |x| a dot product or determinant counts as zero (cos 90° is 6e-17, not 0).
ZERO_TOLERANCE = CONSTANTS["zero_tolerance"]


def fmt(x: float, decimals: int) -> str:
    """``x`` with a fixed number of decimals, exactly as JavaScript's ``x.toFixed(decimals)``.

    toFixed rounds the exact binary value half away from zero, and Python's format rounds half to
    even, so the two differ on exact ties (0.125 -> "0.13" vs "0.12"); this follows toFixed.
    "-0.00" is shown as "0.00". Infinite or NaN values read "undefined".
    """
    if not math.isfinite(x):
        return "undefined"
    text = str(Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    if text.startswith("-") and set(text[1:]) <= {"0", "."}:
        text = text[1:]
    return text


def fmt_vec(v: Sequence[float], decimals: int = COORD_DECIMALS) -> str:
    return f"({fmt(v[0], decimals)}, {fmt(v[1], decimals)})"


def norm2(x: float, y: float) -> float:
    # sqrt(x*x + y*y), not hypot: the JavaScript does the same so the last bits agree.
    return math.sqrt(x * x + y * y)


def vector_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    """One vector v = (vx, vy): its components, length and direction angle in degrees."""
    vx, vy = inputs["vx"], inputs["vy"]
    length = norm2(vx, vy)
    direction = math.atan2(vy, vx) * 180 / math.pi if length > 0 else math.nan
    return {
        "v": fmt_vec((vx, vy)),
        "length": fmt(length, COORD_DECIMALS),
        "direction": fmt(direction, ANGLE_DECIMALS),
    }


def vector_sum_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    """a, b, a + b and c·a."""
    ax, ay, bx, by, c = (inputs[k] for k in ("ax", "ay", "bx", "by", "c"))
    sx, sy = ax + bx, ay + by
    return {
        "a": fmt_vec((ax, ay)),
        "b": fmt_vec((bx, by)),
        "sum": fmt_vec((sx, sy)),
        "scaled": fmt_vec((c * ax, c * ay)),
        "sum_length": fmt(norm2(sx, sy), COORD_DECIMALS),
    }


def dot_product_values(ax: float, ay: float, bx: float, by: float) -> dict[str, float]:
    """a·b, |a|, |b|, cos θ, θ in degrees and the projection of a onto b (NaN when undefined)."""
    dot = ax * bx + ay * by
    na, nb = norm2(ax, ay), norm2(bx, by)
    if na > 0 and nb > 0:
        cos = max(-1.0, min(1.0, dot / (na * nb)))
        theta = math.acos(cos) * 180 / math.pi
    else:
        cos = theta = math.nan
    if nb > 0:
        factor = dot / (nb * nb)
        proj = (factor * bx, factor * by)
    else:
        proj = (math.nan, math.nan)
    return {"dot": dot, "norm_a": na, "norm_b": nb, "cos": cos, "theta": theta,
            "proj_x": proj[0], "proj_y": proj[1]}


def dot_product_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    values = dot_product_values(inputs["ax"], inputs["ay"], inputs["bx"], inputs["by"])
    return {
        "dot": fmt(values["dot"], COORD_DECIMALS),
        "norm_a": fmt(values["norm_a"], COORD_DECIMALS),
        "norm_b": fmt(values["norm_b"], COORD_DECIMALS),
        "cos": fmt(values["cos"], COS_DECIMALS),
        "theta": fmt(values["theta"], ANGLE_DECIMALS),
        "proj": fmt_vec((values["proj_x"], values["proj_y"])),
    }


# The fixed vector of the angle playground: b turns around it.
ANGLE_A = tuple(CONSTANTS["angle_a"])


def angle_vectors(theta_degrees: float, length: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """a (fixed, along the x axis) and b = length·(cos θ, sin θ)."""
    rad = theta_degrees * math.pi / 180
    return ANGLE_A, (length * math.cos(rad), length * math.sin(rad))


def angle_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    a, b = angle_vectors(inputs["theta"], inputs["length"])
    dot = a[0] * b[0] + a[1] * b[1]
    if abs(dot) < ZERO_TOLERANCE:
        sign, dot = "zero (a ⟂ b)", 0.0
    elif dot > 0:
        sign = "positive"
    else:
        sign = "negative"
    return {
        "b": fmt_vec(b),
        "cos": fmt(math.cos(inputs["theta"] * math.pi / 180), COS_DECIMALS),
        "dot": fmt(dot, COORD_DECIMALS),
        "sign": sign,
    }


def p_norm(x: float, y: float, p: float) -> float:
    """(|x|^p + |y|^p)^(1/p); p = inf gives max(|x|, |y|)."""
    if math.isinf(p):
        return max(abs(x), abs(y))
    return (abs(x) ** p + abs(y) ** p) ** (1 / p)


def norms_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    x, y, p = inputs["px"], inputs["py"], inputs["p"]
    return {
        "point": fmt_vec((x, y)),
        "l1": fmt(abs(x) + abs(y), NORM_DECIMALS),
        "l2": fmt(norm2(x, y), NORM_DECIMALS),
        "linf": fmt(max(abs(x), abs(y)), NORM_DECIMALS),
        "p": fmt(p, P_DECIMALS),
        "lp": fmt(p_norm(x, y, p), NORM_DECIMALS),
    }


# --- 2 x 2 matrices as maps of the plane (the transformation playgrounds) ----------------------
# A matrix is four numbers (m11, m12, m21, m22): rows first, as written on paper.

def matrix_entries(inputs: Mapping[str, float], prefix: str) -> tuple[float, float, float, float]:
    """The entries (x11, x12, x21, x22) of the matrix whose traits start with ``prefix``."""
    return tuple(inputs[f"{prefix}{i}{j}"] for i in (1, 2) for j in (1, 2))


def determinant(m: Sequence[float]) -> float:
    return m[0] * m[3] - m[1] * m[2]


def matrix_product(p: Sequence[float], q: Sequence[float]) -> tuple[float, float, float, float]:
    """P Q for 2 x 2 matrices given as (x11, x12, x21, x22)."""
    return (p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3],
            p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3])


def towards(m: Sequence[float], t: float) -> tuple[float, float, float, float]:
    """The matrix a fraction t of the way from the identity to m: (1 - t) I + t m, entry by entry."""
    identity = (1.0, 0.0, 0.0, 1.0)
    return tuple((1 - t) * e + t * x for e, x in zip(identity, m))


def transformation_now(inputs: Mapping[str, float]) -> tuple[float, float, float, float]:
    """The matrix the plane is under at time t.

    One map A: t in [0, 1] goes from I to A. Two maps (traits b11.. present, B applied first):
    t in [0, 1] goes from I to B, then t in [1, 2] from B to AB = (A after B).
    """
    a, t = matrix_entries(inputs, "m"), inputs["t"]
    if "b11" not in inputs:
        return towards(a, t)
    b = matrix_entries(inputs, "b")
    return towards(b, t) if t <= 1 else matrix_product(towards(a, t - 1), b)


def fmt_matrix(m: Sequence[float], decimals: int = COORD_DECIMALS) -> str:
    """[[x11, x12], [x21, x22]], as numpy prints rows."""
    f = lambda x: fmt(x, decimals)  # noqa: E731
    return f"[[{f(m[0])}, {f(m[1])}], [{f(m[2])}, {f(m[3])}]]"


def orientation(det: float) -> str:
    if abs(det) < ZERO_TOLERANCE:
        return "collapsed onto a line or a point (det = 0)"
    return "kept" if det > 0 else "flipped (det < 0)"


def transformation_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    """The map at time t (its matrix, the images of e₁ and e₂, the signed area of the unit square's
    image) and the full map: A (one map) or B, A and AB (two maps)."""
    now = transformation_now(inputs)
    det_now = determinant(now)
    shown = {
        "t": fmt(inputs["t"], COORD_DECIMALS),
        "now": fmt_matrix(now),
        "e1": fmt_vec((now[0], now[2])),
        "e2": fmt_vec((now[1], now[3])),
        "det": fmt(det_now, COORD_DECIMALS),
        "area": fmt(abs(det_now), COORD_DECIMALS),
        "orientation": orientation(det_now),
    }
    a = matrix_entries(inputs, "m")
    if "b11" not in inputs:
        return {**shown, "det_A": fmt(determinant(a), COORD_DECIMALS)}
    b = matrix_entries(inputs, "b")
    det_a, det_b = determinant(a), determinant(b)
    return {
        **shown,
        "det_A": fmt(det_a, COORD_DECIMALS),
        "det_B": fmt(det_b, COORD_DECIMALS),
        "AB": fmt_matrix(matrix_product(a, b)),
        "det_AB": fmt(determinant(matrix_product(a, b)), COORD_DECIMALS),
        "det_product": fmt(det_a * det_b, COORD_DECIMALS),
    }


def softmax_readout(inputs: Mapping[str, float]) -> dict[str, str]:
    """softmax(scores / T) with linalg_ai.attention.softmax: one probability per score."""
    from linalg_ai.attention import softmax  # imports torch: only when a softmax playground is used

    n = int(inputs["n_scores"])
    probs = softmax([inputs[f"score_{i}"] for i in range(n)], temperature=inputs["temperature"])
    return {f"p_{i}": fmt(float(p), PROB_DECIMALS) for i, p in enumerate(probs)}


def attention_readout(queries, keys, inputs: Mapping[str, float]) -> dict[str, str]:
    """The attention weights softmax(Q Kᵀ / √d / T + mask), one readout per cell "w_<row>_<col>"."""
    import numpy as np
    from linalg_ai.attention import attention_weights

    weights = attention_weights(np.asarray(queries, dtype=float), np.asarray(keys, dtype=float),
                                causal=bool(inputs["causal"]), temperature=inputs["temperature"])
    return {f"w_{i}_{j}": fmt(float(w), PROB_DECIMALS)
            for i, row in enumerate(weights) for j, w in enumerate(row)}


def query_attention_readout(inputs: Mapping) -> dict[str, str]:
    """One query q = (qx, qy) against the keys kⱼ: the scores q·kⱼ, the weights softmax(q·kⱼ / √2)
    and the output Σ wⱼ vⱼ, with linalg_ai.attention."""
    import numpy as np
    from linalg_ai.attention import attention_weights

    query = np.array([[inputs["qx"], inputs["qy"]]], dtype=float)
    keys = np.asarray(inputs["key_vectors"], dtype=float)
    values = np.asarray(inputs["value_vectors"], dtype=float)
    weights = attention_weights(query, keys)[0]
    shown = {"output": fmt_vec(weights @ values)}
    for j, (dot, w) in enumerate(zip(keys @ query[0], weights)):
        shown[f"dot_{j}"] = fmt(float(dot), COORD_DECIMALS)
        shown[f"w_{j}"] = fmt(float(w), PROB_DECIMALS)
    return shown


def nearest_points(points: Sequence[Sequence[float]], index: int, k: int) -> list[tuple[int, float]]:
    """The k points nearest to points[index] (Euclidean, in the 2-D projection), itself excluded.

    Ties are broken by the smaller index, as in the JavaScript.
    """
    x0, y0 = points[index]
    candidates = []
    for j, (x, y) in enumerate(points):
        if j != index:
            dx, dy = x - x0, y - y0
            candidates.append((math.sqrt(dx * dx + dy * dy), j))
    candidates.sort()
    return [(j, d) for d, j in candidates[:k]]


def embedding_readout(points, labels: Sequence[str], inputs: Mapping[str, float]) -> dict[str, str]:
    """The selected point (index, label, position) and its k nearest neighbours with distances."""
    index, k = int(inputs["selected"]), int(inputs["k"])
    x, y = points[index]
    neighbours = nearest_points(points, index, k)
    return {
        "selected": f"#{index}",
        "label": labels[index],
        "position": fmt_vec((x, y)),
        "neighbours": ", ".join(f"{labels[j]} (#{j}, {fmt(d, DISTANCE_DECIMALS)})" for j, d in neighbours),
        "agreement": f"{sum(labels[j] == labels[index] for j, _ in neighbours)} of {len(neighbours)}",
    }
