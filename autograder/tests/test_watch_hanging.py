"""One slow or hanging submission never holds up the others: a notebook whose last cell loops
forever is submitted first, two honest ones after it; with two workers, the honest students' feedback
is on the exchange while the hanging one is still being graded (the sandbox stops its cell after
Limits.cell_seconds, and it then gets its own feedback, saying so)."""
from __future__ import annotations

import html
import json
import subprocess
import sys
import time

import pytest

from autograder.testing.exchange_course import ExchangeCourse, run_in_parallel
from autograder.testing.grader_cli import REPO
from autograder.testing.platform_layouts import ASSIGNMENT, notebook_bytes
from autograder.testing.submission_builder import build_submission

pytestmark = pytest.mark.slow
WAIT_SECONDS = 300


def hanging_notebook() -> bytes:
    return json.dumps(build_submission(ASSIGNMENT, {}, extra_cells=("while True:\n    pass",))).encode()


def test_a_hanging_submission_does_not_block_the_others(tmp_path):
    course = ExchangeCourse(tmp_path)
    course.release(ASSIGNMENT)
    hang, alice, bob = (course.student(name) for name in ("hang", "alice", "bob"))
    for student in (hang, alice, bob):
        student.fetch(ASSIGNMENT)
    hang.submit(ASSIGNMENT, hanging_notebook())  # first in, so first handed to a worker
    run_in_parallel((alice, ASSIGNMENT, notebook_bytes("correct")), (bob, ASSIGNMENT, notebook_bytes("off_by_one_loop")))
    pages = {student.name: student.feedback_on_exchange(ASSIGNMENT, next(iter(student.submissions(ASSIGNMENT))))
             for student in (hang, alice, bob)}

    watch = subprocess.Popen([sys.executable, "-m", "autograder", "watch", ASSIGNMENT, *course.watch_options(),
                              "--once", "--workers", "2"], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not (pages["alice"].exists() and pages["bob"].exists()):
            assert watch.poll() is None, "watch ended before the honest feedback was released"
            assert time.monotonic() < deadline, "no honest feedback"
            time.sleep(0.05)
        # the honest students can fetch their feedback now, while the hanging notebook still runs
        assert watch.poll() is None and not pages["hang"].exists()
        stdout, stderr = watch.communicate(timeout=WAIT_SECONDS)
    finally:
        watch.kill()
    assert watch.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr
    assert "watch: graded 3," in stdout
    hung = html.unescape(pages["hang"].read_text(encoding="utf-8"))
    assert "while True:" in hung and "was stopped: took longer than" in hung
    assert "10 / 10 points" in pages["alice"].read_text(encoding="utf-8")
    assert hang.fetch_feedback(ASSIGNMENT)  # the student's own fetch finds it
