"""The `attention` assignment: softmax(x), scaled_dot_product_attention(Q, K, V, mask=None).

Attention is composed from products and a softmax, so `@` and np.matmul are allowed; what is
forbidden is a routine that is the softmax or the attention itself.
"""
from __future__ import annotations

import numpy as np

from autograder.reference import attention as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (container_name, pack, packed, ragged_rows, random_values,
                                       shown_error, shown_result, shown_unchanged, visible_cases)
from autograder.specs.rules import SOFTMAX_AND_ATTENTION, Allowed, OPERATOR, Rules, allowed_routine


def softmax_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        shape = (int(rng.integers(1, 13)), int(rng.integers(1, 13))) if rng.random() < 0.5 else (
            int(rng.integers(1, 51)),)
        x = packed(rng, random_values(rng, shape))
        random.append(Case("random", (x,), f"random scores of shape {shape} ({container_name(x)})"))
    edge = [
        Case("edge", ([1000, 1001, 1002],), "large scores (exp overflows unless you subtract the max)"),
        Case("edge", ([-1000.0, -1000.5],), "very negative scores (exp underflows to 0)"),
        Case("edge", ([[800, 0], [0, -800]],), "rows with large scores"),
        Case("edge", ([5],), "a single entry (probability 1)"),
        Case("edge", ((2, 2, 2, 2),), "equal entries in a tuple (uniform)"),
        Case("edge", ([[1.5], [-2.0], [30.0]],), "a 3x1 matrix (each row is [1.0])"),
        Case("edge", (np.array([[3, 1, -2, 0]]),), "a 1x4 numpy int array"),
        Case("edge", (random_values(rng, (4, 6), "float", 300.0),), "scores up to 300 in size"),
    ]
    errors = [
        Case("errors", ([],), "the empty vector (no distribution over nothing)", expect_error=ValueError),
        Case("errors", (np.zeros((2, 0)),), "a 2x0 matrix (rows with no entries)", expect_error=ValueError),
        Case("errors", (ragged_rows(rng),), "rows of different lengths", expect_error=ValueError),
    ]
    mutation = [Case("mutation", (pack(random_values(rng, shape, "float"), container),),
                     f"a {shape} {container}", check_unmodified=True)
                for shape, container in (((7,), "list"), ((7,), "array"),
                                         ((3, 4), "list"), ((3, 4), "array"))]
    shown = [
        shown_error(([],), "the empty vector has no softmax: ValueError"),
        shown_error(([[1.0, 2.0], [3.0]],), "rows of different lengths raise ValueError"),
        shown_result(([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]],), "a 2x3 matrix gives a 2x3 matrix, a distribution per row"),
        shown_unchanged(np.array([[1.0, 2.0], [3.0, 4.0]])),
    ]
    return [*visible_cases("softmax", ([2.0, 1.0, 0.1],), ([1000.0, 1001.0],), ([[0, 0], [5, 5]],)),
            *random, *edge, *errors, *mutation, *shown]


def _mask(rng: np.random.Generator, queries: int, keys: int) -> np.ndarray:
    """A random boolean mask that keeps at least one key in every row (a fully masked row is nan)."""
    keep = rng.random((queries, keys)) < 0.6
    keep[np.arange(queries), rng.integers(0, keys, size=queries)] = True
    return keep


def _qkv(rng: np.random.Generator, queries: int, keys: int, d_k: int, d_v: int, kind: str | None = None):
    return (random_values(rng, (queries, d_k), kind, 2.0), random_values(rng, (keys, d_k), kind, 2.0),
            random_values(rng, (keys, d_v), kind))


