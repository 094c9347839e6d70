"""The distribution of every pair's score, as inline SVG: most pairs pile up near zero, the pairs
worth a look stand out on the right. Counts are on a log scale so that a single pair still shows."""
from __future__ import annotations

import io
import re

import numpy as np
from matplotlib.figure import Figure

BINS = np.linspace(0.0, 1.0, 51)


def distribution_svg(scores: np.ndarray, threshold: float, flagged: list[float]) -> str:
    figure = Figure(figsize=(8, 3.2))
    axes = figure.add_subplot()
    counts, _ = np.histogram(np.clip(scores, 0.0, 1.0), bins=BINS)
    axes.bar(BINS[:-1], counts, width=np.diff(BINS), align="edge", color="#8da0cb", edgecolor="#4a5a8a",
             linewidth=0.5, label=f"pairs of students ({len(scores)})")
    axes.set_yscale("symlog", linthresh=1)
    axes.set_ylim(bottom=0)
    axes.axvline(threshold, color="#a4161a", linestyle="--", linewidth=1.2, label=f"threshold {threshold:g}")
    if flagged:
        axes.plot(flagged, np.full(len(flagged), 0.5), "v", color="#a4161a", markersize=7,
                  label=f"pairs at or above it ({len(flagged)})")
    axes.set_xlim(0, 1)
    axes.set_xlabel("score: share of the smaller submission that the two share and few others wrote")
    axes.set_ylabel("pairs (log scale)")
    axes.legend(loc="upper right", frameon=False, fontsize="small")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(buffer.getvalue())


def _inline(svg: str) -> str:
    """The <svg> element alone: no XML prolog, DOCTYPE or RDF metadata."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    return svg.replace("<svg ", '<svg role="img" aria-label="Distribution of pair scores" ', 1)
