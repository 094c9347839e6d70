"""The worked examples of book/dot_product.md, checked against the values the page computes."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("dot_product")


def test_dot_1_2_3_with_4_5_6_is_32_everywhere(page):
    assert page["dot_123_456_loop"] == 32
    assert page["dot_123_456"] == 32
    assert page["dot_123_456_at"] == 32
    assert page["dot_123_456_sum"] == 32
    assert page["dot_123_456_torch"] == 32


def test_dot_powers_of_two_with_halvings_is_4_everywhere(page):
    assert page["dot_powers_loop"] == 4
    assert page["dot_powers"] == 4
    assert page["dot_powers_torch"] == 4


def test_loop_rejects_mismatched_lengths(page):
    with pytest.raises(ValueError, match="3 and 2"):
        page["dot_loop"]([1, 2, 3], [1, 2])


def test_widget_example_minus3_3_and_3_2(page):
    assert page["dot_ab"] == -3
    assert page["dot_ab_torch"] == -3
    assert page["norm_a"] == pytest.approx(4.2426, abs=1e-4)
    assert round(page["norm_a"], 2) == 4.24
    assert page["norm_b"] == pytest.approx(3.6056, abs=1e-4)
    assert round(page["norm_b"], 2) == 3.61
    assert round(page["cos_theta"], 4) == -0.1961
    assert page["cos_theta_torch"] == pytest.approx(page["cos_theta"], abs=1e-6)
    assert page["theta_degrees"] == pytest.approx(101.31, abs=0.01)


def test_law_of_cosines_check(page):
    assert page["law_of_cosines_left"] == pytest.approx(37)
    assert page["law_of_cosines_right"] == pytest.approx(37)


def test_sign_cases(page):
    acute, right, obtuse = page["sign_case_dots"]
    assert acute > 0 and obtuse < 0
    assert right == pytest.approx(0, abs=1e-12)
    assert acute == pytest.approx(4 * np.cos(np.pi / 4))


def test_projection_of_3_4_onto_2_1(page):
    assert page["proj_x_on_d"].tolist() == pytest.approx([4.0, 2.0])
    assert page["proj_x_on_d_torch"].tolist() == pytest.approx([4.0, 2.0])
    assert page["scalar_proj_x_on_d"] == pytest.approx(2 * np.sqrt(5))
    assert round(page["scalar_proj_x_on_d"], 4) == 4.4721
    assert page["residual"].tolist() == pytest.approx([-1.0, 2.0])
    assert page["residual"] @ page["d"] == pytest.approx(0)


def test_neuron_manual_equals_torch_linear(page):
    assert page["neuron_output_manual"] == 4.25
    assert page["neuron_output_torch"] == pytest.approx(page["neuron_output_manual"])
    assert page["neuron_activation"] == pytest.approx(4.25)
    assert page["batch_outputs"].numpy() == pytest.approx([4.25, -1.5])
    assert page["batch_outputs_manual"] == pytest.approx([4.25, -1.5])


def test_perpendicular_example_and_self_check_answers(page):
    assert page["dot_loop"]([2, 1], [-1, 2]) == 0
    assert page["dot_loop"]([2, -1, 3], [4, 5, -1]) == 0
    assert np.degrees(np.arccos(0.5)) == pytest.approx(60)
    x, d = np.array([4.0, 2.0]), np.array([1.0, 0.0])
    assert ((x @ d) / (d @ d) * d).tolist() == [4.0, 0.0]
    a, b = np.array([-3.0, 3.0]), np.array([3.0, 2.0])
    cosine = (2 * a) @ b / (np.linalg.norm(2 * a) * np.linalg.norm(b))
    assert cosine == pytest.approx(page["cos_theta"])