def attention_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        queries, keys, d_k, d_v = (int(v) for v in rng.integers(1, 9, size=4))
        Q, K, V = (packed(rng, m) for m in _qkv(rng, queries, keys, d_k, d_v))
        text = f"random Q {queries}x{d_k}, K {keys}x{d_k}, V {keys}x{d_v} ({container_name(Q)})"
        if rng.random() < 0.5:
            mask = _mask(rng, queries, keys)
            random.append(Case("random", (Q, K, V, mask if rng.random() < 0.5 else mask.tolist()),
                               text + " with a mask"))
        else:
            random.append(Case("random", (Q, K, V), text))
    Q, K, V = _qkv(rng, 4, 4, 3, 2, "float")
    Q6, K6, V6 = _qkv(rng, 3, 5, 6, 4, "float")
    edge = [
        Case("edge", (Q, K, V, None), "mask=None given explicitly"),
        Case("edge", (Q, K, V, np.tril(np.ones((4, 4), dtype=bool))), "a causal mask (numpy bools)"),
        Case("edge", (Q, K, V, np.eye(4, dtype=bool).tolist()),
             "a mask that keeps one key per query (the output is that key's value)"),
        Case("edge", ([[1.0, 2.0], [3.0, -1.0]], [[0.5, 0.5]], [[7.0, -7.0, 1.0]]),
             "a single key (every output row is its value)"),
        Case("edge", ([[1.0, 0.0, 1.0]], [[1, 1, 1], [1, 1, 1]], [[2, 4], [6, 8]]),
             "identical keys (the mean of the values)"),
        Case("edge", (Q6 * 60, K6 * 60, V6), "large scores (needs a stable softmax)"),
        Case("edge", (((1, 0), (0, 1)), ((1, 2), (3, 4), (5, 6)), ((1,), (2,), (3,))),
             "tuples of ints, values of length 1"),
        Case("edge", (np.array([[2, -1]]), np.array([[1, 0], [0, 1], [1, 1]]), np.eye(3)),
             "numpy int arrays"),
    ]
    floats = lambda *shape: random_values(rng, shape, "float")  # noqa: E731
    errors = [
        Case("errors", (floats(2, 3), floats(4, 2), floats(4, 5)), "Q 2x3 and K 4x2",
             expect_error=ValueError, error_mentions=("(2, 3)", "(4, 2)")),
        Case("errors", (floats(2, 3).tolist(), floats(4, 3).tolist(), floats(5, 2).tolist()),
             "K 4x3 and V 5x2", expect_error=ValueError, error_mentions=("(4, 3)", "(5, 2)")),
        Case("errors", (floats(2, 3), floats(4, 3), floats(4, 2), np.ones((2, 3), dtype=bool)),
             "a 2x3 mask for 2x4 scores", expect_error=ValueError, error_mentions=("(2, 3)", "(2, 4)")),
    ]
    mutation = [
        Case("mutation", tuple(pack(m, "list") for m in _qkv(rng, 3, 4, 2, 5, "float"))
             + (_mask(rng, 3, 4).tolist(),), "Q, K, V and a mask as lists", check_unmodified=True),
        Case("mutation", (*_qkv(rng, 3, 4, 2, 5, "float"), _mask(rng, 3, 4)),
             "Q, K, V and a mask as numpy arrays", check_unmodified=True),
    ]
    shown = [
        shown_error(([[1.0, 2.0, 3.0]], [[1.0, 2.0]], [[1.0]]),
                    "Q and K need the same d_k: ValueError naming both shapes", "(1, 3)", "(1, 2)"),
        shown_error(([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], [[1.0]]),
                    "one value per key: ValueError naming the shapes of K and V", "(2, 2)", "(1, 1)"),
        shown_error(([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [[1.0], [2.0]], [[True, False, True]]),
                    "a mask of the wrong shape: ValueError naming its shape and the scores'", "(1, 3)", "(1, 2)"),
        shown_result(([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
                     "3 queries and values of length 3: a 3x3 result"),
        shown_unchanged(np.array([[1.0, 0.5]]), [[1.0, 0.0], [0.0, 1.0]], np.array([[1.0], [2.0]]), [[True, False]]),
    ]
    return [*visible_cases("scaled_dot_product_attention", ([[1, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]),
                           ([[1, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]], [[True, False]])),
            *random, *edge, *errors, *mutation, *shown]


RULES = Rules(forbidden=(SOFTMAX_AND_ATTENTION,), allowed=(
    Allowed(OPERATOR, "@", "`@`"), *(allowed_routine(f"numpy.{name}")
                                     for name in ("matmul", "exp", "max", "sum", "where"))))

SPEC = AssignmentSpec(
    name="attention",
    functions=(
        FunctionSpec("softmax", "softmax(x)", 4, reference.softmax, softmax_cases, rules=RULES),
        FunctionSpec("scaled_dot_product_attention", "scaled_dot_product_attention(Q, K, V, mask=None)", 6,
                     reference.scaled_dot_product_attention, attention_cases, rules=RULES),
    ),
)
