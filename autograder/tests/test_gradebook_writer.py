"""The gradebook of a class run is written by a low-priority helper process (gradebook_writer.py):
what it is sent ends up in nbgrader's gradebook, and its failures reach the grader as plain words."""
from __future__ import annotations

import pytest

from autograder.errors import GradebookError
from autograder.gradebook_writer import GradebookWriter
from autograder.grading import FunctionResult, SubmissionResult
from autograder.specs import load_spec

ASSIGNMENT = "dot_product"


def _result(student: str, scores: dict[str, float]) -> SubmissionResult:
    spec = load_spec(ASSIGNMENT)
    functions = [FunctionResult(f.name, float(f.points), scores.get(f.name, 0.0)) for f in spec.functions]
    return SubmissionResult(student, ASSIGNMENT, sum(scores.values()), spec.max_score, functions)


def _auto_scores(db_url: str) -> dict[str, dict[str, float]]:
    from autograder.gradebook import CourseGradebook

    book = CourseGradebook(db_url, ASSIGNMENT)
    try:
        found = {}
        for student in ("ada", "bob"):
            submission = book.gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
            found[student] = {grade.name: grade.auto_score for grade in submission.grades
                              if grade.name.startswith("test_") and grade.max_score}
        return found
    finally:
        book.close()


def test_what_the_writer_is_sent_is_in_the_gradebook(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    names = [f.name for f in load_spec(ASSIGNMENT).functions]
    writer = GradebookWriter(db_url, ASSIGNMENT)
    try:
        writer.wait_opened()
        writer.stage(_result("ada", {name: 1.0 for name in names}))
        writer.stage(_result("bob", {names[0]: 0.5}))
        writer.commit()
    finally:
        writer.close()
    scores = _auto_scores(db_url)
    assert scores["ada"] == {f"test_{name}": 1.0 for name in names}
    assert scores["bob"][f"test_{names[0]}"] == 0.5
    assert all(scores["bob"][f"test_{name}"] == 0.0 for name in names[1:])


def test_a_gradebook_that_cannot_be_opened_is_reported_in_plain_words(tmp_path):
    writer = GradebookWriter(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'gradebook.db'}", ASSIGNMENT)
    try:
        with pytest.raises(GradebookError, match="cannot open the gradebook"):
            writer.wait_opened()
    finally:
        writer.close()


def test_a_result_that_does_not_fit_the_gradebook_fails_the_commit(tmp_path):
    writer = GradebookWriter(f"sqlite:///{tmp_path / 'gradebook.db'}", ASSIGNMENT)
    try:
        writer.wait_opened()
        stray = _result("ada", {})
        stray.functions.append(FunctionResult("not_in_this_assignment", 1.0, 1.0))
        writer.stage(stray)
        with pytest.raises(GradebookError, match="no grade cell test_not_in_this_assignment"):
            writer.commit()
    finally:
        writer.close()
