"""Bad input to `python -m autograder watch` gets one line on stderr and exit code 2, before any
worker starts and without writing anything: a missing exchange root, an unknown course, an unknown
assignment, bad options."""
from __future__ import annotations

import pytest

from autograder.testing.grader_cli import run_grader

COURSE = "linear-algebra-for-ai"


@pytest.fixture
def exchange(tmp_path):
    """An exchange as `nbgrader release_assignment` leaves it: {root}/{course}/inbound and outbound."""
    for folder in ("inbound", "outbound/dot_product"):
        (tmp_path / "exchange" / COURSE / folder).mkdir(parents=True)
    return tmp_path / "exchange"


@pytest.mark.parametrize("arguments, message", [
    (["dot_product", "--exchange-root", "{tmp}/nowhere", "--course-id", COURSE],
     "the exchange root {tmp}/nowhere does not exist"),
    (["dot_product", "--exchange-root", "{exchange}", "--course-id", "algebra-101"],
     f"has no course 'algebra-101' (known: {COURSE};"),
    (["dot_product", "--exchange-root", "{exchange}", "--course-id", "../.."], "'../..' cannot be a course id"),
    (["no_such_assignment", "--exchange-root", "{exchange}", "--course-id", COURSE],
     "unknown assignment 'no_such_assignment'; known: dot_product"),
    (["dot_product", "dot_product", "--exchange-root", "{exchange}", "--course-id", COURSE], "given twice"),
    (["dot_product", "--exchange-root", "{exchange}", "--course-id", COURSE, "--workers", "0"],
     "--workers must be at least 1"),
    (["dot_product", "--exchange-root", "{exchange}", "--course-id", COURSE, "--per-hour", "-1"],
     "--per-hour must be at least 0"),
    (["dot_product", "--exchange-root", "{exchange}", "--course-id", COURSE, "--poll-seconds", "0"],
     "--poll-seconds must be more than 0"),
])
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, exchange, arguments, message):
    fill = {"tmp": tmp_path, "exchange": exchange}
    out = tmp_path / "out"
    done = run_grader("watch", *(a.format(**fill) for a in arguments), "--out", str(out), "--once", timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message.format(**fill) in lines[0], lines
    assert not out.exists()


def test_a_course_without_inbound_folder_is_bad_input(tmp_path):
    (tmp_path / "exchange" / COURSE).mkdir(parents=True)
    done = run_grader("watch", "dot_product", "--exchange-root", str(tmp_path / "exchange"), "--course-id", COURSE,
                      "--out", str(tmp_path / "out"), "--once", timeout=120)
    assert done.returncode == 2 and "inbound does not exist: release an assignment" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
