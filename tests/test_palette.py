"""The book's one palette (linalg_ai/palette.json): readable in both modes, and the same colours in
the matplotlib helpers, the figures' dark variants and the playgrounds' CSS."""
from __future__ import annotations

import re

import pytest

from linalg_ai import palette, plotting
from linalg_ai.palette import COLORS, DARK_COLORS, DIGIT_COLORS, LABELS, PALETTE, UI, dark_variant, palette_data

WHITE, DARK_BACKGROUND = palette_data()["ui"]["background"]["light"], palette_data()["ui"]["background"]["dark"]


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("hue", [h for h in palette_data()["hues"] if h != "amber"])
def test_every_hue_is_readable_as_text_in_both_modes(hue):
    pair = palette_data()["hues"][hue]
    assert contrast(pair["light"], WHITE) >= 4.5
    assert contrast(pair["dark"], DARK_BACKGROUND) >= 4.5


def test_digits_and_interface_colours_are_visible_in_both_modes():
    for pair in palette_data()["digits"]:
        assert contrast(pair["light"], WHITE) >= 3 and contrast(pair["dark"], DARK_BACKGROUND) >= 3
    ui = palette_data()["ui"]
    for name in ("text", "muted"):
        assert contrast(ui[name]["light"], WHITE) >= 4.5 and contrast(ui[name]["dark"], DARK_BACKGROUND) >= 4.5


def test_roles_name_hues_and_carry_the_book_s_labels():
    data = palette_data()
    assert all(spec["hue"] in data["hues"] for spec in data["roles"].values())
    assert (LABELS["e1"], LABELS["Ae1"], LABELS["linf"]) == ("e₁", "Ae₁", "L∞")
    # e₁ keeps its colour when A moves it; L1, L2 and L∞ are told apart.
    assert COLORS["e1"] == COLORS["Ae1"] and len({COLORS["l1"], COLORS["l2"], COLORS["linf"]}) == 3
    assert len(set(DIGIT_COLORS)) == 10 and len(set(PALETTE)) == len(PALETTE)


def test_plotting_uses_the_palette():
    assert plotting.PALETTE is PALETTE and plotting.COLORS is COLORS and plotting.UI is UI


def test_dark_variants():
    # The palette's own pairs first, matplotlib's black and white to the theme's text and background.
    assert dark_variant(COLORS["a"]) == DARK_COLORS["a"]
    assert dark_variant("#000000") == palette_data()["ui"]["text"]["dark"]
    assert dark_variant("#FFFFFF") == DARK_BACKGROUND
    # Any other colour: lightness inverted (a light grey becomes a dark grey and vice versa), hue kept.
    assert luminance(dark_variant("#cccccc")) < 0.1 and luminance(dark_variant("#333333")) > 0.4
    reddish = dark_variant("#f4cccc")
    assert int(reddish[1:3], 16) > int(reddish[3:5], 16)
    with pytest.raises(ValueError, match="#rrggbb"):
        dark_variant("red")


def test_css_custom_properties_switch_with_the_theme():
    css = palette.css_custom_properties(".scope")
    light, dark = css.split("}\n", 1)
    assert f"--la-a: {COLORS['a']};" in light and f"--la-a: {DARK_COLORS['a']};" in dark
    assert 'html[data-theme="dark"] .scope' in dark and 'body[data-jp-theme-light="false"] .scope' in dark
    assert len(re.findall(r"--la-[\w-]+:", light)) == len(re.findall(r"--la-[\w-]+:", dark))
