"""Stock nbgrader still works on this course's configuration: release, autograde, feedback, export.

Runs in a temporary copy of the course outside the repository (its nbgrader configuration and
solutions/, not the grader's code), so the repository's own gradebook and folders are never touched
and the hidden tests' `autograder.checks` can only come from the grader installed in the venv.
"""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.specs import load_spec
from autograder.tests.notebook_tools import REPO, master, released, solution_cells

ASSIGNMENT = "dot_product"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("course")
    shutil.copy(REPO / "nbgrader_config.py", root)
    (root / "autograder").mkdir()
    shutil.copy(REPO / "autograder" / "nbgrader_config.py", root / "autograder")
    shutil.copytree(REPO / "solutions", root / "solutions")
    return root


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    # The venv's bin on PATH: a new gradebook runs `alembic` from PATH. No PYTHONPATH: the kernels
    # find the grader where the venv installed it.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NBGRADER_DB_URL")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", AUTOGRADER_SEED="424242")
    proc = subprocess.run([str(BIN / "nbgrader"), *args], cwd=course, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc


def submit(course: Path, student: str, nb: nbformat.NotebookNode) -> None:
    folder = course / "grading" / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{ASSIGNMENT}.ipynb")


@pytest.mark.slow
def test_release_autograde_feedback_export(course):
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    release = released(ASSIGNMENT, course / "exercises")
    assert [c.source for c in release.cells] == [c.source for c in released(ASSIGNMENT).cells]

    # A student who wrote the master's solutions, and one who handed the release in untouched.
    complete = nbformat.from_dict(release)
    solutions = {cell.id: cell.source for cell in solution_cells(master(ASSIGNMENT))}
    for cell in solution_cells(complete):
        cell.source = solutions[cell.id]
    submit(course, "complete", complete)
    submit(course, "blank", release)

    nbgrader(course, "autograde", ASSIGNMENT, "--create", "--force")
    spec = load_spec(ASSIGNMENT)
    with Gradebook(f"sqlite:///{course / 'grading' / 'gradebook.db'}") as gradebook:
        for student, expected in (("complete", spec.max_score), ("blank", 0.0)):
            submission = gradebook.find_submission(ASSIGNMENT, student)
            assert submission.score == expected
            assert submission.max_score == spec.max_score
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "complete")
        per_cell = {grade.name: grade.auto_score for grade in notebook.grades}
        assert per_cell == {grade_id: points for f in spec.functions for grade_id, points in (
            (f"test_{f.name}", f.points), (f"test_{f.name}_rules", 0.0))}

    nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    feedback = (course / "grading" / "feedback" / "complete" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "dot(a, b): 4 / 4 points" in feedback
    assert (course / "grading" / "feedback" / "blank" / ASSIGNMENT / f"{ASSIGNMENT}.html").is_file()

    nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert float(rows["complete"]["score"]) == spec.max_score
    assert float(rows["blank"]["score"]) == 0.0
    assert float(rows["blank"]["max_score"]) == spec.max_score
