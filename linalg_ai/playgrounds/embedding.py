"""Playground of chapter 7: explore a 2-D projection of embeddings by pointing at the points."""
from __future__ import annotations

import numpy as np
import traitlets

from . import formulas
from .base import Playground, PlaygroundModel, esm_source, int_slider

MAX_NEIGHBOURS = 10


class EmbeddingExplorerModel(PlaygroundModel):
    _esm = esm_source("embedding_explorer")
    points = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    selected = traitlets.Int(0).tag(sync=True)
    k = traitlets.Int(5).tag(sync=True)
    input_names = ("selected", "k")

    def readout(self) -> dict[str, str]:
        return formulas.embedding_readout(self.points, self.labels, self.values())


def embedding_explorer(points, labels, selected=0, k=5) -> Playground:
    """Scatter of 2-D points; the point under the pointer (or the slider's) shows its label and
    its k nearest neighbours."""
    array = np.asarray(points, dtype=float)
    if array.ndim != 2 or array.shape[1] != 2 or len(array) < 2:
        raise ValueError(f"points must be an N x 2 array with N >= 2, got shape {array.shape}")
    labels = [str(label) for label in labels]
    if len(labels) != len(array):
        raise ValueError(f"{len(array)} points but {len(labels)} labels")
    k = min(int(k), MAX_NEIGHBOURS, len(array) - 1)
    model = EmbeddingExplorerModel(points=array.tolist(), labels=labels, selected=int(selected), k=k)
    return Playground(model, {
        "selected": int_slider(int(selected), 0, len(array) - 1, "point #"),
        "k": int_slider(k, 1, min(MAX_NEIGHBOURS, len(array) - 1), "neighbours k"),
    })
