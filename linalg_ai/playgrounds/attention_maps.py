"""Playgrounds of chapter 8: softmax with a temperature, one query against draggable keys and
values, and attention weights as a heatmap.

The Python side of the maths is linalg_ai.attention (through formulas); the browser computes the
same softmax in JavaScript so the playgrounds respond without a kernel.
"""
from __future__ import annotations

import math

import ipywidgets
import numpy as np
import traitlets

from . import formulas
from .base import SLIDER_LAYOUT, Playground, PlaygroundModel, esm_source, float_slider, pair

SCORE_RANGE = (-5.0, 5.0)
TEMPERATURE_RANGE = (0.1, 10.0)
MAX_SCORES = 8


class SoftmaxTemperatureModel(PlaygroundModel):
    _esm = esm_source("softmax_temperature")
    n_scores = traitlets.Int(3).tag(sync=True)
    temperature = traitlets.Float(1.0).tag(sync=True)

    def __init__(self, scores, temperature: float) -> None:
        # One Float trait per score, so that each can be jslinked to its own slider.
        names = tuple(f"score_{i}" for i in range(len(scores)))
        self.add_traits(**{name: traitlets.Float(s).tag(sync=True) for name, s in zip(names, scores)})
        self.input_names = ("n_scores", *names, "temperature")
        super().__init__(n_scores=len(scores), temperature=temperature,
                         **dict(zip(names, scores)))

    def readout(self) -> dict[str, str]:
        return formulas.softmax_readout(self.values())


def softmax_temperature(scores=(2.0, 1.0, 0.1), temperature=1.0) -> Playground:
    """Probability bars of softmax(scores / τ): a slider per score and one for the temperature τ."""
    scores = [float(s) for s in scores]
    if not 2 <= len(scores) <= MAX_SCORES:
        raise ValueError(f"give between 2 and {MAX_SCORES} scores, got {len(scores)}")
    model = SoftmaxTemperatureModel(scores, float(temperature))
    sliders = {f"score_{i}": float_slider(s, *SCORE_RANGE, 0.1, f"score s{_subscript(i + 1)}")
               for i, s in enumerate(scores)}
    sliders["temperature"] = float_slider(float(temperature), *TEMPERATURE_RANGE, 0.1, "temperature τ")
    return Playground(model, sliders)


def _subscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


# A small self-attention example: two animals and two vehicles as 2-D vectors. Every token's query
# equals its key, so each token attends most to itself and to the token of the same kind.
EXAMPLE_TOKENS = ("cat", "dog", "car", "bus")
EXAMPLE_KEYS = ((2.0, 0.3), (1.8, 0.6), (0.2, 2.0), (0.5, 1.7))


class AttentionWeightsModel(PlaygroundModel):
    _esm = esm_source("attention_weights")
    tokens = traitlets.List(traitlets.Unicode()).tag(sync=True)
    # Not "keys": ipywidgets.Widget.keys lists the synced trait names.
    query_vectors = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    key_vectors = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    temperature = traitlets.Float(1.0).tag(sync=True)
    causal = traitlets.Bool(False).tag(sync=True)
    input_names = ("temperature", "causal")

    def readout(self) -> dict[str, str]:
        return formulas.attention_readout(self.query_vectors, self.key_vectors, self.values())


def attention_weights(tokens=EXAMPLE_TOKENS, queries=EXAMPLE_KEYS, keys=EXAMPLE_KEYS,
                      temperature=1.0, causal=False) -> Playground:
    """Heatmap of softmax(Q Kᵀ / √d / τ): row i = how query i spreads its attention over the keys."""
    queries = [[float(x) for x in row] for row in queries]
    keys = [[float(x) for x in row] for row in keys]
    tokens = [str(t) for t in tokens]
    if not (len(tokens) == len(queries) == len(keys)) or len({len(r) for r in queries + keys}) != 1:
        raise ValueError("need one query and one key per token, all of the same length")
    model = AttentionWeightsModel(tokens=tokens, query_vectors=queries, key_vectors=keys,
                                  temperature=float(temperature), causal=bool(causal))
    return Playground(model, {
        "temperature": float_slider(float(temperature), *TEMPERATURE_RANGE, 0.1, "temperature τ"),
        "causal": ipywidgets.Checkbox(value=bool(causal), description="causal mask (no looking ahead)",
                                      indent=False, layout=SLIDER_LAYOUT),
    })


# The chapter's worked example by hand: keys and values of three tokens, and the query of token 2.
WORKED_QUERY = (1.0, 1.0)
WORKED_KEYS = ((1.0, 1.0), (0.0, 1.0), (1.0, 2.0))
WORKED_VALUES = ((1.0, 0.0), (0.0, 2.0), (1.0, 2.0))
MAX_TOKENS = 4


class AttentionQueryModel(PlaygroundModel):
    _esm = esm_source("attention_query")
    view_limit = traitlets.Int(3).tag(sync=True)
    qx = traitlets.Float(1.0).tag(sync=True)
    qy = traitlets.Float(1.0).tag(sync=True)
    key_vectors = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    value_vectors = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    input_names = ("qx", "qy", "key_vectors", "value_vectors")
    readout_function = staticmethod(formulas.query_attention_readout)


def attention_query(query=WORKED_QUERY, keys=WORKED_KEYS, values=WORKED_VALUES) -> Playground:
    """One 2-D query against 2 to 4 keys: the scores q·kⱼ, the softmax bars and the output as the
    weighted sum of the value arrows. Query, keys and values can be dragged."""
    qx, qy = pair(query, "query")
    keys = [list(pair(k, "each key")) for k in keys]
    values = [list(pair(v, "each value")) for v in values]
    if not 2 <= len(keys) <= MAX_TOKENS or len(values) != len(keys):
        raise ValueError(f"give between 2 and {MAX_TOKENS} keys and one value per key, "
                         f"got {len(keys)} keys and {len(values)} values")
    reach = float(np.abs(np.array([[qx, qy], *keys, *values])).max())
    limit = max(2, math.ceil(1.15 * reach))
    model = AttentionQueryModel(view_limit=limit, qx=qx, qy=qy, key_vectors=keys, value_vectors=values)
    return Playground(model, {
        "qx": float_slider(qx, -limit, limit, 0.1, "q₁ (query)"),
        "qy": float_slider(qy, -limit, limit, 0.1, "q₂ (query)"),
    })
