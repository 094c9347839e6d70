"""The worked examples of book/tensors.md, checked against the values the page computes."""
import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("tensors")


def test_indexing_shapes(page):
    T = page["T"]
    assert T.shape == (2, 3, 4) and T[1].shape == (3, 4) and T[:, 0].shape == (2, 4)
    assert T[..., -1].tolist() == [[3, 7, 11], [15, 19, 23]]
    assert T[:, 1:3, ::2].shape == (2, 2, 2)


def test_reshape_is_not_transpose(page):
    assert page["M_reshaped"].tolist() == [[1, 2], [3, 4], [5, 6]]
    assert page["M_transposed"].tolist() == [[1, 4], [2, 5], [3, 6]]
    assert tuple(page["channels_last"].shape) == (8, 32, 32, 3)
    assert "view size is not compatible" in page["view_error"]


def test_reductions_of_x_by_hand(page):
    assert page["column_sums"].tolist() == [5, 7, 9] and page["column_sums"].shape == (3,)
    assert page["row_sums"].tolist() == [6, 15] and page["row_sums"].shape == (2,)
    assert page["row_sums_kept"].tolist() == [[6], [15]] and page["row_sums_kept"].shape == (2, 1)
    assert page["total"] == 21
    assert page["reduced_shapes"] == {0: (3, 4), 1: (2, 4), 2: (2, 3), (1, 2): (2,)}


def test_keepdims_normalisation_and_the_silent_bug(page):
    assert page["X_rows_normalised"] == pytest.approx(np.array([[1 / 6, 2 / 6, 3 / 6], [4 / 15, 5 / 15, 6 / 15]]))
    assert page["S_right"].sum(axis=1) == pytest.approx([1, 1, 1])
    S = page["S"]
    assert page["S_wrong"][0, 1] == S[0, 1] / S[1].sum()
    assert page["S_wrong"].sum(axis=1)[0] == pytest.approx(1 / 6 + 2 / 15 + 3 / 24)
    with pytest.raises(ValueError, match="could not be broadcast"):
        page["X"] / page["X"].sum(axis=1)


def test_softmax_on_four_axes(page):
    weights = page["weights_4d"]
    assert weights.shape == (2, 3, 4, 4) and weights.sum(axis=-1) == pytest.approx(np.ones((2, 3, 4)))


def test_batched_products(page):
    assert page["projected"].shape == (2, 3, 5)
    assert page["projected_flat"] == pytest.approx(page["projected"])
    assert page["projected_einsum"] == pytest.approx(page["projected"])
    assert page["scores_matmul"].shape == (2, 3, 5)
    assert page["scores_einsum"] == pytest.approx(page["scores_matmul"])


def test_training_step_reductions(page):
    assert page["predictions"].tolist() == [0, 1, 2, 2]
    assert page["accuracy"] == 0.75
    assert page["loss"] == pytest.approx(page["loss_torch"])
    logits, labels = page["logits"], page["labels"]
    by_hand = np.mean([np.log(np.exp(row).sum()) - row[label] for row, label in zip(logits, labels)])
    assert page["loss"] == pytest.approx(by_hand)


def test_normalisation_layers(page):
    assert page["layer_norm_difference"] < 1e-12
    assert page["layer_normed"].mean(axis=-1) == pytest.approx(np.zeros((2, 3)), abs=1e-12)
    assert page["batch_normed"].var(axis=0) == pytest.approx(np.ones(4), abs=1e-5)


def test_self_check_answers():
    x = np.zeros((32, 10, 512))
    assert x.mean(axis=1).shape == (32, 512) and x.mean(axis=-1, keepdims=True).shape == (32, 10, 1)
    assert x.sum(axis=(0, 1)).shape == (512,)
    assert torch.arange(6).reshape(2, 3).T.reshape(-1).tolist() == [0, 3, 1, 4, 2, 5]
    assert (np.zeros((8, 1, 5, 4)) @ np.zeros((3, 4, 2))).shape == (8, 3, 5, 2)
    A, B = np.random.default_rng(0).standard_normal((2, 2, 3, 4))
    assert np.einsum("bij,bkj->bik", A, B) == pytest.approx(A @ B.swapaxes(-2, -1))
