"""Grading one submission: `grade_submission(job)`, the unit of work a worker pool runs.

A job is small, picklable data (paths and names), and the result is plain data too, so the same
function runs in this process, in a `concurrent.futures` process pool or on a Dask worker. Per
worker process the spec, the cases (from the secret seed) and the reference's expected values are
computed once and cached; per submission there is one sandbox start in the normal case.

Steps: read the notebook (no test cells) -> static rules per function -> run the cells in a sandbox
-> one batch of calls per function -> judge each call here, against the reference -> score.

Cells are named the way the student sees them in Jupyter: "code cell k" is the k-th code cell with
any code in it (test cells included), the one shown as `In [k]` after Kernel > Restart & Run All.
The sandbox compiles it as `<code cell k>`, so a traceback or a SyntaxError says the same number.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from autograder.course import REPO
from autograder.judging import group_results
from autograder.notebook import NotebookProblem, master_cells, student_code_cells
from autograder.sandbox.inside.codec import encode
from autograder.sandbox.session import CallOutcome, NotebookSession
from autograder.sandbox.uploads import read_uploads
from autograder.settings import Limits
from autograder.specs import load_spec
from autograder.specs.base import Case, GroupResult, cases_for, function_score, to_plain
from autograder.specs.rules import item_for_hit, tripwire_names
from autograder.static_rules import Finding, check_notebook
from autograder.static_rules.shipped import shipped_modules
from autograder.tampering import test_cell_changes


NOT_ATTEMPTED = "not attempted: it still raises NotImplementedError, as released"


class Status(StrEnum):
    """Whether a submission was graded; results.json and grades.csv's exit code rest on it."""
    GRADED = "graded"
    NOT_GRADED = "not graded"  # nothing to grade: no notebook, two candidates, an unreadable one
    GRADER_FAILED = "grader failed"  # the grader itself failed on it (not the student's fault): grade again


@dataclass(frozen=True)
class GradingJob:
    assignment: str
    student_id: str
    notebook: str | None  # path of <assignment>.ipynb, None when there is none to grade
    problem: str | None = None  # why there is nothing to grade (missing, misnamed notebook...)
    folder: str | None = None  # the student's folder: its other files are copied into the sandbox
    seed: int = 0
    limits: Limits = field(default_factory=Limits)
    repo: str = str(REPO)


