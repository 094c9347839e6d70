"""What every playground is made of: an anywidget front end joined to ipywidgets sliders.

The sliders are linked to the front end's traits with ``ipywidgets.jslink``: the link runs in the
browser, so the playground responds in the static book (no kernel) exactly as in Jupyter, where
Python can also read the values (``w.values()``, ``w.model.ax``, ``w.readout()``).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

import anywidget
import ipywidgets
import traitlets

from linalg_ai.palette import PALETTE_PATH, css_custom_properties

JS_DIR = Path(__file__).with_name("js")
CONSTANTS_PATH = Path(__file__).with_name("constants.json")


@cache
def esm_source(name: str) -> str:
    """The ES module of playground ``name``: the palette and the shared constants as JavaScript
    constants, then the kit (js/kit.js), then the playground's own js/<name>.js.

    Everything is plain dependency-free JavaScript read from the package: no build step, and the
    module reaches the browser inside the widget state, so nothing is fetched at run time.
    """
    palette = PALETTE_PATH.read_text(encoding="utf-8").strip()
    constants = CONSTANTS_PATH.read_text(encoding="utf-8").strip()
    kit = (JS_DIR / "kit.js").read_text(encoding="utf-8")
    own = (JS_DIR / f"{name}.js").read_text(encoding="utf-8")
    return (f"const KIT_PALETTE = {palette};\nconst KIT_CONSTANTS = {constants};\n"
            f"{kit}\n// ---- {name}.js ----\n{own}")


@cache
def css_source() -> str:
    """The playgrounds' stylesheet: the palette as CSS variables (light and dark), then playground.css."""
    scope = ":is(.la-playground-box, .la-playground)"
    return css_custom_properties(scope) + (JS_DIR / "playground.css").read_text(encoding="utf-8")


class PlaygroundModel(anywidget.AnyWidget):
    """Base of each playground's front end. Subclasses set ``_esm``, traits and ``readout_function``."""

    _css = css_source()
    # The range of each slider-controlled trait, so that dragging in the figure stays inside it.
    limits = traitlets.Dict().tag(sync=True)
    # Names of the traits that are the playground's inputs (the ones the readout depends on).
    input_names: tuple[str, ...] = ()
    readout_function: Callable[[Mapping[str, float]], dict[str, str]] | None = None

    def values(self) -> dict:
        """The current inputs, trait name -> value."""
        return {name: getattr(self, name) for name in self.input_names}

    def readout(self) -> dict[str, str]:
        """The strings the front end displays for the current inputs (computed in Python)."""
        return type(self).readout_function(self.values())


class Playground(ipywidgets.VBox):
    """A playground as shown in a page: its sliders above its front end (``model``).

    ``sliders`` maps trait names to the slider linked to that trait; ``links`` holds the jslinks.
    """

    def __init__(self, model: PlaygroundModel, sliders: Mapping[str, ipywidgets.Widget]) -> None:
        self.model = model
        self.sliders = dict(sliders)
        model.limits = {name: [slider.min, slider.max] for name, slider in self.sliders.items()
                        if hasattr(slider, "min")}
        self.links = [ipywidgets.jslink((slider, "value"), (model, name)) for name, slider in self.sliders.items()]
        controls = ipywidgets.Box(
            list(self.sliders.values()),
            layout=ipywidgets.Layout(display="flex", flex_flow="row wrap"),
        )
        controls.add_class("la-controls")
        super().__init__([controls, model])
        self.add_class("la-playground-box")

    def values(self) -> dict[str, float]:
        return self.model.values()

    def readout(self) -> dict[str, str]:
        return self.model.readout()


# Two sliders side by side fit the book's text column (about 44em).
SLIDER_STYLE = {"description_width": "7.5em"}
SLIDER_LAYOUT = {"width": "20em", "margin": "2px 1em 2px 0"}


# A slider alone on its row (a playground's main parameter, such as the time t).
WIDE_SLIDER_LAYOUT = {**SLIDER_LAYOUT, "width": "100%", "max_width": "41em"}


def float_slider(value: float, low: float, high: float, step: float, description: str, decimals: int = 1,
                 wide: bool = False) -> ipywidgets.FloatSlider:
    """A keyboard-reachable float slider with a plain-Unicode label and a fixed-decimal readout."""
    if not low <= value <= high:
        raise ValueError(f"{description}: {value} is outside the slider range [{low}, {high}]")
    return ipywidgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=f".{decimals}f", continuous_update=True,
        style=SLIDER_STYLE, layout=WIDE_SLIDER_LAYOUT if wide else SLIDER_LAYOUT,
    )


def int_slider(value: int, low: int, high: int, description: str) -> ipywidgets.IntSlider:
    if not low <= value <= high:
        raise ValueError(f"{description}: {value} is outside the slider range [{low}, {high}]")
    return ipywidgets.IntSlider(
        value=value, min=low, max=high, step=1, description=description,
        continuous_update=True, style=SLIDER_STYLE, layout=SLIDER_LAYOUT,
    )


def pair(value, name: str) -> tuple[float, float]:
    """A 2-D vector argument as two floats, with a clear error for anything else."""
    try:
        x, y = (float(c) for c in value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be two numbers, e.g. (3, 4); got {value!r}") from None
    return x, y

