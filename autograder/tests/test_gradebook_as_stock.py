"""`grade --course` records a class in nbgrader's gradebook exactly as stock `nbgrader autograde`
does: the same students, submissions and timestamps, the same auto scores and review flags per
grade cell, the same automatic comments ("No response." on a solution cell left as released), the
same late penalties. Stock runs in a temporary copy of the course (it runs student code in an
ordinary kernel); both see the same nbgrader course layout, with nbgrader's timestamps, after the
assignment's due date."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from autograder.course import REPO
from autograder.testing.grader_cli import run_grader
from autograder.testing.platform_layouts import (ASSIGNMENT, course_environment, nbgrader, nbgrader_submission,
                                               notebook_bytes)

pytestmark = pytest.mark.slow
SEED = "424242"
DUE = "2026-11-30 12:00:00 UTC"  # the submissions' timestamps are a day later: late
STUDENTS = {"alice": "correct", "bob": "off_by_one_loop", "carol": "blank", "dave": "no_length_check"}


def recorded(db_url: str) -> dict:
    """Everything autograde writes about the class, in comparable form."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gradebook:
        submissions = {}
        for submission in gradebook.find_assignment(ASSIGNMENT).submissions:
            notebook = submission.notebooks[0]
            submissions[submission.student.id] = {
                "timestamp": submission.timestamp, "score": submission.score,
                "late_submission_penalty": notebook.late_submission_penalty,
                "grades": {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in notebook.grades},
                "comments": {c.name: (c.auto_comment, c.manual_comment) for c in notebook.comments},
            }
        students = {s.id: (s.first_name, s.last_name, s.email, s.lms_user_id) for s in gradebook.students}
    return {"students": students, "submissions": submissions}


def test_grade_course_records_what_stock_autograde_records(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course)
    for folder in ("solutions", "exercises"):
        shutil.copytree(REPO / folder, course / folder)
    shutil.copytree(REPO / "autograder", course / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__", "tests", ".secret_seed"))
    stock_env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_DB_URL", "NBGRADER_GRADING_DIR")}
    stock_env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{stock_env['PATH']}", AUTOGRADER_SEED=SEED)
    ours = tmp_path / "grading"
    our_env = course_environment(ours, AUTOGRADER_SEED=SEED)
    for student, kind in STUDENTS.items():
        for submitted in (course / "grading" / "submitted", ours / "submitted"):
            nbgrader_submission(submitted, student, notebook_bytes(kind))

    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force", cwd=course, env=stock_env)
    for env, cwd in ((stock_env, course), (our_env, REPO)):
        nbgrader(course, "db", "assignment", "add", ASSIGNMENT, f"--duedate={DUE}", cwd=cwd, env=env)
    nbgrader(course, "autograde", ASSIGNMENT, cwd=course, env=stock_env)
    graded = run_grader("grade", ASSIGNMENT, "--course", "--no-progress", env=our_env)
    assert graded.returncode == 0, graded.stdout + graded.stderr

    stock = recorded(f"sqlite:///{course / 'grading' / 'gradebook.db'}")
    hardened = recorded(f"sqlite:///{ours / 'gradebook.db'}")
    assert sorted(stock["submissions"]) == sorted(STUDENTS)
    assert stock["submissions"]["carol"]["comments"]["dot"] == ("No response.", None)  # it was looked at
    assert stock["submissions"]["alice"]["timestamp"] is not None
    assert 0 < stock["submissions"]["bob"]["score"] < 10  # partial credit, as the grader gives
    assert hardened == stock
