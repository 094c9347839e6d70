"""Matplotlib helpers shared by the chapters, so every figure looks the same and follows the theme.

Typical use in a page::

    fig, ax = plt.subplots(figsize=(5, 5))
    setup_2d_axes(ax, limit=5)
    draw_vectors(ax, [(3, 4), (2, -1)], labels=["a", "b"], colors=[COLORS["a"], COLORS["b"]])
    show_figure(fig, alt="The vectors a = [3, 4] and b = [2, -1] drawn from the origin")

Adopting the book's visual system in a figure cell takes one line per figure, plus colours by name:

- end the cell with ``show_figure(fig, alt="...")`` (from this module or ``linalg_ai.figures``):
  the figure becomes an SVG whose colours follow the reader's light or dark mode, described by its
  alt text instead of a file path, with no text under 12 px as long as the figure is at most
  7.8 inches wide (the text column) and its fonts at least 9 pt (matplotlib's default is 10);
- take colours from ``COLORS`` by role (``COLORS["a"]``, ``COLORS["e1"]``, ``COLORS["l2"]``,
  ...), from ``PALETTE`` for unnamed series and from ``DIGIT_COLORS`` for the digits, and labels
  from ``LABELS`` (``LABELS["Ae1"] == "Ae₁"``): all come from ``linalg_ai/palette.json``, which
  the playgrounds read too.

Other chapters may append helpers at the end of this file.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from linalg_ai.figures import show_figure
from linalg_ai.palette import COLORS, DIGIT_COLORS, LABELS, PALETTE, UI

__all__ = [
    "COLORS", "DIGIT_COLORS", "LABELS", "PALETTE", "UI", "show_figure", "setup_2d_axes", "draw_vectors",
    "draw_points", "draw_segment", "draw_angle_arc", "draw_transformed_grid", "scatter_by_label",
    "label_points",
]


def _as_2d(point) -> np.ndarray:
    """A point or vector as a float array of shape (2,), with a clear error for anything else."""
    array = np.asarray(point, dtype=float).reshape(-1)
    if array.shape != (2,):
        raise ValueError(f"expected a 2-D point or vector, got shape {np.shape(point)}")
    return array


def setup_2d_axes(ax: Axes, limit: float | tuple[float, float, float, float], grid: bool = True) -> Axes:
    """Square, equal-aspect axes with the x and y axes drawn through the origin.

    ``limit`` is either one number L (the view is [-L, L] x [-L, L]) or (xmin, xmax, ymin, ymax).
    """
    if np.isscalar(limit):
        xmin, xmax, ymin, ymax = -limit, limit, -limit, limit
    else:
        xmin, xmax, ymin, ymax = limit
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    # Axis lines through the origin, drawn under the arrows.
    ax.axhline(0, color=UI["axis"], linewidth=0.9, zorder=1)
    ax.axvline(0, color=UI["axis"], linewidth=0.9, zorder=1)
    if grid:
        ax.grid(True, color=UI["grid"], linewidth=0.7, zorder=0)
        ax.set_axisbelow(True)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def draw_vectors(
    ax: Axes,
    vectors: Sequence,
    labels: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
    origin=(0, 0),
    width: float = 0.012,
    alpha: float = 1.0,
    label_offset: float = 0.08,
) -> list:
    """Draw each 2-D vector as an arrow starting at ``origin`` (one point for all, or one per vector).

    Labels are written just past each arrow's tip. Returns the quiver artists (one per vector).
    """
    vectors = [_as_2d(v) for v in vectors]
    if labels is not None and len(labels) != len(vectors):
        raise ValueError(f"{len(labels)} labels for {len(vectors)} vectors")
    colors = list(colors) if colors is not None else [PALETTE[i % len(PALETTE)] for i in range(len(vectors))]
    if len(colors) != len(vectors):
        raise ValueError(f"{len(colors)} colors for {len(vectors)} vectors")
    origin_array = np.asarray(origin, dtype=float)
    origins = [origin_array] * len(vectors) if origin_array.shape == (2,) else [_as_2d(o) for o in origin_array]
    if len(origins) != len(vectors):
        raise ValueError(f"{len(origins)} origins for {len(vectors)} vectors")

    artists = []
    for index, (start, vector, color) in enumerate(zip(origins, vectors, colors)):
        artist = ax.quiver(
            start[0], start[1], vector[0], vector[1],
            angles="xy", scale_units="xy", scale=1, color=color, width=width, alpha=alpha, zorder=3,
        )
        artists.append(artist)
        if labels is not None and labels[index]:
            tip = start + vector
            # Push the label a little further along the arrow so it does not sit on the head.
            length = np.linalg.norm(vector)
            nudge = vector / length * label_offset * max(1.0, _view_size(ax)) if length > 0 else 0
            ax.annotate(
                labels[index], xy=tip + nudge, color=color, fontsize=12, fontweight="bold",
                ha="center", va="center", zorder=4,
            )
    return artists


def _view_size(ax: Axes) -> float:
    """Half the larger side of the current view, used to scale label offsets to the figure."""
    (xmin, xmax), (ymin, ymax) = ax.get_xlim(), ax.get_ylim()
    return max(xmax - xmin, ymax - ymin) / 2


def draw_points(ax: Axes, points, labels: Sequence[str] | None = None, color: str = "0.2", size: float = 30):
    """Scatter 2-D points (an N x 2 array), optionally labelling each one."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    artist = ax.scatter(points[:, 0], points[:, 1], color=color, s=size, zorder=3)
    if labels is not None:
        for (x, y), text in zip(points, labels):
            ax.annotate(text, xy=(x, y), xytext=(4, 4), textcoords="offset points", fontsize=10, color=color)
    return artist


