"""Grading a whole class: intake -> one job per student on an executor -> gradebook -> outputs.

Any `concurrent.futures.Executor` runs the jobs: a local process pool by default, or a Dask
`distributed.Client(...).get_executor()` for a cluster (jobs and results are plain picklable data).
Only this process writes grades.csv and results.json, and only its helper process the gradebook
(staged as results arrive, written in one transaction; see gradebook_writer.py). A local pool's
workers write each student's own outputs as they go (`outputs_in_workers`), so that work is spread
over the cores too; a cluster's results are written here, since its workers may not see OUT.

The two units other commands build on:
- `grade_and_write(job, entry, layout)`: grade one submission and write all its outputs;
- `CourseGradebook.record(result, entry)` (gradebook.py): record one result as `nbgrader
  autograde` would.

Everything is written to a staging folder and moved into place only when the class is graded and
the gradebook committed (outputs.py); the exit code says whether every student was graded.
"""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import Executor, Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tqdm import tqdm

from autograder import exit_codes, intake
from autograder.autograded import write_autograded
from autograder.feedback import write_feedback
from autograder.gradebook_writer import GradebookWriter
from autograder.grading import (GradingJob, Status, SubmissionResult, grade_submission, grader_failed,
                                was_graded, with_notes)
from autograder.outputs import OutputLayout, StagedOutputs, copy_exchange_files
from autograder.overrides import final_result
from autograder.report import summary, write_grades_csv, write_results_json
from autograder.sandbox.process import SandboxUnavailable
from autograder.settings import Limits
from autograder.specs import load_spec
from autograder.specs.base import secret_seed


class GraderFailure(RuntimeError):
    """The grader cannot grade at all (the sandbox does not start): no grades are written."""


def job_for(assignment: str, student: intake.StudentFolder, seed: int, limits: Limits = Limits()) -> GradingJob:
    """What a worker needs to grade one student intake found (picklable: paths and names)."""
    return GradingJob(assignment, student.student_id, str(student.notebook) if student.notebook else None,
                      student.problem, str(student.folder), seed, limits)


def jobs_for(assignment: str, students: list[intake.StudentFolder], seed: int) -> list[GradingJob]:
    return [job_for(assignment, student, seed) for student in students]


def submit_jobs(jobs: list[GradingJob], executor: Executor, entries: list[intake.StudentFolder] | None = None,
                layout: OutputLayout | None = None) -> dict[Future, int]:
    """One future per job; with a `layout`, the worker also writes the student's own outputs there."""
    if layout is None:
        return {executor.submit(grade_submission, job): index for index, job in enumerate(jobs)}
    return {executor.submit(grade_and_write, job, entries[index], layout): index
            for index, job in enumerate(jobs)}


def grade_and_write(job: GradingJob, entry: intake.StudentFolder, layout: OutputLayout) -> SubmissionResult:
    """Grade one submission and write all its outputs into `layout`: the feedback page, the
    autograded notebook formgrader opens, the copy of what was graded (in OUT's submitted/) and
    nbgrader's timestamp and secret files next to them. Returns the result, intake's notes first."""
    result = with_notes(grade_submission(job), entry.notes)
    write_student_outputs(layout, entry, result)
    return result


def write_student_outputs(layout: OutputLayout, entry: intake.StudentFolder, result: SubmissionResult) -> None:
    write_feedback(layout.feedback_file(entry.student_id), result)
    origin = entry.notebook.parent if entry.notebook else entry.folder / layout.assignment
    targets = [layout.student_dir(layout.feedback, entry.student_id)]
    if entry.notebook is not None:
        write_autograded(layout.autograded_file(entry.student_id), entry, result)
        targets.append(layout.student_dir(layout.autograded, entry.student_id))
        submitted = layout.submitted_file(entry.student_id)
        if submitted is not None:
            submitted.parent.mkdir(parents=True, exist_ok=True)
            submitted.write_bytes(entry.notebook.read_bytes())
            targets.append(submitted.parent)
    copy_exchange_files(origin, *targets)


def collect_results(jobs: list[GradingJob], futures: dict[Future, int], progress: bool = True,
                    on_result=None) -> list[SubmissionResult]:
    """All results, in the order of `jobs`; a job the grader itself failed on gets 0 and a note.
    `on_result(index, result)` runs for each as it arrives (the gradebook stages it meanwhile)."""
    results: dict[int, SubmissionResult] = {}
    with tqdm(total=len(jobs), unit="notebook", file=sys.stderr, disable=not progress,
              dynamic_ncols=True) as bar:
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except SandboxUnavailable as error:
                for other in futures:
                    other.cancel()
                raise GraderFailure(str(error)) from None
            except (BrokenProcessPool, Exception) as error:  # noqa: BLE001 - see GraderFailure
                results[index] = grader_failed(jobs[index], error)
            if on_result is not None:
                on_result(index, results[index])
            bar.update()
    return [results[index] for index in range(len(jobs))]


def run_jobs(jobs: list[GradingJob], executor: Executor, progress: bool = True) -> list[SubmissionResult]:
    return collect_results(jobs, submit_jobs(jobs, executor), progress)


def grade_folder(assignment: str, submissions: Path, layout: OutputLayout, db_url: str | None,
                 executor: Executor, scratch: Path, progress: bool = True, outputs_in_workers: bool = False,
                 student: str | None = None) -> int:
    """Grade every student and write all outputs; returns the exit code (exit_codes.py)."""
    started = time.monotonic()
    spec = load_spec(assignment)
    entries, notices = intake.collect(submissions, assignment, scratch, student)
    for warning in notices:
        print(f"warning: {warning}", file=sys.stderr)
    for entry in entries:
        print(f"intake: {intake.describe(entry, assignment)}")
    refusal = _nothing_to_grade(entries, submissions, assignment)
    if refusal:
        print(f"error: {refusal}; nothing was written", file=sys.stderr)
        return exit_codes.NOTHING_GRADED
    staged = StagedOutputs(layout)
    try:
        return _grade_staged(spec, entries, staged, db_url, executor, progress, outputs_in_workers, started)
    finally:
        staged.discard()


def _grade_staged(spec, entries, staged: StagedOutputs, db_url, executor, progress, outputs_in_workers,
                  started) -> int:
    layout = staged.final
    shown = db_url.split("@")[-1] if db_url else f"sqlite:///{(layout.reports / 'gradebook.db').resolve()}"
    if db_url is None:  # OUT/gradebook.db: a new one is made in the staging folder, moved in at the end
        existing = layout.reports / "gradebook.db"
        db_url = f"sqlite:///{(existing if existing.exists() else staged.layout.reports / 'gradebook.db').resolve()}"
    jobs = jobs_for(spec.name, entries, secret_seed())
    gradebook = GradebookWriter(db_url, spec.name)  # opens it meanwhile, at low priority
    try:
        submitted = time.monotonic()
        futures = submit_jobs(jobs, executor, entries, staged.layout if outputs_in_workers else None)
        try:
            gradebook.wait_opened()  # fails fast on a bad gradebook URL
        except Exception:
            for future in futures:
                future.cancel()
            raise
        results = collect_results(jobs, futures, progress,
                                  on_result=lambda index, result: gradebook.stage(result, entries[index]))
        graded = time.monotonic()
        failed = [r.student_id for r in results if _failed_internally(r)]
        if not outputs_in_workers:
            results = [with_notes(r, e.notes) for r, e in zip(results, entries)]
        if not failed and not any(was_graded(r) for r in results):
            print("error: no notebook could be graded (" + "; ".join(
                f"{r.student_id}: {r.notes[-1] if r.notes else 'unreadable'}" for r in results[:3])
                  + "); nothing was written", file=sys.stderr)
            return exit_codes.NOTHING_GRADED
        recorded = gradebook.commit()  # everything staged while grading, in one transaction
    finally:
        gradebook.close()
    committed = time.monotonic()
    finals = _write_and_publish(spec, entries, results, recorded, staged, outputs_in_workers)
    finished = time.monotonic()

    count = sum(was_graded(r) for r in results)
    print(summary(finals, spec.max_score, finished - started, graded=count))
    print(f"Time: grading {graded - submitted:.2f} s, gradebook {committed - graded:.2f} s, "
          f"outputs {finished - committed:.2f} s.")
    if recorded.kept:
        print(recorded.message())
    print(f"Wrote {layout.reports / 'grades.csv'}, feedback in {layout.feedback}/, gradebook {shown}")
    return _exit_code(entries, results, failed)


