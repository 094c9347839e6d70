"""Grading a whole class: intake -> one `grade_submission` job per student on an executor -> outputs.

Any `concurrent.futures.Executor` runs the jobs: a local process pool by default, or a Dask
`distributed.Client(...).get_executor()` for a cluster (jobs and results are plain picklable data).
Only this process writes grades.csv and results.json, and only its helper process the gradebook
(staged as results arrive, written in one transaction; see gradebook_writer.py). A local pool's workers write each student's own feedback and
autograded notebook as they go (`outputs_in_workers`), so that work is spread over the cores too;
a cluster's results are written here, since its workers may not see OUT.
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import Executor, Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tqdm import tqdm

from autograder import intake
from autograder.autograded import write_autograded
from autograder.feedback import write_feedback
from autograder.grading import FunctionResult, GradingJob, SubmissionResult, grade_submission
from autograder.gradebook_writer import GradebookWriter
from autograder.report import summary, write_grades_csv, write_results_json
from autograder.sandbox.process import SandboxUnavailable
from autograder.specs import load_spec
from autograder.specs.base import secret_seed


class GraderFailure(RuntimeError):
    """The grader cannot grade at all (the sandbox does not start): no grades are written."""


def jobs_for(assignment: str, students: list[intake.StudentFolder], seed: int) -> list[GradingJob]:
    return [GradingJob(assignment, s.student_id, str(s.notebook) if s.notebook else None, s.problem,
                       str(s.folder), seed) for s in students]


def submit_jobs(jobs: list[GradingJob], executor: Executor, out: Path | None = None) -> dict[Future, int]:
    """One future per job; with `out`, the worker also writes the student's own outputs there."""
    if out is None:
        return {executor.submit(grade_submission, job): index for index, job in enumerate(jobs)}
    return {executor.submit(grade_and_write, job, str(out)): index for index, job in enumerate(jobs)}


def grade_and_write(job: GradingJob, out: str) -> SubmissionResult:
    """A worker's job: grade one submission, then write its feedback and autograded notebook."""
    result = grade_submission(job)
    write_student_outputs(Path(out), student_of(job), result)
    return result


def student_of(job: GradingJob) -> intake.StudentFolder:
    return intake.StudentFolder(job.student_id, Path(job.folder) if job.folder else Path("."),
                                Path(job.notebook) if job.notebook else None, job.problem)


def collect_results(jobs: list[GradingJob], futures: dict[Future, int], progress: bool = True,
                    on_result=None) -> list[SubmissionResult]:
    """All results, in the order of `jobs`; a job the grader itself failed on gets 0 and a note.
    `on_result(result)` runs for each as it arrives (the gradebook stages it meanwhile)."""
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
                results[index] = _internal_error(jobs[index], error)
            if on_result is not None:
                on_result(results[index])
            bar.update()
    return [results[index] for index in range(len(jobs))]


def run_jobs(jobs: list[GradingJob], executor: Executor, progress: bool = True) -> list[SubmissionResult]:
    return collect_results(jobs, submit_jobs(jobs, executor), progress)


def grade_folder(assignment: str, submissions: Path, out: Path, db_url: str | None, executor: Executor,
                 scratch: Path, progress: bool = True, outputs_in_workers: bool = False) -> int:
    """Grade every student folder and write all outputs; returns the exit code."""
    started = time.monotonic()
    spec = load_spec(assignment)
    students, notices = intake.collect(submissions, assignment, scratch)
    for warning in notices:
        print(f"warning: {warning}", file=sys.stderr)
    db_url = db_url or f"sqlite:///{(out / 'gradebook.db').resolve()}"
    out.mkdir(parents=True, exist_ok=True)
    (out / "feedback").mkdir(exist_ok=True)
    jobs = jobs_for(assignment, students, secret_seed())
    gradebook = GradebookWriter(db_url, assignment)  # opens it meanwhile, at low priority
    try:
        submitted = time.monotonic()
        futures = submit_jobs(jobs, executor, out if outputs_in_workers else None)
        try:
            gradebook.wait_opened()  # fails fast on a bad gradebook URL
        except Exception:
            for future in futures:
                future.cancel()
            raise
        results = collect_results(jobs, futures, progress, on_result=gradebook.stage)
        graded = time.monotonic()
        # The workers wrote each student's own files, except where the grader itself failed.
        written = {r.student_id for r in results if not _failed_internally(r)} if outputs_in_workers else set()
        write_outputs(out, spec, students, results, skip=written)
        written_at = time.monotonic()
        gradebook.commit()  # everything staged while grading, in one transaction
    finally:
        gradebook.close()

    finished = time.monotonic()
    print(summary(results, spec.max_score, finished - started))
    print(f"Time: grading {graded - submitted:.2f} s, outputs {written_at - graded:.2f} s, "
          f"gradebook {finished - written_at:.2f} s.")
    print(f"Wrote {out / 'grades.csv'}, feedback in {out / 'feedback'}/, gradebook {db_url.split('@')[-1]}")
    failed = [r.student_id for r in results if _failed_internally(r)]
    if failed:
        print(f"error: the grader itself failed on {len(failed)} submission(s): {', '.join(failed[:10])}; "
              "grade them again", file=sys.stderr)
        return 1
    return 0


def write_outputs(out: Path, spec, students: list[intake.StudentFolder],
                  results: list[SubmissionResult], skip: set[str] = frozenset()) -> None:
    """grades.csv, results.json, and each student's own outputs except those of `skip`."""
    write_grades_csv(out / "grades.csv", results, [f.name for f in spec.functions])
    write_results_json(out / "results.json", results)
    for student, result in zip(students, results):
        if student.student_id not in skip:
            write_student_outputs(out, student, result)


def write_student_outputs(out: Path, student: intake.StudentFolder, result: SubmissionResult) -> None:
    feedback_dir = out / "feedback"
    feedback_dir.mkdir(exist_ok=True)
    write_feedback(feedback_dir, result)
    write_autograded(out / "autograded", student, result)


def _failed_internally(result: SubmissionResult) -> bool:
    return any(note.startswith("internal error") for note in result.notes)


def _internal_error(job: GradingJob, error: BaseException) -> SubmissionResult:
    spec = load_spec(job.assignment)
    note = f"internal error of the grader ({type(error).__name__}: {error}); not the student's fault"
    return SubmissionResult(job.student_id, job.assignment, 0.0, spec.max_score,
                            [FunctionResult(f.name, float(f.points), 0.0, problems=["not graded: " + note])
                             for f in spec.functions], [note])
