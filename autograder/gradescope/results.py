"""results.json in Gradescope's documented format, from the grader's own result.

One entry in `tests` per graded function, with the function's score and points. What a student
sees (the top-level `output` and each test's `output`) is the grader's plain words: the rules
broken, the worked examples from the notebook in full (input, expected, got: the student has them
anyway), and for each hidden group only whether it passed and how many of its cases failed, never
their inputs or expected values (a student may resubmit as often as they like). The instructor
gets everything, hidden cases included, in the run's stdout, which Gradescope shows only to staff
(`stdout_visibility` hidden).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from autograder import settings
from autograder.grading import FunctionResult, SubmissionResult
from autograder.specs.base import VISIBLE, AssignmentSpec
from autograder.wording import group_title, not_run_note, number

VISIBILITY = "visible"  # scores and the visible-example feedback: right after submitting
HIDDEN_NOTE = ("Hidden tests use inputs chosen at grading time: for them only whether each group "
               "passed is shown.")


def results_json(result: SubmissionResult, spec: AssignmentSpec, seconds: float) -> dict:
    lines = [f"{result.assignment}: {number(result.score)} / {number(result.max_score)} points."]
    if result.notes:
        lines += ["", "About your notebook:", *(f"- {note}" for note in result.notes)]
    lines += ["", HIDDEN_NOTE]
    signatures = {function.name: function.signature for function in spec.functions}
    return {
        "score": result.score,
        "execution_time": round(seconds, 2),
        "output": "\n".join(lines),
        "output_format": "text",
        "visibility": VISIBILITY,
        "stdout_visibility": "hidden",
        "tests": [{"name": signatures.get(function.name, function.name), "score": function.score,
                   "max_score": function.points, "output": student_output(function),
                   "visibility": VISIBILITY} for function in result.functions],
        "extra_data": {"assignment": result.assignment},
    }


def grader_error_json(spec: AssignmentSpec, reason: str, seconds: float = 0.0) -> dict:
    """Nothing was graded because the grader itself failed: every function 0, marked failed, and
    a message no one can take for a grade. The instructor sees it in every such submission (and
    the run exits non-zero); fix the image, then "Regrade All Submissions"."""
    message = (f"NOT GRADED: the autograder itself failed, not your notebook ({reason}). "
               "The score of 0 is not a grade: tell your instructor, who can grade this submission "
               "again once the autograder is fixed.")
    return {
        "score": 0.0,
        "execution_time": round(seconds, 2),
        "output": message,
        "output_format": "text",
        "visibility": VISIBILITY,
        "stdout_visibility": "hidden",
        "tests": [{"name": function.signature, "score": 0.0, "max_score": float(function.points),
                   "status": "failed", "output": "Not graded: the autograder failed (see the message "
                                                 "at the top).", "visibility": VISIBILITY}
                  for function in spec.functions],
        "extra_data": {"assignment": spec.name, "grader_error": reason},
    }


def student_output(function: FunctionResult) -> str:
    lines = [f"{number(function.score)} / {number(function.points)} points."]
    lines += [f"- {problem}" for problem in function.problems]
    for group in function.groups:
        title = group_title(group.group)
        if group.passed:
            lines.append(f"{title}: passed.")
        elif group.group == VISIBLE:
            lines.append(f"{title}: failed. Fix these first: while one fails, the function scores 0.")
            lines += group.failures[:settings.REPORTS.failures_shown]
            lines += [f"({not_run_note(group)})"] if group.not_run else []
        else:
            lines.append(f"{title}: failed ({group.failed} hidden case(s)).")
    return "\n".join(lines)


def instructor_report(result: SubmissionResult) -> str:
    """Everything the grader found, hidden cases included: for the run's stdout (staff only)."""
    lines = [f"{result.assignment}: {number(result.score)} / {number(result.max_score)}"]
    lines += [f"note: {note}" for note in result.notes]
    for function in result.functions:
        lines.append(f"\n{function.name}: {number(function.score)} / {number(function.points)}")
        lines += [f"  - {problem}" for problem in function.problems]
        for group in function.groups:
            lines.append(f"  {group_title(group.group)}: {'passed' if group.passed else 'failed'}")
            shown = group.failures[:settings.REPORTS.failures_shown]
            lines += ["    " + failure.replace("\n", "\n    ") for failure in shown]
            if len(group.failures) > len(shown):
                lines.append(f"    ... and {len(group.failures) - len(shown)} more case(s)")
            if group.not_run:
                lines.append(f"    {not_run_note(group)}")
    return "\n".join(lines)


def write_results(path: Path, data: dict) -> None:
    """Written whole or not at all: Gradescope must never read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(partial, path)

