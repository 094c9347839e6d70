"""A tiny word2vec: skip-gram with negative sampling, trained on a text that ships with Python.

Used by the chapter "Embeddings and similarity" (book/embeddings.md), section "How word embeddings are
learned". The text is the reference documentation that every CPython installation carries for ``help()``
(the module ``pydoc_data.topics``): about 64 000 words about Python itself. That is tiny for word2vec
(real models read billions of words), so the words whose neighbours come out meaningful are the ones the
text uses often: Python's types, statements and terms.

    from linalg_ai.word2vec import python_docs_tokens, build_vocabulary, skipgram_pairs, train_skipgram

    tokens = python_docs_tokens()
    vocabulary = build_vocabulary(tokens, min_count=5)
    centres, contexts = skipgram_pairs(vocabulary.encode(tokens), window=2)
    model = train_skipgram(centres, contexts, vocabulary.counts, dim=32, epochs=3)
    nearest_words(model.word_vectors, vocabulary, "int", k=5)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from linalg_ai.timing import single_thread


def python_docs_tokens() -> list[str]:
    """The words of Python's bundled reference documentation, lower case, letters only, in order."""
    from pydoc_data import topics  # part of the standard library: the text behind help("topics")

    text = " ".join(topics.topics[name] for name in sorted(topics.topics))
    return re.findall(r"[a-z]+", text.lower())


@dataclass(frozen=True)
class Vocabulary:
    """The words kept, most frequent first, with their counts; ``index[word]`` is the word's row."""

    words: list[str]
    counts: np.ndarray
    index: dict[str, int]

    def encode(self, tokens: list[str]) -> np.ndarray:
        """Token ids of the tokens in the vocabulary (rare words are dropped, as word2vec does)."""
        return np.array([self.index[token] for token in tokens if token in self.index], dtype=np.int64)


def build_vocabulary(tokens: list[str], min_count: int = 5) -> Vocabulary:
    """Every word seen at least ``min_count`` times: too few sightings teach a vector nothing."""
    counted = [(word, count) for word, count in Counter(tokens).most_common() if count >= min_count]
    words = [word for word, _ in counted]
    return Vocabulary(words=words, counts=np.array([count for _, count in counted]),
                      index={word: i for i, word in enumerate(words)})


def skipgram_pairs(ids: np.ndarray, window: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """All (centre, context) pairs with the context at most ``window`` positions away, as two arrays."""
    centres, contexts = [], []
    for offset in range(-window, window + 1):
        if offset == 0:
            continue
        start, stop = max(0, -offset), len(ids) - max(0, offset)
        centres.append(ids[start:stop])
        contexts.append(ids[start + offset:stop + offset])
    return np.concatenate(centres), np.concatenate(contexts)


def negative_sampling_loss(centre, context, negatives):
    """-log sigmoid(u_o . v_c) - sum_k log sigmoid(-u_k . v_c), averaged over a batch.

    ``centre`` holds the input vectors v_c (batch, d), ``context`` the output vectors u_o of the words
    really seen nearby (batch, d), ``negatives`` the output vectors of K random words (batch, K, d).
    """
    real = F.logsigmoid(torch.sum(centre * context, dim=-1))
    noise = F.logsigmoid(-(negatives @ centre.unsqueeze(-1)).squeeze(-1)).sum(dim=-1)
    return -(real + noise).mean()


@dataclass(frozen=True)
class SkipGram:
    """A trained model: ``word_vectors`` (V, d) are the embeddings, ``context_vectors`` the second table
    used only for training, ``initial_vectors`` the random start, ``losses`` the mean loss per epoch."""

    word_vectors: np.ndarray
    context_vectors: np.ndarray
    initial_vectors: np.ndarray
    losses: list[float]


def train_skipgram(centres, contexts, counts, dim: int = 32, negatives: int = 5, epochs: int = 3,
                   batch_size: int = 2048, learning_rate: float = 0.01, seed: int = 0) -> SkipGram:
    """Train skip-gram with negative sampling by Adam on shuffled mini-batches of pairs.

    Negative words are drawn from the unigram distribution raised to the power 3/4 (word2vec's choice:
    frequent words are drawn often, but less than their share). One thread: reproducible, and on a busy
    machine faster than several threads waiting for each other.
    """
    generator = torch.Generator().manual_seed(seed)
    vocabulary_size = len(counts)
    initial = (torch.rand(vocabulary_size, dim, generator=generator) - 0.5) / dim
    word_vectors = torch.nn.Parameter(initial.clone())
    context_vectors = torch.nn.Parameter(torch.zeros(vocabulary_size, dim))
    noise_distribution = torch.tensor(np.asarray(counts, dtype=float) ** 0.75, dtype=torch.float32)
    centres, contexts = torch.as_tensor(centres), torch.as_tensor(contexts)
    optimizer = torch.optim.Adam([word_vectors, context_vectors], lr=learning_rate)
    losses = []
    with single_thread():
        for _ in range(epochs):
            order = torch.randperm(len(centres), generator=generator)
            total = 0.0
            for start in range(0, len(order), batch_size):
                batch = order[start:start + batch_size]
                noise = torch.multinomial(noise_distribution, len(batch) * negatives, replacement=True,
                                          generator=generator).view(len(batch), negatives)
                loss = negative_sampling_loss(word_vectors[centres[batch]], context_vectors[contexts[batch]],
                                              context_vectors[noise])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                total += loss.item() * len(batch)
            losses.append(total / len(order))
    return SkipGram(word_vectors=word_vectors.detach().numpy().copy(),
                    context_vectors=context_vectors.detach().numpy().copy(),
                    initial_vectors=initial.numpy(), losses=losses)


def nearest_words(vectors: np.ndarray, vocabulary: Vocabulary, word: str, k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors have the largest cosine with ``word``'s, the word itself excluded."""
    if word not in vocabulary.index:
        raise KeyError(f"{word!r} is not in the vocabulary ({len(vocabulary.words)} words)")
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = unit @ unit[vocabulary.index[word]]
    order = [i for i in np.argsort(-cosines) if i != vocabulary.index[word]][:k]
    return [(vocabulary.words[i], float(cosines[i])) for i in order]
