"""The worked examples and measurements of book/matmul_at_scale.md, checked against what the page computes.

Only the *presence* and sanity of the timings is tested here (every method and size measured, times
positive); how fast anything runs is what the page reports, never a test condition.
"""
import math

import numpy as np
import pytest
import torch

from linalg_ai.matmul import matmul_flops, matmul_triple_loop
from linalg_ai.timing import best_time, single_thread

Y_EXPECTED = [[59.0, 66.0], [140.0, 156.0]]


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("matmul_at_scale")


def test_dense_layer_worked_example(page):
    assert page["Y_one_by_one"].tolist() == Y_EXPECTED
    assert page["Y_numpy"].tolist() == Y_EXPECTED
    assert page["Y_torch"].tolist() == Y_EXPECTED


def test_torch_linear_equals_x_w_transposed_plus_b(page):
    assert tuple(page["layer"].weight.shape) == (2, 3)
    assert page["Y_linear"].detach().tolist() == Y_EXPECTED
    assert page["linear_matches_manual"] is True
    layer, batch = page["random_layer"], page["random_batch"]
    torch.testing.assert_close(layer(batch), batch @ layer.weight.T + layer.bias)


def test_flop_count_formula():
    assert matmul_flops(2, 3, 2) == 24
    assert matmul_flops(8192, 768, 3072) == 38_654_705_664
    assert matmul_flops(32, 784, 128) == 6_422_528
    with pytest.raises(ValueError):
        matmul_flops(-1, 2, 3)


def test_realistic_layer_numbers(page):
    assert page["layer_flops"] == 2 * 8192 * 768 * 3072 == 38_654_705_664
    assert page["layer_parameters"] == 768 * 3072
    assert page["flops_per_parameter_per_token"] == 2


def test_pure_python_numpy_and_torch_products_agree(page):
    assert page["methods_agree"]
    np.testing.assert_allclose(page["product_python"], page["product_numpy"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(page["product_torch"], page["product_numpy"], rtol=1e-12, atol=1e-12)


def test_timing_table_has_positive_times_for_every_method_and_size(page):
    methods, seconds, gflops = page["methods"], page["seconds"], page["gflops"]
    assert set(methods) == {"pure Python", "numpy", "torch"}
    for name, (_, _, sizes) in methods.items():
        for n in sizes:
            assert seconds[name, n] > 0, (name, n)
            assert math.isfinite(seconds[name, n])
            assert gflops[name, n] == pytest.approx(2 * n**3 / seconds[name, n] / 1e9)
    # Pure Python only on small sizes, the libraries on all of them.
    assert max(methods["pure Python"][2]) <= 128
    assert methods["numpy"][2] == methods["torch"][2] == page["library_sizes"]
    assert len(page["timings"]) == sum(len(sizes) for _, _, sizes in methods.values())


def test_glued_estimates_follow_from_the_measurements(page):
    assert page["layer_seconds_numpy"] == pytest.approx(page["layer_flops"] / (page["numpy_rate"] * 1e9))
    assert page["layer_minutes_python"] == pytest.approx(page["layer_flops"] / (page["python_rate"] * 1e9) / 60)
    assert page["numpy_rate"] == max(page["gflops"]["numpy", n] for n in page["library_sizes"])
    assert page["speedup_at_128"] == pytest.approx(
        page["seconds"]["pure Python", 128] / page["seconds"]["numpy", 128])


def test_systolic_array_simulation(page):
    assert page["systolic_PQ"].tolist() == [[58.0, 64.0], [139.0, 154.0]]
    assert page["systolic_ticks"] == 2 + 3 + 2 - 2
    assert page["systolic_agrees"]
    assert page["big_ticks"] == 8 + 64 + 8 - 2
    # All 64 cells are busy from tick 14 (the last cell's first term) to tick 63 (the first cell's last).
    assert page["big_busy"].count(64) == 50
    assert sum(page["big_busy"]) == 8 * 64 * 8          # one MAC per (i, j, k)


def test_hardware_numbers(page):
    assert page["volta_tile_macs"] == 64
    assert page["tpu_v1_macs"] == 65_536
    assert page["tpu_v1_inputs_per_cycle"] == 512


def test_single_thread_restores_torch_threads():
    before = torch.get_num_threads()
    with single_thread():
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before


def test_best_time_rejects_zero_repeats_and_measures_positive_time():
    with pytest.raises(ValueError):
        best_time(lambda: None, repeats=0)
    assert best_time(lambda: sum(range(1000)), repeats=2) > 0


def test_triple_loop_shape_error_message():
    with pytest.raises(ValueError, match="A has 3 columns but B has 2 rows"):
        matmul_triple_loop([[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4]])


def test_text_names_the_dataflow_of_the_simulated_array_and_of_the_first_tpu():
    """The simulation is output-stationary (accumulators stay in the cells); TPU v1 was weight-stationary."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "book" / "matmul_at_scale.md").read_text()
    tpu_bullet = text[text.index("- **TPUs**"):text.index("The hard part is not the arithmetic")]
    assert "**weight-stationary**" in tpu_bullet
    simulation = text[text.index("### How a systolic array multiplies"):text.index("def systolic_matmul")]
    assert "**output-stationary**" in simulation
