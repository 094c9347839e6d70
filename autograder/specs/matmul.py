"""The `matmul` assignment: transpose(A), matvec(A, x), matmul(A, B)."""
from __future__ import annotations

import numpy as np

from autograder.reference import matmul as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (SHAPES_DO_NOT_FIT, container_name, matrix_description,
                                       mismatch_cases, packed, ragged_rows, random_matrix, random_values,
                                       shown_error, shown_result, shown_unchanged, unmodified_cases,
                                       visible_cases)
from autograder.specs.rules import (ELEMENTWISE_ARITHMETIC, OWN_FUNCTION, PRODUCTS_AND_NORMS, TRANSPOSES,
                                    WRITE_THE_ARITHMETIC, Allowed, Rules)


def _size(rng: np.random.Generator) -> int:
    return int(rng.integers(1, 13))


def transpose_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        A = random_matrix(rng, _size(rng), _size(rng))
        random.append(Case("random", (A,), f"a random {matrix_description(A)} matrix"))
    edge = [
        Case("edge", ([[5]],), "a 1x1 matrix"),
        Case("edge", ([[1, 2, 3, 4]],), "a 1x4 matrix (becomes 4x1)"),
        Case("edge", ([[1], [2], [3]],), "a 3x1 matrix (becomes 1x3)"),
        Case("edge", (((1, -2), (3, -4), (5, -6)),), "a 3x2 matrix of tuples"),
        Case("edge", (np.arange(12).reshape(3, 4),), "a 3x4 numpy int array"),
        Case("edge", (np.eye(3),), "the 3x3 identity (a numpy array)"),
        Case("edge", ([(1.5, 2.5), [3.5, 4.5]],), "rows given as a tuple and a list"),
    ]
    errors = [
        Case("errors", ([1, 2, 3],), "a vector instead of a matrix", expect_error=ValueError,
             error_mentions=("(3,)",)),
        Case("errors", (np.array([4.0, -1.0]),), "a numpy vector instead of a matrix",
             expect_error=ValueError, error_mentions=("(2,)",)),
        Case("errors", (ragged_rows(rng),), "rows of different lengths", expect_error=ValueError),
    ]
    shown = [
        shown_error(([1, 2, 3],), "a vector is not a matrix: ValueError naming its shape", "(3,)"),
        shown_error(([[1, 2], [3]],), "rows of different lengths raise ValueError"),
        shown_result(([[1, 2, 3, 4]],), "a 1x4 matrix becomes 4x1"),
        shown_unchanged([[1.0, 2.0], [3.0, 4.0]]),
    ]
    return [*visible_cases("transpose", ([[1, 2, 3], [4, 5, 6]],), ([[1, 2], [3, 4]],)),
            *random, *edge, *errors, *unmodified_cases(rng, ((3, 4),)), *shown]


