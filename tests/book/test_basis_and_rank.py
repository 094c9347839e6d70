"""The worked examples of book/basis_and_rank.md, checked against the values the page computes."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("basis_and_rank")


def test_dependent_set_and_its_coefficients(page):
    assert page["dependence"].tolist() == pytest.approx([1.0, -2.0, 1.0])
    assert page["dependence_check"].tolist() == pytest.approx([0.0, 0.0, 0.0])
    v1, v2, v3 = page["V"].T
    assert (v1 - 2 * v2 + v3).tolist() == [0, 0, 0]
    assert (v2 - v1).tolist() == (v3 - v2).tolist() == [3, 3, 3]


def test_independent_set_has_only_the_zero_combination(page):
    assert page["U_null_space_size"] == 0
    assert np.linalg.det(page["U"]) == pytest.approx(-2)


def test_ranks_agree_across_elimination_numpy_and_torch(page):
    assert page["rank_V"] == page["rank_V_numpy"] == page["rank_V_torch"] == 2
    assert page["rank_U"] == page["rank_U_numpy"] == page["rank_U_torch"] == 3


def test_span_of_v_is_the_plane_x1_minus_2x2_plus_x3(page):
    assert page["in_plane"].tolist() == [0.0, 0.0, 0.0]
    assert page["plane_normal"] @ page["combination"] == pytest.approx(0, abs=1e-12)


def test_coordinates_in_the_basis_b1_b2(page):
    assert page["coordinates"].tolist() == pytest.approx([1.0, -1.0])
    assert page["coordinates_torch"].numpy() == pytest.approx([1.0, -1.0])
    assert page["coordinates_5_5"].tolist() == pytest.approx([2.0, 1.0])
    assert page["orthonormal_coordinates"].tolist() == pytest.approx([5 * np.sqrt(2), 0.0])


def test_elimination_steps_and_pivots_as_written_by_hand(page):
    echelon = page["echelon_V"]
    assert echelon.steps == ("R2 <- R2 - 2 R1", "R3 <- R3 - 3 R1", "R3 <- R3 - 2 R2")
    assert echelon.matrix.tolist() == [[1, 4, 7], [0, -3, -6], [0, 0, 0]]
    assert echelon.pivots == (0, 1)


def test_rank_one_example_and_rank_nullity(page):
    null = page["rank_one_null"]
    assert null / null[0] == pytest.approx([1.0, -0.5])  # the line through [2, -1]
    assert page["rank_one"] @ null == pytest.approx([0, 0])
    assert page["rank"](page["rank_one"]) == 1


def test_noisy_matrix_rank_depends_on_the_tolerance(page):
    assert page["rank_noisy_default"] == 3
    assert page["rank_noisy_tolerant"] == page["rank_noisy_torch"] == 2
    assert 1e-12 < page["singular_values_noisy"][-1] < 1e-9


def test_lora_and_score_matrix_ranks(page):
    assert page["full_parameters"] == 4096 ** 2 == 16_777_216
    assert page["lora_parameters"] == 8 * (4096 + 4096) == 65_536
    assert round(100 * page["lora_parameters"] / page["full_parameters"], 2) == 0.39
    assert page["lora_update_rank"] == 8
    assert page["score_rank"] == 4


def test_self_check_answers(page):
    rank, null_space = page["rank"], page["null_space"]
    assert rank([[1, 3], [2, 6]]) == 1
    four_in_r3 = np.random.default_rng(0).standard_normal((3, 4))
    assert rank(four_in_r3) == 3 and null_space(four_in_r3).shape == (4, 1)
    assert rank(np.outer([1, 2, 3], [4, 5])) == 1
    wide = np.random.default_rng(1).standard_normal((5, 8))
    assert rank(wide) == 5 and null_space(wide).shape[1] == 3
    assert np.linalg.solve(np.column_stack([[1, 1], [1, -1]]), [3, 4]).tolist() == pytest.approx([3.5, -0.5])
