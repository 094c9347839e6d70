"""The worked examples of book/vector_operations.md, checked against the values the page computes."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("vector_operations")


def test_addition_numpy_and_torch(page):
    assert page["a_plus_b"].tolist() == [3.0, 4.0]
    assert page["a_plus_b_torch"].tolist() == [3.0, 4.0]
    assert np.array_equal(page["a_plus_b"], page["b_plus_a"])


def test_scalar_multiples(page):
    assert page["scaled"][2.0].tolist() == [4.0, 2.0]
    assert page["scaled"][0.5].tolist() == [1.0, 0.5]
    assert page["scaled"][-1.5].tolist() == [-3.0, -1.5]
    for c, value in page["scaled_torch"].items():
        assert value.tolist() == page["scaled"][c].tolist()
    assert page["length_a"] == pytest.approx(np.sqrt(5))
    assert page["length_minus_1_5_a"] == pytest.approx(1.5 * np.sqrt(5))


def test_subtraction_and_distance(page):
    assert page["a_minus_b"].tolist() == [1.0, -2.0]
    assert page["a_minus_b_torch"].tolist() == [1.0, -2.0]
    assert page["distance_a_b"] == pytest.approx(np.sqrt(5))


def test_linear_combinations(page):
    assert page["combo_2a_minus_b"].tolist() == [3.0, -1.0]
    assert page["combo_2a_plus_b"].tolist() == [5.0, 5.0]
    assert page["combo_2a_plus_b_torch"].tolist() == [5.0, 5.0]
    # The coefficients worked out by hand in the text: 2 a + 1 b = [5, 5].
    solved = np.linalg.solve(np.column_stack([page["a"], page["b"]]), [5.0, 5.0])
    assert solved == pytest.approx([2.0, 1.0])
    assert page["grid_points"].shape == (49, 2)


def test_hadamard_basket(page):
    assert page["line_costs"].tolist() == [6.0, 6.0, 4.0]
    assert page["line_costs_torch"].tolist() == [6.0, 6.0, 4.0]
    assert page["total_cost"] == 16.0


def test_dropout_mask_keeps_or_zeroes(page):
    mask, dropped, activations = page["dropout_mask"], page["dropped"], page["activations"]
    assert set(mask.tolist()) <= {0.0, 1.0}
    assert dropped.tolist() == pytest.approx((activations * mask * 2).tolist())


def test_broadcasting_shapes_and_errors(page):
    assert page["centred"].shape == (4, 3)
    assert np.allclose(page["centred"].mean(axis=0), 0)
    assert np.allclose(page["centred"], page["centred_torch"].numpy())
    assert page["outer_sum"].shape == (3, 3)
    assert page["outer_sum"][2, 0] == 4.0
    assert np.array_equal(page["outer_sum"], page["outer_sum_torch"].numpy())
    assert page["numpy_mismatch"][0] == "ValueError"
    assert "(3,)" in page["numpy_mismatch"][1] and "(2,)" in page["numpy_mismatch"][1]
    assert page["torch_mismatch"][0] == "RuntimeError"
    assert page["broadcast_error"](lambda: np.ones(3) + np.ones(3)) is None


def test_gradient_step(page):
    assert page["updated_weights"] == pytest.approx([0.48, -0.96])
    assert page["updated_weights_torch"].numpy() == pytest.approx([0.48, -0.96])


def test_self_check_answers():
    assert (np.array([1, -2, 4]) + 3 * np.array([0, 1, -1])).tolist() == [1, 1, 1]
    assert np.linalg.solve([[1, 1], [0, 1]], [4, 3]) == pytest.approx([1, 3])
    assert np.linalg.matrix_rank(np.array([[1, 2], [-2, -4]])) == 1   # one line, not the plane
    assert np.broadcast_shapes((5, 4), (4,)) == (5, 4)
    assert np.broadcast_shapes((5, 1), (1, 4)) == (5, 4)
    with pytest.raises(ValueError):
        np.broadcast_shapes((5, 4), (5,))
