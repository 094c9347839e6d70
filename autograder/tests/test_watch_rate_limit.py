"""The per-hour limit, through nbgrader's real exchange: with 2 graded per hour, a third submission
is kept and the student's fetch_feedback brings a page saying when it will be graded; a fourth
submitted meanwhile supersedes it; an hour later (the watcher's clock moved on, the only thing
simulated here) the latest is graded and its page replaced by the grade."""
from __future__ import annotations

import html
import re
import time

import pytest

from autograder.gradebook import CourseGradebook
from autograder.grader_pool import GraderPool
from autograder.testing.exchange_course import COURSE_ID, ExchangeCourse
from autograder.testing.platform_layouts import ASSIGNMENT, formgrader_view, notebook_bytes
from autograder.watch.exchange import open_course
from autograder.watch.loop import Watcher
from autograder.watch.notices import clock
from autograder.watch.state import State

pytestmark = pytest.mark.slow
PER_HOUR = 2


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_over_the_limit_a_submission_waits_and_the_student_is_told_until_when(tmp_path):
    course = ExchangeCourse(tmp_path)
    course.release(ASSIGNMENT)
    carol = course.student("carol")
    carol.fetch(ASSIGNMENT)
    out, now, said = course.grading, Clock(), []
    gradebook = CourseGradebook(f"sqlite:///{out / 'gradebook.db'}", ASSIGNMENT)
    state = State(out / ".watch" / "state.sqlite3")
    with GraderPool([ASSIGNMENT], out, workers=1) as pool:
        pool.start()
        watcher = Watcher(open_course(course.exchange, COURSE_ID), [ASSIGNMENT], out, pool,
                          {ASSIGNMENT: gradebook}, state, per_hour=PER_HOUR, clock=now,
                          say=lambda line, flush: said.append(line))
        graded = []
        for kind in ("blank", "off_by_one_loop"):
            graded.append(carol.submit(ASSIGNMENT, notebook_bytes(kind)))
            assert watcher.run_once()["graded"] == len(graded)
            now.now += 60
        first_counted = state.get(next(r.name for r in state.of_student("carol", ASSIGNMENT))).counted_at
        scores = {stamp: score for stamp, score in ((r.timestamp, r.score) for r in state.of_student("carol", ASSIGNMENT))}

        third = carol.submit(ASSIGNMENT, notebook_bytes("no_length_check"))
        assert watcher.run_once()["deferred"] == 1
        page = text_of(carol.fetch_feedback(ASSIGNMENT)[third])
        assert "waiting to be graded" in page and f"graded at about {clock(first_counted + 3600)}" in page
        assert f"You have had {PER_HOUR} submissions of {ASSIGNMENT} graded in the last hour" in page
        assert formgrader_view(out)["submissions"]["carol"]["score"] == scores[graded[-1]]  # not graded yet

        fourth = carol.submit(ASSIGNMENT, notebook_bytes("correct"))  # before the hour is over
        tally = watcher.run_once()
        assert tally["superseded"] == 1 and tally["graded"] == 2
        pages = carol.fetch_feedback(ASSIGNMENT)
        assert "not graded, you submitted again" in pages[third] and "waiting to be graded" in pages[fourth]

        now.now = first_counted + 3600 + 1  # the first graded submission leaves the hour
        assert watcher.run_once()["graded"] == 3
        pages = carol.fetch_feedback(ASSIGNMENT)
        assert re.search(r"<h1>dot_product: 10 / 10 points</h1>", pages[fourth])
        assert [row.status for row in state.of_student("carol", ASSIGNMENT)] == ["graded", "graded", "superseded", "graded"]
    gradebook.close()
    state.close()
    assert formgrader_view(out)["submissions"]["carol"]["score"] == 10
    assert any(line.startswith("deferred: carol dot_product") for line in said)
