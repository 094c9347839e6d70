"""The worked examples of book/scalars_and_vectors.md, checked against the values the page computes."""
from pathlib import Path

import numpy as np
import pytest
import torch


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("scalars_and_vectors")


def test_length_of_3_4_is_5_by_hand_numpy_and_torch(page):
    assert page["length_3_4_by_hand"] == 5.0
    assert page["length_3_4"] == 5.0
    assert page["length_3_4_torch"] == 5.0
    assert page["length_1_2_2"] == pytest.approx(3.0)


def test_unit_vector_of_3_4(page):
    assert np.allclose(page["v_unit"], [0.6, 0.8])


def test_order_matters(page):
    assert page["same_vector"] is False
    assert page["same_entries_as_a_set"] is True


def test_house_and_one_hot_vectors(page):
    assert page["house"].shape == (3,)
    assert page["heat_pump_one_hot"].shape == (3,)
    assert page["heat_pump_one_hot"].tolist() == [0.0, 0.0, 1.0]
    assert page["heat_pump_one_hot"].sum() == 1.0
    assert page["heat_pump_one_hot_torch"].tolist() == [0, 0, 1]
    assert page["house_with_heating"].shape == (6,)
    assert page["house_with_heating"].tolist() == [120.0, 3.0, 15.0, 0.0, 0.0, 1.0]


def test_flattened_digit_shapes(page):
    assert page["digit_image"].shape == (8, 8)
    assert page["digit_vector"].shape == (64,)
    assert tuple(page["digit_tensor"].shape) == (64,)
    # Row-major flattening: entry 8 * row + column is pixel (row, column).
    assert page["digit_vector"][8 * 3 + 5] == page["digit_image"][3, 5]
    assert page["digit_label"] == 0
    assert page["digit_length"] == pytest.approx(np.sqrt((page["digit_image"] ** 2).sum()))
    assert page["digit_length"] == pytest.approx(page["digit_length_by_hand"])


def test_default_dtypes(page):
    assert page["v_numpy_float"].dtype == np.float64
    assert page["v_torch_float"].dtype == torch.float32
    assert page["v_torch_int"].dtype == torch.int64


def test_self_check_answers():
    assert np.linalg.norm([6, 8]) == 10.0
    assert torch.linalg.norm(torch.tensor([1.0, 1.0, 1.0, 1.0])).item() == 2.0
    assert np.zeros((32, 32, 3)).reshape(-1).shape == (3072,)
    assert np.array([1.5, 2.0]).dtype == np.float64
    assert torch.tensor([1.5, 2.0]).dtype == torch.float32


def test_label_encoding_self_check_ratios():
    """Encoded as gas 1, electric 2, heat pump 3, the codes would claim these ratios (the answer's text)."""
    gas, electric, heat_pump = 1, 2, 3
    assert heat_pump / electric == 1.5
    assert heat_pump / gas == 3
    assert abs(heat_pump - gas) > abs(electric - gas)
    text = (Path(__file__).resolve().parents[2] / "book" / "scalars_and_vectors.md").read_text()
    assert '1.5 times "electric" (2) and three times "gas" (1)' in text
