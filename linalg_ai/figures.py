"""Matplotlib figures as the book shows them: inline SVG with real text, alt text, and colours that
follow the page's light or dark mode.

End a figure cell with ``show_figure(fig, alt="what the figure shows")`` instead of letting the
inline backend print a PNG::

    fig, ax = plt.subplots(figsize=(5, 4))
    ...
    show_figure(fig, alt="Two arrows a and b from the origin and the angle of 101° between them")

What it does, and why:

- SVG (sharp at any zoom and on high-DPI screens) with text kept as text (``svg.fonttype: none``),
  so it is searchable, read by screen readers and measurable by the browser tests. Raster parts
  (``imshow``) are embedded at 2x (192 dpi).
- Every colour of the figure becomes a CSS variable with its light value and its dark value
  (``linalg_ai.palette.dark_variant``: the palette's own dark colour, else the colour with its
  lightness inverted), switched by the theme's ``html[data-theme="dark"]`` (and by JupyterLab's
  dark theme). Embedded images get the same inversion as a CSS filter, unless they are photographs
  (``show_figure(..., photo=True)``), which would turn into their negatives.
- ``alt`` becomes the SVG's accessible name (``role="img"`` with a ``<title>``), and the text form
  of the output, so the figure is described rather than named by a file path.
- The SVG is inlined in the page, so its ids are prefixed with the figure's own id (two figures on
  a page must not share ``id="axes_1"``), and matplotlib's global ``*{...}`` style is scoped to it.
"""
from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from linalg_ai.palette import DARK_SELECTORS, dark_variant

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Raster parts at twice the CSS pixel density (96 per inch).
RASTER_DPI = 192
SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "linalg-ai", "svg.image_inline": True}
MIN_ALT_WORDS = 4
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")
_PATH_LIKE = re.compile(r"^\S*[/\\]\S*$|\.(png|svg|jpe?g|gif)$", re.IGNORECASE)


class BookFigure:
    """A rendered figure: shown as inline SVG by Jupyter and the book, as its alt text elsewhere."""

    def __init__(self, html_text: str, alt: str, figure_id: str) -> None:
        self.html = html_text
        self.alt = alt
        self.id = figure_id

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"


def check_alt(alt: str) -> str:
    """The alt text, or a clear error when it cannot describe a figure."""
    if not isinstance(alt, str) or len(alt.split()) < MIN_ALT_WORDS or _PATH_LIKE.search(alt.strip()):
        raise ValueError(f"alt must describe the figure in at least {MIN_ALT_WORDS} words "
                         f"(what it shows, not a file name); got {alt!r}")
    return " ".join(alt.split())


def svg_text(fig: Figure) -> str:
    """The figure as SVG text with its text kept as text, cropped to its content."""
    buffer = io.StringIO()
    with plt.rc_context(SVG_RC):
        fig.savefig(buffer, format="svg", dpi=RASTER_DPI, bbox_inches="tight", pad_inches=0.1,
                    metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _scope_ids(root: ET.Element, prefix: str) -> None:
    """Prefix every id and every reference to one (href, url(#...)) with ``prefix``."""
    href = f"{{{XLINK_NS}}}href"
    for element in root.iter():
        if "id" in element.attrib:
            element.set("id", prefix + element.get("id"))
        for key in (href, "href"):
            value = element.get(key)
            if value and value.startswith("#"):
                element.set(key, "#" + prefix + value[1:])
        for key, value in element.attrib.items():
            if "url(#" in value:
                element.set(key, value.replace("url(#", f"url(#{prefix}"))


def _theme_colours(root: ET.Element) -> list[str]:
    """Replace every #rrggbb in styles and fill/stroke attributes by a CSS variable --c<i>; return
    the colours in variable order."""
    colours: dict[str, int] = {}

    def variable(colour: str) -> str:
        return f"var(--c{colours.setdefault(colour.lower(), len(colours))})"

    for element in root.iter():
        for key in ("style", "fill", "stroke"):
            value = element.get(key)
            if value and _COLOUR.search(value):
                if key != "style":
                    # Presentation attributes cannot hold var(): move the colour into the style.
                    del element.attrib[key]
                    element.set("style", f"{key}: {value}; " + element.get("style", ""))
                element.set("style", _COLOUR.sub(lambda match: variable(match.group(0)), element.get("style")))
    # Matplotlib leaves black out (SVG's default fill, of text for one): the root gives it, themed.
    root.set("style", f"fill: {variable('#000000')}")
    return list(colours)


def _fallback_fonts(root: ET.Element) -> None:
    """Mathtext names one font (DejaVu Sans): let the browser fall back on any sans-serif."""
    for element in root.iter():
        style = element.get("style")
        if style and "font-family" in style:
            element.set("style", re.sub(r"(font-family:[^;]*?)(?<!sans-serif)(;|$)", r"\1, sans-serif\2", style))


def _stylesheet(figure_id: str, colours: list[str], photo: bool = False) -> str:
    scope = f"#{figure_id}"
    dark = ", ".join(f"{selector} {scope}" for selector in DARK_SELECTORS)
    dark_images = ", ".join(f"{selector} {scope} image" for selector in DARK_SELECTORS)
    light_vars = " ".join(f"--c{i}: {c};" for i, c in enumerate(colours))
    dark_vars = " ".join(f"--c{i}: {dark_variant(c)};" for i, c in enumerate(colours))
    images = "" if photo else f"{dark_images} {{ filter: invert(1) hue-rotate(180deg); }}\n"
    return (
        f"{scope} {{ {light_vars} margin: 0.5rem 0; }}\n"
        f"{dark} {{ {dark_vars} }}\n"
        f"{images}"
        f"{scope} > svg {{ display: block; max-width: 100%; height: auto; }}\n"
        # The book's theme puts every HTML output on a light card in dark mode; figures follow it.
        f'html[data-theme="dark"] .bd-content div.cell_output .text_html:has({scope}) '
        "{ background-color: transparent; color: inherit; padding: 0; }\n"
    )


def figure_html(svg: str, alt: str, photo: bool = False) -> tuple[str, str]:
    """(HTML of the themed inline SVG with ``alt`` as its name, the figure's id)."""
    figure_id = "la-fig-" + hashlib.sha1((svg + alt).encode()).hexdigest()[:10]
    root = ET.fromstring(svg)
    for metadata in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(metadata)
    for style in root.iter(f"{{{SVG_NS}}}style"):
        # Matplotlib's "*{stroke-linejoin: round; ...}" would apply to the whole page once inlined.
        style.text = (style.text or "").replace("*{", f"#{figure_id} *{{")
    _scope_ids(root, figure_id + "-")
    colours = _theme_colours(root)
    _fallback_fonts(root)
    title = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{figure_id}-title"})
    title.text = alt
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", f"{figure_id}-title")
    root.set("class", "la-figure-svg")
    body = ET.tostring(root, encoding="unicode")
    return (f'<div class="la-figure-output" id="{figure_id}">'
            f"<style>{_stylesheet(figure_id, colours, photo)}</style>{body}</div>"), figure_id


def show_figure(fig: Figure, alt: str, photo: bool = False) -> BookFigure:
    """Render ``fig`` for the book (themed inline SVG described by ``alt``) and close it, so the
    inline backend does not print it a second time. Use it as the last line of a figure cell.

    ``photo=True`` leaves its images as they are in dark mode (a photograph must not turn into its
    negative); its drawn parts, text and axes still follow the theme."""
    alt = check_alt(alt)
    try:
        text, figure_id = figure_html(svg_text(fig), alt, photo)
    finally:
        plt.close(fig)
    return BookFigure(text, alt, figure_id)
