"""The worker pool `watch` and `serve` share: results come back as each finishes, so a hanging
notebook holds up nobody; a worker that overruns `task_seconds` (a fault of the grader, since the
sandbox stops notebooks first) is killed with its sandboxes and replaced, and grading goes on.
`serve` on the pool answers each folder as it is graded, with the notes that explain the score."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.grader_pool import GraderPool, Task
from autograder.testing.grader_cli import REPO
from autograder.testing.platform_layouts import ASSIGNMENT, notebook_bytes
from autograder.tests.test_watch_hanging import hanging_notebook

pytestmark = pytest.mark.slow


def student(root: Path, name: str, notebook: bytes) -> str:
    (root / name).mkdir(parents=True)
    (root / name / f"{ASSIGNMENT}.ipynb").write_bytes(notebook)
    return str(root / name)


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo.extend(children - found)
            found |= children
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def test_an_overrunning_worker_is_replaced_and_the_others_go_on(tmp_path):
    hanging = student(tmp_path / "in", "hang", hanging_notebook())
    honest = student(tmp_path / "in", "alice", notebook_bytes("correct"))
    with GraderPool([ASSIGNMENT], tmp_path / "out", workers=2, task_seconds=3) as pool:
        pool.start()
        pool.submit(Task("hang", ASSIGNMENT, hanging))
        pool.submit(Task("alice", ASSIGNMENT, honest))
        first = pool.wait(60)
        assert [done.task.key for done in first] == ["alice"] and first[0].result.score == 10
        hanging_worker = next(w for w in pool._workers if w.task is not None and w.task.key == "hang")
        sandboxes = descendants(hanging_worker.process.pid)
        assert sandboxes  # the worker's bubblewrap sandboxes, running the loop
        stopped = pool.wait(60)
        assert [done.task.key for done in stopped] == ["hang"] and stopped[0].result is None
        assert "grading took more than 3 s, so it was stopped" in stopped[0].failure
        gone_by = time.monotonic() + 10  # bubblewrap takes its pid namespace down as the worker dies
        while any(alive(pid) for pid in sandboxes) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not alive(hanging_worker.process.pid) and not any(alive(pid) for pid in sandboxes)
        pool.submit(Task("again", ASSIGNMENT, honest))  # the replacement worker grades
        again = []
        deadline = time.monotonic() + 120
        while not again and time.monotonic() < deadline:
            again = pool.wait(5)
        assert again and again[0].result.score == 10 and pool.busy == 0


def test_serve_answers_each_folder_as_it_is_graded_with_its_notes(tmp_path):
    hanging = student(tmp_path / "in", "hang", hanging_notebook())
    wrong = student(tmp_path / "in", "bob", notebook_bytes("no_length_check"))
    serve = subprocess.Popen([sys.executable, "-m", "autograder", "serve", ASSIGNMENT, "--out", str(tmp_path / "out"),
                              "--workers", "2", "--db-url", f"sqlite:///{tmp_path / 'gradebook.db'}"],
                             cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, AUTOGRADER_SEED="11"))
    assert json.loads(serve.stdout.readline())["event"] == "ready"
    serve.stdin.write(f"{hanging}\n{wrong}\n")
    serve.stdin.flush()
    first = json.loads(serve.stdout.readline())  # the wrong one, graded while the hanging one runs
    assert first["folder"] == wrong and 0 < first["score"] < 10
    assert "length" in first["notes"] and first["functions"]["dot"] < 4
    serve.stdin.close()
    second = json.loads(serve.stdout.readline())
    assert second["folder"] == hanging and second["score"] == 10
    assert "was stopped: took longer than" in second["notes"]
    assert serve.wait(timeout=60) == 0, serve.stderr.read()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}", course_id="linear-algebra-for-ai") as gradebook:
        assert gradebook.find_submission(ASSIGNMENT, "bob").score == first["score"]
