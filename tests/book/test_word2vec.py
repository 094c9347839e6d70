"""linalg_ai.word2vec on inputs small enough to check by hand."""
import numpy as np
import pytest
import torch

from linalg_ai.word2vec import build_vocabulary, negative_sampling_loss, nearest_words, skipgram_pairs, train_skipgram


def test_vocabulary_keeps_frequent_words_most_frequent_first():
    vocabulary = build_vocabulary("a b a c a b d".split(), min_count=2)
    assert vocabulary.words == ["a", "b"] and vocabulary.counts.tolist() == [3, 2]
    assert vocabulary.encode("a d b".split()).tolist() == [0, 1]


def test_skipgram_pairs_within_the_window():
    centres, contexts = skipgram_pairs(np.array([10, 11, 12]), window=1)
    assert sorted(zip(centres.tolist(), contexts.tolist())) == [(10, 11), (11, 10), (11, 12), (12, 11)]


def test_loss_formula_on_one_pair():
    centre = torch.tensor([[1.0, 0.0]])
    context = torch.tensor([[2.0, 0.0]])
    negatives = torch.tensor([[[0.0, 1.0], [-1.0, 0.0]]])
    sigmoid = lambda s: 1 / (1 + np.exp(-s))
    expected = -np.log(sigmoid(2.0)) - np.log(sigmoid(0.0)) - np.log(sigmoid(1.0))
    assert negative_sampling_loss(centre, context, negatives).item() == pytest.approx(expected)


def test_training_separates_two_word_families():
    """Words that share neighbours end up closer than words that never do."""
    rng = np.random.default_rng(0)
    animals, vehicles = ["cat", "dog", "cow"], ["car", "bus", "van"]
    sentences = []
    for _ in range(400):
        sentences += ["the", str(rng.choice(animals)), "eats", "grass"]
        sentences += ["a", str(rng.choice(vehicles)), "drives", "fast"]
    vocabulary = build_vocabulary(sentences, min_count=1)
    centres, contexts = skipgram_pairs(vocabulary.encode(sentences), window=1)
    model = train_skipgram(centres, contexts, vocabulary.counts, dim=8, epochs=15, batch_size=256,
                           learning_rate=0.05, seed=0)
    unit = model.word_vectors / np.linalg.norm(model.word_vectors, axis=1, keepdims=True)
    rows = {word: unit[vocabulary.index[word]] for word in animals + vehicles}
    within = np.mean([rows[a] @ rows[b] for family in (animals, vehicles) for a in family for b in family if a < b])
    across = np.mean([rows[a] @ rows[b] for a in animals for b in vehicles])
    assert within > across + 0.3
    neighbours = [word for word, _ in nearest_words(model.word_vectors, vocabulary, "cat", k=2)]
    assert sorted(neighbours) == ["cow", "dog"]
    with pytest.raises(KeyError, match="not in the vocabulary"):
        nearest_words(model.word_vectors, vocabulary, "plane")