def draw_segment(ax: Axes, start, end, color: str = "0.5", linestyle: str = "--", linewidth: float = 1.2):
    """A plain line from ``start`` to ``end`` (guides such as projection drop lines)."""
    start, end = _as_2d(start), _as_2d(end)
    return ax.plot([start[0], end[0]], [start[1], end[1]], color=color, linestyle=linestyle,
                   linewidth=linewidth, zorder=2)[0]


def draw_angle_arc(ax: Axes, u, v, radius: float = 0.6, color: str = "0.3", label: str | None = None):
    """Arc at the origin between the directions of u and v (the smaller angle), with an optional label."""
    u, v = _as_2d(u), _as_2d(v)
    start = np.arctan2(u[1], u[0])
    sweep = np.arctan2(u[0] * v[1] - u[1] * v[0], u @ v)  # signed angle from u to v, in (-pi, pi]
    angles = start + np.linspace(0, sweep, 60)
    line = ax.plot(radius * np.cos(angles), radius * np.sin(angles), color=color, linewidth=1.2, zorder=2)[0]
    if label:
        middle = start + sweep / 2
        ax.annotate(label, xy=(1.45 * radius * np.cos(middle), 1.45 * radius * np.sin(middle)),
                    ha="center", va="center", fontsize=12, color=color)
    return line