def matvec_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        rows, columns = _size(rng), _size(rng)
        A = random_matrix(rng, rows, columns)
        x = packed(rng, random_values(rng, (columns,)))
        random.append(Case("random", (A, x), f"a random {matrix_description(A)} matrix and a "
                                             f"vector of length {columns} ({container_name(x)})"))
    edge = [
        Case("edge", ([[1, 2, 3]], [4, 5, 6]), "a 1x3 matrix (the result has one entry)"),
        Case("edge", ([[2], [-1], [4]], [3]), "a 3x1 matrix and a vector of length 1"),
        Case("edge", (np.eye(4), [1.5, -2.5, 3.5, -4.5]), "the identity (gives x back)"),
        Case("edge", (((1, -2), (-3, 4), (5, -6)), (7, 8)), "a 3x2 matrix and a vector, as tuples"),
        Case("edge", (np.arange(6).reshape(2, 3), np.array([1, -1, 2])), "numpy int arrays"),
        Case("edge", ([[0.0, 0.0], [0.0, 0.0]], [3.0, 9.0]), "the zero matrix"),
        Case("edge", (random_values(rng, (3, 5), "float", 1e6), random_values(rng, (5,), "float", 1e6)),
             "entries up to 1e6"),
    ]
    errors = mismatch_cases(rng, [((2, 3), (2,), "list"), ((1, 4), (3,), "tuple"),
                                  ((3, 1), (3,), "array")], "a matrix and a vector")
    shown = [
        shown_error(([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [1.0, 2.0]), SHAPES_DO_NOT_FIT, "(2, 3)", "(2,)"),
        shown_result(([[2], [-1], [4]], [3]), "a 3x1 matrix times a vector of length 1 has length 3"),
        shown_unchanged([[1.0, 2.0], [3.0, 4.0]], np.array([5.0, 6.0])),
    ]
    return [*visible_cases("matvec", ([[1, 2], [3, 4]], [3, 4]), ([[1, 0, 2], [0, 1, -1]], [1, 2, 3])),
            *random, *edge, *errors, *unmodified_cases(rng, ((3, 4), (4,))), *shown]


def matmul_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        rows, inner, columns = _size(rng), _size(rng), _size(rng)
        A, B = random_matrix(rng, rows, inner), random_matrix(rng, inner, columns)
        random.append(Case("random", (A, B), f"random {matrix_description(A)} and "
                                             f"{matrix_description(B)} matrices"))
    edge = [
        Case("edge", ([[1, 2, 3]], [[4], [5], [6]]), "1x3 times 3x1 (a 1x1 result)"),
        Case("edge", ([[1], [2], [3]], [[4, 5, 6]]), "3x1 times 1x3 (a 3x3 result)"),
        Case("edge", ([[7]], [[-3]]), "1x1 matrices"),
        Case("edge", (np.eye(3), [[1, 2], [3, 4], [5, 6]]), "the identity times a 3x2 matrix"),
        Case("edge", (((1, 2), (3, 4)), ((0, 1), (1, 0))), "2x2 matrices as tuples"),
        Case("edge", (np.arange(8).reshape(2, 4), np.arange(-6, 6).reshape(4, 3)), "numpy int arrays"),
        Case("edge", ([[1.5, -2.0, 0.5]], np.ones((3, 4))), "a list and a numpy array"),
        Case("edge", (random_values(rng, (3, 4), "float", 1e6), random_values(rng, (4, 2), "float", 1e6)),
             "entries up to 1e6"),
    ]
    errors = mismatch_cases(rng, [((2, 3), (2, 4), "list"), ((3, 1), (2, 3), "tuple"),
                                  ((1, 5), (4, 1), "array")], "matrices")
    shown = [
        shown_error(([[1.0, 2.0, 3.0]], [[1.0, 2.0]]), SHAPES_DO_NOT_FIT, "(1, 3)", "(1, 2)"),
        shown_result(([[1], [2], [3]], [[4, 5, 6]]), "3x1 times 1x3 is a 3x3 matrix"),
        shown_unchanged([[1.0, 2.0]], np.array([[3.0], [4.0]])),
    ]
    return [*visible_cases("matmul", ([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]),
                           ([[1, 2], [3, 4]], [[0, 1], [1, 0]])),
            *random, *edge, *errors, *unmodified_cases(rng, ((3, 4), (4, 2))), *shown]


# transpose builds the result by indexing; matmul may use the student's own transpose and matvec.
TRANSPOSE_RULES = Rules(forbidden=(PRODUCTS_AND_NORMS, TRANSPOSES), allowed=ELEMENTWISE_ARITHMETIC)
MATMUL_RULES = Rules(forbidden=(PRODUCTS_AND_NORMS,), allowed=(
    *ELEMENTWISE_ARITHMETIC, Allowed(OWN_FUNCTION, "transpose", "your `transpose`"),
    Allowed(OWN_FUNCTION, "matvec", "your `matvec`")))

SPEC = AssignmentSpec(
    name="matmul",
    functions=(
        FunctionSpec("transpose", "transpose(A)", 2, reference.transpose, transpose_cases, rules=TRANSPOSE_RULES),
        FunctionSpec("matvec", "matvec(A, x)", 4, reference.matvec, matvec_cases, rules=WRITE_THE_ARITHMETIC),
        FunctionSpec("matmul", "matmul(A, B)", 4, reference.matmul, matmul_cases, rules=MATMUL_RULES),
    ),
)
