"""The `dense_layer` assignment: dense_forward(X, W, b), relu(X), mlp_forward(X, W1, b1, W2, b2).

A layer is Y = XW + b with W of shape (inputs, outputs), as in the chapter "Matmul at scale".

Here the matrix product is a tool, not the task: `@` and np.matmul are allowed. What is forbidden is
a routine that is the layer or the activation itself (torch.nn.Linear, F.linear, torch.relu, ...).
"""
from __future__ import annotations

import numpy as np

from autograder.reference import dense_layer as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (container_name, pack, packed, ragged_rows, random_values,
                                       shown_error, shown_result, shown_unchanged, visible_cases)
from autograder.specs.rules import LAYERS_AND_ACTIVATIONS, PRODUCTS_AS_TOOLS, Rules, allowed_routine


def _size(rng: np.random.Generator) -> int:
    return int(rng.integers(1, 13))


def _layer(rng: np.random.Generator, samples: int, inputs: int, outputs: int) -> tuple:
    """Random X (samples x inputs), W (inputs x outputs), b (outputs,) in random containers."""
    return (packed(rng, random_values(rng, (samples, inputs))),
            packed(rng, random_values(rng, (inputs, outputs))),
            packed(rng, random_values(rng, (outputs,))))


def _floats(rng: np.random.Generator, shape: tuple[int, ...], container: str):
    return pack(random_values(rng, shape, "float"), container)


