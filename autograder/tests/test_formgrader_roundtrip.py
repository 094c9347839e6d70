"""The gradebook is the source of truth, through nbgrader's own API and commands:

- after `grade --out OUT`, formgrader (NbGraderAPI, with NBGRADER_GRADING_DIR=OUT) counts exactly the
  graded submissions, shows them autograded with their scores and lists them for manual grading;
- a score set in formgrader (Grade.manual_score, what its /formgrader/api/grade handler writes)
  survives grading again, which says how many it kept, and reaches grades.csv, the feedback, the
  Canvas CSV of `export --db-url` and stock `nbgrader export`;
- on a course run through nbgrader's exchange (release, fetch, submit, collect), `grade --course`
  grades into the course's folders, and `nbgrader release_feedback` / `fetch_feedback` deliver
  the grader's feedback to the student.
"""
from __future__ import annotations

import csv
import html
import shutil
from pathlib import Path

import pytest

from autograder.course import REPO
from autograder.testing.grader_cli import feedback_page, grade, read_grades, run_grader
from autograder.testing.platform_layouts import (ASSIGNMENT, course_environment, formgrader_view, nbgrader,
                                               notebook_bytes)

pytestmark = pytest.mark.slow
COURSE_ID = "linear-algebra-for-ai"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def set_manual_score(db_url: str, student: str, function: str, score: float) -> None:
    """What formgrader's grade handler does when the instructor types a score: Grade.manual_score."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id=COURSE_ID) as gradebook:
        gradebook.find_grade(f"test_{function}", ASSIGNMENT, ASSIGNMENT, student).manual_score = score
        gradebook.db.commit()


def student_environment(home: Path) -> dict[str, str]:
    """A student's own account: their home (nbgrader keeps its record of their submissions there),
    no course configuration."""
    env = course_environment(home)
    del env["NBGRADER_GRADING_DIR"]
    return {**env, "HOME": str(home)}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_formgrader_counts_overrides_survive_and_reach_the_exports(tmp_path):
    submissions = tmp_path / "downloads"
    for student, kind in (("alice", "correct"), ("bob", "off_by_one_loop"), ("carol", "blank")):
        (submissions / student).mkdir(parents=True)
        (submissions / student / NOTEBOOK).write_bytes(notebook_bytes(kind))
    (submissions / "dave").mkdir()  # nothing handed in
    out = tmp_path / "grading" / ASSIGNMENT
    first = grade(ASSIGNMENT, submissions, out, expect=3)
    assert "Graded 3 notebook(s) of 4 student(s)" in first.stdout
    grades = read_grades(out)

    view = formgrader_view(out)
    assert view["num_submissions"] == 3  # Manage Assignments: the number graded
    assert view["submissions"] == {s: {"score": float(grades[s]["score"]), "autograded": True}
                                   for s in ("alice", "bob", "carol")}
    assert view["manual_grading"] == ["alice", "bob", "carol"]

    db_url = f"sqlite:///{out / 'gradebook.db'}"
    auto_dot = float(grades["bob"]["dot"])
    assert auto_dot < 4
    set_manual_score(db_url, "bob", "dot", 4)
    again = grade(ASSIGNMENT, submissions, out, expect=3)
    assert "Kept 1 manual score(s) set in formgrader for 1 student(s)" in again.stdout
    regraded = read_grades(out)
    final_bob = float(grades["bob"]["score"]) - auto_dot + 4
    assert float(regraded["bob"]["score"]) == pytest.approx(final_bob) and regraded["bob"]["dot"] == "4"
    assert "dot: 4 set in formgrader" in regraded["bob"]["notes"]
    page = html.unescape(feedback_page(out, "bob", ASSIGNMENT).read_text(encoding="utf-8"))
    assert f"{final_bob:g} / 10 points" in page
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id=COURSE_ID) as gradebook:
        kept = gradebook.find_grade("test_dot", ASSIGNMENT, ASSIGNMENT, "bob")
        assert kept.manual_score == 4 and kept.auto_score == auto_dot and kept.needs_manual_grade
        assert gradebook.find_submission(ASSIGNMENT, "bob").score == pytest.approx(final_bob)
    assert formgrader_view(out)["submissions"]["bob"]["score"] == pytest.approx(final_bob)

    canvas = tmp_path / "grading" / "canvas.csv"
    done = run_grader("export", "--format", "canvas", "--db-url", db_url, "--output", str(canvas))
    assert done.returncode == 0, done.stderr
    rows = {row["SIS User ID"]: row for row in read_csv(canvas)[1:]}
    assert float(rows["bob"][ASSIGNMENT]) == pytest.approx(final_bob)
    assert rows["alice"][ASSIGNMENT] == "10" and rows["dave"][ASSIGNMENT] == "0"

    nbgrader(out, "export", "--to", str(tmp_path / "grading" / "nbgrader.csv"))  # stock nbgrader agrees
    stock = {row["student_id"]: float(row["score"]) for row in read_csv(tmp_path / "grading" / "nbgrader.csv")}
    assert stock == {s: float(rows[s][ASSIGNMENT]) for s in ("alice", "bob", "carol", "dave")}


@pytest.mark.parametrize("args, message", [
    (["--assignment", ASSIGNMENT, "--assignment", ASSIGNMENT], "given twice"),
    (["--assignment", "no_such_assignment"], "has no assignment no_such_assignment"),
])
def test_gradebook_export_refuses_bad_requests(tmp_path, args, message):
    (tmp_path / "in" / "alice").mkdir(parents=True)
    (tmp_path / "in" / "alice" / NOTEBOOK).write_bytes(notebook_bytes("correct"))
    grade(ASSIGNMENT, tmp_path / "in", tmp_path / "out")
    result = run_grader("export", "--format", "canvas", "--db-url", f"sqlite:///{tmp_path / 'out' / 'gradebook.db'}",
                        *args, "--output", str(tmp_path / "canvas.csv"))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    missing = run_grader("export", "--format", "canvas", "--db-url", f"sqlite:///{tmp_path / 'nope.db'}",
                         "--output", str(tmp_path / "canvas.csv"))
    assert missing.returncode == 2 and "there is no gradebook" in missing.stderr
    assert not (tmp_path / "nope.db").exists() and not (tmp_path / "canvas.csv").exists()


def test_course_through_nbgraders_exchange(tmp_path):
    grading, exchange = tmp_path / "grading", tmp_path / "exchange"
    exchange.mkdir()
    on_exchange = [f"--Exchange.root={exchange}"]
    nbgrader(grading, "release_assignment", ASSIGNMENT, *on_exchange)
    work = {"alice": "correct", "bob": "no_length_check"}
    for student, kind in work.items():
        home = tmp_path / "students" / student
        home.mkdir(parents=True)
        as_student = ["--course", COURSE_ID, *on_exchange, f"--student={student}"]
        nbgrader(grading, "fetch_assignment", ASSIGNMENT, *as_student, cwd=home, env=student_environment(home))
        (home / ASSIGNMENT / NOTEBOOK).write_bytes(notebook_bytes(kind))
        nbgrader(grading, "submit", ASSIGNMENT, *as_student, cwd=home, env=student_environment(home))
    nbgrader(grading, "collect", ASSIGNMENT, *on_exchange)
    assert sorted(p.name for p in (grading / "submitted").iterdir()) == ["alice", "bob"]

    graded = run_grader("grade", ASSIGNMENT, "--course", "--no-progress", env=course_environment(grading))
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "[nbgrader's course layout]" in graded.stdout
    grades = read_grades(grading / "reports" / ASSIGNMENT)
    assert float(grades["alice"]["score"]) == 10 and 0 < float(grades["bob"]["score"]) < 10
    assert grades["alice"]["feedback"] == f"../../feedback/alice/{ASSIGNMENT}/{ASSIGNMENT}.html"
    assert not (REPO / "grading" / "reports" / ASSIGNMENT).exists()  # all of it in the course's grading folder
    view = formgrader_view(grading)
    assert view["num_submissions"] == 2 and all(s["autograded"] for s in view["submissions"].values())

    nbgrader(grading, "release_feedback", ASSIGNMENT, *on_exchange)
    home = tmp_path / "students" / "alice"
    nbgrader(grading, "fetch_feedback", ASSIGNMENT, "--course", COURSE_ID, *on_exchange, "--student=alice",
             cwd=home, env=student_environment(home))
    fetched = list((home / ASSIGNMENT / "feedback").rglob("*.html"))
    assert len(fetched) == 1
    assert fetched[0].read_text(encoding="utf-8") == \
        (grading / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "10 / 10 points" in fetched[0].read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "students")  # only the instructor's side goes on

    nbgrader(grading, "export", "--to", str(grading / "nbgrader.csv"))
    stock = {row["student_id"]: float(row["score"]) for row in read_csv(grading / "nbgrader.csv")}
    assert stock == {s: float(row["score"]) for s, row in grades.items()}
