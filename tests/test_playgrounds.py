"""The Python side of the playgrounds: the formulas give the chapters' numbers, the number format
follows JavaScript's toFixed, and every playground is an anywidget front end whose sliders are
jslinked (browser-side links) to its traits."""
from __future__ import annotations

import json
import math
import shutil
import subprocess

import ipywidgets
from ipywidgets.widgets.widget_link import Link
import numpy as np
import pytest

from linalg_ai import playgrounds
from linalg_ai.attention import attention_weights as attention_weights_matrix
from linalg_ai.attention import softmax
from linalg_ai.playgrounds import formulas
from linalg_ai.playgrounds.attention_maps import EXAMPLE_KEYS
from linalg_ai.playgrounds.base import PlaygroundModel


# --- formulas: the chapters' examples ---------------------------------------------------------

def test_dot_product_readout_of_the_chapter_example():
    assert formulas.dot_product_readout({"ax": -3, "ay": 3, "bx": 3, "by": 2}) == {
        "dot": "-3.00", "norm_a": "4.24", "norm_b": "3.61", "cos": "-0.1961", "theta": "101.31",
        "proj": "(-0.69, -0.46)",
    }


def test_dot_product_values_agree_with_numpy():
    a, b = np.array([-3.0, 3.0]), np.array([3.0, 2.0])
    values = formulas.dot_product_values(*a, *b)
    cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    assert values["dot"] == a @ b
    assert values["cos"] == pytest.approx(cos)
    assert values["theta"] == pytest.approx(np.degrees(np.arccos(cos)))
    assert (values["proj_x"], values["proj_y"]) == pytest.approx(tuple((a @ b) / (b @ b) * b))


def test_undefined_angle_and_projection_for_zero_vectors():
    shown = formulas.dot_product_readout({"ax": 0, "ay": 0, "bx": 0, "by": 0})
    assert shown["cos"] == shown["theta"] == "undefined"
    assert shown["proj"] == "(undefined, undefined)"


def test_vector_and_vector_sum_readouts():
    assert formulas.vector_readout({"vx": 3, "vy": 4}) == {"v": "(3.00, 4.00)", "length": "5.00", "direction": "53.13"}
    shown = formulas.vector_sum_readout({"ax": 2, "ay": 1, "bx": 1, "by": 3, "c": -1.5})
    assert shown["sum"] == "(3.00, 4.00)" and shown["sum_length"] == "5.00"
    assert shown["scaled"] == "(-3.00, -1.50)"


@pytest.mark.parametrize(("theta", "sign"), [(60, "positive"), (89, "positive"), (90, "zero (a ⟂ b)"),
                                             (91, "negative"), (180, "negative")])
def test_sign_of_the_dot_product_changes_at_90_degrees(theta, sign):
    shown = formulas.angle_readout({"theta": theta, "length": 2})
    assert shown["sign"] == sign
    if theta == 90:
        assert shown["dot"] == "0.00" and shown["cos"] == "0.0000"


def test_norms_of_the_chapter_point():
    shown = formulas.norms_readout({"px": 0.6, "py": 0.8, "p": 2})
    assert (shown["l1"], shown["l2"], shown["linf"], shown["lp"]) == ("1.4000", "1.0000", "0.8000", "1.0000")
    x = np.array([0.6, -0.8])
    for p in (1, 3.5, 10):
        assert formulas.p_norm(*x, p) == pytest.approx(np.linalg.norm(x, ord=p))
    assert formulas.p_norm(*x, math.inf) == np.linalg.norm(x, ord=np.inf)


def test_matrix_readout():
    shown = formulas.matrix_readout({"m11": 1, "m12": 2, "m21": 3, "m22": 4})
    assert shown["det"] == f"{np.linalg.det(np.array([[1, 2], [3, 4]])):.2f}" == "-2.00"
    assert (shown["e1"], shown["e2"], shown["orientation"]) == ("(1.00, 3.00)", "(2.00, 4.00)", "flipped (det < 0)")
    assert formulas.matrix_readout({"m11": 1, "m12": 0, "m21": 0, "m22": 0})["orientation"].startswith("collapsed")


def test_softmax_readout_of_the_chapter_scores():
    inputs = {"n_scores": 3, "score_0": 2.0, "score_1": 1.0, "score_2": 0.1, "temperature": 1.0}
    assert formulas.softmax_readout(inputs) == {"p_0": "0.6590", "p_1": "0.2424", "p_2": "0.0986"}
    cold = formulas.softmax_readout({**inputs, "temperature": 0.1})
    assert cold["p_0"] == f"{softmax([2.0, 1.0, 0.1], temperature=0.1)[0]:.4f}"


def test_attention_readout_uses_the_attention_module():
    keys = np.array(EXAMPLE_KEYS)
    shown = formulas.attention_readout(EXAMPLE_KEYS, EXAMPLE_KEYS, {"temperature": 0.5, "causal": True})
    weights = attention_weights_matrix(keys, keys, causal=True, temperature=0.5)
    assert shown == {f"w_{i}_{j}": formulas.fmt(weights[i, j], 4) for i in range(4) for j in range(4)}
    assert shown["w_0_0"] == "1.0000" and shown["w_0_3"] == "0.0000"


