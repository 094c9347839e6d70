"""One set of rules and words for both ways of grading: `checks.judge` (in the student's kernel) and
the hardened grader's `judging.group_results` (from the sandbox's reply) call the same
`judging.verdict`, so the same behaviour gets the same message; and `autograder.checks` stays free
of the sandbox, as a student's kernel imports it."""
from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from autograder.checks import judge
from autograder.judging import error_record, sandbox_record, verdict
from autograder.sandbox.inside.codec import encode
from autograder.sandbox.session import CallOutcome
from autograder.specs import load_spec
from autograder.specs.base import Case, to_plain
from autograder.testing.grader_cli import REPO

SPEC = load_spec("dot_product")
PROJECT = SPEC.function("project")


def _mutating(a, b):
    b[0] = 99
    return [0.0 for _ in b]


def _wrong_error(a, b):
    raise TypeError("no\nnewlines  here")


BEHAVIOURS = {
    "right": lambda a, b: [(sum(x * y for x, y in zip(a, b)) / sum(y * y for y in b)) * y for y in b],
    "wrong value": lambda a, b: [0.0 for _ in b],
    "wrong error": _wrong_error,
    "not plain": lambda a, b: "a string",
    "modifies input": _mutating,
}
CASES = [
    Case("visible", ([3, 4], [2, 1]), "project([3, 4], [2, 1])"),
    Case("errors", ([1, 2], [0, 0]), "onto the zero vector", expect_error=ValueError),
    Case("mutation", ([1.0, 2.0], [3.0, 4.0]), "two lists", check_unmodified=True),
]


def harness_reply(case: Case, func) -> dict:
    """What the sandbox's harness sends back for one call (same fields, built the same way)."""
    args = copy.deepcopy(case.args)
    reply = {"output_exceeded": False}
    try:
        result = func(*args)
    except Exception as error:  # noqa: BLE001
        reply["error"] = error_record(error)
    else:
        try:
            reply["value"] = to_plain(result)
        except TypeError as error:
            reply["not_plain"] = str(error)
    reply["args_after"] = [encode(arg) for arg in args]
    return reply


@pytest.mark.parametrize("behaviour", sorted(BEHAVIOURS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.group)
def test_both_ways_give_the_same_words(behaviour, case):
    func = BEHAVIOURS[behaviour]
    expected = None if case.expect_error else to_plain(PROJECT.reference(*copy.deepcopy(case.args)))
    in_kernel = judge(PROJECT, case, func)
    sent = [encode(arg) for arg in case.args]
    hardened = verdict(PROJECT, case, expected,
                       sandbox_record(case, sent, CallOutcome(reply=harness_reply(case, func))), 2**20)
    assert in_kernel == hardened
    if behaviour != "right" or case.expect_error:
        assert in_kernel is not None


def test_an_untrusted_reply_cannot_add_fields_of_its_own():
    case = CASES[2]
    reply = {"value": [0.5, 0.5], "output_exceeded": False, "modified": None, "failure": None,
             "args_after": [["l", [["f", 9.0]]], ["l", []]]}
    record = sandbox_record(case, [encode(arg) for arg in case.args], CallOutcome(reply=reply))
    assert "failure" not in record and record["modified"] is not None


def test_checks_does_not_import_the_sandbox():
    code = ("import sys, autograder.checks\n"
            "print([m for m in sys.modules if m.startswith('autograder.sandbox')])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_message_from_student_code_stays_on_one_line():
    failure = judge(PROJECT, CASES[0], BEHAVIOURS["wrong error"])
    assert failure.endswith("raised TypeError: no newlines here")
