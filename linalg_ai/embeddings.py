"""Embeddings of the handwritten digits: similarity, nearest-neighbour search, PCA by SVD, a learned embedding.

Used by the chapter "Embeddings and similarity" (book/embeddings.md) and by the embedding-explorer
playground. Everything runs offline: the 1797 digit images ship inside scikit-learn.

Typical use::

    from linalg_ai.embeddings import load_digit_images, nearest_neighbours, pca_svd, digits_pca_2d

    digits = load_digit_images()                  # images (1797, 8, 8), pixels (1797, 64) in [0, 1]
    order, distance = nearest_neighbours(digits.pixels[:1], digits.pixels, k=5)
    pca = pca_svd(digits.pixels, n_components=2)  # centre, SVD, project
    points, labels = digits_pca_2d()              # what playgrounds.embedding_explorer expects

Conventions: vectors are rows (an N x D array holds N vectors); similarity is cosine similarity and
the distance returned by the search is the cosine distance 1 - cos, so an item's distance to itself is 0.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

# Pixel intensities in load_digits are counts 0..16 (16 = fully inked); dividing puts them in [0, 1].
MAX_PIXEL_VALUE = 16.0


@dataclass(frozen=True)
class DigitImages:
    """The scikit-learn digits: ``images`` (N, 8, 8), ``pixels`` (N, 64) in [0, 1], ``labels`` (N,) ints 0-9."""

    images: np.ndarray
    pixels: np.ndarray
    labels: np.ndarray


def load_digit_images() -> DigitImages:
    """The 1797 8x8 handwritten digits bundled with scikit-learn (no download), scaled to [0, 1]."""
    bunch = load_digits()
    images = bunch.images / MAX_PIXEL_VALUE
    return DigitImages(images=images, pixels=images.reshape(len(images), -1), labels=bunch.target.copy())


def split_digits(digits: DigitImages, test_fraction: float = 0.3, seed: int = 0):
    """A stratified train / held-out split of the pixels: (x_train, x_test, y_train, y_test)."""
    return train_test_split(digits.pixels, digits.labels, test_size=test_fraction,
                            random_state=seed, stratify=digits.labels)


# --- similarity -------------------------------------------------------------------------------------

def one_hot(indices, size: int) -> np.ndarray:
    """One-hot rows: row i has a single 1 in column ``indices[i]`` (the identity matrix, re-ordered)."""
    indices = np.asarray(indices, dtype=int).reshape(-1)
    if np.any(indices < 0) or np.any(indices >= size):
        raise ValueError(f"indices must lie in [0, {size}), got {indices.tolist()}")
    return np.eye(size)[indices]


def normalize_rows(vectors) -> np.ndarray:
    """Each row divided by its Euclidean length, so that dot products of rows are cosines."""
    vectors = np.asarray(vectors, dtype=float)
    lengths = np.linalg.norm(vectors, axis=-1, keepdims=True)
    if np.any(lengths == 0):
        raise ValueError("cosine similarity is undefined for a zero vector")
    return vectors / lengths


def cosine_similarity(a, b) -> float:
    """cos(a, b) = a . b / (|a| |b|) for two vectors of the same length."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"expected two vectors of the same length, got shapes {a.shape} and {b.shape}")
    return float(normalize_rows(a) @ normalize_rows(b))


def cosine_similarity_matrix(queries, database=None) -> np.ndarray:
    """All pairwise cosines in one matrix product: entry (i, j) is cos(queries[i], database[j])."""
    queries = normalize_rows(queries)
    database = queries if database is None else normalize_rows(database)
    return queries @ database.T


def nearest_neighbours(queries, database, k: int = 5):
    """Brute-force cosine search: for each query row, the ``k`` most similar database rows.

    One matrix product gives every similarity at once; ``argsort`` ranks each row. Returns
    ``(indices, distances)``, both (n_queries, k), best first, with distance = 1 - cosine similarity.
    """
    queries = np.atleast_2d(np.asarray(queries, dtype=float))
    database = np.atleast_2d(np.asarray(database, dtype=float))
    if not 1 <= k <= len(database):
        raise ValueError(f"k must be between 1 and the database size {len(database)}, got {k}")
    similarity = cosine_similarity_matrix(queries, database)
    # A stable sort keeps ties in database order, so results do not depend on the platform.
    indices = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    # Rounding can push a cosine a hair above 1; a distance is never negative.
    distances = np.maximum(1.0 - np.take_along_axis(similarity, indices, axis=1), 0.0)
    return indices, distances


def nearest_other_by_distance(vectors) -> np.ndarray:
    """For each row, the index of the closest *other* row by Euclidean distance.

    The squared distances come from one matrix product: |a - b|^2 = |a|^2 + |b|^2 - 2 a.b.
    """
    vectors = np.asarray(vectors, dtype=float)
    if vectors.ndim != 2 or len(vectors) < 2:
        raise ValueError(f"expected at least two vectors as rows, got shape {vectors.shape}")
    squared_lengths = np.sum(vectors**2, axis=1)
    squared_distances = squared_lengths[:, None] + squared_lengths[None, :] - 2 * vectors @ vectors.T
    np.fill_diagonal(squared_distances, np.inf)
    return np.argmin(squared_distances, axis=1)


