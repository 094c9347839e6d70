"""`python -m autograder grade` on what the platforms really hand an instructor: expected scores,
notes and exit codes for Canvas's download, nbgrader's course layout (a folder and a zip), one
student's folder; exit codes that tell the truth; nothing half-written."""
from __future__ import annotations

import csv
import hashlib
import os
import sys
from pathlib import Path

import pytest

from autograder.testing.grader_cli import grade, read_grades, run_grader
from autograder.testing.platform_layouts import (ASSIGNMENT, NBGRADER_TIMESTAMP, CanvasUpload, canvas_zip,
                                               nbgrader_submission, notebook_bytes, zip_folder)

pytestmark = pytest.mark.slow
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with a hash of its content: to prove a run changed nothing."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def canvas_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("canvas-run")
    correct = notebook_bytes("correct")
    archive = canvas_zip(root / "submissions.zip", [
        CanvasUpload("smithalice", 101, 9001, NOTEBOOK, correct, late=True),
        CanvasUpload("jonesbob", 102, 9002, NOTEBOOK, notebook_bytes("blank")),
        CanvasUpload("jonesbob", 102, 9003, "dot_product-1.ipynb", notebook_bytes("off_by_one_loop")),
        CanvasUpload("jonesbob", 102, 9004, "dot_product-2.ipynb", correct),
        CanvasUpload("leecarol", 103, 9005, "Copy of dot_product.ipynb", notebook_bytes("off_by_one_loop")),
        CanvasUpload("kimdan", 104, 9006, "Untitled.ipynb", notebook_bytes("blank")),
        CanvasUpload("ngeve", 105, 9007, "part1.ipynb", correct),
        CanvasUpload("ngeve", 105, 9007, "part2.ipynb", correct),
    ])
    result = grade(ASSIGNMENT, archive, root / "grading" / ASSIGNMENT, expect=3)
    return root, root / "grading" / ASSIGNMENT, result


def test_canvas_download_is_graded_with_late_resubmissions_and_copies(canvas_run):
    _, out, result = canvas_run
    grades = read_grades(out)
    scores = {student: float(row["score"]) for student, row in grades.items()}
    assert scores["smithalice"] == 10 and scores["jonesbob"] == 10  # jonesbob: the latest of 3
    assert 0 < scores["leecarol"] < 10 and scores["kimdan"] == 0 and scores["ngeve"] == 0
    assert grades["smithalice"]["late"] == "yes" and grades["jonesbob"]["late"] == ""
    assert {s: row["canvas_user_id"] for s, row in grades.items()} == {
        "smithalice": "101", "jonesbob": "102", "leecarol": "103", "kimdan": "104", "ngeve": "105"}
    assert "latest of 3 uploads" in grades["jonesbob"]["notes"]
    assert "Copy of dot_product.ipynb" in grades["leecarol"]["notes"]
    assert "failed" in grades["leecarol"]["notes"]  # and why it lost points
    assert grades["kimdan"]["notes"].startswith("graded Untitled.ipynb") and "not attempted" in grades["kimdan"]["notes"]
    assert "part1.ipynb" in grades["ngeve"]["notes"] and "none was graded" in grades["ngeve"]["notes"]
    assert grades["jonesbob"]["submitted"] == "jonesbob_102_9004_dot_product-2.ipynb"
    # one intake line per student, saying which rule matched
    intake_lines = [line for line in result.stdout.splitlines() if line.startswith("intake: ")]
    assert len(intake_lines) == 5 and all("[Canvas download" in line for line in intake_lines if "ngeve" not in line)
    assert "LATE; Canvas user 101" in next(line for line in intake_lines if "smithalice" in line)
    assert "1 of 5 student(s) had no notebook that could be graded" in result.stderr
    assert "ngeve" in result.stderr


def test_canvas_grades_export_by_canvas_user_id_and_refuse_duplicates(canvas_run, tmp_path):
    root, out, _ = canvas_run
    exported = tmp_path / "canvas.csv"
    done = run_grader("export", "--format", "canvas", "--grades", str(out / "grades.csv"), "--output", str(exported))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(exported.open(newline="", encoding="utf-8")))
    by_id = {row["ID"]: row for row in rows[1:]}  # after Canvas's Points Possible row
    assert by_id["101"][ASSIGNMENT] == "10" and by_id["105"][ASSIGNMENT] == "0"
    assert all(row["SIS User ID"] == "" for row in rows[1:])  # matched by Canvas id alone
    from_gradebook = tmp_path / "from-gradebook.csv"  # the same from the gradebook (lms_user_id)
    done = run_grader("export", "--format", "canvas", "--db-url", f"sqlite:///{out / 'gradebook.db'}",
                      "--output", str(from_gradebook))
    assert done.returncode == 0, done.stderr
    assert {row["ID"]: row[ASSIGNMENT] for row in csv.DictReader(from_gradebook.open(newline="", encoding="utf-8"))} \
        == {row["ID"]: row[ASSIGNMENT] for row in rows}
    twice = run_grader("export", "--format", "canvas", "--grades", str(out / "grades.csv"),
                       "--grades", str(out / "grades.csv"), "--output", str(tmp_path / "twice.csv"))
    assert twice.returncode == 2 and "given twice" in twice.stderr and "Traceback" not in twice.stderr
    assert not (tmp_path / "twice.csv").exists()


