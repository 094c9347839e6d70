"""Each playground responds in the static book, with no kernel: moving its sliders by keyboard and
by mouse (and dragging, clicking, hovering, the arrow keys on a focused handle, where it offers
that) changes the numbers it shows, and they equal what linalg_ai.playgrounds.formulas computes in
Python for the inputs read from the page. A screenshot of every playground page is saved under
test-output/screenshots/."""
from __future__ import annotations

import json

import numpy as np
import pytest
from playwright.sync_api import expect

from browser_support import PLAYGROUND_PAGES, python_readout, read_playground, wait_until_settled

pytestmark = pytest.mark.browser

# The slider controlling each input, in the order the playground's sliders appear.
SLIDER_TRAITS = {
    "vector": ["vx", "vy"],
    "vector_sum": ["ax", "ay", "bx", "by", "c"],
    "dot_product": ["ax", "ay", "bx", "by"],
    "angle": ["theta", "length"],
    "norms": ["px", "py", "p"],
    "matrix_transform": ["t", "m11", "m12", "m21", "m22"],
    "matrix_composition": ["t", "b11", "b12", "b21", "b22", "m11", "m12", "m21", "m22"],
    "attention_query": ["qx", "qy"],
    "embedding_explorer": ["selected", "k"],
    "attention_weights": ["temperature"],
}


def slider_traits(name: str, inputs: dict) -> list[str]:
    if name == "softmax_temperature":
        return [f"score_{i}" for i in range(inputs["n_scores"])] + ["temperature"]
    return SLIDER_TRAITS[name]


def assert_matches_python(name, root, sliders) -> dict:
    """The displayed numbers equal Python's for the page's current inputs, and every slider shows
    the value of the trait it is linked to. Returns the inputs."""
    inputs, shown, example = read_playground(root)
    assert shown == python_readout(name, inputs, example), f"{name}: browser and Python disagree for {inputs}"
    for index, trait in enumerate(slider_traits(name, inputs)):
        # ipywidgets prints negative readouts with a Unicode minus sign.
        text = sliders.nth(index).locator(".widget-readout").inner_text().strip().replace("\u2212", "-")
        decimals = len(text.split(".")[1]) if "." in text else 0
        assert abs(float(text) - inputs[trait]) <= 0.5 * 10 ** -decimals + 1e-9, (
            f"{name}: slider {trait} shows {text}, the playground has {inputs[trait]}")
    return inputs


def act_and_check(name, root, sliders, action, what):
    """Run ``action``; the inputs and the displayed numbers must change and match Python."""
    before_inputs = root.get_attribute("data-inputs")
    _, before_shown, _ = read_playground(root)
    action()
    expect(root).not_to_have_attribute("data-inputs", before_inputs, timeout=5000)
    after = assert_matches_python(name, root, sliders)
    _, after_shown, _ = read_playground(root)
    assert after_shown != before_shown, f"{name}: {what} changed the inputs but not the numbers"
    return after


def slider_handle(sliders, index):
    return sliders.nth(index).locator('[role="slider"]').first


def press_keys(page, sliders, index):
    handle = slider_handle(sliders, index)
    at_max = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")


def drag_slider(page, sliders, index):
    handle = slider_handle(sliders, index)
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    track = sliders.nth(index).locator(".noUi-target").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # Towards the side with more room, by a quarter of the track.
    dx = track["width"] / 4 * (1 if x < track["x"] + track["width"] / 2 else -1)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


def drag_arrowhead(page, root, index, dx, dy):
    handle = root.locator(".la-handle").nth(index)
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=8)
    page.mouse.up()


def hover_points(page, root):
    """Sweep the pointer across the scatter plot: the point under it becomes the selected one."""
    box = root.locator("svg.la-scatter").bounding_box()
    for fraction in (0.5, 0.4, 0.6, 0.3, 0.7):
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * fraction, steps=4)


def press_on_handle(page, root, index, keys):
    """Focus a drag handle (as Tab does) and press keys on it."""
    root.locator(".la-handle").nth(index).focus()
    for key in keys:
        page.keyboard.press(key)


def check_thumbnails(root, inputs):
    """The images shown are those of the selected point and of its neighbours, pixel for pixel."""
    from browser_support import _digits_projection
    from linalg_ai.embeddings import MAX_PIXEL_VALUE, load_digit_images
    from linalg_ai.playgrounds import formulas

    points, _ = _digits_projection()
    expected = [inputs["selected"]] + [j for j, _ in formulas.nearest_points(points, inputs["selected"], inputs["k"])]
    shown = root.locator(".la-thumbnail").evaluate_all("""items => items.map(item => {
        const canvas = item.querySelector("canvas");
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        return {index: Number(item.dataset.index), alpha: Array.from(data.filter((_, i) => i % 4 === 3))};
    })""")
    assert [item["index"] for item in shown] == expected
    images = load_digit_images().images
    for item in shown:
        # The ink of a pixel with grey level g (0..16) has alpha round(g / 16 * 255), as Math.round.
        levels = images[item["index"]].reshape(-1) * MAX_PIXEL_VALUE
        ink = np.floor(levels / MAX_PIXEL_VALUE * 255 + 0.5).astype(int)
        assert item["alpha"] == ink.tolist(), f"image #{item['index']} differs from the data set"


def inputs_of(root):
    return json.loads(root.get_attribute("data-inputs"))


