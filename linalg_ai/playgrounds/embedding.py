"""Playground of chapter 7: explore a 2-D projection of embeddings by pointing at the points, and
see the items themselves (small grey-scale images such as the digits) of the nearest neighbours."""
from __future__ import annotations

import numpy as np
import traitlets

from . import formulas
from .base import Playground, PlaygroundModel, esm_source, int_slider

MAX_NEIGHBOURS = 10
# Images travel as text, one character per pixel: its grey level 0..16 (16 = full ink) in base 17.
# The digits' pixels are counts 0..16, so they arrive exactly.
GREY_LEVELS = 16
LEVEL_DIGITS = "0123456789abcdefg"


def encode_image(image) -> str:
    """A grey-scale image with values in [0, 1] as one character per pixel, row by row."""
    levels = np.rint(np.clip(np.asarray(image, dtype=float), 0, 1) * GREY_LEVELS).astype(int)
    return "".join(LEVEL_DIGITS[level] for level in levels.reshape(-1))


def decode_image(text: str, shape: tuple[int, int]) -> np.ndarray:
    """The grey levels 0..16 of an image encoded by ``encode_image``."""
    return np.array([LEVEL_DIGITS.index(c) for c in text]).reshape(shape)


class EmbeddingExplorerModel(PlaygroundModel):
    _esm = esm_source("embedding_explorer")
    points = traitlets.List(traitlets.List(traitlets.Float())).tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    images = traitlets.List(traitlets.Unicode()).tag(sync=True)
    image_shape = traitlets.List(traitlets.Int(), default_value=[0, 0]).tag(sync=True)
    selected = traitlets.Int(0).tag(sync=True)
    k = traitlets.Int(5).tag(sync=True)
    input_names = ("selected", "k")

    def readout(self) -> dict[str, str]:
        return formulas.embedding_readout(self.points, self.labels, self.values())


def embedding_explorer(points, labels, images=None, selected=0, k=5) -> Playground:
    """Scatter of 2-D points; the point under the pointer (or the slider's) shows its label and its
    k nearest neighbours, and, given ``images`` (N x height x width, values in [0, 1]), the images
    of the point and of its neighbours."""
    array = np.asarray(points, dtype=float)
    if array.ndim != 2 or array.shape[1] != 2 or len(array) < 2:
        raise ValueError(f"points must be an N x 2 array with N >= 2, got shape {array.shape}")
    labels = [str(label) for label in labels]
    if len(labels) != len(array):
        raise ValueError(f"{len(array)} points but {len(labels)} labels")
    encoded, shape = [], [0, 0]
    if images is not None:
        images = np.asarray(images, dtype=float)
        if images.ndim != 3 or len(images) != len(array):
            raise ValueError(f"images must be N x height x width with N = {len(array)}, got shape {images.shape}")
        encoded, shape = [encode_image(image) for image in images], list(images.shape[1:])
    k = min(int(k), MAX_NEIGHBOURS, len(array) - 1)
    model = EmbeddingExplorerModel(points=array.tolist(), labels=labels, images=encoded, image_shape=shape,
                                   selected=int(selected), k=k)
    return Playground(model, {
        "selected": int_slider(int(selected), 0, len(array) - 1, "point #"),
        "k": int_slider(k, 1, min(MAX_NEIGHBOURS, len(array) - 1), "neighbours k"),
    })
