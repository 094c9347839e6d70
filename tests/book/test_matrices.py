"""The worked examples of book/matrices.md, checked against the values the page computes."""
import numpy as np
import pytest
import torch

from linalg_ai.matmul import matmul_triple_loop

PQ_EXPECTED = [[58, 64], [139, 154]]


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("matrices")


def test_shape_indexing_and_transpose(page):
    assert page["P"].shape == (2, 3)
    assert tuple(page["P_torch"].shape) == (2, 3)
    assert page["P_transposed"].tolist() == [[1, 4], [2, 5], [3, 6]]


def test_addition_and_hadamard_product(page):
    assert page["A_plus_B"].tolist() == [[6, 8], [10, 12]]
    assert page["hadamard_AB"].tolist() == [[5, 12], [21, 32]]
    assert page["hadamard_AB_torch"].tolist() == [[5, 12], [21, 32]]


def test_matvec_1_2_3_4_times_3_4(page):
    assert page["A"].tolist() == [[1, 2], [3, 4]]
    assert page["x"].tolist() == [3, 4]
    assert page["Ax_by_rows"] == [11, 25]
    assert page["Ax_by_columns"].tolist() == [11, 25]
    assert page["Ax_numpy"].tolist() == [11, 25]
    assert isinstance(page["Ax_torch"], torch.Tensor)
    assert page["Ax_torch"].tolist() == [11, 25]


def test_matvec_by_rows_matches_numpy_on_random_input(page):
    rng = np.random.default_rng(0)
    matrix = rng.integers(-9, 10, size=(4, 3))
    vector = rng.integers(-9, 10, size=3)
    assert page["matvec_by_rows"](matrix.tolist(), vector.tolist()) == (matrix @ vector).tolist()


def test_determinant_of_the_figure(page):
    assert page["determinant_A"] == pytest.approx(-2)


def test_matmul_2x3_times_3x2(page):
    assert page["Q"].tolist() == [[7, 8], [9, 10], [11, 12]]
    assert page["PQ_triple_loop"] == PQ_EXPECTED
    assert page["PQ_dot_products"].tolist() == PQ_EXPECTED
    assert page["PQ_numpy"].tolist() == PQ_EXPECTED
    assert isinstance(page["PQ_torch"], torch.Tensor)
    assert page["PQ_torch"].tolist() == PQ_EXPECTED


def test_shape_errors_are_raised(page):
    assert isinstance(page["numpy_shape_error"], ValueError)
    assert "mismatch" in str(page["numpy_shape_error"])
    assert isinstance(page["torch_shape_error"], RuntimeError)
    assert "2x3 and 2x3" in str(page["torch_shape_error"])
    assert isinstance(page["loop_shape_error"], ValueError)
    P = page["P"]
    with pytest.raises(ValueError):
        P @ P
    with pytest.raises(RuntimeError):
        page["P_torch"] @ page["P_torch"]
    with pytest.raises(ValueError, match="do not fit"):
        matmul_triple_loop(P.tolist(), P.tolist())


def test_identity_and_non_commutativity(page):
    assert page["identity_2"].tolist() == [[1, 0], [0, 1]]
    assert page["AS"].tolist() == [[2, 1], [4, 3]]
    assert page["SA"].tolist() == [[3, 4], [1, 2]]
    assert page["AS_torch"].tolist() == [[2, 1], [4, 3]]
    assert page["DR"].tolist() == [[0, -2], [1, 0]]
    assert page["RD"].tolist() == [[0, -1], [2, 0]]
    assert page["composition_holds"]


def test_transpose_of_a_product(page):
    assert page["PQ_transposed"].tolist() == [[58, 139], [64, 154]]
    assert page["QT_PT"].tolist() == [[58, 139], [64, 154]]
    assert page["PT_QT"].shape == (3, 3)


def test_triple_loop_matches_numpy_on_random_floats():
    rng = np.random.default_rng(0)
    left, right = rng.standard_normal((5, 7)), rng.standard_normal((7, 3))
    np.testing.assert_allclose(matmul_triple_loop(left.tolist(), right.tolist()), left @ right)
