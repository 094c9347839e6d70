"""Grading on submit through nbgrader's real exchange: the instructor releases, students fetch and
`nbgrader submit` with their own HOME, `python -m autograder watch --once` grades, and each
student's own `nbgrader fetch_feedback` brings back the grade. Run again, watch grades nothing
twice (its state is in OUT); a resubmission is graded again and its feedback is fetched beside the
first."""
from __future__ import annotations

import csv
import html
import re

import pytest

from autograder.testing.exchange_course import ExchangeCourse, run_in_parallel
from autograder.testing.platform_layouts import ASSIGNMENT, formgrader_view, nbgrader, notebook_bytes

pytestmark = pytest.mark.slow


def score_on(page: str) -> float:
    match = re.search(r"<h1>[^<]*: ([\d.]+) / 10 points</h1>", page)
    assert match, page[:500]
    return float(match.group(1))


def test_submit_then_fetch_feedback_shows_the_grade(tmp_path):
    course = ExchangeCourse(tmp_path)
    course.release(ASSIGNMENT)
    alice, bob = course.student("alice"), course.student("bob")
    for student in (alice, bob):
        student.fetch(ASSIGNMENT)
    run_in_parallel((alice, ASSIGNMENT, notebook_bytes("correct")), (bob, ASSIGNMENT, notebook_bytes("no_length_check")))
    (alice_time,), (bob_time,) = alice.submissions(ASSIGNMENT), bob.submissions(ASSIGNMENT)
    assert "(no feedback available)" in alice.listed(ASSIGNMENT)

    first = course.watch(ASSIGNMENT)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "watch: graded 2, waiting for the per-hour limit 0, superseded 0, failed 0" in first.stdout

    assert "(feedback ready to be fetched)" in alice.listed(ASSIGNMENT)
    alice_pages = alice.fetch_feedback(ASSIGNMENT)
    assert list(alice_pages) == [alice_time] and score_on(alice_pages[alice_time]) == 10
    bob_page = bob.fetch_feedback(ASSIGNMENT)[bob_time]
    bob_score = score_on(bob_page)
    assert 0 < bob_score < 10
    assert "length" in html.unescape(bob_page)  # why not full marks, in the grader's words
    assert "(feedback already fetched)" in alice.listed(ASSIGNMENT)

    # The gradebook, as formgrader shows it, and the course's feedback folder agree with the student.
    view = formgrader_view(course.grading)
    assert view["num_submissions"] == 2
    assert {s: v["score"] for s, v in view["submissions"].items()} == {"alice": 10, "bob": bob_score}
    kept = course.grading / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert kept.read_text(encoding="utf-8") == bob_page
    assert (kept.parent / "timestamp.txt").read_text() == bob_time

    released = sorted((course.exchange / "linear-algebra-for-ai" / "feedback").iterdir())
    stamps = {path: path.stat().st_mtime_ns for path in released}
    again = course.watch(ASSIGNMENT)  # a new watch process: nothing graded twice
    assert again.returncode == 0 and "watch: graded 0," in again.stdout, again.stdout + again.stderr
    assert {path: path.stat().st_mtime_ns for path in released} == stamps

    bob_again = bob.submit(ASSIGNMENT, notebook_bytes("correct"))  # a resubmission is graded again
    third = course.watch(ASSIGNMENT)
    assert "watch: graded 1," in third.stdout, third.stdout + third.stderr
    pages = bob.fetch_feedback(ASSIGNMENT)
    assert sorted(pages) == sorted([bob_time, bob_again])
    assert score_on(pages[bob_time]) == bob_score and score_on(pages[bob_again]) == 10
    assert formgrader_view(course.grading)["submissions"]["bob"]["score"] == 10

    # The instructor's own nbgrader commands work on watch's OUT: export agrees.
    nbgrader(course.grading, "export", "--to", str(tmp_path / "grades.csv"))
    with open(tmp_path / "grades.csv", newline="", encoding="utf-8") as handle:
        exported = {row["student_id"]: (float(row["score"]), row["timestamp"]) for row in csv.DictReader(handle)}
    assert exported["alice"][0] == 10 and exported["bob"][0] == 10
    assert exported["bob"][1].startswith(bob_again.split(".")[0])  # the latest submission's time
