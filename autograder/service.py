"""A warm grader for grading on submit: one submission graded, feedback written, well under 1 s.

`Grader(assignment, out)` does once what every submission needs: the spec, the cases from the
secret seed and the reference's expected values, the master's test cells, the feedback writer, the
gradebook (optional) and this process's warm sandbox, by grading the master's solution once. Then
`grade(folder)` grades one student folder exactly as `python -m autograder grade` grades each
folder of a class (same sandbox, limits, rules and scores) and writes OUT/feedback/<id>.html and
OUT/autograded/<id>/... . `python -m autograder serve` wraps it for scripts and LMS hooks: one
student folder per line on stdin, one JSON line per result on stdout.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from autograder import intake
from autograder.autograded import write_autograded
from autograder.feedback import safe_file_name, write_feedback
from autograder.grading import GradingJob, SubmissionResult, grade_submission
from autograder.notebook import REPO
from autograder.sandbox import warm
from autograder.sandbox.limits import Limits
from autograder.specs import load_spec
from autograder.specs.base import secret_seed


class Grader:
    def __init__(self, assignment: str, out: Path, *, seed: int | None = None,
                 limits: Limits = Limits(), db_url: str | None = None):
        started = time.monotonic()
        self.spec = load_spec(assignment)
        self.assignment = assignment
        self.out = Path(out)
        self.seed = secret_seed() if seed is None else seed
        self.limits = limits
        (self.out / "feedback").mkdir(parents=True, exist_ok=True)
        self.gradebook = None
        if db_url is not None:
            from autograder.gradebook import CourseGradebook
            self.gradebook = CourseGradebook(db_url, assignment)
        self._warm_up()
        self.warm_up_seconds = time.monotonic() - started

    def _warm_up(self) -> None:
        """Grade the master's solution (or the release) once: every cache and the sandbox warm."""
        for folder in ("solutions", "exercises"):
            notebook = REPO / folder / self.assignment / f"{self.assignment}.ipynb"
            if notebook.exists():
                grade_submission(GradingJob(self.assignment, "warm-up", str(notebook), seed=self.seed,
                                            limits=self.limits))
                return
        warm.prestart()

    def grade(self, folder: Path, student_id: str | None = None) -> SubmissionResult:
        """Grade one student folder (<folder>/<assignment>.ipynb plus any files) and write its
        feedback; the student id is the folder's name unless given."""
        student = intake.student_folder(Path(folder), self.assignment)
        if student_id is not None:
            student = intake.StudentFolder(student_id, student.folder, student.notebook, student.problem)
        job = GradingJob(self.assignment, student.student_id,
                         str(student.notebook) if student.notebook else None, student.problem,
                         str(student.folder), self.seed, self.limits)
        result = grade_submission(job)
        write_feedback(self.out / "feedback", result)
        write_autograded(self.out / "autograded", student, result)
        if self.gradebook is not None:
            self.gradebook.record([result])
        return result

    def feedback_path(self, student_id: str) -> Path:
        return self.out / "feedback" / f"{safe_file_name(student_id)}.html"

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
        result = grader.grade(folder)
        print(json.dumps({"folder": path, "student_id": result.student_id, "score": result.score,
                          "max_score": result.max_score,
                          "functions": {f.name: f.score for f in result.functions},
                          "feedback": str(grader.feedback_path(result.student_id)),
                          "seconds": round(time.monotonic() - started, 3)}), file=output, flush=True)
    return bad