def _write_and_publish(spec, entries, results, recorded, staged: StagedOutputs,
                       outputs_in_workers: bool) -> list[SubmissionResult]:
    """The final results (manual scores from the gradebook applied), the outputs the workers did
    not write, the reports; then everything moved into place. Returns the final results."""
    finals = [final_result(r, recorded) for r in results]
    # The workers wrote each student's own files, except where the grader itself failed; a
    # student whose score was set in formgrader gets feedback that shows the final score.
    written = {r.student_id for r in results if not _failed_internally(r)} if outputs_in_workers else set()
    changed = {r.student_id for r, f in zip(results, finals) if r is not f}
    for entry, final in zip(entries, finals):
        if entry.student_id not in written or entry.student_id in changed:
            write_student_outputs(staged.layout, entry, final)
    write_grades_csv(staged.layout.reports / "grades.csv", finals, [f.name for f in spec.functions],
                     _details(staged.final, entries))
    write_results_json(staged.layout.reports / "results.json", finals)
    staged.publish()
    return finals


def _exit_code(entries: list[intake.StudentFolder], results: list[SubmissionResult], failed: list[str]) -> int:
    if failed:
        print(f"error: the grader itself failed on {len(failed)} submission(s): {', '.join(failed[:10])}; "
              "grade them again", file=sys.stderr)
        return exit_codes.GRADER_ERROR
    ungraded = [(e, r) for e, r in zip(entries, results) if not was_graded(r)]
    if ungraded:
        listed = "; ".join(f"{e.student_id} ({e.problem or (r.notes[-1] if r.notes else 'unreadable')})"
                           for e, r in ungraded[:3])
        more = f" and {len(ungraded) - 3} more" if len(ungraded) > 3 else ""
        print(f"error: {len(ungraded)} of {len(entries)} student(s) had no notebook that could be graded "
              f"(scored 0, the reason in grades.csv's notes): {listed}{more}", file=sys.stderr)
        return exit_codes.SOME_UNGRADED
    return exit_codes.OK


def _nothing_to_grade(entries: list[intake.StudentFolder], submissions: Path, assignment: str) -> str | None:
    """Why grading would give nobody a grade (an empty folder, a layout mistake), or None."""
    if not entries:
        return (f"nothing to grade: {submissions} holds no student folder and no notebook (expected "
                f"<student>/{assignment}.ipynb, nbgrader's <student>/{assignment}/{assignment}.ipynb, "
                f"Canvas's download, or {assignment}.ipynb itself)")
    failed = [e for e in entries if e.notebook is None]
    if len(failed) < len(entries):
        return None
    if len(entries) > 1 and len({e.problem_kind for e in failed}) == 1:
        return (f"all {len(entries)} students failed intake the same way, likely a layout mistake "
                f"(is {submissions} the right folder, and {assignment} the right assignment?): "
                f"{failed[0].student_id}: {failed[0].problem}")
    return "no notebook to grade: " + "; ".join(f"{e.student_id}: {e.problem}" for e in failed[:3])


def _details(layout: OutputLayout, entries: list[intake.StudentFolder]) -> dict[str, dict[str, str]]:
    """grades.csv's columns about each student's files: the feedback page (relative to the CSV),
    what was graded, the Canvas late flag and user id."""
    return {e.student_id: {"feedback": os.path.relpath(layout.feedback_file(e.student_id), layout.reports),
                           "submitted": e.source, "late": "yes" if e.late else "",
                           "canvas_user_id": e.canvas_user_id or ""} for e in entries}


def _failed_internally(result: SubmissionResult) -> bool:
    return result.status is Status.GRADER_FAILED
