"""linalg_ai.elimination against numpy on random matrices, and its errors on bad input."""
import numpy as np
import pytest

from linalg_ai.elimination import (
    back_substitution, null_space, rank, reduced_row_echelon, row_echelon, solve)


@pytest.mark.parametrize("seed", range(5))
def test_rank_and_null_space_match_numpy_on_random_low_rank_matrices(seed):
    rng = np.random.default_rng(seed)
    m, n, r = rng.integers(2, 8), rng.integers(2, 8), rng.integers(1, 4)
    r = min(r, m, n)
    matrix = rng.standard_normal((m, r)) @ rng.standard_normal((r, n))
    assert rank(matrix) == np.linalg.matrix_rank(matrix) == r
    basis = null_space(matrix)
    assert basis.shape == (n, n - r)
    assert np.allclose(matrix @ basis, 0, atol=1e-9)
    if basis.size:
        assert np.linalg.matrix_rank(basis) == n - r


@pytest.mark.parametrize("seed", range(5))
def test_solve_matches_numpy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9))
    matrix, rhs = rng.standard_normal((n, n)), rng.standard_normal(n)
    assert solve(matrix, rhs) == pytest.approx(np.linalg.solve(matrix, rhs))


def test_reduced_form_has_unit_pivots_and_zeros_above():
    reduced = reduced_row_echelon([[1, 4, 7], [2, 5, 8], [3, 6, 9]])
    assert reduced.matrix == pytest.approx(np.array([[1, 0, -1], [0, 1, 2], [0, 0, 0]]))


def test_back_substitution():
    assert back_substitution([[2, 1, 1], [0, -8, -2], [0, 0, 1]], [5, -12, 2]).tolist() == [1, 1, 2]


def test_row_swap_is_recorded_when_a_pivot_is_zero():
    echelon = row_echelon([[0, 1], [1, 1]])
    assert echelon.steps[0] == "R1 <-> R2" and echelon.pivots == (0, 1)


@pytest.mark.parametrize("matrix, rhs, message", [
    ([[1, 2], [2, 4]], [1, 2], "singular"),
    ([[1, 2], [2, 4]], [1, 3], "singular"),
    ([[1, 2, 3], [4, 5, 6]], [1, 2], "square"),
    ([[1, 0], [0, 1]], [1, 2, 3], "b must have shape"),
    ([1, 2, 3], [1], "expected a matrix"),
])
def test_solve_refuses_bad_input_with_a_clear_message(matrix, rhs, message):
    with pytest.raises(ValueError, match=message):
        solve(matrix, rhs)
