"""What an assignment is to the grader: its functions, their points, reference and test cases.

This module is the contract between the assignment specs (one module per assignment in this
package) and the two ways of grading them:
- in-kernel, by the hidden-test cells of the nbgrader notebooks (`autograder.checks`), which is what
  stock `nbgrader autograde` runs;
- hardened, by `python -m autograder grade`, which calls the student's functions in a sandbox and
  compares the plain values they return here, outside the student's reach.
Both use the same cases, the same comparison and the same scoring rule, so they agree on honest code.
It never runs inside the student's process in hardened grading.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from autograder.specs.rules import Item, Rules
from autograder.values import NotPlain, describe, shape_of, to_plain, values_match  # noqa: F401

# Groups of cases. "visible" are the worked examples the student sees in the notebook: if one of them
# fails the function scores 0 (as in stock nbgrader, where a failed visible assert errors the cell).
# The hidden groups each carry an equal share of the function's points. A few cases of the hidden
# groups are `shown` too: the notebook's visible tests of its rules (an error, an empty input, inputs
# left unchanged, the result's shape); they count in their group like any other case.
VISIBLE = "visible"
HIDDEN_GROUPS = ("random", "edge", "errors", "mutation")


@dataclass(frozen=True)
class Case:
    """One call of a student's function and what must come of it."""

    group: str
    args: tuple
    description: str  # plain words for feedback, e.g. "two random float vectors of length 17"
    expect_error: type[BaseException] | None = None
    # Substrings the error message must contain (e.g. both shapes, "(3,)" and "(2,)").
    error_mentions: tuple[str, ...] = ()
    # Check that the arguments are unchanged after the call.
    check_unmodified: bool = False
    # Shown in the notebook as a visible test of a rule (scored in its own group, like the others).
    shown: bool = False


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    signature: str  # e.g. "dot(a, b)"
    points: float
    reference: Callable[..., Any]
    # Deterministic given the generator: the same seed gives the same cases.
    make_cases: Callable[[np.random.Generator], list[Case]]
    rtol: float = 1e-7
    atol: float = 1e-9
    # What the function may not use (and what the notebook names as allowed): see `specs.rules`.
    rules: Rules = Rules()


@dataclass(frozen=True)
class AssignmentSpec:
    name: str
    functions: tuple[FunctionSpec, ...]

    @property
    def max_score(self) -> float:
        return float(sum(f.points for f in self.functions))

    @property
    def forbidden_items(self) -> frozenset[Item]:
        """Everything some function of the assignment may not use."""
        return frozenset().union(*(f.rules.items for f in self.functions))

    def function(self, name: str) -> FunctionSpec:
        for spec in self.functions:
            if spec.name == name:
                return spec
        raise KeyError(name)


# --- the secret seed -----------------------------------------------------------------------------
SEED_FILE = Path(__file__).resolve().parents[1] / ".secret_seed"


def secret_seed() -> int:
    """The seed of the hidden random cases: AUTOGRADER_SEED, else a per-course secret file.

    The file is created on first use, is git-ignored and never released, so students cannot know the
    seed; keeping it makes grading the same submissions twice give the same grades.
    """
    if "AUTOGRADER_SEED" in os.environ:
        return int(os.environ["AUTOGRADER_SEED"])
    if not SEED_FILE.exists():
        SEED_FILE.write_text(f"{secrets.randbelow(2**63)}\n")
    return int(SEED_FILE.read_text().strip())


def cases_for(assignment: AssignmentSpec, function: FunctionSpec, seed: int) -> list[Case]:
    """The cases of one function; each function gets its own stream derived from the seed."""
    key = [seed, *assignment.name.encode(), 0, *function.name.encode()]
    return function.make_cases(np.random.default_rng(key))


# --- scoring -------------------------------------------------------------------------------------
@dataclass
class GroupResult:
    group: str
    passed: bool
    failures: list[str] = field(default_factory=list)  # what went wrong in each failed case that ran
    not_run: int = 0  # failed cases never run: an earlier call of the function stopped the sandbox

    @property
    def failed(self) -> int:
        return len(self.failures) + self.not_run


def function_score(points: float, groups: Sequence[GroupResult]) -> float:
    """0 if any visible case failed; else an equal share of the points per hidden group passed.

    Hidden groups with no case count as passed. Rounded to 2 decimals so CSV totals are stable.
    """
    by_group = {g.group: g for g in groups}
    if VISIBLE in by_group and not by_group[VISIBLE].passed:
        return 0.0
    passed = sum(1 for name in HIDDEN_GROUPS if by_group.get(name) is None or by_group[name].passed)
    return round(points * passed / len(HIDDEN_GROUPS), 2)
