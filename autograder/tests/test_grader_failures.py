"""When the grader itself fails on a submission (a worker process dies, an internal error), that
student gets 0 marked as the grader's failure, not the student's: results.json says so in its
`status`, grades.csv's notes say so, the other students are graded, and the exit code is 1 so that
the instructor grades again. The marker is typed (`grading.Status`), never read back from text."""
from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool

from autograder import exit_codes
from autograder.batch import grade_folder
from autograder.grading import Status
from autograder.outputs import out_layout
from autograder.testing.submission_builder import build_submission, write_submission
from autograder.testing.grader_cli import read_grades

ASSIGNMENT = "dot_product"


class WorkerDiesOn(Executor):
    """Grades in this process, except that the worker grading one student dies, as a process
    pool's worker killed by the machine would."""

    def __init__(self, student: str):
        self.student = student

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        if args[0].student_id == self.student:
            future.set_exception(BrokenProcessPool("a worker process died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_grader_failure_is_the_graders_not_the_students(tmp_path, capsys):
    submissions = tmp_path / "submissions"
    for student in ("ada", "bob"):
        write_submission(submissions, student, ASSIGNMENT, build_submission(ASSIGNMENT, {}))
    write_submission(submissions, "cy", ASSIGNMENT, {"cells": "not a list"})  # not the grader's fault
    out = tmp_path / "out"
    code = grade_folder(ASSIGNMENT, submissions, out_layout(out, ASSIGNMENT), None, WorkerDiesOn("bob"),
                        tmp_path / "scratch", progress=False)
    assert code == exit_codes.GRADER_ERROR
    assert "the grader itself failed on 1 submission(s): bob" in capsys.readouterr().err
    results = {r["student_id"]: r for r in json.loads((out / "results.json").read_text())}
    assert {s: r["status"] for s, r in results.items()} == {
        "ada": Status.GRADED, "bob": Status.GRADER_FAILED, "cy": Status.NOT_GRADED}
    grades = read_grades(out)
    assert float(grades["ada"]["score"]) == 10 and float(grades["bob"]["score"]) == 0
    assert grades["bob"]["notes"] == ("internal error of the grader (BrokenProcessPool: a worker process died); "
                                      "not the student's fault")
    assert "not a valid notebook" in grades["cy"]["notes"]
