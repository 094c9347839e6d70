"""A warm grader for grading on submit: one submission graded, feedback written, well under 1 s.

`Grader(assignment, out)` does once what every submission needs: the spec, the cases from the
secret seed and the reference's expected values, the master's test cells, the feedback writer, the
gradebook (optional) and this process's warm sandbox, by grading the master's solution once. Then
`grade(folder)` grades one student folder exactly as `python -m autograder grade` grades each
folder of a class (same sandbox, limits, rules, scores and intake rules) and writes its outputs as
`batch.grade_and_write` does (OUT/feedback/<id>/<assignment>/<assignment>.html, OUT/autograded/...,
OUT/submitted/...; or any `outputs.OutputLayout`, the course's own folders for instance), and
records the result in the gradebook as `nbgrader autograde` would (`CourseGradebook.record`).
`python -m autograder serve` wraps it for scripts and LMS hooks: one student folder per line on
stdin, one JSON line per result on stdout.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from autograder import intake
from autograder.batch import grade_and_write, job_for
from autograder.course import master_notebook, released_notebook
from autograder.grading import GradingJob, SubmissionResult, grade_submission
from autograder.outputs import OutputLayout, out_layout
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
        in the gradebook; the student id is the folder's name unless given."""
        student = intake.student_folder(Path(folder), self.assignment, student_id)
        problem = intake.valid_student_id(student.student_id)
        if problem:
            raise ValueError(f"{student.student_id!r} cannot be a student id: {problem}")
        result = grade_and_write(job_for(self.assignment, student, self.seed, self.limits), student, self.layout)
        if self.gradebook is not None:
            self.gradebook.record(result, student)
        return result

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


def serve(grader: Grader, lines, output=sys.stdout) -> int:
    """One student folder per input line -> one JSON object per output line; returns the number
    of lines that were not a student folder."""
    print(json.dumps({"event": "ready", "assignment": grader.assignment,
                      "warm_up_seconds": round(grader.warm_up_seconds, 3)}), file=output, flush=True)
    bad = 0
    for line in lines:
        path = line.strip()
        if not path:
            continue
        folder = Path(path)
        if not folder.is_dir():
            bad += 1
            print(json.dumps({"folder": path, "error": "not a folder"}), file=output, flush=True)
            continue
        started = time.monotonic()
        try:
            result = grader.grade(folder)
        except ValueError as error:
            bad += 1
            print(json.dumps({"folder": path, "error": str(error)}), file=output, flush=True)
            continue
        print(json.dumps({"folder": path, "student_id": result.student_id, "score": result.score,
                          "max_score": result.max_score,
                          "functions": {f.name: f.score for f in result.functions},
                          "feedback": str(grader.feedback_path(result.student_id)),
                          "seconds": round(time.monotonic() - started, 3)}), file=output, flush=True)
    return bad
