"""The worked examples of book/eigenvectors.md, checked against the values the page computes."""
import math

import numpy as np
import pytest


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("eigenvectors")


def test_eigenpairs_of_2_1_1_2(page):
    A = page["A"]
    assert page["eigenvalues_A"].tolist() == pytest.approx([1.0, 3.0])
    assert page["eigenvalues_A_torch"].numpy() == pytest.approx([1.0, 3.0])
    for value, vector in zip(page["eigenvalues_A"], page["eigenvectors_A"].T):
        assert A @ vector == pytest.approx(value * vector)
    assert (A @ [1, 1]).tolist() == [3, 3] and (A @ [1, -1]).tolist() == [1, -1]
    assert np.trace(A) == 4 and round(np.linalg.det(A)) == 3
    assert np.roots([1, -4, 3]).tolist() == pytest.approx([3, 1])


def test_triangular_example_and_its_eigenvectors(page):
    B = page["B"]
    assert sorted(page["eigenvalues_B"].tolist()) == pytest.approx([2.0, 3.0])
    assert sorted(page["eigenvalues_B_torch"].real.numpy().tolist()) == pytest.approx([2.0, 3.0])
    assert (B @ [1, 0]).tolist() == [3, 0] and (B @ [1, -1]).tolist() == [2, -2]


def test_rotation_and_shear(page):
    assert sorted(page["eigenvalues_R"].imag.tolist()) == pytest.approx([-1, 1])
    assert page["eigenvalues_R"].real == pytest.approx([0, 0])
    assert page["eigenvalues_shear"].tolist() == pytest.approx([1, 1])
    assert np.linalg.matrix_rank(page["eigenvectors_shear"], tol=1e-8) == 1


def test_diagonalisation_and_the_tenth_power(page):
    assert page["diagonalisation_holds"]
    expected = [[29525, 29524], [29524, 29525]]
    assert (3**10 + 1) // 2 == 29525 and (3**10 - 1) // 2 == 29524
    assert page["A_power_10"] == pytest.approx(np.array(expected))
    assert page["A_power_10_direct"].tolist() == expected
    assert page["A_power_10_torch"].numpy() == pytest.approx(np.array(expected))


def test_symmetric_gram_matrix_is_orthogonally_diagonalised(page):
    assert np.all(page["gram_eigenvalues"] >= 0)
    Q = page["Q"]
    assert Q.T @ Q == pytest.approx(np.eye(3))


def test_power_iteration_converges_at_one_third(page):
    assert page["rayleigh"] == pytest.approx(3.0, abs=1e-9)
    assert page["error_ratios"][-5:] == pytest.approx([1 / 3] * 5, abs=1e-4)
    assert round(float(np.median(page["error_ratios"])), 2) == 0.33
    assert abs(page["iterates"][-1] @ np.array([1, 1]) / math.sqrt(2)) == pytest.approx(1)


def test_page_rank(page):
    G = page["G"]
    assert G.sum(axis=0) == pytest.approx([1, 1, 1, 1])
    assert page["page_rank"] == pytest.approx(page["page_rank_eig"])
    assert G @ page["page_rank"] == pytest.approx(page["page_rank"])
    assert int(np.argmax(page["page_rank"])) == 2
    assert sorted(s for s, targets in page["links"].items() if 2 in targets) == [0, 1, 3]
    assert page["page_rank"][3] == pytest.approx(0.15 / 4) and 0.15 / 4 == 0.0375


def test_learning_rate_limit(page):
    assert page["sharpness"] == pytest.approx(4) and page["learning_rate_limit"] == pytest.approx(0.5)
    assert page["losses_stable"][-1] < 1e-4 * page["losses_stable"][0]
    assert page["losses_unstable"][-1] > 1e4 * page["losses_unstable"][0]
    assert abs(1 - 0.55 * 4) == pytest.approx(1.2)


def test_self_check_answers():
    values, vectors = np.linalg.eig(np.array([[4.0, 1.0], [2.0, 3.0]]))
    assert sorted(values.tolist()) == pytest.approx([2, 5])
    assert (np.array([[4, 1], [2, 3]]) @ [1, -2]).tolist() == [2, -4]
    assert round(math.log(10) / -math.log(0.99)) == 229
    assert 2 / 50 == 0.04 and 1 - 0.04 * 0.01 == pytest.approx(0.9996)