def dense_forward_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        samples, inputs, outputs = _size(rng), _size(rng), _size(rng)
        X, W, b = _layer(rng, samples, inputs, outputs)
        random.append(Case("random", (X, W, b), f"a random layer with {inputs} inputs and {outputs} "
                                                f"outputs on {samples} samples (X a {container_name(X)})"))
    edge = [
        Case("edge", ([[1.5, -2.0, 3.0]], [[1], [1], [1]], [0.5]), "one sample, one output"),
        Case("edge", ([[1], [2], [3]], [[2, -1]], [0, 10]), "one input feature"),
        Case("edge", ([[1, 2], [3, 4]], [[0, 0], [0, 0]], [7, -7]), "zero weights (every row is b)"),
        Case("edge", (((1, -1), (2, 0)), ((3, 5, 7), (4, 6, 8)), (1, 2, 3)), "tuples of ints"),
        Case("edge", (np.arange(6).reshape(3, 2), np.array([[1], [-1]]), np.array([2])), "numpy int arrays"),
        Case("edge", ([[0.5, 0.25]], np.eye(2), np.zeros(2)), "the identity layer (gives X back)"),
        Case("edge", (random_values(rng, (4, 3), "float", 1e6), random_values(rng, (3, 2), "float", 1e6),
                      random_values(rng, (2,), "float", 1e6)), "entries up to 1e6"),
    ]
    errors = []
    for x_shape, w_shape, b_shape, container, mentions in (
            ((2, 3), (2, 4), (4,), "list", ("(2, 3)", "(2, 4)")),
            ((5, 1), (4, 1), (1,), "array", ("(5, 1)", "(4, 1)")),
            ((2, 3), (3, 4), (3,), "tuple", ("(3, 4)", "(3,)")),
            ((1, 2), (2, 1), (2,), "array", ("(2, 1)", "(2,)"))):
        args = tuple(_floats(rng, shape, container) for shape in (x_shape, w_shape, b_shape))
        errors.append(Case("errors", args, f"X, W, b of shapes {x_shape}, {w_shape}, {b_shape}",
                           expect_error=ValueError, error_mentions=mentions))
    mutation = [Case("mutation", tuple(_floats(rng, shape, container) for shape in ((3, 4), (4, 2), (2,))),
                     f"X, W, b as {container}s", check_unmodified=True) for container in ("list", "array")]
    shown = [
        shown_error(([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [[1.0], [2.0]], [0.0]),
                    "X's columns and W's rows differ: ValueError naming the shapes of X and W", "(2, 3)", "(2, 1)"),
        shown_error(([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0, 3.0]),
                    "b needs one entry per column of W: ValueError naming the shapes of W and b", "(2, 2)", "(3,)"),
        shown_error(([[1.0, 2.0], [3.0]], [[1.0], [1.0]], [0.0]), "rows of different lengths raise ValueError"),
        shown_unchanged([[1.0, 2.0]], [[1.0], [-1.0]], np.array([0.5])),
    ]
    return [*visible_cases("dense_forward", ([[1, 2]], [[1, 0, 1], [0, 1, 1]], [0, 0, 1]),
                           ([[1, 2], [3, 4]], [[2], [-1]], [0.5])),
            *random, *edge, *errors, *mutation, *shown]


def relu_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        shape = (_size(rng), _size(rng)) if rng.random() < 0.5 else (int(rng.integers(1, 51)),)
        X = packed(rng, random_values(rng, shape))
        what = "matrix" if len(shape) == 2 else "vector"
        random.append(Case("random", (X,), f"a random {'x'.join(map(str, shape))} {what} "
                                           f"({container_name(X)})"))
    edge = [
        Case("edge", ([],), "the empty vector (gives the empty vector)"),
        Case("edge", ([-3],), "a single negative entry"),
        Case("edge", ([[-1.5, -2.5], [-0.5, -9.0]],), "all negative (all zeros)"),
        Case("edge", ((4, 0, 2),), "a tuple of non-negative ints (unchanged)"),
        Case("edge", ([[1, -2, 3, -4]],), "a 1x4 matrix"),
        Case("edge", (np.array([[2], [-2], [0]]),), "a 3x1 numpy int array"),
        Case("edge", (random_values(rng, (5, 5), "float", 1e6),), "entries up to 1e6"),
        Case("edge", (np.array([1e-12, -1e-12]),), "tiny entries on both sides of zero"),
    ]
    errors = [Case("errors", (ragged_rows(rng),), "rows of different lengths", expect_error=ValueError),
              Case("errors", (tuple(map(tuple, ragged_rows(rng))),), "tuple rows of different lengths",
                   expect_error=ValueError)]
    mutation = [Case("mutation", (_floats(rng, shape, container),), f"a {shape} {container}",
                     check_unmodified=True)
                for shape, container in (((3, 4), "list"), ((3, 4), "array"),
                                         ((6,), "array"), ((6,), "list"))]
    shown = [
        shown_result(([-1.0, 2.0, -3.0],), "a vector gives a vector of the same shape"),
        shown_result(([[1.5, -2.0, 0.0]],), "a 1x3 matrix gives a 1x3 matrix"),
        shown_error(([[1.0, -2.0], [3.0]],), "rows of different lengths raise ValueError"),
        shown_unchanged(np.array([[-1.0, 2.0], [3.0, -4.0]])),
    ]
    return [*visible_cases("relu", ([-2, -0.5, 0, 3],), ([[1, -1], [-2, 2]],)),
            *random, *edge, *errors, *mutation, *shown]


def mlp_forward_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        samples, inputs, hidden, outputs = (_size(rng) for _ in range(4))
        X, W1, b1 = _layer(rng, samples, inputs, hidden)
        _, W2, b2 = _layer(rng, 1, hidden, outputs)
        random.append(Case("random", (X, W1, b1, W2, b2),
                           f"a random network {inputs} -> {hidden} -> {outputs} on {samples} samples"))
    edge = [
        Case("edge", ([[1, 1]], [[-1, -2], [-1, 0]], [0, 0], [[5], [5]], [3]),
             "every hidden unit is cut to 0 by the ReLU (the output is b2)"),
        Case("edge", ([[2]], [[3]], [-1], [[-1]], [0.5]), "one unit in every layer"),
        Case("edge", (((1, 2), (3, 4)), ((1, 0), (0, 1)), (0, 0), ((1,), (-1,)), (0,)),
             "tuples of ints"),
        Case("edge", (np.arange(6).reshape(2, 3), np.ones((3, 4)), np.array([-5, -4, 0, 1]),
                      np.eye(4), np.zeros(4)), "numpy arrays, identity output layer"),
    ]
    errors = []
    for shapes, mentions in (
            (((2, 3), (2, 4), (4,), (4, 1), (1,)), ("(2, 3)", "(2, 4)")),   # X and W1
            (((3, 2), (2, 4), (4,), (5, 1), (1,)), ("(3, 4)", "(5, 1)")),   # hidden layer and W2
            (((3, 2), (2, 4), (4,), (4, 2), (3,)), ("(4, 2)", "(3,)"))):     # W2 and b2
        args = tuple(_floats(rng, shape, "list") for shape in shapes)
        errors.append(Case("errors", args, f"X, W1, b1, W2, b2 of shapes {', '.join(map(str, shapes))}",
                           expect_error=ValueError, error_mentions=mentions))
    mutation = [Case("mutation", tuple(_floats(rng, shape, container)
                                       for shape in ((3, 4), (4, 5), (5,), (5, 2), (2,))),
                     f"X, W1, b1, W2, b2 as {container}s", check_unmodified=True)
                for container in ("list", "array")]
    shown = [
        shown_error(([[1.0, 2.0]], [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [0.0, 0.0], [[1.0], [1.0]], [0.0]),
                    "X's columns and W1's rows differ: ValueError naming both shapes", "(1, 2)", "(3, 2)"),
        shown_error(([[1.0, 2.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], [0.0, 0.0, 0.0], [[1.0], [1.0]], [0.0]),
                    "the hidden layer (1x3) does not fit W2 (2x1): ValueError naming both shapes",
                    "(1, 3)", "(2, 1)"),
        shown_result(([[1, 2], [3, 4], [5, 6]], [[1, 0], [0, 1]], [0, 0], [[1], [1]], [0]),
                     "3 samples and 1 output: a 3x1 result"),
        shown_unchanged([[1.0, -1.0]], [[2.0], [1.0]], [0.5], [[1.0, -1.0]], np.array([0.0, 1.0])),
    ]
    return [*visible_cases("mlp_forward",
                           ([[1, 2]], [[1, 0, 1], [0, 1, -1]], [0, 0, 0], [[1], [1], [1]], [-1])),
            *random, *edge, *errors, *mutation, *shown]


RULES = Rules(forbidden=(LAYERS_AND_ACTIVATIONS,),
              allowed=(*PRODUCTS_AS_TOOLS, allowed_routine("numpy.maximum")))

SPEC = AssignmentSpec(
    name="dense_layer",
    functions=(
        FunctionSpec("dense_forward", "dense_forward(X, W, b)", 4, reference.dense_forward,
                     dense_forward_cases, rules=RULES),
        FunctionSpec("relu", "relu(X)", 2, reference.relu, relu_cases, rules=RULES),
        FunctionSpec("mlp_forward", "mlp_forward(X, W1, b1, W2, b2)", 4, reference.mlp_forward,
                     mlp_forward_cases, rules=RULES),
    ),
)
