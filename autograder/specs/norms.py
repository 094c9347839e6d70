"""The `norms` assignment: l1_norm, l2_norm, linf_norm, frobenius_norm, euclidean_distance,
manhattan_distance."""
from __future__ import annotations

import numpy as np

from autograder.reference import norms as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (LENGTHS_DIFFER, matrix_description, mismatch_pair_cases,
                                       not_a_vector_cases, pack, ragged_rows, random_matrix,
                                       random_pair_cases, random_values, random_vector_cases, shown_error,
                                       shown_result, shown_unchanged, unmodified_pair_cases,
                                       unmodified_vector_cases, visible_cases)
from autograder.specs.rules import WRITE_THE_ARITHMETIC


def _common_vector_edges(rng: np.random.Generator) -> list[Case]:
    return [
        Case("edge", ([],), "the empty list (every norm of it is 0.0)"),
        Case("edge", (np.array([]),), "an empty numpy array"),
        Case("edge", ([-5],), "a single negative element"),
        Case("edge", ([0, 0, 0],), "the zero vector"),
        Case("edge", ((3, -4, 12),), "a tuple of ints"),
        Case("edge", (np.array([-2, 7, -9, 1]),), "a numpy int array"),
        Case("edge", (random_values(rng, (20,), "float", 1e8),), "entries up to 1e8"),
        Case("edge", ([1e-9, -2e-9, 3e-9],), "tiny entries"),
    ]


def _vector_norm_cases(name: str, *examples: tuple):
    def make_cases(rng: np.random.Generator) -> list[Case]:
        return [*visible_cases(name, *examples), *random_vector_cases(rng), *_common_vector_edges(rng),
                *not_a_vector_cases(rng), *unmodified_vector_cases(rng),
                shown_error(([[1, 2], [3, 4]],), "a matrix raises ValueError naming its shape", "(2, 2)"),
                shown_result(([],), "the norm of the empty vector is 0.0"),
                shown_unchanged([3.0, -4.0, 12.0])]
    return make_cases


def frobenius_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        A = random_matrix(rng, int(rng.integers(1, 13)), int(rng.integers(1, 13)))
        random.append(Case("random", (A,), f"a random {matrix_description(A)} matrix"))
    edge = [
        Case("edge", ([[-7]],), "a 1x1 matrix"),
        Case("edge", ([[1, 2, 3, 4]],), "a 1x4 matrix (one row)"),
        Case("edge", ([[1], [-2], [2]],), "a 3x1 matrix (one column)"),
        Case("edge", (((1, 2), (3, 4), (5, 6)),), "a 3x2 matrix of tuples"),
        Case("edge", (np.arange(-6, 6).reshape(3, 4),), "a 3x4 numpy int array"),
        Case("edge", (np.zeros((0, 3)),), "a numpy array with no rows (0.0)"),
        Case("edge", (random_values(rng, (4, 5), "float", 1e8),), "entries up to 1e8"),
        Case("edge", ([[0.0, 0.0], [0.0, 0.0]],), "the zero matrix"),
    ]
    errors = [
        Case("errors", ([1, 2, 3],), "a vector instead of a matrix", expect_error=ValueError,
             error_mentions=("(3,)",)),
        Case("errors", (np.array([4.0, -1.0]),), "a numpy vector instead of a matrix",
             expect_error=ValueError, error_mentions=("(2,)",)),
        Case("errors", (ragged_rows(rng),), "rows of different lengths", expect_error=ValueError),
    ]
    mutation = [Case("mutation", (pack(random_values(rng, (3, 4), "float"), container),),
                     f"a 3x4 matrix as a {container}", check_unmodified=True)
                for container in ("list", "array")]
    shown = [
        shown_error(([1, 2, 3],), "a vector raises ValueError naming its shape", "(3,)"),
        shown_error(([[1.0, 2.0], [3.0]],), "rows of different lengths raise ValueError"),
        shown_result((np.zeros((0, 3)),), "a matrix with no entries has norm 0.0"),
        shown_unchanged([[1.0, -2.0], [3.0, 4.0]]),
    ]
    return [*visible_cases("frobenius_norm", ([[1, 2], [3, 4]],), ([[3, 0], [0, 4]],)),
            *random, *edge, *errors, *mutation, *shown]


def _distance_cases(name: str, *examples: tuple):
    def make_cases(rng: np.random.Generator) -> list[Case]:
        edge = [
            Case("edge", ([], []), "two empty lists (distance 0.0)"),
            Case("edge", (np.array([]), np.array([])), "two empty numpy arrays"),
            Case("edge", ([4], [-3]), "single elements"),
            Case("edge", ([1.5, -2.5, 3.0], [1.5, -2.5, 3.0]), "a vector and itself (0.0)"),
            Case("edge", ((0, 0), (-6, 8)), "tuples of ints"),
            Case("edge", (np.array([3, -1, 4]), [1, 5, -9]), "a numpy int array and a list"),
            Case("edge", (random_values(rng, (25,), "float", 1e8), random_values(rng, (25,), "float", 1e8)),
                 "entries up to 1e8"),
        ]
        return [*visible_cases(name, *examples), *random_pair_cases(rng), *edge,
                *mismatch_pair_cases(rng), *unmodified_pair_cases(rng),
                shown_error(([1.0, 2.0, 3.0], [4.0, 5.0]), LENGTHS_DIFFER, "(3,)", "(2,)"),
                shown_result(([], []), "the distance between two empty vectors is 0.0"),
                shown_unchanged([1.0, 2.0], np.array([4.0, 6.0]))]
    return make_cases


SPEC = AssignmentSpec(
    name="norms",
    functions=(
        FunctionSpec("l1_norm", "l1_norm(v)", 2, reference.l1_norm,
                     _vector_norm_cases("l1_norm", ([1, -2, 3],)), rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("l2_norm", "l2_norm(v)", 2, reference.l2_norm,
                     _vector_norm_cases("l2_norm", ([3, 4],), ([1, -2, 3],)), rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("linf_norm", "linf_norm(v)", 2, reference.linf_norm,
                     _vector_norm_cases("linf_norm", ([1, -2, 3],), ([-7, 2],)), rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("frobenius_norm", "frobenius_norm(A)", 2, reference.frobenius_norm, frobenius_cases,
                     rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("euclidean_distance", "euclidean_distance(a, b)", 2, reference.euclidean_distance,
                     _distance_cases("euclidean_distance", ([1, 2], [3, 4])), rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("manhattan_distance", "manhattan_distance(a, b)", 2, reference.manhattan_distance,
                     _distance_cases("manhattan_distance", ([1, 2], [3, 4])), rules=WRITE_THE_ARITHMETIC),
    ),
)