def test_nearest_points_agree_with_brute_force():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(200, 2))
    found = formulas.nearest_points(points.tolist(), 17, 6)
    distances = np.linalg.norm(points - points[17], axis=1)
    distances[17] = np.inf
    assert [j for j, _ in found] == list(np.argsort(distances, kind="stable")[:6])
    assert [d for _, d in found] == pytest.approx(np.sort(distances)[:6])


# --- the number format is JavaScript's toFixed -------------------------------------------------

FORMAT_CASES = [(0.125, 2), (-0.125, 2), (1.005, 2), (2.675, 2), (-0.001, 2), (0.0, 4), (-0.0, 4),
                (101.30993247402023, 2), (-0.19611613513818404, 4), (1e-17, 4), (123456.5, 0), (0.5, 0)]


def test_fmt_follows_to_fixed_rules():
    assert formulas.fmt(0.125, 2) == "0.13"  # an exact tie rounds away from zero (Python: 0.12)
    assert formulas.fmt(-0.125, 2) == "-0.13"
    assert formulas.fmt(-0.001, 2) == "0.00"  # no "-0.00"
    assert formulas.fmt(math.nan, 2) == formulas.fmt(math.inf, 2) == "undefined"


def test_fmt_equals_javascript_to_fixed():
    # Node comes with npm, which vendoring the book's browser assets already requires.
    assert shutil.which("node"), "node is missing: install Node.js and npm"
    script = ("const cases = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(cases.map(([x, d]) => {"
              " let s = x.toFixed(d); if (/^-0(\\.0*)?$/.test(s)) s = s.slice(1); return s; })));")
    result = subprocess.run(["node", "-e", script, json.dumps(FORMAT_CASES)], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [formulas.fmt(x, d) for x, d in FORMAT_CASES]


# --- the widgets ------------------------------------------------------------------------------

def make_all():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    return {
        "vector": playgrounds.vector(v=(3, 4)),
        "vector_sum": playgrounds.vector_sum(a=(2, 1), b=(1, 3), c=1.0),
        "dot_product": playgrounds.dot_product(a=(-3, 3), b=(3, 2)),
        "angle": playgrounds.angle(theta_degrees=60, length=2),
        "norms": playgrounds.norms(point=(0.6, 0.8), p=2),
        "matrix_transform": playgrounds.matrix_transform(matrix=((1, 2), (3, 4))),
        "embedding_explorer": playgrounds.embedding_explorer(points, ["a", "b", "a", "c"]),
        "softmax_temperature": playgrounds.softmax_temperature(scores=(2.0, 1.0, 0.1), temperature=1.0),
        "attention_weights": playgrounds.attention_weights(),
    }


@pytest.mark.parametrize("name", list(make_all()))
def test_playground_is_an_anywidget_with_jslinked_sliders(name):
    widget = make_all()[name]
    assert isinstance(widget, ipywidgets.VBox) and isinstance(widget.model, PlaygroundModel)
    assert widget.model in widget.children
    # Its ES module is the shared kit followed by the playground's own file, with a default export.
    esm = widget.model._esm
    assert "function kitFrame" in esm and f'"{name}"' in esm and "export default" in esm
    assert len(widget.links) == len(widget.sliders) >= 2
    for (trait, control), link in zip(widget.sliders.items(), widget.links):
        # jslink: a link model that the browser runs, not a Python callback.
        assert isinstance(link, Link)
        assert link.source == (control, "value") and link.target == (widget.model, trait)
        assert control.value == getattr(widget.model, trait)
        assert trait in widget.model.input_names
    # Every input but the number of scores has a control.
    assert set(widget.model.input_names) - set(widget.sliders) <= {"n_scores"}


def test_python_reads_the_values_and_the_readout():
    widget = playgrounds.dot_product(a=(-3, 3), b=(3, 2))
    assert widget.values() == {"ax": -3.0, "ay": 3.0, "bx": 3.0, "by": 2.0}
    assert widget.model.ax == -3.0
    widget.model.ax = 1.0  # as the browser does when a slider moves
    assert widget.readout() == formulas.dot_product_readout({"ax": 1.0, "ay": 3.0, "bx": 3.0, "by": 2.0})


def test_readout_methods_match_the_formulas():
    for name, widget in make_all().items():
        assert widget.readout() == widget.model.readout(), name
    assert make_all()["softmax_temperature"].readout() == {"p_0": "0.6590", "p_1": "0.2424", "p_2": "0.0986"}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: playgrounds.dot_product(a=(1, 2, 3)), "two numbers"),
    (lambda: playgrounds.vector(v="ab"), "two numbers"),
    (lambda: playgrounds.vector(v=(30, 4)), "outside the slider range"),
    (lambda: playgrounds.matrix_transform(matrix=((1, 2),)), "2x2"),
    (lambda: playgrounds.softmax_temperature(scores=(1.0,)), "between 2"),
    (lambda: playgrounds.embedding_explorer(np.zeros((3, 3)), ["a", "b", "c"]), "N x 2"),
    (lambda: playgrounds.embedding_explorer(np.zeros((3, 2)), ["a"]), "labels"),
    (lambda: playgrounds.attention_weights(tokens=("a",)), "one query and one key"),
])
def test_bad_arguments_give_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()
