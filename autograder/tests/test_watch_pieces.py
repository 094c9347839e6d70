"""The pieces of `watch` on their own: the per-hour limit's arithmetic, reading the inbound folder
(names as nbgrader writes them, secrets, the private copy that keeps a student's links and special
files out), releasing a page, and the state that survives a restart."""
from __future__ import annotations

import os
import stat

import pytest

from autograder.watch import inbound
from autograder.watch.exchange import CourseExchange
from autograder.watch.rate_limit import next_slot
from autograder.watch.state import State

HOUR = 3600.0
STAMP = "2026-12-01 09:30:00.123456 UTC"


@pytest.mark.parametrize("counted, now, per_hour, expected", [
    ([], 1000.0, 2, None),
    ([10.0], 1000.0, 2, None),
    ([10.0, 20.0], 1000.0, 2, 10.0 + HOUR),  # the oldest of the hour must leave it
    ([10.0, 20.0, 30.0], 1000.0, 2, 20.0 + HOUR),  # one too many already (a lower limit now)
    ([10.0, 20.0], 10.0 + HOUR + 1, 2, None),  # an hour later: room again
    ([10.0, 20.0], 1000.0, 0, None),  # 0: no limit
])
def test_next_slot(counted, now, per_hour, expected):
    assert next_slot(counted, now, per_hour, HOUR) == expected


def test_inbound_names_as_nbgrader_submit_writes_them(tmp_path):
    # ExchangeSubmit: '{student}+{assignment}+{timestamp}+{random}' (random: urlsafe base64 of 9 bytes)
    folder = tmp_path / f"alice+dot_product+{STAMP}+zy780L7LBW-_"
    parsed = inbound.parse(folder)
    assert (parsed.student_id, parsed.assignment, parsed.timestamp) == ("alice", "dot_product", STAMP)
    assert inbound.problem_with(parsed) is None
    assert inbound.parse(tmp_path / "notes.txt") is None
    assert "is not nbgrader's timestamp" in inbound.problem_with(inbound.parse(tmp_path / "a+dot_product+soon+x"))
    assert "cannot be a student id" in inbound.problem_with(inbound.parse(tmp_path / f".hidden+dot_product+{STAMP}+x"))


def test_scan_lists_only_the_assignments_watched_oldest_first(tmp_path):
    for name in (f"bob+dot_product+{STAMP}+b", "alice+dot_product+2026-12-01 09:29:00.000000 UTC+a",
                 f"alice+norms+{STAMP}+c", "stray"):
        (tmp_path / name).mkdir()
    (tmp_path / f"carol+dot_product+{STAMP}+file").write_text("not a folder")
    assert [s.student_id for s in inbound.scan(tmp_path, {"dot_product"})] == ["alice", "bob"]


def test_the_secret_is_read_as_nbgrader_reads_it_and_never_through_a_link(tmp_path):
    assert inbound.read_secret(tmp_path) is None  # still being written
    (tmp_path / "submission_secret.txt").write_text("")
    assert inbound.read_secret(tmp_path) is None
    (tmp_path / "submission_secret.txt").write_text("ab12")
    assert inbound.read_secret(tmp_path) == "ab12"
    (tmp_path / "submission_secret.txt").unlink()
    (tmp_path / "elsewhere").write_text("cd34")
    (tmp_path / "submission_secret.txt").symlink_to(tmp_path / "elsewhere")
    assert inbound.read_secret(tmp_path) is None


def test_the_copy_takes_regular_files_only_within_the_budget(tmp_path):
    source, target = tmp_path / "submission", tmp_path / "copy"
    (source / "data").mkdir(parents=True)
    (source / "dot_product.ipynb").write_text("{}")
    (source / "data" / "points.csv").write_text("1,2\n")
    (source / "big.bin").write_bytes(b"x" * 200)
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "answer.txt").write_text("secret")
    (source / "answer.txt").symlink_to(tmp_path / "solutions" / "answer.txt")
    (source / "linked").symlink_to(tmp_path / "solutions")
    os.mkfifo(source / "pipe")
    left_out = inbound.copy_submission(source, target, budget=100)
    copied = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert copied == ["data/points.csv", "dot_product.ipynb"]
    assert sorted(left_out) == ["answer.txt", "big.bin", "pipe"]
    assert not any(p.is_symlink() for p in target.rglob("*"))


def test_a_released_page_replaces_the_last_one_and_is_readable_not_listable(tmp_path):
    exchange = CourseExchange(tmp_path, "course")
    (tmp_path / "course").mkdir()
    first = exchange.release("secret", "dot_product", "<p>waiting</p>")
    second = exchange.release("secret", "dot_product", "<p>10 / 10</p>")
    assert first == second and second.read_text() == "<p>10 / 10</p>"
    assert [p.name for p in exchange.feedback.iterdir()] == [second.name]  # nothing half-written left
    assert stat.S_IMODE(exchange.feedback.stat().st_mode) == 0o711
    assert stat.S_IMODE(second.stat().st_mode) == 0o644
    assert exchange.release("other secret", "dot_product", "x") != second


def test_the_state_survives_a_restart_and_resumes_what_was_in_flight(tmp_path):
    path = tmp_path / "state.sqlite3"
    state = State(path)
    state.add("a+dot_product+t1+x", "a", "dot_product", "t1", "s1", ["dot_product"], tmp_path / "c1", 5.0)
    state.add("a+dot_product+t2+y", "a", "dot_product", "t2", "s2", [], tmp_path / "c2", 6.0)
    state.update("a+dot_product+t1+x", status="graded", counted_at=5.0, score=10.0)
    state.update("a+dot_product+t2+y", status="grading", counted_at=6.0)
    state.close()
    again = State(path)
    assert again.names() == {"a+dot_product+t1+x", "a+dot_product+t2+y"}
    assert again.resume() == 1
    rows = again.of_student("a", "dot_product")
    assert [(r.status, r.counted_at, r.notebooks) for r in rows] == [("graded", 5.0, ("dot_product",)),
                                                                     ("waiting", None, ())]
    assert again.counted_since("a", "dot_product", 0.0) == [5.0]
    again.close()