def test_nbgrader_course_layout_folder_and_zip(tmp_path):
    submitted = tmp_path / "grading" / "submitted"
    nbgrader_submission(submitted, "alice", notebook_bytes("correct"))
    nbgrader_submission(submitted, "bob", notebook_bytes("no_length_check"))
    result = grade(ASSIGNMENT, submitted, tmp_path / "grading" / "out")
    grades = read_grades(tmp_path / "grading" / "out")
    assert float(grades["alice"]["score"]) == 10 and 0 < float(grades["bob"]["score"]) < 10
    assert grades["alice"]["submitted"] == f"alice/{ASSIGNMENT}/{NOTEBOOK}"
    assert "misnamed" not in result.stdout + result.stderr and "[nbgrader's course layout]" in result.stdout
    # what nbgrader keeps beside the notebook goes where nbgrader's own commands look for it
    for step in ("submitted", "autograded", "feedback"):
        assert (tmp_path / "grading" / "out" / step / "alice" / ASSIGNMENT / "timestamp.txt").read_text() \
            == NBGRADER_TIMESTAMP
    grade(ASSIGNMENT, zip_folder(submitted, tmp_path / "submitted.zip"), tmp_path / "grading" / "zipped")
    assert read_grades(tmp_path / "grading" / "zipped") == grades


@pytest.mark.parametrize("student", [None, "s123"])
def test_one_students_folder(tmp_path, student):
    folder = tmp_path / "alice"
    folder.mkdir()
    (folder / NOTEBOOK).write_bytes(notebook_bytes("correct"))
    extra = ("--student", student) if student else ()
    result = grade(ASSIGNMENT, folder, tmp_path / "out", *extra)
    grades = read_grades(tmp_path / "out")
    assert list(grades) == [student or "alice"] and float(grades[student or "alice"]["score"]) == 10
    assert "Graded 1 notebook(s) of 1 student(s)" in result.stdout


def _layout_mistake(root: Path) -> Path:
    """Every student handed in the norms notebook: graded as dot_product, a layout mistake."""
    for student in ("alice", "bob", "carol"):
        (root / student).mkdir(parents=True)
        (root / student / "norms.ipynb").write_bytes(notebook_bytes("correct", "norms"))
    return root


def _unreadable(root: Path) -> Path:
    for student in ("alice", "bob"):
        (root / student).mkdir(parents=True)
        (root / student / NOTEBOOK).write_text("<html>Canvas error page</html>")
    return root


@pytest.mark.parametrize("make, message", [
    (lambda root: root.mkdir() or root, "holds no student folder and no notebook"),
    (_layout_mistake, "all 3 students failed intake the same way, likely a layout mistake"),
    (_unreadable, "no notebook could be graded"),
])
def test_nothing_to_grade_exits_4_and_writes_nothing(tmp_path, make, message):
    submissions = make(tmp_path / "submissions")
    out = tmp_path / "grading" / "out"
    result = run_grader("grade", ASSIGNMENT, str(submissions), "--out", str(out), "--no-progress")
    assert result.returncode == 4, result.stdout + result.stderr
    assert message in result.stderr and "nothing was written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists() and list((tmp_path / "grading").glob("*")) == []  # no staging left either


def test_a_failed_run_leaves_the_last_outputs_as_they_were(tmp_path):
    submissions = tmp_path / "submissions"
    (submissions / "alice").mkdir(parents=True)
    (submissions / "alice" / NOTEBOOK).write_bytes(notebook_bytes("correct"))
    out = tmp_path / "grading" / "out"
    grade(ASSIGNMENT, submissions, out)
    before = tree(tmp_path / "grading")
    (submissions / "alice" / NOTEBOOK).write_bytes(notebook_bytes("blank"))  # a regrade that fails:

    no_bwrap = {"PATH": str(Path(sys.executable).parent)}  # bubblewrap is not installed
    result = run_grader("grade", ASSIGNMENT, str(submissions), "--out", str(out), "--no-progress", env=no_bwrap)
    assert result.returncode == 1 and "bubblewrap (bwrap) is not installed" in result.stderr
    assert "make grader" in result.stderr and "Traceback" not in result.stderr
    assert tree(tmp_path / "grading") == before

    bad_db = run_grader("grade", ASSIGNMENT, str(submissions), "--out", str(out), "--no-progress",
                        "--db-url", "nosuchdb://x")  # fails once grading has started
    assert bad_db.returncode == 2 and "gradebook" in bad_db.stderr
    assert tree(tmp_path / "grading") == before and sorted(os.listdir(tmp_path / "grading")) == ["out"]


def test_without_bubblewrap_nothing_is_created(tmp_path):
    (tmp_path / "submissions" / "alice").mkdir(parents=True)
    (tmp_path / "submissions" / "alice" / NOTEBOOK).write_bytes(notebook_bytes("correct"))
    result = run_grader("grade", ASSIGNMENT, str(tmp_path / "submissions"), "--out", str(tmp_path / "out"),
                        env={"PATH": str(Path(sys.executable).parent)})
    assert result.returncode == 1 and not (tmp_path / "out").exists()