def extra_interactions(page, name, root, box, sliders):
    """What a playground offers beyond its sliders; each must update the numbers too."""
    check = lambda action, what: act_and_check(name, root, sliders, action, what)  # noqa: E731
    if name in ("vector", "vector_sum", "norms"):
        check(lambda: drag_arrowhead(page, root, 0, -30, 25), "dragging the point or arrowhead")
        before = inputs_of(root)
        inputs = check(lambda: press_on_handle(page, root, 0, ["ArrowUp", "ArrowUp"]), "arrow keys on a handle")
        moved = [k for k in inputs if inputs[k] != before[k]]
        assert len(moved) == 1 and inputs[moved[0]] > before[moved[0]], f"ArrowUp moved {moved}"
    elif name == "dot_product":
        check(lambda: drag_arrowhead(page, root, 0, 40, -30), "dragging the head of a")
        check(lambda: drag_arrowhead(page, root, 1, -35, 30), "dragging the head of b")
        before = inputs_of(root)
        inputs = check(lambda: press_on_handle(page, root, 1, ["ArrowLeft"]), "the left arrow key on b")
        assert inputs["bx"] == pytest.approx(before["bx"] - 0.1) and inputs["by"] == before["by"]
    elif name == "angle":
        # Past 90° the dot product turns negative.
        handle = slider_handle(sliders, 0)
        handle.focus()
        inputs = check(lambda: page.keyboard.press("End"), "the End key on θ")
        assert inputs["theta"] == 180
        _, shown, _ = read_playground(root)
        assert shown["sign"] == "negative"
    elif name == "matrix_transform":
        inputs = check(lambda: root.get_by_role("button", name="shear").click(), "the shear preset")
        assert (inputs["m11"], inputs["m12"], inputs["m21"], inputs["m22"]) == (1, 1, 0, 1)
        check(lambda: drag_arrowhead(page, root, 0, 30, -40), "dragging A's first column")
        before = inputs_of(root)
        inputs = check(lambda: press_on_handle(page, root, 1, ["Shift+ArrowRight"]), "Shift+ArrowRight on Ae2")
        assert inputs["m12"] == pytest.approx(min(before["m12"] + 1, 4))
        # The play button runs t from 0 up to 1: the grid ends under A.
        root.get_by_role("button", name="play").click()
        page.wait_for_function("root => JSON.parse(root.dataset.inputs).t === 1", arg=root.element_handle(), timeout=10_000)
        inputs = assert_matches_python(name, root, sliders)
        _, shown, _ = read_playground(root)
        assert shown["now"] == f"[[{inputs['m11']:.2f}, {inputs['m12']:.2f}], [{inputs['m21']:.2f}, {inputs['m22']:.2f}]]"
    elif name == "matrix_composition":
        check(lambda: root.locator('button[data-matrix="B"]', has_text="shear").click(), "the shear preset for B")
        inputs = check(lambda: root.locator('button[data-matrix="A"]', has_text="rotation").click(), "the rotation preset for A")
        slider_handle(sliders, 0).focus()
        inputs = check(lambda: page.keyboard.press("End"), "the End key on t")
        assert inputs["t"] == 2
        _, shown, _ = read_playground(root)
        a, b = np.array([[0, -1], [1, 0]]), np.array([[1, 1], [0, 1]])
        ab = a @ b
        assert shown["now"] == shown["AB"] == f"[[{ab[0, 0]:.2f}, {ab[0, 1]:.2f}], [{ab[1, 0]:.2f}, {ab[1, 1]:.2f}]]"
    elif name == "attention_query":
        # Handles: the keys, the query (on top), then the values.
        before = inputs_of(root)
        inputs = check(lambda: drag_arrowhead(page, root, 1, 35, 20), "dragging the key k2")
        assert inputs["key_vectors"][1] != before["key_vectors"][1] and inputs["key_vectors"][0] == before["key_vectors"][0]
        check(lambda: drag_arrowhead(page, root, 5, -30, -30), "dragging the value v2")
        before = inputs_of(root)
        inputs = check(lambda: press_on_handle(page, root, 3, ["ArrowLeft", "ArrowLeft"]), "arrow keys on the query")
        assert inputs["qx"] == pytest.approx(before["qx"] - 0.2)
    elif name == "embedding_explorer":
        inputs = check(lambda: hover_points(page, root), "hovering over the points")
        check_thumbnails(root, inputs)
    elif name == "attention_weights":
        inputs = check(lambda: box.locator("input[type=checkbox]").click(), "the causal-mask checkbox")
        assert inputs["causal"] is True
        _, shown, _ = read_playground(root)
        assert shown["w_0_0"] == "1.0000"  # the first token can only attend to itself


@pytest.mark.parametrize("page_name", list(PLAYGROUND_PAGES))
def test_playgrounds_respond(book_server, probed_page, screenshot_dir, page_name):
    page, probe = probed_page
    names = PLAYGROUND_PAGES[page_name]
    page.goto(book_server.url(f"book/{page_name}.html"), wait_until="networkidle")
    wait_until_settled(page, len(names))
    found = page.locator("[data-playground]").evaluate_all("nodes => nodes.map(n => n.dataset.playground)")
    assert found == names, f"book/{page_name}.html holds playgrounds {found}, expected {names}"
    page.screenshot(path=str(screenshot_dir / f"{page_name}.png"), full_page=True)

    for index, name in enumerate(names):
        root = page.locator("[data-playground]").nth(index)
        box = root.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' la-playground-box ')][1]")
        sliders = box.locator(".widget-slider")
        box.scroll_into_view_if_needed()
        assert_matches_python(name, root, sliders)
        # First slider by keyboard, last slider by mouse.
        act_and_check(name, root, sliders, lambda: press_keys(page, sliders, 0), "arrow keys on the first slider")
        last = sliders.count() - 1
        act_and_check(name, root, sliders, lambda: drag_slider(page, sliders, last), "dragging the last slider")
        extra_interactions(page, name, root, box, sliders)
        box.screenshot(path=str(screenshot_dir / f"{page_name}--{name}.png"))

    problems = probe.problems()
    assert not problems, "\n".join(problems)
