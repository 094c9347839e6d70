"""linalg_ai.figures.show_figure: a matplotlib figure becomes inline SVG with text kept as text,
described by its alt text, with ids of its own and colours that follow the page's theme."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from linalg_ai.figures import BookFigure, show_figure  # noqa: E402
from linalg_ai.palette import COLORS, DARK_COLORS  # noqa: E402

ALT = "An arrow a from the origin and a small heatmap beside it"


def sample_figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], color=COLORS["a"], label="a")
    ax.imshow(np.eye(3), extent=(0.6, 0.9, 0, 0.3), cmap="Blues")
    ax.set_title("Title with $x_1$")
    ax.legend()
    return fig


def svg_of(figure: BookFigure) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", figure.html, re.S).group(0))


def test_figure_is_inline_svg_named_by_its_alt_text():
    fig = sample_figure()
    shown = show_figure(fig, alt=ALT)
    assert not plt.fignum_exists(fig.number), "the figure must be closed, or the backend prints it again"
    assert shown._repr_html_() == shown.html and repr(shown) == f"Figure: {ALT}"
    svg = svg_of(shown)
    ns = "{http://www.w3.org/2000/svg}"
    title = svg.find(f"{ns}title")
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == title.get("id") and title.text == ALT
    # Text stays text (searchable, read aloud, measured by the browser tests), nothing as glyph paths.
    texts = [re.sub(r"\s", "", "".join(t.itertext())) for t in svg.iter(f"{ns}text")]
    assert "Titlewithx1" in texts and "a" in texts and "0.6" in texts
    # The raster part is embedded (no file to fetch), at twice the CSS pixel density.
    image = next(svg.iter(f"{ns}image"))
    assert image.get("{http://www.w3.org/1999/xlink}href").startswith("data:image/png;base64,")


def test_ids_are_the_figure_s_own():
    first, second = show_figure(sample_figure(), alt=ALT), show_figure(sample_figure(), alt=ALT + " again")
    ids = [set(re.findall(r'id="([^"]+)"', f.html)) for f in (first, second)]
    assert not ids[0] & ids[1], "two figures of a page share ids"
    for figure, own in zip((first, second), ids):
        assert all(i.startswith(figure.id) for i in own)
        references = re.findall(r'(?:href="#|url\(#)([^")]+)', figure.html)
        assert references and set(references) <= own
    # Matplotlib's global "*{...}" rule is scoped to the figure.
    assert "<style type=\"text/css\">#" + first.id + " *{" in first.html.replace("'", '"')


def test_colours_follow_the_theme():
    shown = show_figure(sample_figure(), alt=ALT)
    assert not re.search(r'(?:fill|stroke)[:=]\s*"?#[0-9a-fA-F]{6}', svg_part(shown)), "a colour is not themed"
    light = dict(re.findall(r"--(c\d+): (#[0-9a-f]{6})", shown.html.split("html[data-theme")[0]))
    dark = dict(re.findall(r"--(c\d+): (#[0-9a-f]{6})", shown.html.split("html[data-theme", 1)[1]))
    index = {v: k for k, v in light.items()}[COLORS["a"]]
    assert dark[index] == DARK_COLORS["a"]
    assert set(light) == set(dark)
    # Black (matplotlib's unwritten default) comes from the root, themed.
    assert re.search(r'<svg[^>]*style="fill: var\(--c\d+\)"', shown.html)
    assert f'html[data-theme="dark"] #{shown.id} image' in shown.html


def svg_part(figure: BookFigure) -> str:
    return figure.html[figure.html.index("<svg"):]


@pytest.mark.parametrize("alt", ["", "figure", "../_images/a6a719.png", "plot.svg", "_build/html/x/y"])
def test_alt_text_must_describe(alt):
    fig = sample_figure()
    with pytest.raises(ValueError, match="describe the figure"):
        show_figure(fig, alt=alt)
    plt.close(fig)


def test_a_photograph_keeps_its_colours_in_dark_mode():
    """Drawn parts follow the theme; a photograph's pixels are not inverted into a negative."""
    drawing, photo = (show_figure(sample_figure(), alt=ALT, photo=kind) for kind in (False, True))
    assert f'html[data-theme="dark"] #{drawing.id} image' in drawing.html
    assert " image {" not in photo.html and f'html[data-theme="dark"] #{photo.id}' in photo.html
