"""The worked examples of book/norms_and_distances.md, checked against the values the page computes."""
import math

import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("norms_and_distances")


def test_vector_norms_of_1_minus2_3(page):
    assert page["x"].tolist() == [1.0, -2.0, 3.0]
    assert page["l1_x"] == 6
    assert page["l2_x"] == pytest.approx(math.sqrt(14))
    assert round(float(page["l2_x"]), 4) == 3.7417
    assert page["linf_x"] == 3


def test_numpy_and_torch_norms_agree_with_the_definitions(page):
    for name, expected in [("l1_x", 6.0), ("l2_x", math.sqrt(14)), ("linf_x", 3.0)]:
        assert page[f"{name}_numpy"] == pytest.approx(expected)
        assert isinstance(page[f"{name}_torch"], torch.Tensor)
        assert page[f"{name}_torch"].item() == pytest.approx(expected)


def test_general_p_norms_fall_towards_the_max_norm(page):
    values = [page["p_norms_x"][p] for p in page["powers"]]
    assert values[0] == pytest.approx(6)
    assert page["p_norms_x"][3] == pytest.approx(36 ** (1 / 3))
    assert all(later < earlier for earlier, later in zip(values, values[1:]))
    assert values[-1] == pytest.approx(3, abs=0.1)


def test_frobenius_norm_of_1_2_3_4(page):
    for name in ["frobenius_A", "frobenius_A_numpy", "frobenius_A_flat"]:
        assert page[name] == pytest.approx(math.sqrt(30))
    assert page["frobenius_A_torch"].item() == pytest.approx(math.sqrt(30))
    assert round(float(page["frobenius_A"]), 4) == 5.4772
    # ord=2 on a matrix is the spectral norm (largest singular value), a different number.
    assert page["spectral_A"] == pytest.approx(np.linalg.svd(page["A"], compute_uv=False)[0])
    assert page["spectral_A"] != pytest.approx(math.sqrt(30))


def test_distances_between_1_2_and_3_4(page):
    assert page["euclidean_ab"] == pytest.approx(2 * math.sqrt(2))
    assert round(float(page["euclidean_ab"]), 2) == 2.83
    assert page["euclidean_ab_torch"].item() == pytest.approx(2 * math.sqrt(2))
    assert page["manhattan_ab"] == 4
    assert page["manhattan_ab_torch"].item() == 4
    assert page["chebyshev_ab"] == 2


def test_cosine_distance(page):
    expected = 1 - 11 / (5 * math.sqrt(5))
    assert page["cosine_distance_ab"] == pytest.approx(expected)
    assert page["cosine_distance_ab_torch"].item() == pytest.approx(expected)


def test_point_of_the_unit_ball_figure(page):
    assert page["point_norms"]["L2"] == pytest.approx(1.0)
    assert page["point_norms"]["L1"] == pytest.approx(1.4)
    assert page["point_norms"]["Linf"] == pytest.approx(0.8)


def test_l1_gives_sparse_weights_and_l2_does_not(page):
    assert page["lasso_zero_count"] >= 10
    assert page["ridge_zero_count"] == 0
    # The three informative features survive the L1 penalty.
    assert np.all(page["lasso_weights"][:3] != 0)
    # Soft threshold: exactly zero inside [-λ, λ], shrinkage never zero away from z = 0.
    inside = np.abs(page["z_values"]) <= page["strength"]
    assert np.all(page["l1_solution"][inside] == 0)
    assert np.all(page["l2_solution"][page["z_values"] != 0] != 0)


def test_torch_weight_decay_is_the_l2_penalty(page):
    assert page["weight_decay_matches_penalty"] is True


def test_naive_l2_overflows_and_scaled_l2_does_not(page):
    assert page["naive_big"] == math.inf
    assert math.isfinite(page["scaled_big"])
    assert page["scaled_big"] == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)
    assert page["naive_tiny"] == 0.0
    assert page["scaled_tiny"] == pytest.approx(math.sqrt(2) * 1e-200, rel=1e-15)
    # What the page says about the libraries.
    assert page["numpy_big"] == math.inf
    assert page["torch_big"] == math.inf
    assert page["scipy_big"] == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)
    assert page["hypot_big"] == pytest.approx(math.sqrt(2) * 1e200, rel=1e-15)


def test_scaled_l2_agrees_with_numpy_on_ordinary_vectors(page):
    rng = np.random.default_rng(1)
    for _ in range(20):
        vector = rng.standard_normal(rng.integers(1, 50))
        assert page["scaled_l2"](vector) == pytest.approx(np.linalg.norm(vector))
    assert page["scaled_l2"](np.zeros(3)) == 0.0


def test_float32_overflow_limits(page):
    assert page["naive_float32"] == math.inf
    assert page["scaled_float32"] == pytest.approx(math.sqrt(2) * 1e20, rel=1e-6)
    assert page["float_limits"]["float16"] == 65504
    assert math.sqrt(page["float_limits"]["float64"]) == pytest.approx(1.34e154, rel=1e-2)


def test_cosine_distance_ignores_length(page):
    assert page["cosine_distance_a_10a"] == pytest.approx(0, abs=1e-15)
