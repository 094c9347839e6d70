"""The book's one palette: colours and labels shared by the matplotlib figures and the playgrounds.

The source of truth is ``palette.json`` next to this file. Python reads it here; the playgrounds'
JavaScript gets the same file bundled into its module (``playgrounds/base.py``) and the same colours
as CSS custom properties (``css_custom_properties``), so no colour is written twice.

    from linalg_ai.palette import COLORS, LABELS, PALETTE, DIGIT_COLORS
    COLORS["a"], LABELS["Ae1"]     # '#1f5fa8', 'Ae₁'

Every colour has a light-mode and a dark-mode value. Figures are drawn with the light values;
``dark_variant`` gives the dark value of any colour (the palette's own pair when the colour is in
the palette, else the colour with its lightness inverted), which ``linalg_ai.figures`` uses to make
each figure follow the theme.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

PALETTE_PATH = Path(__file__).with_name("palette.json")

# Where a page says it is in dark mode: the book's theme (pydata-sphinx-theme) and JupyterLab.
DARK_SELECTORS = ('html[data-theme="dark"]', 'body[data-jp-theme-light="false"]')


@cache
def palette_data() -> dict:
    """palette.json as a dict (the same object the playgrounds receive)."""
    return json.loads(PALETTE_PATH.read_text(encoding="utf-8"))


def _hex(colour: str) -> str:
    colour = colour.strip().lower()
    if len(colour) != 7 or not colour.startswith("#"):
        raise ValueError(f"expected a colour as #rrggbb, got {colour!r}")
    int(colour[1:], 16)
    return colour


def _pairs() -> dict[str, str]:
    """Every light colour of the palette -> its dark value (first definition wins)."""
    data = palette_data()
    pairs: dict[str, str] = {}
    for group in (data["hues"].values(), data["ui"].values(), data["digits"]):
        for pair in group:
            pairs.setdefault(_hex(pair["light"]), _hex(pair["dark"]))
    # Matplotlib's defaults: black text and lines, white faces.
    pairs.setdefault("#000000", _hex(data["ui"]["text"]["dark"]))
    pairs.setdefault("#ffffff", _hex(data["ui"]["background"]["dark"]))
    return pairs


def _role_hue(role: str) -> dict[str, str]:
    data = palette_data()
    return data["hues"][data["roles"][role]["hue"]]


COLORS: dict[str, str] = {role: _role_hue(role)["light"] for role in palette_data()["roles"]}
DARK_COLORS: dict[str, str] = {role: _role_hue(role)["dark"] for role in palette_data()["roles"]}
LABELS: dict[str, str] = {role: spec["label"] for role, spec in palette_data()["roles"].items()}
# Colours for a sequence of unnamed series (bars, curves): the n-th series of a figure.
PALETTE: tuple[str, ...] = tuple(palette_data()["hues"][hue]["light"] for hue in palette_data()["series"])
DIGIT_COLORS: tuple[str, ...] = tuple(pair["light"] for pair in palette_data()["digits"])
UI: dict[str, str] = {name: pair["light"] for name, pair in palette_data()["ui"].items()}


def _inverted_lightness(colour: str) -> str:
    """CSS ``invert(1) hue-rotate(180deg)`` of an sRGB colour: light and dark swap, the hue stays.

    The same filter is applied to raster images inside figures in dark mode, so drawn colours and
    images change the same way.
    """
    r, g, b = (1 - int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    # The hue-rotate matrix of the Filter Effects spec at 180 degrees (cos = -1, sin = 0).
    rows = ((-0.574, 1.430, 0.144), (0.426, 0.430, 0.144), (0.426, 1.430, -0.856))
    channels = (min(1.0, max(0.0, m0 * r + m1 * g + m2 * b)) for m0, m1, m2 in rows)
    return "#" + "".join(f"{round(c * 255):02x}" for c in channels)


def dark_variant(colour: str) -> str:
    """The dark-mode value of a light-mode colour ``#rrggbb``."""
    colour = _hex(colour)
    return _pairs().get(colour) or _inverted_lightness(colour)


def css_custom_properties(scope: str) -> str:
    """CSS declaring ``--la-<role>``, ``--la-ui-<name>`` and ``--la-digit-<i>`` on ``scope``, with
    the light values by default and the dark values under either dark-mode selector."""
    data = palette_data()

    def block(mode: str) -> str:
        lines = [f"  --la-{role}: {_role_hue(role)[mode]};" for role in data["roles"]]
        lines += [f"  --la-ui-{name}: {pair[mode]};" for name, pair in data["ui"].items()]
        lines += [f"  --la-digit-{i}: {pair[mode]};" for i, pair in enumerate(data["digits"])]
        lines += [f"  --la-series-{i}: {data['hues'][hue][mode]};" for i, hue in enumerate(data["series"])]
        return "\n".join(lines)

    dark_scope = ",\n".join(f"{selector} {scope}" for selector in DARK_SELECTORS)
    return f"{scope} {{\n{block('light')}\n}}\n{dark_scope} {{\n{block('dark')}\n}}\n"
