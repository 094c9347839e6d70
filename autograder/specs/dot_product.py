"""The `dot_product` assignment: dot(a, b), cosine_similarity(a, b), project(a, b)."""
from __future__ import annotations

import numpy as np

from autograder.reference import dot_product as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (LENGTHS_DIFFER, mismatch_pair_cases, random_pair_cases, random_values,
                                       shown_error, shown_result, shown_unchanged, unmodified_pair_cases,
                                       visible_cases)
from autograder.specs.rules import WRITE_THE_ARITHMETIC


def dot_cases(rng: np.random.Generator) -> list[Case]:
    edge = [
        Case("edge", ([], []), "two empty lists (the dot product is 0.0)"),
        Case("edge", (np.array([]), np.array([])), "two empty numpy arrays"),
        Case("edge", ([3], [-2]), "single elements [3] and [-2]"),
        Case("edge", ((1, -2, 3), (-4, 5, -6)), "tuples of negative and positive ints"),
        Case("edge", (np.array([2, -7, 1]), np.array([3, 0, 5])), "numpy int arrays"),
        Case("edge", (np.array([0.5, 1.5]), [2, -4]), "a numpy array and a list"),
        Case("edge", ([1.0, 0.0], [0.0, 1.0]), "orthogonal vectors (0.0)"),
        Case("edge", (random_values(rng, (30,), "float", 1e8), random_values(rng, (30,), "float", 1e8)),
             "numpy float arrays with entries up to 1e8"),
        Case("edge", ([1e-9, 2e-9], [3e-9, 4e-9]), "tiny entries"),
    ]
    return [
        *visible_cases("dot", ([1, 2, 3], [4, 5, 6]), ([1, 2, 4, 8], [1, 0.5, 0.25, 0.125])),
        *random_pair_cases(rng), *edge, *mismatch_pair_cases(rng), *unmodified_pair_cases(rng),
        shown_error(([1.0, 2.0, 3.0], [4.0, 5.0]), LENGTHS_DIFFER, "(3,)", "(2,)"),
        shown_result(([], []), "the dot product of two empty vectors is 0.0"),
        shown_unchanged([1.5, -2.0, 3.0], np.array([4.0, 0.5, -1.0])),
    ]


def cosine_cases(rng: np.random.Generator) -> list[Case]:
    edge = [
        Case("edge", ([2, 0], [5, 0]), "parallel vectors (1.0)"),
        Case("edge", ([1, 2], [-2, -4]), "opposite vectors (-1.0)"),
        Case("edge", ((0, 3), (4, 0)), "orthogonal tuples (0.0)"),
        Case("edge", ([7], [-0.5]), "single elements"),
        Case("edge", (np.array([1, 2, 3]), np.array([4, 5, 6])), "numpy int arrays"),
        Case("edge", (np.array([1e8, -3e8, 2e8]), [1e-8, 2e-8, 5e-8]), "very different magnitudes"),
    ]
    zero = [
        Case("errors", ([0, 0, 0], [1, 2, 3]), "a zero vector a", expect_error=ValueError),
        Case("errors", (np.array([1.5, -2.0]), np.array([0.0, 0.0])), "a zero vector b",
             expect_error=ValueError),
        Case("errors", ([], []), "two empty vectors (zero vectors)", expect_error=ValueError),
    ]
    return [
        *visible_cases("cosine_similarity", ([-3, 3], [3, 2]), ([3, 4], [6, 8]), ([1, 2], [-2, 1])),
        *random_pair_cases(rng, nonzero=True), *edge, *mismatch_pair_cases(rng, with_empty=False), *zero,
        *unmodified_pair_cases(rng, nonzero=True),
        shown_error(([1.0, 2.0], [3.0, 4.0, 5.0]), LENGTHS_DIFFER, "(2,)", "(3,)"),
        shown_error(([0, 0], [1, 2]), "a zero vector has no direction: ValueError"),
        shown_error(([], []), "empty vectors are zero vectors: ValueError"),
        shown_unchanged([3.0, -1.0], np.array([2.0, 5.0])),
    ]


def project_cases(rng: np.random.Generator) -> list[Case]:
    edge = [
        Case("edge", ([0, 0], [3, 4]), "projecting the zero vector (gives the zero vector)"),
        Case("edge", ([5], [-2]), "single elements"),
        Case("edge", ((1, 2, 3), (2, 4, 6)), "a tuple onto a parallel tuple"),
        Case("edge", ([3, -1], [1, 3]), "orthogonal vectors (the zero vector)"),
        Case("edge", (np.array([2, 7, -1]), np.array([1, 0, 0])), "numpy int arrays"),
        Case("edge", (np.array([1e6, 2e6]), np.array([3e-3, -1e-3])), "very different magnitudes"),
    ]
    zero = [
        Case("errors", ([1, 2, 3], [0, 0, 0]), "projecting onto the zero vector", expect_error=ValueError),
        Case("errors", (np.array([4.0]), np.array([0.0])), "projecting onto [0.0]",
             expect_error=ValueError),
    ]
    return [
        *visible_cases("project", ([3, 4], [2, 1]), ([3, 4], [1, 0])),
        *random_pair_cases(rng, nonzero=True), *edge, *mismatch_pair_cases(rng, with_empty=False), *zero,
        *unmodified_pair_cases(rng, nonzero=True),
        shown_error(([1.0, 2.0, 3.0], [1.0, 2.0]), LENGTHS_DIFFER, "(3,)", "(2,)"),
        shown_error(([1, 2], [0, 0]), "projecting onto the zero vector raises ValueError"),
        shown_result(([0, 0], [3, 4]), "projecting the zero vector gives the zero vector, of b's shape"),
        shown_unchanged([3.0, 4.0], np.array([2.0, 1.0])),
    ]


SPEC = AssignmentSpec(
    name="dot_product",
    functions=(
        FunctionSpec("dot", "dot(a, b)", 4, reference.dot, dot_cases, rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("cosine_similarity", "cosine_similarity(a, b)", 3,
                     reference.cosine_similarity, cosine_cases, rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("project", "project(a, b)", 3, reference.project, project_cases,
                     rules=WRITE_THE_ARITHMETIC),
    ),
)
