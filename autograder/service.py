"""Grading on submit: a warm grader, and `serve` on a pool of them.

`Grader(assignment, out)` does once what every submission needs: the spec, the cases from the
secret seed and the reference's expected values, the master's test cells, the feedback writer, the
gradebook (optional) and this process's warm sandbox, by grading the master's solution once. Then
`grade(folder)` grades one student folder exactly as `python -m autograder grade` grades each
folder of a class (same sandbox, limits, rules, scores and intake rules) and writes its outputs as
`batch.grade_and_write` does (OUT/feedback/<id>/<assignment>/<assignment>.html, OUT/autograded/...,
OUT/submitted/...; or any `outputs.OutputLayout`, the course's own folders for instance), and
records the result in the gradebook as `nbgrader autograde` would (`record_final`).

`python -m autograder serve` runs Graders in worker processes (`grader_pool.GraderPool`, the pool
`watch` uses too): one student folder per line on stdin, one JSON line per result on stdout as
each finishes (a slow submission does not hold up the others), with the notes that explain every
point below full, as grades.csv's `notes` column has them.
"""
from __future__ import annotations

import json
import queue
import sys
import threading
import time
from pathlib import Path

from autograder import intake, settings
from autograder.batch import grade_and_write, job_for
from autograder.course import master_notebook, released_notebook
from autograder.feedback import write_feedback
from autograder.grading import GradingJob, SubmissionResult, grade_submission
from autograder.outputs import OutputLayout, out_layout
from autograder.overrides import final_result
from autograder.report import notes_of
from autograder.sandbox import warm
from autograder.settings import Limits
from autograder.specs import load_spec
from autograder.specs.base import secret_seed


class Grader:
    def __init__(self, assignment: str, out: Path | None = None, *, seed: int | None = None,
                 limits: Limits = Limits(), db_url: str | None = None, layout: OutputLayout | None = None):
        started = time.monotonic()
        self.spec = load_spec(assignment)
        self.assignment = assignment
        self.layout = layout or out_layout(Path(out), assignment)
        self.seed = secret_seed() if seed is None else seed
        self.limits = limits
        self.layout.feedback.mkdir(parents=True, exist_ok=True)
        self.gradebook = None
        if db_url is not None:
            from autograder.gradebook import CourseGradebook
            self.gradebook = CourseGradebook(db_url, assignment)
        self._warm_up()
        self.warm_up_seconds = time.monotonic() - started

    def _warm_up(self) -> None:
        """Grade the master's solution (or the release) once: every cache and the sandbox warm."""
        for notebook in (master_notebook(self.assignment), released_notebook(self.assignment)):
            if notebook.exists():
                grade_submission(GradingJob(self.assignment, "warm-up", str(notebook), seed=self.seed,
                                            limits=self.limits))
                return
        warm.prestart()

    def grade(self, folder: Path, student_id: str | None = None) -> SubmissionResult:
        """Grade one student folder (by intake's folder rules: <assignment>.ipynb, nbgrader's
        <assignment>/<assignment>.ipynb or the only notebook), write all its outputs and record it
        in the gradebook; the student id is the folder's name unless given. Returns the automatic
        result (the feedback shows the final one, manual scores set in formgrader included)."""
        result, entry = self.grade_entry(folder, student_id)
        if self.gradebook is not None:
            record_final(self.gradebook, self.layout, result, entry)
        return result

    def grade_entry(self, folder: Path, student_id: str | None = None) -> tuple[SubmissionResult, intake.StudentFolder]:
        """Grade one student folder and write its outputs, without the gradebook: (result, intake's entry)."""
        student = intake.student_folder(Path(folder), self.assignment, student_id)
        problem = intake.valid_student_id(student.student_id)
        if problem:
            raise ValueError(f"{student.student_id!r} cannot be a student id: {problem}")
        return grade_and_write(job_for(self.assignment, student, self.seed, self.limits), student, self.layout), student

    def feedback_path(self, student_id: str) -> Path:
        return self.layout.feedback_file(student_id)

    def close(self) -> None:
        if self.gradebook is not None:
            self.gradebook.close()
            self.gradebook = None
        warm.close_pool()

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def record_final(gradebook, layout: OutputLayout, result: SubmissionResult,
                 entry: intake.StudentFolder) -> SubmissionResult:
    """Record one result in the gradebook (`CourseGradebook.record`) and return the final result,
    as the gradebook scores it: a manual score set in formgrader, or a late penalty, is applied,
    and the student's feedback page is written again to show it."""
    final = final_result(result, gradebook.record(result, entry))
    if final is not result:
        write_feedback(layout.feedback_file(result.student_id), final)
    return final


def serve(pool, assignment: str, layout: OutputLayout, lines, output=sys.stdout, gradebook=None,
          warm_up_seconds: float = 0.0) -> int:
    """One student folder per input line -> one JSON object per output line, as each is graded
    (`pool` is a started `grader_pool.GraderPool`); returns the number of lines that could not be
    graded."""
    from autograder.grader_pool import Task

    def say(reply: dict) -> None:
        print(json.dumps(reply), file=output, flush=True)

    say({"event": "ready", "assignment": assignment, "workers": pool.size,
         "warm_up_seconds": round(warm_up_seconds, 3)})
    incoming: queue.Queue = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(lines, incoming), daemon=True)
    reader.start()
    bad, ended, count = 0, False, 0
    while not ended or pool.busy:
        while True:
            try:
                line = incoming.get(block=not pool.busy and not ended, timeout=None)
            except queue.Empty:
                break
            if line is None:
                ended = True
                break
            count += 1
            pool.submit(Task(f"{count}:{line}", assignment, line))
        for done in pool.wait(settings.ON_SUBMIT.serve_tick_seconds) if pool.busy else []:
            reply = _reply(done, layout, gradebook)
            bad += "error" in reply
            say(reply)
    return bad


def _read_lines(lines, incoming: queue.Queue) -> None:
    for line in lines:
        if line.strip():
            incoming.put(line.strip())
    incoming.put(None)


def _reply(done, layout: OutputLayout, gradebook) -> dict:
    folder = done.task.folder
    if done.result is None:
        return {"folder": folder, "error": done.problem or f"the grader failed: {done.failure}"}
    result = done.result
    if gradebook is not None:
        result = record_final(gradebook, layout, result, done.entry)
    return {"folder": folder, "student_id": result.student_id, "score": result.score,
            "max_score": result.max_score, "functions": {f.name: f.score for f in result.functions},
            "notes": notes_of(result), "feedback": str(layout.feedback_file(result.student_id)),
            "seconds": round(done.seconds, 3)}
