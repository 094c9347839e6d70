"""The chapter "Attention" (book/attention.md) and the module it uses, linalg_ai.attention."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from linalg_ai.attention import (
    attention_weights,
    causal_mask,
    merge_heads,
    multi_head_attention,
    scaled_dot_product_attention,
    softmax,
    split_heads,
)


@pytest.fixture(scope="module")
def page(run_page):
    return run_page("attention")


def random_qkv(dtype=torch.float64, shape=(2, 3, 5, 4), seed=0):
    generator = torch.Generator().manual_seed(seed)
    return tuple(torch.randn(*shape, generator=generator, dtype=dtype) for _ in range(3))


# --- softmax ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("scores", [[2.0, 1.0, 0.1], [0.0, 0.0], [-3.0, 5.0, 1.5, 0.2], [7.0]])
def test_softmax_sums_to_one_and_matches_torch(scores):
    ours = softmax(np.array(scores))
    assert ours.sum() == pytest.approx(1.0)
    assert np.all(ours > 0)
    assert ours == pytest.approx(torch.softmax(torch.tensor(scores, dtype=torch.float64), dim=0).numpy())


def test_softmax_of_a_matrix_normalises_each_row_and_accepts_tensors():
    scores = np.random.default_rng(0).normal(size=(4, 6)) * 5
    ours = softmax(scores)
    assert ours.sum(axis=1) == pytest.approx(np.ones(4))
    torch_scores = torch.tensor(scores)
    ours_torch = softmax(torch_scores)
    assert isinstance(ours_torch, torch.Tensor)
    assert torch.allclose(ours_torch, torch.softmax(torch_scores, dim=-1))
    assert softmax(scores, axis=0).sum(axis=0) == pytest.approx(np.ones(6))


def test_stable_softmax_handles_huge_scores_without_nan():
    result = softmax(np.array([1000.0, 1001.0]))
    assert not np.any(np.isnan(result))
    assert result == pytest.approx([1 / (1 + math.e), math.e / (1 + math.e)])
    assert softmax(np.array([-1000.0, -1001.0])) == pytest.approx(result[::-1])


def test_softmax_temperature():
    scores = np.array([2.0, 1.0, 0.1])
    assert softmax(scores, temperature=2.0) == pytest.approx(softmax(scores / 2.0))
    assert softmax(scores, temperature=1e-3) == pytest.approx([1.0, 0.0, 0.0], abs=1e-12)
    assert softmax(scores, temperature=1e6) == pytest.approx([1 / 3] * 3, abs=1e-6)
    with pytest.raises(ValueError, match="temperature"):
        softmax(scores, temperature=0.0)


def test_softmax_gives_masked_scores_weight_zero():
    assert softmax(np.array([1.0, -np.inf, 2.0])) == pytest.approx([1 / (1 + math.e), 0.0, math.e / (1 + math.e)])


def test_page_softmax_by_hand(page):
    assert page["exp_scores"].round(4).tolist() == [7.3891, 2.7183, 1.1052]
    assert round(page["exp_scores"].sum(), 4) == 11.2125
    assert page["exp_shifted"].round(4).tolist() == [1.0, 0.3679, 0.1496]
    assert round(page["exp_shifted"].sum(), 4) == 1.5174
    for probs in (page["probs_numpy"], page["probs_stable"], page["probs_torch"]):
        assert probs.round(4).tolist() == [0.6590, 0.2424, 0.0986]
    assert page["probs_torch"] == pytest.approx(page["probs_numpy"], abs=1e-12)


def test_page_softmax_overflow_example(page):
    assert np.all(np.isnan(page["naive_big"]))
    assert page["stable_big"].round(4).tolist() == [0.2689, 0.7311]
    assert page["torch_big"] == pytest.approx(page["stable_big"])


def test_page_temperatures(page):
    probs = page["probs_by_temperature"]
    assert probs[0.5][0] > probs[1.0][0] > probs[2.0][0] > probs[10.0][0] > 1 / 3
    assert probs[0.5].round(4).tolist() == [0.8638, 0.1169, 0.0193]


# --- the sqrt(d_k) scaling --------------------------------------------------------------------------

def test_page_dot_product_variance_grows_linearly_with_d(page):
    dims, variance = page["dims"], page["dot_variance"]
    assert dims[-1] / dims[0] >= 256
    # Each measured variance is within 10% of d (5000 samples: standard error about 2-4%).
    assert variance / dims == pytest.approx(np.ones(len(dims)), rel=0.1)
    assert page["variance_slope"] == pytest.approx(1.0, abs=0.05)
    assert page["scaled_dot_variance"] == pytest.approx(np.ones(len(dims)), rel=0.1)


def test_page_unscaled_scores_saturate_the_softmax(page):
    unscaled, scaled = page["max_weight_unscaled"], page["max_weight_scaled"]
    assert unscaled[-1] > 0.9  # nearly one-hot at d = 512
    assert np.all(np.diff(unscaled) > -0.02)  # grows with d (up to sampling noise)
    assert scaled.max() - scaled.min() < 0.05  # the same at every width
    assert scaled[-1] < 0.5


# --- the worked example and the causal mask ---------------------------------------------------------

def test_causal_mask():
    mask = causal_mask(4)
    assert np.all(np.isneginf(mask[np.triu_indices(4, k=1)]))
    assert np.all(mask[np.tril_indices(4)] == 0)
    assert np.isneginf(causal_mask(4, like=torch.zeros(1)).numpy()).sum() == 6  # T(T-1)/2
    assert causal_mask(2, 3).shape == (2, 3)


def test_page_worked_example_by_hand(page):
    assert page["Q"].tolist() == [[1, 0], [1, 1], [2, 1]]
    assert page["K"].tolist() == [[1, 1], [0, 1], [1, 2]]
    assert page["V"].tolist() == [[1, 0], [0, 2], [1, 2]]
    assert (page["Q"] @ page["K"].T).tolist() == [[1, 0, 1], [2, 1, 3], [3, 1, 4]]
    assert page["scaled_scores"].round(4).tolist() == [
        [0.7071, 0.0, 0.7071], [1.4142, 0.7071, 2.1213], [2.1213, 0.7071, 2.8284]]
    assert page["causal_weights"].round(4).tolist() == [
        [1.0, 0.0, 0.0], [0.6698, 0.3302, 0.0], [0.3057, 0.0743, 0.6200]]
    assert page["causal_output"].round(4).tolist() == [[1.0, 0.0], [0.6698, 0.6605], [0.9257, 1.3886]]
    assert np.array_equal(page["mask"], causal_mask(3))
    # numpy and torch side by side agree
    assert page["causal_weights_t"].numpy() == pytest.approx(page["causal_weights"], abs=1e-15)
    assert page["causal_output_t"].numpy() == pytest.approx(page["causal_output"], abs=1e-15)
    # hand steps from the text: the intermediate sums
    assert round(1 + math.exp(-1 / math.sqrt(2)), 4) == 1.4931
    assert round(math.exp(-1 / math.sqrt(2)) + math.exp(-3 / math.sqrt(2)) + 1, 4) == 1.6129


def test_page_unmasked_example(page):
    assert page["full_weights"].sum(axis=1) == pytest.approx(np.ones(3))
    assert page["full_weights"][0].round(4).tolist() == [0.4011, 0.1978, 0.4011]
    assert page["full_output"] == pytest.approx(page["full_weights"] @ page["V"])


# --- against PyTorch --------------------------------------------------------------------------------

@pytest.mark.parametrize("causal", [False, True])
def test_attention_equals_torch_scaled_dot_product_attention(causal):
    q, k, v = random_qkv(torch.float64)
    reference = F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    assert torch.allclose(scaled_dot_product_attention(q, k, v, causal=causal), reference, rtol=0, atol=1e-6)
    ours_numpy = scaled_dot_product_attention(q.numpy(), k.numpy(), v.numpy(), causal=causal)
    assert np.allclose(ours_numpy, reference.numpy(), rtol=0, atol=1e-6)
    q32, k32, v32 = q.float(), k.float(), v.float()
    assert torch.allclose(scaled_dot_product_attention(q32, k32, v32, causal=causal),
                          F.scaled_dot_product_attention(q32, k32, v32, is_causal=causal), rtol=0, atol=1e-6)


def test_causal_attention_ignores_the_future():
    q, k, v = random_qkv(torch.float64, shape=(1, 6, 3), seed=1)
    changed_v = v.clone()
    changed_v[:, -1] += 100.0  # change only the last position's value
    before = scaled_dot_product_attention(q, k, v, causal=True)
    after = scaled_dot_product_attention(q, k, changed_v, causal=True)
    assert torch.equal(before[:, :-1], after[:, :-1])
    assert not torch.equal(before[:, -1], after[:, -1])
    assert torch.allclose(attention_weights(q, k, causal=True).sum(-1), torch.ones(1, 6, dtype=torch.float64))


def test_page_torch_check(page):
    for (dtype, causal), difference in page["torch_differences"].items():
        assert difference < 1e-6, (dtype, causal)
    assert set(page["torch_differences"]) == {(str(t), c) for t in (torch.float64, torch.float32)
                                              for c in (False, True)}
    assert page["torch_differences"][("torch.float64", True)] < 1e-12
    assert page["numpy_torch_difference"] < 1e-12


# --- the heat-map example ---------------------------------------------------------------------------

def test_page_previous_token_head(page):
    assert page["copied_words"] == ["the", "the", "cat", "sat", "on", "the"]
    weights = page["sentence_weights"][("previous-token head", True)]
    assert all(weights[i].argmax() == i - 1 for i in range(1, 6))
    assert weights[0, 0] == 1.0


def test_page_same_word_head_and_the_mask(page):
    unmasked = page["sentence_weights"][("same-word head", False)]
    masked = page["sentence_weights"][("same-word head", True)]
    assert page["the_sees_future_the"] == unmasked[0, 4] > 0.4  # the two "the" share the weight
    assert unmasked[0, 0] == pytest.approx(unmasked[0, 4])
    assert np.all(masked[np.triu_indices(6, k=1)] == 0)
    assert masked[0, 0] == 1.0
    assert masked[4, 0] == pytest.approx(masked[4, 4])  # the second "the" may look back at the first


# --- multi-head attention ---------------------------------------------------------------------------

def test_split_and_merge_heads_shapes_and_inverse():
    x = torch.arange(2 * 5 * 12, dtype=torch.float64).reshape(2, 5, 12)
    heads = split_heads(x, 3)
    assert heads.shape == (2, 3, 5, 4)
    assert torch.equal(heads[:, 1], x[..., 4:8])  # head 1 is the second block of 4 features
    assert torch.equal(merge_heads(heads), x)
    assert np.array_equal(merge_heads(split_heads(x.numpy(), 3)), x.numpy())
    with pytest.raises(ValueError, match="equal heads"):
        split_heads(x, 5)


def test_multi_head_attention_matches_torch_module():
    torch.manual_seed(1)
    d_model, heads = 12, 3
    x = torch.randn(2, 7, d_model, dtype=torch.float64)
    mha = torch.nn.MultiheadAttention(d_model, heads, bias=False, batch_first=True, dtype=torch.float64)
    w_q, w_k, w_v = mha.in_proj_weight.detach().chunk(3)
    w_o = mha.out_proj.weight.detach()
    for causal in (False, True):
        mask = causal_mask(7, like=x) if causal else None
        with torch.no_grad():
            reference, _ = mha(x, x, x, attn_mask=mask, need_weights=False)
        ours = multi_head_attention(x, w_q.T, w_k.T, w_v.T, w_o.T, num_heads=heads, causal=causal)
        assert torch.allclose(ours, reference, rtol=0, atol=1e-10)


def test_page_multi_head(page):
    assert page["split_shape"] == (2, 2, 5, 4)
    assert page["merge_undoes_split"]
    assert page["loop_vs_reshape"] < 1e-6
    assert page["mha_difference"] < 1e-5


# --- padding masks, cross-attention, positional encodings, kernel smoothing ---------------------

def test_padding_mask_worked_example(page):
    from linalg_ai.attention import padding_mask

    mask = padding_mask([3, 2], 3)
    assert mask.shape == (2, 1, 3)
    assert mask[0].tolist() == [[0, 0, 0]] and mask[1, 0, 2] == -np.inf
    weights = page["padded_weights"][1]
    assert weights[:2].round(4).tolist() == [[0.6698, 0.3302, 0.0], [0.6698, 0.3302, 0.0]]
    assert page["padded_output"][1, :2].round(4).tolist() == [[0.6698, 0.6605], [0.6698, 0.6605]]
    assert page["padded_output"][1, :2] == pytest.approx(page["unpadded_output"])
    assert page["padded_output_torch"].numpy() == pytest.approx(page["padded_output"])
    assert page["unmasked_weights"][1, 0, 2] > 0.2
    # The hand computation: scores (0.7071, 0) and (1.4142, 0.7071) have the same gap.
    assert math.exp(1 / math.sqrt(2)) / (1 + math.exp(1 / math.sqrt(2))) == pytest.approx(0.6698, abs=1e-4)


@pytest.mark.parametrize("lengths", [[0, 2], [4, 1]])
def test_padding_mask_refuses_impossible_lengths(lengths):
    from linalg_ai.attention import padding_mask

    with pytest.raises(ValueError, match="valid lengths must lie in"):
        padding_mask(lengths, 3)


def test_padding_mask_matches_torch_on_random_batches():
    from linalg_ai.attention import padding_mask

    q, k, v = random_qkv(shape=(3, 6, 4))
    lengths = [6, 1, 4]
    mask = padding_mask(lengths, 6, like=q)
    ours = scaled_dot_product_attention(q, k, v, mask=mask, causal=True)
    keep = (mask == 0) & torch.ones(6, 6, dtype=torch.bool).tril()
    reference = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
    assert (ours - reference).abs().max().item() < 1e-12


def test_cross_attention_worked_example(page):
    assert page["cross_weights"].shape == (2, 3)
    assert page["cross_weights"].round(4).tolist() == [[0.4458, 0.1084, 0.4458], [0.1978, 0.4011, 0.4011]]
    assert page["cross_output"].round(4).tolist() == [[0.8916, 0.5542], [0.5989, 0.8022]]
    assert page["cross_output_torch"].numpy() == pytest.approx(page["cross_output"])
    assert round(math.exp(math.sqrt(2)), 4) == 4.1133 and round(2 * math.exp(math.sqrt(2)) + 1, 4) == 9.2265
    assert round(math.exp(1 / math.sqrt(2)), 4) == 2.0281 and round(1 + 2 * math.exp(1 / math.sqrt(2)), 4) == 5.0562


def test_sinusoidal_encoding_by_hand_and_its_properties(page):
    from linalg_ai.attention import sinusoidal_positional_encoding

    assert page["pe_small"][1].round(4).tolist() == [0.8415, 0.5403, 0.01, 1.0]
    assert page["pe_small"][0].tolist() == [0, 1, 0, 1]
    assert 10000 ** (-2 / 4) == 0.01
    assert page["equivariant"] and not page["still_equivariant"]
    assert page["shift_is_rotation"] and page["offsets_agree"]
    pe = sinusoidal_positional_encoding(30, 16)
    p, q = 7, 19
    frequencies = 10000.0 ** (-np.arange(0, 16, 2) / 16)
    assert pe[p] @ pe[q] == pytest.approx(np.sum(np.cos((p - q) * frequencies)))
    with pytest.raises(ValueError, match="must be even"):
        sinusoidal_positional_encoding(4, 5)


def test_kernel_smoother_is_attention(page):
    assert page["kernel_difference"] < 1e-12
    errors = page["smoother_errors"]
    assert min(errors, key=errors.get) == 0.5
    weights = page["kernel_weights"](page["x_query"], page["x_train"], 0.5)
    assert weights.sum(axis=1) == pytest.approx(np.ones(len(page["x_query"])))
