"""The worked examples of book/linear_systems.md, checked against the values the page computes."""
import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("linear_systems")


def test_two_by_two_system_and_its_pictures(page):
    A, b = page["A"], page["b"]
    assert np.linalg.solve(A, b).tolist() == pytest.approx([2.0, 1.0])
    assert (2 * np.array([2, 1]) + 1 * np.array([1, 3])).tolist() == [5, 5]


def test_elimination_of_the_3x3_system_as_written_by_hand(page):
    augmented = page["augmented"]
    assert augmented.steps == ("R2 <- R2 - 2 R1", "R3 <- R3 + 1 R1", "R3 <- R3 + 1 R2")
    assert augmented.matrix.tolist() == [[2, 1, 1, 5], [0, -8, -2, -12], [0, 0, 1, 2]]
    for x in (page["x_by_hand"], page["x_numpy"], page["x_torch"].numpy()):
        assert x.tolist() == pytest.approx([1.0, 1.0, 2.0])
    assert -2 + 7 + 4 == 9


def test_elimination_cost_figure():
    assert round(2 / 3 * 1000**3 / 1e8, 1) == 6.7


def test_tiny_pivot_needs_pivoting(page):
    assert page["x_without_pivoting"].tolist() == [0.0, 1.0]
    assert page["x_with_pivoting"].tolist() == pytest.approx([1.0, 1.0])


def test_singular_system_solution_line(page):
    for x in page["solutions_on_the_line"]:
        assert (page["singular"] @ x).tolist() == [3.0, 6.0]
    assert np.linalg.matrix_rank(np.column_stack([page["singular"], [3.0, 5.0]])) == 2  # b outside


def test_inverse_of_2_1_1_3(page):
    expected = [[0.6, -0.2], [-0.2, 0.4]]
    for inverse in (page["A_inverse_formula"], page["A_inverse"], page["A_inverse_torch"].numpy(),
                    page["A_inverse_by_solves"]):
        assert inverse == pytest.approx(np.array(expected))
    assert (page["A_inverse"] @ page["b"]).tolist() == pytest.approx([2.0, 1.0])


def test_lu_factorisation_reuse(page):
    assert page["x_many"][:, 0] == pytest.approx([1.0, 1.0, 2.0])
    assert page["A3"] @ page["x_many"] == pytest.approx(page["many_rhs"])
    assert page["x_many_torch"].numpy() == pytest.approx(page["x_many"])


def test_timings_were_measured(page):
    assert page["seconds_solve"] > 0 and page["seconds_inverse"] > 0


def test_hilbert_solve_beats_the_inverse(page):
    assert page["residual_solve"] < 1e-13
    assert page["residual_inverse"] > 100 * page["residual_solve"]
    assert page["error_inverse"] > page["error_solve"]
    assert 1e12 < page["condition_hilbert"] < 1e14
    assert page["hilbert_digits_left"] == 3


def test_nearly_parallel_lines(page):
    assert page["x_before"].tolist() == pytest.approx([1.0, 1.0], abs=1e-9)
    assert page["x_after"].tolist() == pytest.approx([0.0, 2.0], abs=1e-9)
    assert round(100 * page["relative_change_x"]) == 100
    amplification = page["relative_change_x"] / page["relative_change_b"]
    assert amplification <= page["kappa"]
    assert page["kappa"] == pytest.approx(40002, rel=1e-4)
    assert page["kappa_torch"] == pytest.approx(page["kappa"], rel=1e-6)


def test_least_squares_line(page):
    X, y = page["X"], page["y"]
    assert (X.T @ X).tolist() == [[4, 6], [6, 14]]
    assert (X.T @ y).tolist() == [11, 22]
    for w in (page["w_normal"], page["w_lstsq"], page["w_torch"].numpy()):
        assert w.tolist() == pytest.approx([1.1, 1.1])
    assert page["residuals"].tolist() == pytest.approx([-0.1, 0.8, -1.3, 0.6])
    assert np.linalg.cond(X.T @ X) == pytest.approx(np.linalg.cond(X) ** 2)


def test_self_check_answers():
    assert np.linalg.solve([[1, 1], [1, -1]], [3, 1]).tolist() == pytest.approx([2, 1])
    assert np.linalg.inv([[4, 7], [2, 6]]) == pytest.approx(np.array([[0.6, -0.7], [-0.2, 0.4]]))
    assert np.linalg.det([[1, 2], [2, 4]]) == pytest.approx(0)
