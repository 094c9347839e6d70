"""The `linear_systems` assignment: solve(A, b) by Gaussian elimination with partial pivoting and back
substitution, and fit_line(x, y) by least squares (the normal equations, solved with your solve).

Matrix products are tools here (`@` is allowed, for X^T X); what is forbidden is a routine that
solves the system, inverts the matrix or fits the line for you.
"""
from __future__ import annotations

import numpy as np

from autograder.reference import linear_systems as reference
from autograder.specs.base import AssignmentSpec, Case, FunctionSpec
from autograder.specs.builders import (container_name, pack, packed, ragged_rows, random_values, shown_error,
                                       shown_result, shown_unchanged, visible_cases)
from autograder.specs.rules import (OPERATOR, OWN_FUNCTION, SYNTAX, Allowed, Rules, Shortcuts, allowed_routine,
                                    attributes, methods, pick, routines)

# --- what may not be used ------------------------------------------------------------------------------
_SOLVER_ROUTINES = routines(
    # numpy: the solvers by name (so feedback names them), then everything in np.linalg
    "numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.lstsq", "numpy.linalg.pinv", "numpy.linalg",
    "numpy.matrix", "numpy.asmatrix", "numpy.matlib", "numpy.polyfit", "numpy.polynomial",
    # scipy
    "scipy.linalg", "scipy.sparse", "scipy.optimize.lsq_linear", "scipy.optimize.least_squares",
    "scipy.optimize.curve_fit", "scipy.optimize.nnls", "scipy.stats.linregress",
    # torch
    "torch.linalg", "torch.inverse", "torch.pinverse", "torch.solve", "torch.lstsq", "torch.cholesky_solve",
    "torch.cholesky_inverse", "torch.lu_solve", "torch.triangular_solve",
    # scikit-learn
    "sklearn.linear_model.LinearRegression",
)
_SOLVER_METHODS = methods("inverse", "pinverse", "cholesky_solve", "cholesky_inverse", "lu_solve",
                          "triangular_solve")
_INVERSE_ATTRIBUTE = attributes("I")  # np.matrix's inverse


SOLVERS_AND_INVERSES = Shortcuts(
    name="solvers and inverses",
    what="solve a linear system, invert a matrix or fit a least-squares line for you",
    advice="write the elimination yourself",
    items=(*_SOLVER_ROUTINES, *_SOLVER_METHODS, *_INVERSE_ATTRIBUTE),
    examples=(*pick(_SOLVER_ROUTINES, "numpy.linalg.solve", "numpy.linalg.inv", "numpy.linalg.lstsq",
                     "numpy.linalg.pinv", "numpy.linalg", "numpy.polyfit", "scipy.linalg", "torch.linalg",
                     "torch.inverse", "sklearn.linear_model.LinearRegression"),
              *pick(_SOLVER_METHODS, "inverse")),
)
_ELIMINATION_TOOLS = (
    Allowed(SYNTAX, "for", "loops"), Allowed(OPERATOR, "@", "`@`"), allowed_routine("numpy.asarray"),
    allowed_routine("numpy.abs"), allowed_routine("numpy.argmax"), allowed_routine("numpy.zeros"),
)
SOLVE_RULES = Rules(forbidden=(SOLVERS_AND_INVERSES,), allowed=_ELIMINATION_TOOLS)
FIT_LINE_RULES = Rules(forbidden=(SOLVERS_AND_INVERSES,),
                       allowed=(*_ELIMINATION_TOOLS, Allowed(OWN_FUNCTION, "solve", "your `solve`")))


# --- the cases of solve ----------------------------------------------------------------------------
def well_conditioned(rng: np.random.Generator, n: int, kind: str | None = None) -> np.ndarray:
    """A random n x n matrix whose condition number is below 1e4 (redrawn until it is)."""
    while True:
        A = random_values(rng, (n, n), kind)
        if np.linalg.cond(A) < 1e4:
            return A


def solve_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        n = int(rng.integers(1, 13))
        A, b = packed(rng, well_conditioned(rng, n)), packed(rng, random_values(rng, (n,)))
        random.append(Case("random", (A, b), f"a random {n}x{n} system (A a {container_name(A)})"))
    permutation = np.eye(4)[[2, 0, 3, 1]]
    edge = [
        Case("edge", ([[0, 1], [1, 0]], [3, 4]), "a zero in the first pivot place (swap the rows)"),
        Case("edge", ([[-7]], [21]), "a 1x1 system"),
        Case("edge", (((3, 2, -1), (2, -2, 4), (-1, 0.5, -1)), (1, -2, 0)), "tuples of ints and floats"),
        Case("edge", (np.array([[4, -2, 1], [-2, 4, -2], [1, -2, 4]]), np.array([11, -16, 17])),
             "numpy int arrays (a symmetric positive definite matrix)"),
        Case("edge", (np.triu(well_conditioned(rng, 5, "float")) + 10 * np.eye(5), random_values(rng, (5,))),
             "an upper triangular matrix"),
        Case("edge", (np.tril(well_conditioned(rng, 5, "float")) + 10 * np.eye(5), random_values(rng, (5,))),
             "a lower triangular matrix"),
        Case("edge", (permutation, [1.0, 2.0, 3.0, 4.0]), "a permutation matrix (every pivot needs a swap)"),
        Case("edge", (well_conditioned(rng, 6, "float") * 1e6, random_values(rng, (6,)) * 1e6),
             "entries up to 1e7"),
        Case("edge", (well_conditioned(rng, 6, "float") * 1e-6, random_values(rng, (6,))),
             "entries below 1e-5 (not singular: the tolerance is relative)"),
        Case("edge", ([[1, 2, 3], [4, 5, 6], [7, 8, 10]], [6, 15, 25]), "the answer [1, 1, 1]"),
    ]
    rank_two = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [5.0, 7.0, 9.0]])  # row 3 = row 1 + row 2
    errors = [
        Case("errors", ([[1, 2], [2, 4]], [3, 5]), "a singular matrix, no solution (parallel lines)",
             expect_error=ValueError),
        Case("errors", (rank_two, [1.0, 2.0, 3.0]), "a singular 3x3 matrix (row 3 = row 1 + row 2)",
             expect_error=ValueError),
        Case("errors", (np.zeros((3, 3)), [1.0, 2.0, 3.0]), "the zero matrix", expect_error=ValueError),
        Case("errors", (random_values(rng, (3, 4), "float"), random_values(rng, (3,), "float")),
             "a 3x4 matrix A", expect_error=ValueError, error_mentions=("(3, 4)",)),
        Case("errors", ([1.0, 2.0], [1.0, 2.0]), "a vector as A", expect_error=ValueError, error_mentions=("(2,)",)),
        Case("errors", (np.eye(3), [1.0, 2.0]), "b of length 2 for a 3x3 A", expect_error=ValueError,
             error_mentions=("(3, 3)", "(2,)")),
        Case("errors", (np.eye(2), [[1.0], [2.0]]), "b as a 2x1 matrix", expect_error=ValueError,
             error_mentions=("(2, 2)", "(2, 1)")),
        Case("errors", (ragged_rows(rng), [1.0, 2.0]), "rows of different lengths", expect_error=ValueError),
    ]
    mutation = [Case("mutation", (pack(well_conditioned(rng, 4, "float"), container),
                                  pack(random_values(rng, (4,), "float"), container)),
                     f"A and b as {container}s (elimination must work on a copy)", check_unmodified=True)
                for container in ("list", "array")]
    shown = [
        shown_error(([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [1.0, 2.0]),
                    "a 2x3 matrix is not square: ValueError naming its shape", "(2, 3)"),
        shown_error(([[2.0, 1.0], [1.0, 3.0]], [5.0, 5.0, 5.0]),
                    "the vector b needs one entry per row of A: ValueError naming the shapes of A and b", "(2, 2)", "(3,)"),
        shown_error(([[1.0, 2.0], [2.0, 4.0]], [3.0, 6.0]),
                    "a singular matrix raises ValueError, even when solutions exist (one line twice)"),
        shown_result(([[4.0]], [8.0]), "a 1x1 system gives a vector of length 1"),
        shown_unchanged(np.array([[0.0, 2.0], [1.0, 1.0]]), np.array([4.0, 3.0])),
    ]
    return [*visible_cases("solve", ([[2, 1], [1, 3]], [5, 5]), ([[2, 1, 1], [4, -6, 0], [-2, 7, 2]], [5, -2, 9]),
                           ([[1e-20, 1], [1, 1]], [1, 2])),
            *random, *edge, *errors, *mutation, *shown]


# --- the cases of fit_line ---------------------------------------------------------------------------
def _points(rng: np.random.Generator, count: int, low: float = -10.0, high: float = 10.0) -> tuple:
    """Random x in [low, high) and y on a random line plus noise, as float arrays."""
    x = rng.uniform(low, high, size=count)
    y = rng.uniform(-5, 5) + rng.uniform(-3, 3) * x + rng.normal(0, 1, size=count)
    return x, y


def fit_line_cases(rng: np.random.Generator) -> list[Case]:
    random = []
    for _ in range(25):
        count = int(rng.integers(2, 61))
        x, y = _points(rng, count)
        random.append(Case("random", (packed(rng, x), packed(rng, y)), f"{count} random noisy points"))
    x_many, y_many = _points(rng, 500, 0.0, 1.0)
    edge = [
        Case("edge", ([1, 2, 3], [5, 7, 9]), "points exactly on the line y = 3 + 2x"),
        Case("edge", ([-1.5, 0.5, 4.0, 2.0], [2.0, 2.0, 2.0, 2.0]), "a horizontal line (slope 0)"),
        Case("edge", ((3, 0, 2, 1), (2, -1, 4, 0)), "tuples of ints, x not sorted"),
        Case("edge", (np.array([0, 1, 1, 2]), np.array([0, 1, 3, 4])), "numpy int arrays, a repeated x"),
        Case("edge", (x_many, y_many), "500 points with x in [0, 1)"),
        Case("edge", ([0.0, 0.001], [1.0, 1.003]), "two points close together (slope 3)"),
    ]
    errors = [
        Case("errors", ([1.0, 2.0, 3.0], [1.0, 2.0]), "x of length 3 and y of length 2", expect_error=ValueError,
             error_mentions=("(3,)", "(2,)")),
        Case("errors", ([2.0, 2.0, 2.0], [1.0, 5.0, 3.0]), "every x the same (a vertical line)",
             expect_error=ValueError),
        Case("errors", ([4.0], [1.0]), "a single point", expect_error=ValueError),
        Case("errors", ([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0]), "x a matrix", expect_error=ValueError),
    ]
    mutation = [Case("mutation", tuple(pack(values, container) for values in _points(rng, 6)),
                     f"x and y as {container}s", check_unmodified=True) for container in ("list", "array")]
    shown = [
        shown_error(([1.0, 2.0, 3.0], [1.0, 2.0]), "vectors x and y of different lengths: ValueError naming both shapes",
                    "(3,)", "(2,)"),
        shown_error(([2.0, 2.0, 2.0], [1.0, 5.0, 3.0]),
                    "fewer than two different x values fit no line: ValueError"),
        shown_result(([0.0, 1.0, 2.0], [1.0, 3.0, 5.0]), "two numbers come back, the intercept first"),
        shown_unchanged([0.0, 1.0, 2.0], np.array([2.0, 0.0, 1.0])),
    ]
    return [*visible_cases("fit_line", ([0, 1, 2, 3], [1, 3, 2, 5]), ([0, 2], [1, 5])),
            *random, *edge, *errors, *mutation, *shown]


SPEC = AssignmentSpec(
    name="linear_systems",
    functions=(
        FunctionSpec("solve", "solve(A, b)", 6, reference.solve, solve_cases, rules=SOLVE_RULES),
        FunctionSpec("fit_line", "fit_line(x, y)", 4, reference.fit_line, fit_line_cases, rules=FIT_LINE_RULES),
    ),
)
