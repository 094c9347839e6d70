"""The hidden test of a graded notebook cell (stock nbgrader path).

A grade cell ends with `check_function("dot_product", "dot", dot)`: every case of the function's
spec runs here, in the notebook's kernel, against the reference; a short report goes to stdout and
the score is returned as the cell's last expression, which stock `nbgrader autograde` records as
partial credit. Nothing goes to stderr (nbgrader scores a cell with stderr output 0), so a student's
own prints and warnings during the calls are swallowed.

This runs in the student's process, so it is NOT safe against cheating; `python -m autograder grade`
is. Both use the same cases, comparison and scoring rule, and judge every call with the same
`judging.verdict`. Nothing from the sandbox is imported here.
"""
from __future__ import annotations

import contextlib
import copy
import io
import warnings
from typing import Any, Callable

import numpy as np

from autograder import settings
from autograder.judging import collect_groups, describe_args, error_record, same_value, verdict
from autograder.specs import load_spec
from autograder.specs.base import (VISIBLE, Case, FunctionSpec, GroupResult, NotPlain, cases_for,
                                   function_score, secret_seed, to_plain)


def check_function(assignment: str, function_name: str, func: Callable[..., Any]) -> float:
    """Run all cases of one function, print a report on stdout and return the score."""
    spec = load_spec(assignment)
    function = spec.function(function_name)
    groups = run_cases(function, cases_for(spec, function, secret_seed()), func)
    score = function_score(function.points, groups)
    print(report(function, groups, score))
    return score


def run_cases(function: FunctionSpec, cases: list[Case], func: Callable[..., Any]) -> list[GroupResult]:
    return collect_groups(cases, [judge(function, case, func) for case in cases])


def judge(function: FunctionSpec, case: Case, func: Callable[..., Any]) -> str | None:
    """None if the student's function handles the case; else what went wrong, in plain words.

    Calls the function here, records what it did as `judging.verdict` expects, and lets it judge:
    the same rules and words as the hardened grader."""
    expected = None if case.expect_error else to_plain(function.reference(*copy.deepcopy(case.args)))
    args = copy.deepcopy(case.args)
    record: dict[str, Any] = {"output_exceeded": False}
    try:
        with _quiet():
            got = func(*args)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - any error of the student's code is a failure
        record["error"] = error_record(error)
    else:
        try:
            record["value"] = to_plain(got)
        except NotPlain as error:
            record["not_plain"] = str(error)
    if case.check_unmodified and not same_value(case.args, args):
        record["modified"] = describe_args(args)
    return verdict(function, case, expected, record)


def report(function: FunctionSpec, groups: list[GroupResult], score: float) -> str:
    lines = [f"{function.signature}: {score:g} / {function.points:g} points"]
    for group in groups:
        if group.passed:
            lines.append(f"  {group.group:<8} passed")
            continue
        lines.append(f"  {group.group:<8} FAILED ({len(group.failures)} case(s))")
        lines.extend(f"    - {failure}" for failure in group.failures[:settings.REPORTS.failures_shown])
    if any(g.group == VISIBLE and not g.passed for g in groups):
        lines.append("  A visible example fails, so this function scores 0: fix it first.")
    return "\n".join(lines)


@contextlib.contextmanager
def _quiet():
    """Swallow the student's prints and warnings: only the report reaches the cell's output."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield
