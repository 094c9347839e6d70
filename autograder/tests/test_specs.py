"""The assignment specs: registry, references against numpy/torch, worked examples, cases."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from autograder.checks import check_function
from autograder.specs import ASSIGNMENTS, SPECS, load_spec
from autograder.specs.base import HIDDEN_GROUPS, VISIBLE, cases_for, to_plain
from autograder.specs.rules import OPERATOR, ROUTINE, item_for_hit, item_for_routine, tripwire_names

ALL_FUNCTIONS = [(spec.name, function.name) for spec in SPECS.values() for function in spec.functions]


def test_registry_holds_every_assignment():
    assert list(SPECS) == list(ASSIGNMENTS)
    assert load_spec("matmul").name == "matmul"
    with pytest.raises(KeyError, match="unknown assignment 'nope'"):
        load_spec("nope")


# --- references agree with numpy ------------------------------------------------------------------
def reference(assignment, function):
    return load_spec(assignment).function(function).reference


@pytest.fixture
def rng():
    return np.random.default_rng(20260101)


def test_dot_product_references_agree_with_numpy(rng):
    dot, cosine, project = (reference("dot_product", name)
                            for name in ("dot", "cosine_similarity", "project"))
    for length in range(1, 40):
        a, b = rng.normal(size=length), rng.normal(size=length)
        assert dot(a.tolist(), tuple(b)) == pytest.approx(np.dot(a, b), rel=1e-12, abs=1e-12)
        expected_cos = np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b))
        assert cosine(a, b) == pytest.approx(expected_cos, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(project(a, b), np.dot(a, b) / np.dot(b, b) * b, rtol=1e-12, atol=1e-12)
    assert dot([], []) == 0.0


def test_norm_references_agree_with_numpy(rng):
    refs = {name: reference("norms", name) for name in (
        "l1_norm", "l2_norm", "linf_norm", "frobenius_norm", "euclidean_distance", "manhattan_distance")}
    for length in range(1, 40):
        a, b = rng.normal(size=length) * 5, rng.normal(size=length)
        assert refs["l1_norm"](list(a)) == pytest.approx(np.linalg.norm(a, 1), rel=1e-12)
        assert refs["l2_norm"](tuple(a)) == pytest.approx(np.linalg.norm(a), rel=1e-12)
        assert refs["linf_norm"](a) == pytest.approx(np.linalg.norm(a, np.inf), rel=1e-12)
        assert refs["euclidean_distance"](a, b) == pytest.approx(np.linalg.norm(a - b), rel=1e-12)
        assert refs["manhattan_distance"](a, b) == pytest.approx(np.linalg.norm(a - b, 1), rel=1e-12)
        A = rng.normal(size=(length % 7 + 1, length % 5 + 1))
        assert refs["frobenius_norm"](A.tolist()) == pytest.approx(np.linalg.norm(A, "fro"), rel=1e-12)
    for name in ("l1_norm", "l2_norm", "linf_norm"):
        assert refs[name]([]) == 0.0
    assert refs["euclidean_distance"]([], []) == refs["manhattan_distance"]([], []) == 0.0


def test_matmul_references_agree_with_numpy(rng):
    transpose, matvec, matmul = (reference("matmul", name) for name in ("transpose", "matvec", "matmul"))
    for _ in range(40):
        m, n, p = rng.integers(1, 13, size=3)
        A, B, x = rng.normal(size=(m, n)), rng.normal(size=(n, p)), rng.normal(size=n)
        np.testing.assert_array_equal(transpose(A.tolist()), A.T)
        np.testing.assert_allclose(matvec(A, tuple(x)), A @ x, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(matmul(A.tolist(), B), A @ B, rtol=1e-12, atol=1e-12)


def test_dense_layer_references_agree_with_torch(rng):
    dense, relu, mlp = (reference("dense_layer", name) for name in ("dense_forward", "relu", "mlp_forward"))
    for _ in range(30):
        n, d_in, h, d_out = (int(v) for v in rng.integers(1, 13, size=4))
        X, W1, b1 = rng.normal(size=(n, d_in)), rng.normal(size=(d_in, h)), rng.normal(size=h)
        W2, b2 = rng.normal(size=(h, d_out)), rng.normal(size=d_out)
        t = {k: torch.tensor(v) for k, v in dict(X=X, W1=W1.T, b1=b1, W2=W2.T, b2=b2).items()}
        linear = torch.nn.functional.linear  # stores the weights transposed: X @ weight.T + bias
        np.testing.assert_allclose(dense(X.tolist(), W1, b1), linear(t["X"], t["W1"], t["b1"]).numpy(),
                                   rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(relu(X), torch.relu(t["X"]).numpy())
        expected = linear(torch.relu(linear(t["X"], t["W1"], t["b1"])), t["W2"], t["b2"]).numpy()
        np.testing.assert_allclose(mlp(X, W1, b1, W2, b2), expected, rtol=1e-12, atol=1e-12)


def test_attention_references_agree_with_torch(rng):
    softmax = reference("attention", "softmax")
    attention = reference("attention", "scaled_dot_product_attention")
    for _ in range(30):
        queries, keys, d_k, d_v = (int(v) for v in rng.integers(1, 9, size=4))
        Q, K, V = rng.normal(size=(queries, d_k)), rng.normal(size=(keys, d_k)), rng.normal(size=(keys, d_v))
        mask = rng.random((queries, keys)) < 0.6
        mask[:, 0] = True
        np.testing.assert_allclose(softmax(Q.tolist()), torch.softmax(torch.tensor(Q), dim=-1).numpy(),
                                   rtol=1e-12, atol=1e-15)
        tq, tk, tv = (torch.tensor(m) for m in (Q, K, V))
        sdpa = torch.nn.functional.scaled_dot_product_attention
        np.testing.assert_allclose(attention(Q, K, V), sdpa(tq, tk, tv).numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(attention(Q, K, V, mask.tolist()),
                                   sdpa(tq, tk, tv, attn_mask=torch.tensor(mask)).numpy(),
                                   rtol=1e-10, atol=1e-12)
    assert np.all(np.isfinite(softmax([1000.0, -1000.0])))


def test_linear_systems_references_agree_with_numpy(rng):
    solve, fit_line = (reference("linear_systems", name) for name in ("solve", "fit_line"))
    for n in range(1, 13):
        A, b = rng.normal(size=(n, n)), rng.normal(size=n)
        np.testing.assert_allclose(solve(A.tolist(), b), np.linalg.solve(A, b), rtol=1e-9, atol=1e-12)
        x, y = rng.uniform(-10, 10, size=n + 1), rng.normal(size=n + 1)
        np.testing.assert_allclose(fit_line(x, y), np.polynomial.polynomial.polyfit(x, y, 1), rtol=1e-9)
    for singular in ([[1, 2], [2, 4]], np.zeros((3, 3)), [[1e-20, 0], [0, 1]]):
        with pytest.raises(ValueError, match="singular"):
            solve(singular, np.ones(len(singular)))


# --- the worked examples ----------------------------------------------------------------------------
# The visible cases are exactly the worked examples the notebooks' visible asserts use.
WORKED_EXAMPLES = {
    ("dot_product", "dot"): [32, 4],
    ("dot_product", "cosine_similarity"): [-3 / math.sqrt(234), 1.0, 0.0],
    ("dot_product", "project"): [[4, 2], [3, 0]],
    ("norms", "l1_norm"): [6],
    ("norms", "l2_norm"): [5, math.sqrt(14)],
    ("norms", "linf_norm"): [3, 7],
    ("norms", "frobenius_norm"): [math.sqrt(30), 5],
    ("norms", "euclidean_distance"): [2 * math.sqrt(2)],
    ("norms", "manhattan_distance"): [4],
    ("matmul", "transpose"): [[[1, 4], [2, 5], [3, 6]], [[1, 3], [2, 4]]],
    ("matmul", "matvec"): [[11, 25], [7, -1]],
    ("matmul", "matmul"): [[[58, 64], [139, 154]], [[2, 1], [4, 3]]],
    ("linear_systems", "solve"): [[2, 1], [1, 1, 2], [1, 1]],
    ("linear_systems", "fit_line"): [[1.1, 1.1], [1, 2]],
    ("dense_layer", "dense_forward"): [[[1, 2, 4]], [[0.5], [2.5]]],
    ("dense_layer", "relu"): [[0, 0, 0, 3], [[1, 0], [0, 2]]],
    ("dense_layer", "mlp_forward"): [[[2]]],
    ("attention", "softmax"): [np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum(),
                               [1 / (1 + math.e), math.e / (1 + math.e)], [[0.5, 0.5], [0.5, 0.5]]],
    ("attention", "scaled_dot_product_attention"): [[[2, 3]], [[1, 2]]],
}


@pytest.mark.parametrize("assignment,function", ALL_FUNCTIONS)
def test_visible_cases_are_the_worked_examples(assignment, function):
    spec = load_spec(assignment)
    fspec = spec.function(function)
    visible = [case for case in cases_for(spec, fspec, 0) if case.group == VISIBLE]
    results = [to_plain(fspec.reference(*case.args)) for case in visible]
    expected = WORKED_EXAMPLES[(assignment, function)]
    assert len(results) == len(expected)
    for got, want in zip(results, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    # Visible cases never depend on the seed.
    assert [c.description for c in visible] == [
        c.description for c in cases_for(spec, fspec, 99) if c.group == VISIBLE]


# --- the cases ---------------------------------------------------------------------------------------
def _fingerprint(cases):
    return [(c.group, c.description, repr(c.args), c.expect_error, c.error_mentions, c.check_unmodified)
            for c in cases]


@pytest.mark.parametrize("assignment,function", ALL_FUNCTIONS)
def test_cases_are_deterministic_per_seed(assignment, function):
    spec = load_spec(assignment)
    fspec = spec.function(function)
    assert _fingerprint(cases_for(spec, fspec, 7)) == _fingerprint(cases_for(spec, fspec, 7))
    assert _fingerprint(cases_for(spec, fspec, 7)) != _fingerprint(cases_for(spec, fspec, 8))


@pytest.mark.parametrize("assignment,function", ALL_FUNCTIONS)
def test_every_group_has_cases(assignment, function):
    spec = load_spec(assignment)
    groups = [case.group for case in cases_for(spec, spec.function(function), 3)]
    for group in (VISIBLE, *HIDDEN_GROUPS):
        assert groups.count(group) >= 1, f"{function} has no {group} case"
    assert groups.count("random") >= 20
    assert set(groups) <= {VISIBLE, *HIDDEN_GROUPS}
    mutation = [c for c in cases_for(spec, spec.function(function), 3) if c.group == "mutation"]
    assert all(c.check_unmodified for c in mutation)
    errors = [c for c in cases_for(spec, spec.function(function), 3) if c.group == "errors"]
    assert all(c.expect_error is ValueError for c in errors)


@pytest.mark.parametrize("assignment,function", ALL_FUNCTIONS)
def test_reference_scores_full_marks_on_its_own_cases(assignment, function, capsys, monkeypatch):
    """The spec is consistent: the reference passes every case, errors and non-mutation included."""
    monkeypatch.setenv("AUTOGRADER_SEED", "12345")
    score = check_function(assignment, function, reference(assignment, function))
    report = capsys.readouterr()
    assert score == load_spec(assignment).function(function).points, report.out
    assert report.err == ""


def test_error_cases_name_both_shapes():
    spec = load_spec("dot_product")
    cases = [c for c in cases_for(spec, spec.function("dot"), 0) if c.group == "errors"]
    assert ("(3,)", "(2,)") in [c.error_mentions for c in cases]


def test_a_wrong_function_loses_the_hidden_groups_it_fails(capsys, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SEED", "5")

    def dot_without_checks(a, b):  # right values, but no length check
        return sum(x * y for x, y in zip(a, b))

    assert check_function("dot_product", "dot", dot_without_checks) == 3.0
    out = capsys.readouterr().out
    assert "errors   FAILED" in out and "should raise ValueError" in out

    def dot_off_by_one(a, b):
        return sum(a[i] * b[i] for i in range(len(a) - 1))

    assert check_function("dot_product", "dot", dot_off_by_one) == 0.0
    assert "expected 32.0, got 14.0" in capsys.readouterr().out


def test_forbidden_rules_are_declared_per_function():
    for name in ("dot_product", "norms", "matmul"):
        for function in SPECS[name].functions:
            items = {str(item) for item in function.rules.items}
            assert {"numpy.dot", "numpy.linalg", "math.hypot", "torch.matmul", "the @ operator", ".dot()"} <= items
    transposes = {"numpy.transpose", "numpy.swapaxes", ".T", ".mT", ".H", ".mH", ".transpose()"}
    matmul = SPECS["matmul"]
    assert transposes <= {str(item) for item in matmul.function("transpose").rules.items}
    assert not transposes & {str(item) for item in matmul.function("matmul").rules.items}
    assert "the @ operator" not in {str(item) for item in SPECS["dense_layer"].forbidden_items}


@pytest.mark.parametrize("assignment,function", ALL_FUNCTIONS)
def test_nothing_allowed_is_forbidden(assignment, function):
    """An allowed routine or operator is none of the function's forbidden items."""
    rules = load_spec(assignment).function(function).rules
    assert rules.forbidden and rules.allowed
    for allowed in rules.allowed:
        if allowed.kind == ROUTINE:
            assert item_for_routine(allowed.name, rules.items) is None, allowed
        if allowed.kind == OPERATOR:
            assert all(item.name != allowed.name for item in rules.items if item.kind == OPERATOR), allowed


def test_a_tripwire_hit_is_the_item_it_falls_under():
    items = load_spec("matmul").function("transpose").rules.items
    assert str(item_for_hit("numpy._core.fromnumeric.transpose", items)) == "numpy.transpose"
    assert str(item_for_hit("numpy.linalg.norm", items)) == "numpy.linalg"
    assert str(item_for_hit("operator.matmul", items)) == "the @ operator"
    assert str(item_for_hit("Tensor.mT", items)) == ".mT"
    assert str(item_for_hit("Tensor.__rmatmul__", items)) == "the @ operator"
    assert item_for_hit("numpy.sum", items) is None
    routines, names = tripwire_names(items)
    assert {"numpy.transpose", "operator.matmul", "torch.linalg"} <= set(routines)
    assert {"T", "mT", "dot", "__matmul__", "transpose"} <= set(names)


def test_honest_code_that_prints_and_warns_gets_full_marks(capsys, monkeypatch):
    """Stock nbgrader scores a grade cell with stderr output 0: nothing of the student's may leak."""
    monkeypatch.setenv("AUTOGRADER_SEED", "6")

    def noisy_dot(a, b):
        import sys
        import warnings
        print("computing...")
        print("debug", file=sys.stderr)
        warnings.warn("just a warning")
        if len(a) != len(b):
            raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
        return np.float32(0) + np.sum(np.asarray(a, dtype=float) * np.asarray(b, dtype=float))

    assert check_function("dot_product", "dot", noisy_dot) == 4.0
    captured = capsys.readouterr()
    assert captured.err == "" and "computing" not in captured.out


def test_modifying_an_input_loses_the_mutation_group(capsys, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SEED", "6")

    def l1_norm_in_place(v):
        if np.ndim(v) != 1:
            raise ValueError(f"expected a vector, got shape {np.shape(v)}")
        if isinstance(v, list):
            v[:] = [abs(x) for x in v]  # the caller's list is changed
        return float(sum(abs(x) for x in v))

    assert check_function("norms", "l1_norm", l1_norm_in_place) == 1.5
    assert "mutation FAILED" in capsys.readouterr().out