def neighbour_label_agreement(train_vectors, train_labels, test_vectors, test_labels, k: int = 1) -> float:
    """Top-k purity: the fraction of (held-out item, one of its k nearest training items) pairs that share a label.

    With k = 1 this is the accuracy of a 1-nearest-neighbour classifier on the held-out items.
    """
    return neighbour_label_agreement_curve(train_vectors, train_labels, test_vectors, test_labels, [k])[0]


def neighbour_label_agreement_curve(train_vectors, train_labels, test_vectors, test_labels, ks) -> list[float]:
    """``neighbour_label_agreement`` for several k at once, from a single search for the largest k."""
    ks = [int(k) for k in ks]
    indices, _ = nearest_neighbours(test_vectors, train_vectors, k=max(ks))
    same = np.asarray(train_labels)[indices] == np.asarray(test_labels)[:, None]
    return [float(np.mean(same[:, :k])) for k in ks]


# --- PCA by SVD -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PCAResult:
    """Principal component analysis of an N x D data matrix, computed with the SVD.

    ``components`` (n_components, D) are orthonormal directions (rows); ``projected`` (N, n_components)
    are the coordinates of the centred data along them; ``explained_variance_ratio`` over all D
    directions sums to 1, the first ``n_components`` entries are kept here.
    """

    mean: np.ndarray
    components: np.ndarray
    singular_values: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray
    projected: np.ndarray


def pca_svd(data, n_components: int = 2) -> PCAResult:
    """Centre the data, take its thin SVD X_c = U S V^T, project onto the first rows of V^T.

    The variance along direction i is S_i^2 / (N - 1) (the same convention as scikit-learn).
    """
    data = np.asarray(data, dtype=float)
    if data.ndim != 2 or len(data) < 2:
        raise ValueError(f"expected an N x D data matrix with N >= 2, got shape {data.shape}")
    if not 1 <= n_components <= min(data.shape):
        raise ValueError(f"n_components must be between 1 and {min(data.shape)}, got {n_components}")
    mean = data.mean(axis=0)
    centred = data - mean
    _, singular_values, vt = np.linalg.svd(centred, full_matrices=False)
    variance = singular_values**2 / (len(data) - 1)
    components = vt[:n_components]
    return PCAResult(
        mean=mean,
        components=components,
        singular_values=singular_values[:n_components],
        explained_variance=variance[:n_components],
        explained_variance_ratio=(variance / variance.sum())[:n_components],
        projected=centred @ components.T,
    )


def digits_pca_2d() -> tuple[np.ndarray, list[str]]:
    """The 1797 digits projected onto their first two principal components, for the embedding explorer.

    Returns ``(points, labels)``: points is a float (1797, 2) array, labels a list of 1797 strings "0"-"9".
    """
    digits = load_digit_images()
    points = pca_svd(digits.pixels, n_components=2).projected
    return points, [str(label) for label in digits.labels]


# --- a learned embedding ----------------------------------------------------------------------------

class DigitEmbeddingNet(torch.nn.Module):
    """An MLP 64 -> 64 -> 16 -> 10 that classifies digits; its 16-number hidden layer is the embedding."""

    def __init__(self, n_pixels: int = 64, hidden: int = 64, embedding_dim: int = 16, n_classes: int = 10):
        super().__init__()
        self.encoder = torch.nn.Sequential(
            torch.nn.Linear(n_pixels, hidden), torch.nn.ReLU(),
            torch.nn.Linear(hidden, embedding_dim), torch.nn.ReLU(),
        )
        self.classifier = torch.nn.Linear(embedding_dim, n_classes)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.encoder(pixels))

    def embed(self, pixels) -> np.ndarray:
        """The embedding (N, 16) of N images given as an (N, 64) array of pixels."""
        with torch.no_grad():
            return self.encoder(torch.as_tensor(np.asarray(pixels), dtype=torch.float32)).numpy()


def train_embedding_net(x_train, y_train, epochs: int = 20, batch_size: int = 64,
                        learning_rate: float = 1e-2, seed: int = 0) -> DigitEmbeddingNet:
    """Train a DigitEmbeddingNet with Adam and cross-entropy; the seed fixes initial weights and batches.

    Runs on one CPU thread: for a network this small, thread start-up costs more than it saves, and one
    thread makes the floating-point sums, hence the trained weights, the same on every machine.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _train(x_train, y_train, epochs, batch_size, learning_rate, seed)
    finally:
        torch.set_num_threads(threads)


def _train(x_train, y_train, epochs, batch_size, learning_rate, seed) -> DigitEmbeddingNet:
    torch.manual_seed(seed)
    net = DigitEmbeddingNet(n_pixels=np.shape(x_train)[1])
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate)
    inputs = torch.as_tensor(np.asarray(x_train), dtype=torch.float32)
    targets = torch.as_tensor(np.asarray(y_train), dtype=torch.long)
    shuffler = torch.Generator().manual_seed(seed)
    net.train()
    for _ in range(epochs):
        order = torch.randperm(len(inputs), generator=shuffler)
        for start in range(0, len(inputs), batch_size):
            batch = order[start:start + batch_size]
            loss = torch.nn.functional.cross_entropy(net(inputs[batch]), targets[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    net.eval()
    return net


def classification_accuracy(net: DigitEmbeddingNet, pixels, labels) -> float:
    """Fraction of images whose highest-scoring class is the true label."""
    with torch.no_grad():
        logits = net(torch.as_tensor(np.asarray(pixels), dtype=torch.float32))
    return float(np.mean(logits.argmax(dim=1).numpy() == np.asarray(labels)))
