"""The hidden test of a graded notebook cell (stock nbgrader path).

A grade cell ends with `check_function("dot_product", "dot", dot)`: every case of the function's
spec runs here, in the notebook's kernel, against the reference; a short report goes to stdout and
the score is returned as the cell's last expression, which stock `nbgrader autograde` records as
partial credit. Nothing goes to stderr (nbgrader scores a cell with stderr output 0), so a student's
own prints and warnings during the calls are swallowed.

This runs in the student's process, so it is NOT safe against cheating; `python -m autograder grade`
is. Both use the same cases, comparison and scoring rule.
"""
from __future__ import annotations

import contextlib
import copy
import io
import warnings
from typing import Any, Callable

import numpy as np

from autograder.specs import load_spec
from autograder.specs.base import (HIDDEN_GROUPS, VISIBLE, Case, FunctionSpec, GroupResult, NotPlain,
                                   cases_for, describe, function_score, secret_seed, to_plain,
                                   values_match)

MAX_FAILURES_SHOWN = 3


def check_function(assignment: str, function_name: str, func: Callable[..., Any]) -> float:
    """Run all cases of one function, print a report on stdout and return the score."""
    spec = load_spec(assignment)
    function = spec.function(function_name)
    groups = run_cases(function, cases_for(spec, function, secret_seed()), func)
    score = function_score(function.points, groups)
    print(report(function, groups, score))
    return score


def run_cases(function: FunctionSpec, cases: list[Case], func: Callable[..., Any]) -> list[GroupResult]:
    results = {name: GroupResult(name, True) for name in (VISIBLE, *HIDDEN_GROUPS)}
    counts = dict.fromkeys(results, 0)
    for case in cases:
        counts[case.group] += 1
        failure = judge(function, case, func)
        if failure is not None:
            result = results[case.group]
            result.passed = False
            result.failures.append(failure)
    return [result for name, result in results.items() if counts[name]]


def judge(function: FunctionSpec, case: Case, func: Callable[..., Any]) -> str | None:
    """None if the student's function handles the case; else what went wrong, in plain words."""
    label = case.description
    if case.group != VISIBLE:  # a visible case's description is the call itself
        label += f"\n      input: {describe_args(case.args)}"
    expected = None if case.expect_error else to_plain(function.reference(*copy.deepcopy(case.args)))
    args = copy.deepcopy(case.args)
    try:
        with _quiet():
            got = func(*args)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - any error of the student's code is a failure
        if case.expect_error is None:
            return f"{label}\n      raised {type(error).__name__}: {_short(error)}"
        if not isinstance(error, case.expect_error):
            return (f"{label}\n      should raise {case.expect_error.__name__}, "
                    f"raised {type(error).__name__}: {_short(error)}")
        missing = [text for text in case.error_mentions if text not in str(error)]
        if missing:
            return (f"{label}\n      the {type(error).__name__} message \"{_short(error)}\" should name "
                    f"the shapes {' and '.join(case.error_mentions)}")
    else:
        if case.expect_error is not None:
            return (f"{label}\n      should raise {case.expect_error.__name__}, "
                    f"returned {describe(_plain_or_type(got))}")
        try:
            plain = to_plain(got)
        except NotPlain as error:
            return f"{label}\n      returned {error}, not a number or a list/array of numbers"
        if not values_match(expected, plain, function.rtol, function.atol):
            return f"{label}\n      expected {describe(expected)}, got {describe(plain)}"
    if case.check_unmodified and not same_value(case.args, args):
        return f"{label}\n      modified its input: it was changed to {describe_args(args)}"
    return None


def report(function: FunctionSpec, groups: list[GroupResult], score: float) -> str:
    lines = [f"{function.signature}: {score:g} / {function.points:g} points"]
    for group in groups:
        if group.passed:
            lines.append(f"  {group.group:<8} passed")
            continue
        lines.append(f"  {group.group:<8} FAILED ({len(group.failures)} case(s))")
        lines.extend(f"    - {failure}" for failure in group.failures[:MAX_FAILURES_SHOWN])
    if any(g.group == VISIBLE and not g.passed for g in groups):
        lines.append("  A visible example fails, so this function scores 0: fix it first.")
    return "\n".join(lines)


def same_value(before: Any, after: Any) -> bool:
    """Exactly equal, container types included (an input must come back untouched)."""
    if type(before) is not type(after):
        return False
    if isinstance(before, np.ndarray):
        return before.dtype == after.dtype and before.shape == after.shape and bool(
            np.array_equal(before, after))
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(map(same_value, before, after))
    return before == after


def describe_args(args: tuple, limit: int = 150) -> str:
    text = ", ".join(_arg_text(arg) for arg in args)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _arg_text(arg: Any) -> str:
    if isinstance(arg, np.ndarray):
        return f"np.array({arg.tolist()!r})"
    return repr(arg)


def _plain_or_type(value: Any) -> Any:
    try:
        return to_plain(value)
    except NotPlain:
        return f"a {type(value).__name__}"


def _short(error: BaseException, limit: int = 120) -> str:
    text = str(error)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@contextlib.contextmanager
def _quiet():
    """Swallow the student's prints and warnings: only the report reaches the cell's output."""
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield
