"""Building blocks of the test cases: random vectors and matrices in the containers students meet,
and the case lists several functions share.

Every input a case passes is a list, a tuple or a numpy array (nested for matrices) of ints or
floats, as the notebooks' rules promise. All randomness comes from the generator handed in, so the
same seed gives the same cases.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from autograder.specs.base import Case

CONTAINERS = ("list", "tuple", "array")


def random_values(rng: np.random.Generator, shape: tuple[int, ...], kind: str | None = None,
                  scale: float = 10.0) -> np.ndarray:
    """Random ints in [-9, 9] or floats in [-scale, scale); kind "int", "float" or None (either)."""
    kind = kind or ("int" if rng.random() < 0.3 else "float")
    if kind == "int":
        return rng.integers(-9, 10, size=shape).astype(np.int64)
    return rng.uniform(-scale, scale, size=shape)


def pack(values: np.ndarray, container: str) -> Any:
    """The array as a (nested) list, a (nested) tuple or a fresh numpy array."""
    if container == "array":
        return np.array(values)
    if container == "list":
        return values.tolist()
    if container == "tuple":
        return _as_tuples(values.tolist())
    raise ValueError(f"unknown container {container!r}")


def _as_tuples(value: Any) -> Any:
    return tuple(_as_tuples(item) for item in value) if isinstance(value, list) else value


def random_container(rng: np.random.Generator) -> str:
    return CONTAINERS[int(rng.integers(len(CONTAINERS)))]


def packed(rng: np.random.Generator, values: np.ndarray) -> Any:
    """The array in a container chosen at random."""
    return pack(values, random_container(rng))


def kind_of(values: np.ndarray) -> str:
    return "int" if values.dtype.kind in "iu" else "float"


def container_name(value: Any) -> str:
    return {"list": "list", "tuple": "tuple", "ndarray": "numpy array"}.get(type(value).__name__,
                                                                          type(value).__name__)


def call_text(name: str, *args: Any) -> str:
    """How a call reads in the notebook, e.g. "dot([1, 2, 3], [4, 5, 6])"."""
    return f"{name}({', '.join(map(repr, args))})"


def vector_pair(rng: np.random.Generator, length: int, nonzero: bool = False) -> tuple[Any, Any, str]:
    """Two random vectors of one length in random containers, and their description.

    nonzero: redraw until neither vector is all zeros (short int vectors can be).
    """
    kind = "int" if rng.random() < 0.3 else "float"
    while True:
        a_values, b_values = random_values(rng, (length,), kind), random_values(rng, (length,), kind)
        if not nonzero or (a_values.any() and b_values.any()):
            break
    a, b = packed(rng, a_values), packed(rng, b_values)
    return a, b, (f"two random {kind} vectors of length {length} "
                  f"(a {container_name(a)} and a {container_name(b)})")


def ragged_rows(rng: np.random.Generator) -> list[list[float]]:
    """A nested list whose rows have different lengths (not a matrix)."""
    first = int(rng.integers(2, 5))
    return [random_values(rng, (first,), "float").tolist(),
            random_values(rng, (first + 1,), "float").tolist()]


def visible_cases(name: str, *calls: tuple) -> list[Case]:
    return [Case("visible", args, call_text(name, *args)) for args in calls]


def random_pair_cases(rng: np.random.Generator, nonzero: bool = False, count: int = 25) -> list[Case]:
    cases = []
    for _ in range(count):
        a, b, text = vector_pair(rng, int(rng.integers(1, 51)), nonzero)
        cases.append(Case("random", (a, b), text))
    return cases


def mismatch_pair_cases(rng: np.random.Generator, with_empty: bool = True) -> list[Case]:
    """Vectors of different lengths: ValueError naming both shapes.

    Float entries, so that no vector is zero: for cosine similarity and projection the only error is
    the mismatch. An empty vector is a zero vector there, so only dot gets the empty one.
    """
    cases = []
    sizes = [(3, 2, "list"), (1, 4, "tuple"), (6, 5, "array")] + ([(0, 2, "list")] if with_empty else [])
    for len_a, len_b, container in sizes:
        a = pack(random_values(rng, (len_a,), "float"), container)
        b = pack(random_values(rng, (len_b,), "float"), container)
        cases.append(Case("errors", (a, b), f"vectors of lengths {len_a} and {len_b}",
                          expect_error=ValueError, error_mentions=(f"({len_a},)", f"({len_b},)")))
    return cases


def unmodified_pair_cases(rng: np.random.Generator, nonzero: bool = False) -> list[Case]:
    cases = []
    for container in ("list", "array", "list"):
        length = int(rng.integers(2, 12))
        a = pack(random_values(rng, (length,), "float"), container)
        b = pack(random_values(rng, (length,), "float") + (20.0 if nonzero else 0.0), container)
        cases.append(Case("mutation", (a, b), f"two {container}s of length {length}",
                          check_unmodified=True))
    return cases


def random_vector_cases(rng: np.random.Generator, count: int = 25) -> list[Case]:
    cases = []
    for _ in range(count):
        length = int(rng.integers(1, 51))
        values = random_values(rng, (length,))
        v = packed(rng, values)
        cases.append(Case("random", (v,), f"a random {kind_of(values)} vector of length {length} "
                                          f"(a {container_name(v)})"))
    return cases


def random_matrix(rng: np.random.Generator, rows: int, columns: int, kind: str | None = None) -> Any:
    """A random matrix as nested lists, nested tuples or a 2-D array."""
    return packed(rng, random_values(rng, (rows, columns), kind))


def matrix_description(matrix: Any) -> str:
    rows, columns = np.shape(matrix)
    return f"{rows}x{columns} ({container_name(matrix)})"


def not_a_vector_cases(rng: np.random.Generator) -> list[Case]:
    """Matrices where a vector is expected: ValueError naming the shape."""
    cases = []
    for shape, container in (((2, 2), "list"), ((3, 1), "array"), ((1, 4), "tuple")):
        matrix = pack(random_values(rng, shape, "float"), container)
        cases.append(Case("errors", (matrix,), f"a {shape[0]}x{shape[1]} matrix instead of a vector",
                          expect_error=ValueError, error_mentions=(str(shape),)))
    return cases


def unmodified_vector_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    for container in ("list", "array", "list"):
        length = int(rng.integers(2, 12))
        v = pack(random_values(rng, (length,), "float"), container)
        cases.append(Case("mutation", (v,), f"a {container} of length {length}", check_unmodified=True))
    return cases


def mismatch_cases(rng: np.random.Generator, shape_pairs: list[tuple], what: str) -> list[Case]:
    """Inputs whose shapes do not fit: ValueError naming both shapes (float entries, so never zero)."""
    cases = []
    for shape_a, shape_b, container in shape_pairs:
        a = pack(random_values(rng, shape_a, "float"), container)
        b = pack(random_values(rng, shape_b, "float"), container)
        cases.append(Case("errors", (a, b), f"{what} of shapes {shape_a} and {shape_b}",
                          expect_error=ValueError, error_mentions=(str(shape_a), str(shape_b))))
    return cases


def unmodified_cases(rng: np.random.Generator, shapes: tuple[tuple[int, ...], ...]) -> list[Case]:
    """One call per container kind (lists, arrays) with float inputs of the given shapes."""
    return [Case("mutation", tuple(pack(random_values(rng, shape, "float"), container) for shape in shapes),
                 f"inputs of shapes {', '.join(map(str, shapes))} as {container}s", check_unmodified=True)
            for container in ("list", "array")]


# --- the notebook's visible tests of its rules (shown cases, see `base.Case.shown`) ------------------
LENGTHS_DIFFER = "lengths that differ raise ValueError naming both shapes"
SHAPES_DO_NOT_FIT = "shapes that do not fit raise ValueError naming both shapes"


def shown_error(args: tuple, description: str, *mentions: str) -> Case:
    """A rule's error, shown in the notebook: ValueError, whose message names `mentions`."""
    return Case("errors", args, description, expect_error=ValueError, error_mentions=mentions, shown=True)


def shown_result(args: tuple, description: str) -> Case:
    """A rule about the result (an empty input, the result's shape), shown in the notebook."""
    return Case("edge", args, description, shown=True)


def shown_unchanged(*args: Any) -> Case:
    return Case("mutation", args, "the inputs are left unchanged", check_unmodified=True, shown=True)
