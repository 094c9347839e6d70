"""The chapter "Embeddings and similarity" (book/embeddings.md) and the module it uses, linalg_ai.embeddings."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA

from linalg_ai.embeddings import (
    cosine_similarity,
    cosine_similarity_matrix,
    digits_pca_2d,
    load_digit_images,
    nearest_neighbours,
    nearest_other_by_distance,
    neighbour_label_agreement,
    neighbour_label_agreement_curve,
    one_hot,
    pca_svd,
)


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("embeddings")


@pytest.fixture(scope="module")
def digits():
    return load_digit_images()


# --- one-hot and cosine similarity ------------------------------------------------------------------

def test_one_hot_vectors_are_orthogonal_with_cosine_zero():
    vectors = one_hot(range(6), size=6)
    cosines = cosine_similarity_matrix(vectors)
    assert np.array_equal(cosines, np.eye(6))
    assert cosine_similarity(vectors[0], vectors[3]) == 0.0


def test_one_hot_rejects_an_index_outside_the_vocabulary():
    with pytest.raises(ValueError, match="indices"):
        one_hot([0, 5], size=5)


def test_page_one_hot_cosines_are_the_identity(page):
    assert np.array_equal(page["one_hot_cosines"], np.eye(len(page["vocabulary"])))
    assert page["cos_cat_dog_one_hot"] == 0.0
    assert page["cos_cat_car_one_hot"] == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((1, 2, 2), (2, 1, 2), 8 / 9),
        ((1, 2, 2), (2, -2, 1), 0.0),
        ((3, 4), (4, 3), 24 / 25),           # self-check question 2
        ((3, 4), (40, 30), 24 / 25),         # length does not matter
        ((1, 0), (-5, 0), -1.0),             # opposite directions
        ((2, 2), (7, 7), 1.0),
    ],
)
def test_cosine_similarity_examples(a, b, expected):
    assert cosine_similarity(a, b) == pytest.approx(expected, abs=1e-12)


def test_cosine_similarity_of_a_zero_vector_is_an_error():
    with pytest.raises(ValueError, match="zero vector"):
        cosine_similarity((0, 0), (1, 2))


def test_page_hand_worked_cosines_numpy_and_torch(page):
    assert page["cos_cat_dog"] == pytest.approx(8 / 9)
    assert round(page["cos_cat_dog"], 4) == 0.8889
    assert page["cos_cat_car"] == pytest.approx(0.0, abs=1e-15)
    assert round(page["angle_cat_dog_degrees"], 2) == 27.27
    assert page["cos_cat_dog_torch"] == pytest.approx(page["cos_cat_dog"], abs=1e-12)
    assert page["cos_cat_car_torch"] == pytest.approx(page["cos_cat_car"], abs=1e-12)


def test_page_toy_analogy_finds_queen(page):
    assert page["analogy_answer"] == "queen"
    assert page["toy_words"][page["runner_up"]] == "princess"
    assert page["analogy_cosine"] > page["analogy_cosines"][page["runner_up"]]


def test_page_toy_search_numpy_and_torch_agree(page):
    assert list(page["order_numpy"]) == page["order_torch"].tolist()
    assert [page["toy_words"][i] for i in page["order_numpy"]][:2] == ["cat", "dog"]


# --- nearest-neighbour search -----------------------------------------------------------------------

def test_search_returns_the_query_itself_first_at_distance_zero(digits):
    queries = digits.pixels[[0, 100, 1000, 1796]]
    indices, distances = nearest_neighbours(queries, digits.pixels, k=6)
    assert indices[:, 0].tolist() == [0, 100, 1000, 1796]
    assert distances[:, 0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(np.diff(distances, axis=1) >= 0)  # best first


def test_search_neighbours_mostly_share_the_query_label(digits):
    indices, _ = nearest_neighbours(digits.pixels[::10], digits.pixels, k=6)
    neighbour_labels = digits.labels[indices[:, 1:]]
    agreement = np.mean(neighbour_labels == digits.labels[::10, None])
    assert agreement > 0.9


def test_search_matches_a_direct_loop_over_the_database():
    rng = np.random.default_rng(3)
    database, query = rng.normal(size=(40, 5)), rng.normal(size=5)
    by_loop = sorted(range(40), key=lambda j: -cosine_similarity(query, database[j]))[:4]
    indices, distances = nearest_neighbours(query, database, k=4)
    assert indices[0].tolist() == by_loop
    assert distances[0] == pytest.approx([1 - cosine_similarity(query, database[j]) for j in by_loop])


def test_search_rejects_a_k_larger_than_the_database():
    with pytest.raises(ValueError, match="k must be"):
        nearest_neighbours(np.ones((1, 3)), np.ones((2, 3)), k=3)


def test_page_image_search(page):
    assert page["self_is_first"]
    assert page["all_distances"][:, 0] == pytest.approx(0.0, abs=1e-12)
    assert 0.9 < page["same_label_fraction"] <= 1.0
    # The third query is the worst case the prose describes: several wrong neighbours.
    hardest = page["query_indices"][2]
    assert page["wrong_neighbours"][hardest] == page["wrong_neighbours"].max() >= 3


# --- PCA by SVD -------------------------------------------------------------------------------------

def test_pca_by_svd_matches_sklearn_up_to_sign(digits):
    ours = pca_svd(digits.pixels, n_components=5)
    theirs = PCA(n_components=5, svd_solver="full").fit(digits.pixels)
    signs = np.sign(np.sum(ours.components * theirs.components_, axis=1))
    assert set(signs) <= {-1.0, 1.0}
    assert np.allclose(ours.components * signs[:, None], theirs.components_, atol=1e-10)
    assert np.allclose(ours.projected * signs, theirs.transform(digits.pixels), atol=1e-10)
    assert np.allclose(ours.explained_variance, theirs.explained_variance_)
    assert np.allclose(ours.explained_variance_ratio, theirs.explained_variance_ratio_)


def test_explained_variance_ratios_sum_to_one_over_all_components(digits):
    full = pca_svd(digits.pixels, n_components=64)
    assert full.explained_variance_ratio.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(full.explained_variance_ratio) <= 1e-15)  # sorted, largest first
    # The variance of the projected coordinates is the explained variance.
    assert np.var(full.projected, axis=0, ddof=1) == pytest.approx(full.explained_variance)
    # Total variance is preserved by the rotation onto all components.
    assert full.explained_variance.sum() == pytest.approx(np.var(digits.pixels, axis=0, ddof=1).sum())


def test_pca_components_are_orthonormal(digits):
    components = pca_svd(digits.pixels, n_components=10).components
    assert components @ components.T == pytest.approx(np.eye(10), abs=1e-12)


def test_pca_rejects_bad_input():
    with pytest.raises(ValueError, match="n_components"):
        pca_svd(np.ones((5, 3)), n_components=4)
    with pytest.raises(ValueError, match="N x D"):
        pca_svd(np.ones(5))


def test_page_pca_numbers(page):
    ratios = page["explained_variance_ratio"]
    assert page["ratio_sum"] == pytest.approx(1.0)
    assert ratios[:2] == pytest.approx(page["pca"].explained_variance_ratio)
    assert page["pca_numpy_torch_difference"] < 1e-10
    assert page["pca_sklearn_point_difference"] < 1e-10
    assert page["pca_sklearn_component_difference"] < 1e-10
    assert page["pca_sklearn_ratio_difference"] < 1e-12
    # The prose: "about a quarter" of the variance in the plane.
    assert 0.2 < page["ratio_first_two"] < 0.33
    assert np.cumsum(ratios)[page["components_for_90"] - 1] >= 0.9 > np.cumsum(ratios)[page["components_for_90"] - 2]


def test_digits_pca_2d_for_the_embedding_explorer(digits):
    points, labels = digits_pca_2d()
    assert isinstance(points, np.ndarray) and points.dtype == float
    assert points.shape == (1797, 2)
    assert isinstance(labels, list) and len(labels) == 1797
    assert all(isinstance(label, str) for label in labels)
    assert sorted(set(labels)) == [str(d) for d in range(10)]
    assert labels == [str(d) for d in digits.labels]
    assert np.abs(points) == pytest.approx(np.abs(pca_svd(digits.pixels, 2).projected))


def test_nearest_other_by_distance_matches_a_direct_computation():
    rng = np.random.default_rng(5)
    vectors = rng.normal(size=(30, 3))
    direct = [min((j for j in range(30) if j != i), key=lambda j: np.linalg.norm(vectors[i] - vectors[j]))
              for i in range(30)]
    assert nearest_other_by_distance(vectors).tolist() == direct
    assert nearest_other_by_distance([[0.0, 0.0], [5.0, 5.0], [0.1, 0.0]]).tolist() == [2, 2, 0]
    with pytest.raises(ValueError, match="two vectors"):
        nearest_other_by_distance([[1.0, 2.0]])


def test_page_plane_keeps_fewer_neighbourhoods_than_64_dimensions(page, digits):
    assert np.array_equal(page["plane_neighbour"], nearest_other_by_distance(page["pca"].projected))
    assert page["nearest_other_agreement"] == pytest.approx(
        np.mean(digits.labels[page["all_neighbours"][:, 1]] == digits.labels))
    assert page["plane_agreement"].mean() < 0.7 < 0.95 < page["nearest_other_agreement"]
    by_digit = page["agreement_by_digit"]
    assert by_digit[page["best_digits"]].min() > by_digit[page["worst_digits"]].max()
    assert 0 in page["best_digits"]  # the 0s form the most separate group


def test_page_explorer_shows_the_pca_plane(page):
    assert np.array_equal(page["points"], page["pca"].projected)
    assert page["labels"] == [str(d) for d in page["digits"].labels]


# --- the learned embedding --------------------------------------------------------------------------

def test_neighbour_label_agreement_on_a_tiny_example():
    train = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    train_labels = np.array([0, 1, 2])
    test = np.array([[1.0, 0.01], [0.1, 1.0]])
    test_labels = np.array([0, 2])
    assert neighbour_label_agreement(train, train_labels, test, test_labels, k=1) == 1.0
    # k = 2: test 0 sees labels {0, 1} (1 of 2 right); test 1 sees {2, 1} (1 of 2 right)
    assert neighbour_label_agreement(train, train_labels, test, test_labels, k=2) == 0.5
    assert neighbour_label_agreement_curve(train, train_labels, test, test_labels, [2, 1]) == [0.5, 1.0]


def test_page_learned_embedding_agreement(page):
    print(f"\n1-NN label agreement on held-out digits: raw pixels {page['nn_accuracy_raw']:.4f}, "
          f"learned embedding {page['nn_accuracy_learned']:.4f}; top-25 purity: raw "
          f"{page['purity_25_raw']:.4f}, learned {page['purity_25_learned']:.4f}")
    assert page["embedding_test"].shape == (len(page["x_test"]), 16)
    for value in page["purity_raw"] + page["purity_learned"] + [page["net_accuracy"]]:
        assert 0.0 <= value <= 1.0
    # What the prose claims: both are high at k = 1 and within about a point of each other...
    assert page["nn_accuracy_raw"] > 0.95 and page["nn_accuracy_learned"] > 0.95
    assert abs(page["nn_accuracy_raw"] - page["nn_accuracy_learned"]) < 0.02
    # ...and with 25 neighbours the learned embedding keeps clearly purer neighbourhoods.
    assert page["purity_25_learned"] > page["purity_25_raw"] + 0.02
    assert page["net_accuracy"] > 0.9
    # The page's numbers are the helper's numbers.
    assert page["nn_accuracy_raw"] == neighbour_label_agreement(
        page["x_train"], page["y_train"], page["x_test"], page["y_test"], k=1)


def test_page_most_mixed_digit_pairs(page):
    counts = {}
    for query, row in zip(page["y_test"], page["y_train"][page["raw_neighbours"]]):
        for neighbour in row:
            if neighbour != query:
                pair = (min(query, neighbour), max(query, neighbour))
                counts[pair] = counts.get(pair, 0) + 1
    ranked = sorted(counts, key=lambda pair: -counts[pair])
    assert [tuple(pair) for pair in page["top_pairs"][:2]] == ranked[:2]
    assert page["pair_counts"][tuple(ranked[0])] == counts[ranked[0]]


def test_page_learned_embedding_is_tidier_in_the_plane(page):
    assert 0 < page["plane_agreement_raw"] < page["plane_agreement_learned"] < 1


def test_page_split_is_held_out_and_stratified(page):
    assert len(page["x_train"]) + len(page["x_test"]) == 1797
    assert len(page["x_test"]) == 540
    train_rows = {row.tobytes() for row in page["x_train"]}
    overlap = sum(row.tobytes() in train_rows for row in page["x_test"])
    # The digits contain a few exact duplicate images; anything more would mean a leaking split.
    assert overlap < 5
    assert np.bincount(page["y_test"]).min() >= 50


# --- how word embeddings are learned, and dot products in high dimensions ----------------------

def test_word2vec_on_python_docs_learns_the_two_groups(page):
    import numpy as np

    assert len(page["doc_tokens"]) > 50_000
    assert 1000 < len(page["doc_vocabulary"].words) < 2000
    losses = page["word2vec"].losses
    assert losses == sorted(losses, reverse=True) and losses[-1] < 0.85 * losses[0]
    within_before, across_before, nearest_before = page["before"]
    within_after, across_after, nearest_after = page["after"]
    assert abs(within_before - across_before) < 0.05           # random start: no structure
    assert within_after > across_after + 0.15                  # trained: the groups stand out
    assert nearest_after >= 0.9 > nearest_before
    vectors, vocabulary = page["word2vec"].word_vectors, page["doc_vocabulary"]
    nearest = page["nearest_words"]
    assert "float" in [word for word, _ in nearest(vectors, vocabulary, "int", k=5)]
    assert "false" in [word for word, _ in nearest(vectors, vocabulary, "true", k=5)]
    assert np.isfinite(vectors).all()


def test_high_dimensional_facts(page):
    import math

    for d, sd in page["cosine_sd"].items():
        assert sd == pytest.approx(1 / math.sqrt(d), rel=0.1)
    ratios = [page["distance_ratio"][d] for d in page["dimensions"]]
    assert ratios == sorted(ratios, reverse=True) and ratios[-1] < 1.3
    assert 0.2 / (1 / math.sqrt(1000)) > 6                     # "more than six standard deviations"
    assert 1 / math.sqrt(8) > 0.3 and 0.3 / (1 / math.sqrt(768)) > 8
    assert page["dot_scores"] == {"a": 0.9, "b": 3.0}
    assert round(page["cosine_scores"]["a"], 2) == 0.99 and round(page["cosine_scores"]["b"], 2) == 0.71
