"""Judging one call from what the sandbox reported, in the grader's own process.

Mirrors `autograder.checks.judge` (the in-kernel path) rule for rule and message for message, so both
ways of grading give the same score on honest code. The difference: here the student's answer is
untrusted JSON, so every field is re-validated, and anything malformed is a failure.
"""
from __future__ import annotations

import json
from typing import Any

from autograder.checks import describe_args
from autograder.sandbox.inside.codec import decode
from autograder.sandbox.session import CallOutcome
from autograder.specs.base import (HIDDEN_GROUPS, VISIBLE, Case, FunctionSpec, GroupResult, describe,
                                   values_match)

MAX_PLAIN_NUMBERS = 2_000_000


def group_results(function: FunctionSpec, cases: list[Case], expected: list[Any],
                  sent: list[list], outcomes: list[CallOutcome], output_limit: int) -> list[GroupResult]:
    """One GroupResult per group that has cases, as `checks.run_cases` builds them."""
    results = {name: GroupResult(name, True) for name in (VISIBLE, *HIDDEN_GROUPS)}
    counts = dict.fromkeys(results, 0)
    for case, want, encoded, outcome in zip(cases, expected, sent, outcomes):
        counts[case.group] += 1
        failure = verdict(function, case, want, encoded, outcome, output_limit)
        if failure is not None:
            results[case.group].passed = False
            results[case.group].failures.append(failure)
    return [result for name, result in results.items() if counts[name]]


def verdict(function: FunctionSpec, case: Case, expected: Any, encoded_args: list,
            outcome: CallOutcome, output_limit: int) -> str | None:
    """None if the call handled the case; else what went wrong, in plain words."""
    label = case.description
    if case.group != VISIBLE:
        label += f"\n      input: {describe_args(case.args)}"
    if outcome.failure is not None:
        return f"{label}\n      {outcome.failure}"
    reply = outcome.reply
    if reply.get("output_exceeded") is not False:
        return (f"{label}\n      printed more than {output_limit // 1024} KB of output during the call "
                "(the limit), so the call does not count")
    error = reply.get("error")
    if error is not None:
        if not isinstance(error, dict):
            return f"{label}\n      the sandbox sent an answer the grader cannot read"
        name, message = _text(error.get("type")), describe(_text(error.get("message")), limit=120)
        if error.get("timeout") is True:
            return f"{label}\n      did not return in time: {message}"
        if case.expect_error is None:
            return f"{label}\n      raised {name}: {message}"
        if not _raised(error.get("mro"), case.expect_error):
            return f"{label}\n      should raise {case.expect_error.__name__}, raised {name}: {message}"
        if any(text not in _text(error.get("message")) for text in case.error_mentions):
            return (f"{label}\n      the {name} message {message!r} should name "
                    f"the shapes {' and '.join(case.error_mentions)}")
    elif "not_plain" in reply:
        what = describe(_text(reply.get("not_plain")), limit=120)
        if case.expect_error is not None:
            return f"{label}\n      should raise {case.expect_error.__name__}, returned {what}"
        return f"{label}\n      returned {what}, not a number or a list/array of numbers"
    else:
        got = reply.get("value")
        if not is_plain(got):
            return f"{label}\n      the sandbox sent a result the grader cannot read"
        if case.expect_error is not None:
            return f"{label}\n      should raise {case.expect_error.__name__}, returned {describe(got)}"
        if not values_match(expected, got, function.rtol, function.atol):
            return f"{label}\n      expected {describe(expected)}, got {describe(got)}"
    if case.check_unmodified:
        after = reply.get("args_after")
        if json.dumps(after) != json.dumps(encoded_args):
            return f"{label}\n      modified its input: it was changed to {_describe_encoded(after)}"
    return None


def is_plain(value: Any) -> bool:
    """A float or nested lists of floats (what `values.to_plain` produces), of bounded size."""
    budget = [MAX_PLAIN_NUMBERS]

    def check(item: Any, depth: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0 or depth > 9:
            return False
        if type(item) is float:
            return True
        return type(item) is list and all(check(inner, depth + 1) for inner in item)

    return check(value, 0)


def _raised(mro: Any, expected: type[BaseException]) -> bool:
    wanted = f"{expected.__module__}.{expected.__qualname__}"
    return isinstance(mro, list) and wanted in mro


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _describe_encoded(encoded: Any) -> str:
    try:
        return describe_args(tuple(decode(item) for item in encoded))
    except Exception:  # noqa: BLE001 - the sandbox's data is untrusted; any oddity is "unreadable"
        return "something that is not a list, tuple or array of numbers"
