"""Interactive playgrounds of the course: they respond in Jupyter AND in the static book.

Each function returns a widget to show as a cell's last expression::

    from linalg_ai import playgrounds
    w = playgrounds.dot_product(a=(-3, 3), b=(3, 2))
    w                      # sliders + drawing; drag the arrowheads or move the sliders

In Jupyter (live kernel) Python reads the current state of a playground ``w``:
``w.values()`` (inputs, e.g. ``{"ax": -3.0, ...}``), ``w.model.ax`` (one trait),
``w.readout()`` (the strings the playground displays), ``w.sliders["ax"]`` (a slider).

How it works: the drawing and the numbers are computed by the playground's JavaScript
(``js/<name>.js`` after the shared ``js/kit.js``) inside an ``anywidget.AnyWidget``; the sliders are
plain ``ipywidgets`` joined to its traits with ``ipywidgets.jslink``, so nothing needs a kernel.
``formulas`` computes the same displayed strings in Python (the browser tests compare them).
"""
from . import formulas
from .attention_maps import attention_query, attention_weights, softmax_temperature
from .base import Playground
from .embedding import embedding_explorer
from .matrix import matrix_composition, matrix_transform
from .vectors import angle, dot_product, norms, vector, vector_sum

__all__ = [
    "Playground", "formulas", "vector", "vector_sum", "dot_product", "angle", "norms",
    "matrix_transform", "matrix_composition", "embedding_explorer", "softmax_temperature",
    "attention_query", "attention_weights",
]