@dataclass
class FunctionResult:
    name: str
    points: float
    score: float
    groups: list[GroupResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rules broken, crashes: plain words


@dataclass
class SubmissionResult:
    student_id: str
    assignment: str
    score: float
    max_score: float
    functions: list[FunctionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the whole notebook, plain words
    status: Status = Status.GRADED


@dataclass(frozen=True)
class _Prepared:
    cases: list[Case]
    expected: list[Any]
    sent: list[list]  # the encoded arguments of each case, as sent to the sandbox


@lru_cache(maxsize=None)
def _prepared(assignment: str, function_name: str, seed: int) -> _Prepared:
    spec = load_spec(assignment)
    function = spec.function(function_name)
    cases = cases_for(spec, function, seed)
    expected = [None if case.expect_error else to_plain(function.reference(*copy.deepcopy(case.args)))
                for case in cases]
    return _Prepared(cases, expected, [[encode(arg) for arg in case.args] for case in cases])


def grade_submission(job: GradingJob) -> SubmissionResult:
    if job.notebook is None:
        return _ungraded(job, job.problem or "no notebook was submitted")
    try:
        cells = student_code_cells(Path(job.notebook), master_cells(job.assignment, Path(job.repo)))
    except NotebookProblem as problem:
        return _ungraded(job, str(problem))
    spec = load_spec(job.assignment)
    result = SubmissionResult(job.student_id, job.assignment, 0.0, spec.max_score)
    result.notes.extend(test_cell_changes(Path(job.notebook), job.assignment, Path(job.repo)))
    folder = Path(job.folder) if job.folder and _has_other_files(Path(job.folder)) else None
    # The student's own .py files reach the sandbox with the other uploads: judged as code too.
    modules = shipped_modules(read_uploads(folder, job.limits.tmpfs_bytes)) if folder else {}
    findings = check_notebook([(c.number, c.source) for c in cells], spec, modules)
    # The tripwires watch what any function may not use; each function is judged by its own rules.
    routines, methods = tripwire_names(spec.forbidden_items)
    session = NotebookSession([{"index": c.number, "source": c.source} for c in cells],
                              [f.name for f in spec.functions], job.limits,
                              forbidden=routines, forbidden_methods=methods, submission=folder)
    with session:
        for function in spec.functions:
            result.functions.append(_grade_function(function, spec, job, session, findings[function.name]))
    report = session.report
    if report is not None:
        result.notes.extend(_cell_notes(report, cells))
    if all(f.problems[:1] == [NOT_ATTEMPTED] for f in result.functions):
        result.notes.insert(0, "not attempted: every function still raises NotImplementedError, as released")
    result.score = round(sum(f.score for f in result.functions), 2)
    return result


def with_notes(result: SubmissionResult, notes) -> SubmissionResult:
    """The result with notes from before grading (which notebook was chosen, and why) first."""
    return replace(result, notes=[*notes, *result.notes]) if notes else result


def was_graded(result: SubmissionResult) -> bool:
    """Whether a notebook was there to grade (not missing, ambiguous or unreadable) and was graded."""
    return result.status is Status.GRADED


def grader_failed(job: GradingJob, error: BaseException) -> SubmissionResult:
    """The result of a submission the grader itself failed on: 0, and a note that says so."""
    return _ungraded(job, f"internal error of the grader ({type(error).__name__}: {error}); "
                          "not the student's fault", Status.GRADER_FAILED)


def _grade_function(function, spec, job: GradingJob, session: NotebookSession,
                    findings: list[Finding]) -> FunctionResult:
    outcome = FunctionResult(function.name, float(function.points), 0.0)
    if findings:
        outcome.problems = [str(finding) for finding in findings]
        return outcome
    report = session.ensure_loaded()
    if report.problem:
        outcome.problems.append(f"not tested: {report.problem}")
        return outcome
    if function.name not in report.defined:
        outcome.problems.append(f"{function.signature} is not defined after running the notebook "
                                "(check the cell that defines it for errors)")
        return outcome
    prepared = _prepared(job.assignment, function.name, job.seed)
    outcomes = session.call(function.name, prepared.sent)
    hits = sorted({hit for o in outcomes if o.reply for hit in _strings(o.reply.get("tripwires"))
                   if item_for_hit(hit, function.rules.items) is not None})
    if hits:
        outcome.problems.append(
            f"while running, {function.name} called {', '.join(hits)}, which this assignment forbids "
            "(caught at run time)")
        return outcome
    outcome.groups = group_results(function, prepared.cases, prepared.expected, prepared.sent,
                                   outcomes, job.limits.output_bytes)
    if outcomes and all(_raised(o, "NotImplementedError") for o in outcomes):
        outcome.problems.append(NOT_ATTEMPTED)
    outcome.score = function_score(function.points, outcome.groups)
    outcome.problems.extend(_crash_notes(outcomes))
    return outcome


def _ungraded(job: GradingJob, reason: str, status: Status = Status.NOT_GRADED) -> SubmissionResult:
    """0 for every function, with the reason as the notebook's note and each function's problem."""
    spec = load_spec(job.assignment)
    return SubmissionResult(job.student_id, job.assignment, 0.0, spec.max_score,
                            [FunctionResult(f.name, float(f.points), 0.0, problems=[f"not graded: {reason}"])
                             for f in spec.functions], [reason], status)


def _raised(outcome: CallOutcome, kind: str) -> bool:
    error = outcome.reply.get("error") if outcome.reply else None
    return isinstance(error, dict) and error.get("type") == kind


def _cell_notes(report, cells) -> list[str]:
    first_lines = {c.number: c.source.strip().splitlines()[0][:60] for c in cells if c.source.strip()}
    notes = []
    for index, run in sorted(report.cells.items()):
        where = f"code cell {index} ({first_lines.get(index, '')!r})"
        if run.skipped:
            notes.append(f"{where} was skipped: {run.skipped}")
        elif run.error and run.error.get("timeout") is True:
            notes.append(f"{where} was stopped: {str(run.error.get('message'))[:80]}")
        elif run.error:
            error = run.error
            line = error.get("line")
            at = f" at line {line[1]}" if isinstance(line, list) and len(line) == 2 else ""
            notes.append(f"{where} raised {error.get('type')}{at}: {str(error.get('message'))[:160]}")
    return notes


def _crash_notes(outcomes: list[CallOutcome]) -> list[str]:
    for outcome in outcomes:
        if outcome.failure is not None:
            return [outcome.failure]
    return []


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _has_other_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.suffix != ".ipynb" for p in folder.iterdir())