def draw_transformed_grid(ax: Axes, matrix, extent: int = 2, color: str = COLORS["image_grid"],
                          square_color: str = COLORS["area"],
                          basis_labels: Sequence[str] | None = (LABELS["Ae1"], LABELS["Ae2"])):
    """The image under the 2 x 2 ``matrix`` of the integer grid [-extent, extent]², of the unit square
    and of the basis vectors e₁, e₂ (drawn as arrows, in the colours of e₁ and e₂: they land on the
    matrix's columns).

    Pass the identity to draw the untransformed grid, ``basis_labels=None`` to label the arrows
    yourself. Straight lines stay straight and evenly spaced under a linear map, so each grid line is
    drawn from its two transformed end points.
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.shape != (2, 2):
        raise ValueError(f"expected a 2 x 2 matrix, got shape {matrix.shape}")
    for value in range(-extent, extent + 1):
        for start, end in (((value, -extent), (value, extent)), ((-extent, value), (extent, value))):
            (x0, y0), (x1, y1) = matrix @ np.array(start, float), matrix @ np.array(end, float)
            ax.plot([x0, x1], [y0, y1], color=color, alpha=0.45, linewidth=1.0, zorder=1)
    square = matrix @ np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    ax.fill(square[0], square[1], color=square_color, alpha=0.35, zorder=2)
    ax.plot(square[0], square[1], color=square_color, linewidth=1.5, zorder=2)
    return draw_vectors(ax, [matrix[:, 0], matrix[:, 1]], labels=None if basis_labels is None else list(basis_labels),
                        colors=[COLORS["Ae1"], COLORS["Ae2"]])


# Group labels closer than this fraction of the data's extent are pushed apart, so none hides another.
LABEL_SPACING = 0.07


def _spread_apart(centres: np.ndarray, min_distance: float, rounds: int = 100) -> np.ndarray:
    """Move points that are closer than ``min_distance`` away from each other, symmetrically."""
    centres = centres.astype(float).copy()
    for _ in range(rounds):
        moved = False
        for i in range(len(centres)):
            for j in range(i + 1, len(centres)):
                gap = centres[j] - centres[i]
                distance = float(np.hypot(*gap))
                if distance < min_distance:
                    direction = gap / distance if distance > 0 else np.array([1.0, 0.0])
                    push = (min_distance - distance) / 2 * direction
                    centres[i] -= push
                    centres[j] += push
                    moved = True
        if not moved:
            break
    return centres


def scatter_by_label(ax: Axes, points, labels, size: float = 8, alpha: float = 0.7, legend: bool = True):
    """Scatter 2-D points (N x 2) with one colour per label, each label also written at its group's median.

    Used for embeddings projected to 2-D (for example the digits coloured by digit, in
    ``DIGIT_COLORS``; other labels take ``PALETTE`` in sorted order). Labels are sorted so a label
    keeps its colour from figure to figure.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    labels = np.asarray(labels)
    if len(labels) != len(points):
        raise ValueError(f"{len(labels)} labels for {len(points)} points")
    kinds = np.unique(labels)
    digits = all(str(kind) in "0123456789" and len(str(kind)) == 1 for kind in kinds)
    colors = [DIGIT_COLORS[int(label)] if digits else PALETTE[index % len(PALETTE)] for index, label in enumerate(kinds)]
    for label, color in zip(kinds, colors):
        chosen = labels == label
        ax.scatter(points[chosen, 0], points[chosen, 1], s=size, alpha=alpha, color=color, label=str(label))
    centres = _spread_apart(np.array([np.median(points[labels == label], axis=0) for label in kinds]),
                            min_distance=LABEL_SPACING * np.ptp(points, axis=0).max())
    for label, color, centre in zip(kinds, colors, centres):
        ax.text(centre[0], centre[1], str(label), fontsize=14, fontweight="bold", ha="center", va="center",
                color=color, bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
    if legend:
        ax.legend(title="label", markerscale=2.5, fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


# Places tried around a point for its label, in points: beside it first, then above and below.
_LABEL_PLACES = ((1, 1, "left", "bottom"), (1, -1, "left", "top"), (-1, 1, "right", "bottom"),
                 (-1, -1, "right", "top"), (0, 1.5, "center", "bottom"), (0, -1.5, "center", "top"))


def label_points(ax: Axes, points, labels: Sequence[str], colors: Sequence[str], fontsize: float = 9,
                 gap: float = 3.0) -> list:
    """Write each label beside its point, at the first place around it where it overlaps no label
    written before, nor the legend; if every place is taken, at the first. Returns the texts.

    Call it once the figure's layout is final (after ``fig.tight_layout()``): places are compared
    on the drawn figure.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(points) == len(labels) == len(colors):
        raise ValueError(f"{len(points)} points, {len(labels)} labels and {len(colors)} colours")
    renderer = ax.figure.canvas.get_renderer()
    taken = [ax.get_legend().get_window_extent(renderer)] if ax.get_legend() else []
    texts = []
    for point, label, color in zip(points, labels, colors):
        tries = (*_LABEL_PLACES, _LABEL_PLACES[0])  # the last: the first place, when all are taken
        for attempt, (dx, dy, ha, va) in enumerate(tries, start=1):
            text = ax.annotate(label, point, xytext=(dx * gap, dy * gap), textcoords="offset points",
                               fontsize=fontsize, color=color, ha=ha, va=va)
            box = text.get_window_extent(renderer).expanded(1.06, 1.1)
            if attempt == len(tries) or not any(box.overlaps(other) for other in taken):
                break
            text.remove()
        taken.append(box)
        texts.append(text)
    return texts
