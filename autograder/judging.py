"""Judging one call: the one set of rules and messages both ways of grading use.

`verdict` judges a call from its record, plain data saying what the call did:
  {"value": plain} | {"error": {"type", "message", "mro", "timeout"?}} | {"not_plain": text},
  "output_exceeded": bool, "modified": text describing the arguments after the call, or None,
  or {"failure": text} when the call could not be made at all (the sandbox died or hung).
- stock path: `checks.judge` runs the student's function in the kernel and builds the record;
- hardened path: `group_results` builds it from what the sandbox reported. That is untrusted JSON:
  only the known fields are taken, every one is re-validated, anything malformed is a failure.
So both ways give the same score and the same words on the same behaviour. This module must stay
importable in a student's kernel (stock path): nothing from the sandbox is imported at load time.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np

from autograder import settings
from autograder.specs.base import HIDDEN_GROUPS, VISIBLE, Case, FunctionSpec, GroupResult, describe, values_match

if TYPE_CHECKING:
    from autograder.sandbox.session import CallOutcome

REPLY_FIELDS = ("output_exceeded", "error", "not_plain", "value")


def verdict(function: FunctionSpec, case: Case, expected: Any, record: dict,
            output_limit: int | None = None) -> str | None:
    """None if the call handled the case; else what went wrong, in plain words."""
    problem = _problem(function, case, expected, record, output_limit)
    if problem is None:
        return None
    label = case.description
    if case.group != VISIBLE:  # a visible case's description is the call itself
        label += f"\n      input: {describe_args(case.args)}"
    return f"{label}\n      {problem}"


def _problem(function: FunctionSpec, case: Case, expected: Any, record: dict,
             output_limit: int | None) -> str | None:
    """What went wrong in the call (the label is added by `verdict`, only when something did)."""
    if "failure" in record:
        return _text(record["failure"])
    if record.get("output_exceeded") is not False:
        limit = f"{output_limit // 1024} KB" if output_limit else "the limit"
        return (f"printed more than {limit} of output during the call "
                "(the limit), so the call does not count")
    error = record.get("error")
    if error is not None:
        if not isinstance(error, dict):
            return "the sandbox sent an answer the grader cannot read"
        name, message = _text(error.get("type")), short(_text(error.get("message")))
        if error.get("timeout") is True:
            return f"did not return in time: {message}"
        if case.expect_error is None:
            return f"raised {name}: {message}"
        if not _raised(error.get("mro"), case.expect_error):
            return f"should raise {case.expect_error.__name__}, raised {name}: {message}"
        if any(text not in _text(error.get("message")) for text in case.error_mentions):
            return (f"the {name} message \"{message}\" should name "
                    f"the shapes {' and '.join(case.error_mentions)}")
    elif "not_plain" in record:
        what = short(_text(record.get("not_plain")))
        if case.expect_error is not None:
            return f"should raise {case.expect_error.__name__}, returned {what}"
        return f"returned {what}, not a number or a list/array of numbers"
    else:
        got = record.get("value")
        if not is_plain(got):
            return "returned a result the grader cannot read"
        if case.expect_error is not None:
            return f"should raise {case.expect_error.__name__}, returned {describe(got)}"
        if not values_match(expected, got, function.rtol, function.atol):
            return f"expected {describe(expected)}, got {describe(got)}"
    if case.check_unmodified and record.get("modified") is not None:
        return f"modified its input: it was changed to {_text(record['modified'])}"
    return None


def collect_groups(cases: list[Case], failures: list[str | None],
                   not_run: list[bool] | None = None) -> list[GroupResult]:
    """One GroupResult per group that has cases, from each case's verdict; a case `not_run` fails
    without a message of its own (an earlier call stopped the sandbox)."""
    results = {name: GroupResult(name, True) for name in (VISIBLE, *HIDDEN_GROUPS)}
    counts = dict.fromkeys(results, 0)
    for index, (case, failure) in enumerate(zip(cases, failures)):
        counts[case.group] += 1
        group = results[case.group]
        if not_run is not None and not_run[index]:
            group.passed = False
            group.not_run += 1
        elif failure is not None:
            group.passed = False
            group.failures.append(failure)
    return [result for name, result in results.items() if counts[name]]


# --- the hardened path: records from the sandbox's replies -----------------------------------------
def group_results(function: FunctionSpec, cases: list[Case], expected: list[Any],
                  sent: list[list], outcomes: list[CallOutcome], output_limit: int) -> list[GroupResult]:
    verdicts = [None if outcome.not_run else
                verdict(function, case, want, sandbox_record(case, encoded, outcome), output_limit)
                for case, want, encoded, outcome in zip(cases, expected, sent, outcomes)]
    return collect_groups(cases, verdicts, [outcome.not_run for outcome in outcomes])


def sandbox_record(case: Case, encoded_args: list, outcome: CallOutcome) -> dict:
    """The record of one call from the sandbox's reply: known fields only, and the mutation check
    done here, by comparing the arguments it sent back with what was sent."""
    if outcome.failure is not None:
        return {"failure": outcome.failure}
    reply = outcome.reply if isinstance(outcome.reply, dict) else {}
    record = {key: reply[key] for key in REPLY_FIELDS if key in reply}
    if case.check_unmodified:
        after = reply.get("args_after")
        record["modified"] = None if json.dumps(after) == json.dumps(encoded_args) else _describe_encoded(after)
    return record


def is_plain(value: Any) -> bool:
    """A float or nested lists of floats (what `values.to_plain` produces), of bounded size."""
    budget = [settings.JUDGING.plain_numbers]

    def check(item: Any, depth: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0 or depth > 9:
            return False
        if type(item) is float:
            return True
        return type(item) is list and all(check(inner, depth + 1) for inner in item)

    return check(value, 0)


def _describe_encoded(encoded: Any) -> str:
    from autograder.sandbox.inside.codec import decode  # the hardened path only

    try:
        return describe_args(tuple(decode(item) for item in encoded))
    except Exception:  # noqa: BLE001 - the sandbox's data is untrusted; any oddity is "unreadable"
        return "something that is not a list, tuple or array of numbers"


# --- words ---------------------------------------------------------------------------------------
def error_record(error: BaseException) -> dict:
    """An exception as a record's "error" (the harness builds the same inside the sandbox)."""
    kind = type(error)
    try:
        message = str(error)[:settings.LIMITS.message_chars]  # as the sandbox's harness cuts it
    except BaseException:  # noqa: BLE001 - a student's __str__ may raise anything
        message = "<the error message could not be printed>"
    return {"type": kind.__name__, "message": message,
            "mro": [f"{c.__module__}.{c.__qualname__}" for c in kind.__mro__]}


def describe_args(args: tuple) -> str:
    return _cut(", ".join(_arg_text(arg) for arg in args), settings.REPORTS.arguments_chars)


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


def short(text: str) -> str:
    """A student's message on one line, cut to length."""
    return _cut(" ".join(text.split()), settings.REPORTS.error_chars)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _arg_text(arg: Any) -> str:
    if isinstance(arg, np.ndarray):
        return f"np.array({arg.tolist()!r})"
    return repr(arg)


def _raised(mro: Any, expected: type[BaseException]) -> bool:
    wanted = f"{expected.__module__}.{expected.__qualname__}"
    return isinstance(mro, list) and wanted in mro


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
