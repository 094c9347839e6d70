"""The Python side of the playgrounds: the formulas give the chapters' numbers, the number format
follows JavaScript's toFixed, and every playground is an anywidget front end whose sliders are
jslinked (browser-side links) to its traits."""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

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


def matrix_inputs(prefix, m):
    return {f"{prefix}{i + 1}{j + 1}": float(m[i][j]) for i in range(2) for j in range(2)}


def test_transformation_readout_moves_from_the_identity_to_the_matrix():
    a = np.array([[1.0, 2.0], [3.0, 4.0]])
    at = lambda t: formulas.transformation_readout({"t": t, **matrix_inputs("m", a)})  # noqa: E731
    assert at(0)["now"] == "[[1.00, 0.00], [0.00, 1.00]]" and at(0)["det"] == "1.00"
    full = at(1)
    assert full["det"] == full["det_A"] == f"{np.linalg.det(a):.2f}" == "-2.00"
    assert (full["e1"], full["e2"], full["orientation"]) == ("(1.00, 3.00)", "(2.00, 4.00)", "flipped (det < 0)")
    # Half way: (I + A) / 2, entry by entry, and its determinant is the signed area of the square's image.
    half = (np.eye(2) + a) / 2
    assert at(0.5)["now"] == formulas.fmt_matrix(half.ravel()) and at(0.5)["det"] == f"{np.linalg.det(half):.2f}"
    projection = formulas.transformation_readout({"t": 1, **matrix_inputs("m", [[1, 0], [0, 0]])})
    assert projection["orientation"].startswith("collapsed")


def test_composition_ends_under_the_product():
    a, b = np.array([[2.0, 0.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    inputs = {**matrix_inputs("m", a), **matrix_inputs("b", b)}
    at = lambda t: formulas.transformation_readout({"t": t, **inputs})  # noqa: E731
    assert at(1)["now"] == formulas.fmt_matrix(b.ravel())          # B alone after the first step
    assert at(2)["now"] == at(2)["AB"] == formulas.fmt_matrix((a @ b).ravel()) == "[[0.00, -2.00], [1.00, 0.00]]"
    assert at(2)["det_AB"] == at(2)["det_product"] == f"{np.linalg.det(a) * np.linalg.det(b):.2f}"
    # Between the two steps the plane is under ((2 - t) I + (t - 1) A) B.
    middle = (0.5 * np.eye(2) + 0.5 * a) @ b
    assert at(1.5)["now"] == formulas.fmt_matrix(middle.ravel())


def test_transformation_views_hold_the_opening_maps():
    from linalg_ai.playgrounds.matrix import view_limit

    shear = np.array([[1.0, 1.0], [0.0, 1.0]])
    assert view_limit(shear) == 3          # the square's image reaches (2, 1)
    assert view_limit(np.array([[1.0, 2.0], [3.0, 4.0]])) == 9 >= 1.15 * 7  # the corner (3, 7) fits
    assert playgrounds.matrix_composition(A=[[4, 0], [0, 4]], B=[[2, 0], [0, 2]]).model.view_limit == 9


def test_query_attention_readout_is_the_worked_example():
    # Token 2 of the chapter's example: q = (1, 1) against its keys, scores (2, 1, 3).
    from linalg_ai.attention import scaled_dot_product_attention
    from linalg_ai.playgrounds.attention_maps import WORKED_KEYS, WORKED_QUERY, WORKED_VALUES

    shown = formulas.query_attention_readout({"qx": 1.0, "qy": 1.0, "key_vectors": WORKED_KEYS,
                                              "value_vectors": WORKED_VALUES})
    assert [shown[f"dot_{j}"] for j in range(3)] == ["2.00", "1.00", "3.00"]
    q, k, v = np.array([WORKED_QUERY]), np.array(WORKED_KEYS), np.array(WORKED_VALUES)
    weights = softmax(k @ q[0] / np.sqrt(2))
    assert [shown[f"w_{j}"] for j in range(3)] == [f"{w:.4f}" for w in weights]
    assert shown["output"] == formulas.fmt_vec(scaled_dot_product_attention(q, k, v)[0])
    assert sum(float(shown[f"w_{j}"]) for j in range(3)) == pytest.approx(1, abs=2e-4)


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
        "matrix_transform": playgrounds.matrix_transform(matrix=((1, 1), (0, 1))),
        "matrix_composition": playgrounds.matrix_composition(),
        "embedding_explorer": playgrounds.embedding_explorer(points, ["a", "b", "a", "c"], images=np.zeros((4, 2, 3))),
        "softmax_temperature": playgrounds.softmax_temperature(scores=(2.0, 1.0, 0.1), temperature=1.0),
        "attention_query": playgrounds.attention_query(),
        "attention_weights": playgrounds.attention_weights(),
    }


@pytest.mark.parametrize("name", list(make_all()))
def test_playground_is_an_anywidget_with_jslinked_sliders(name):
    widget = make_all()[name]
    assert isinstance(widget, ipywidgets.VBox) and isinstance(widget.model, PlaygroundModel)
    assert widget.model in widget.children
    # Its ES module is the shared kit followed by the playground's own file, with a default export.
    esm = widget.model._esm
    assert "function kitPlayground" in esm and f'"{name}"' in esm and "export default" in esm
    assert len(widget.links) == len(widget.sliders) >= 2
    for (trait, control), link in zip(widget.sliders.items(), widget.links):
        # jslink: a link model that the browser runs, not a Python callback.
        assert isinstance(link, Link)
        assert link.source == (control, "value") and link.target == (widget.model, trait)
        assert control.value == getattr(widget.model, trait)
        assert trait in widget.model.input_names
    # Every input but the number of scores and the dragged keys and values has a slider.
    assert set(widget.model.input_names) - set(widget.sliders) <= {"n_scores", "key_vectors", "value_vectors"}
    # Dragging in the figure stays inside the sliders' ranges.
    assert widget.model.limits == {trait: [control.min, control.max] for trait, control in widget.sliders.items()
                                   if hasattr(control, "min")}


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
    (lambda: playgrounds.matrix_transform(matrix=((9, 0), (0, 1))), "every entry"),
    (lambda: playgrounds.matrix_transform(t=2), "t must lie"),
    (lambda: playgrounds.matrix_composition(B="ab"), "B must be 2x2"),
    (lambda: playgrounds.attention_query(keys=((1, 0),), values=((1, 0),)), "between 2 and 4 keys"),
    (lambda: playgrounds.attention_query(values=((1, 0),)), "one value per key"),
    (lambda: playgrounds.attention_query(query=(1, 2, 3)), "query must be two numbers"),
    (lambda: playgrounds.embedding_explorer(np.zeros((3, 2)), ["a", "b", "c"], images=np.zeros((2, 8, 8))), "images"),
    (lambda: playgrounds.softmax_temperature(scores=(1.0,)), "between 2"),
    (lambda: playgrounds.embedding_explorer(np.zeros((3, 3)), ["a", "b", "c"]), "N x 2"),
    (lambda: playgrounds.embedding_explorer(np.zeros((3, 2)), ["a"]), "labels"),
    (lambda: playgrounds.attention_weights(tokens=("a",)), "one query and one key"),
])
def test_bad_arguments_give_clear_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_digit_images_reach_the_browser_exactly():
    from linalg_ai.embeddings import MAX_PIXEL_VALUE, load_digit_images
    from linalg_ai.playgrounds.embedding import decode_image

    digits = load_digit_images()
    widget = playgrounds.embedding_explorer(np.zeros((len(digits.labels), 2)) + np.arange(len(digits.labels))[:, None],
                                            digits.labels, images=digits.images)
    shape = tuple(widget.model.image_shape)
    assert shape == (8, 8) and len(widget.model.images) == len(digits.labels)
    for index in (0, 17, 1796):
        levels = decode_image(widget.model.images[index], shape)
        assert np.array_equal(levels, digits.images[index] * MAX_PIXEL_VALUE)


# --- one source of constants: the JavaScript writes no number or colour that Python also writes --

JS_FILES = sorted((Path(playgrounds.__file__).parent / "js").glob("*.js"))


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: p.name)
def test_javascript_takes_colours_and_decimals_from_the_shared_files(path):
    code = path.read_text(encoding="utf-8")
    assert not re.findall(r"#[0-9a-fA-F]{6}\b", code), f"{path.name} writes a colour of its own: use kitColor/kitUi"
    assert not re.findall(r"kitFmt(?:Vec)?\([^()]*,\s*\d\)", code), f"{path.name} writes a decimal count: use KIT_DECIMALS"
    assert "1e-9" not in code and "[2, 0]" not in code, f"{path.name} repeats a constant of constants.json"


def test_the_module_bundles_the_shared_files_before_the_kit():
    esm = playgrounds.dot_product().model._esm
    palette = (Path(playgrounds.__file__).parents[1] / "palette.json").read_text(encoding="utf-8").strip()
    constants = (Path(playgrounds.__file__).parent / "constants.json").read_text(encoding="utf-8").strip()
    assert esm.startswith(f"const KIT_PALETTE = {palette};\nconst KIT_CONSTANTS = {constants};\n")
    assert esm.index("function kitPlayground") < esm.index("---- dot_product.js ----")
    assert formulas.COORD_DECIMALS == json.loads(constants)["decimals"]["coord"]
    assert formulas.ANGLE_A == tuple(json.loads(constants)["angle_a"])
    # The stylesheet declares every role of the palette, in light and dark mode.
    css = playgrounds.dot_product().model._css
    assert css.count("--la-a:") == 2 and 'html[data-theme="dark"]' in css
