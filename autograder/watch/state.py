"""What `watch` has done with each submission, kept in SQLite in OUT so it survives a restart.

One row per inbound folder (its name is unique per `nbgrader submit`), with its status:

    waiting     seen and copied, to be graded
    deferred    over the per-hour limit: to be graded at `not_before` (the student was told)
    grading     handed to a worker (`counted_at`: when, for the per-hour limit)
    graded      graded, recorded in the gradebook, feedback released: never graded again
    superseded  a later submission of the same student and assignment is graded instead
    failed      the grader failed on it MAX_ATTEMPTS times (the student was told)

A row left `grading` by a watch that stopped is graded again at the next start: nothing of it
was recorded or released. A resubmission is a new folder, so a new row, graded again.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

OPEN = ("waiting", "deferred")
STATE_FOLDER = ".watch"  # in OUT: what was processed (state.sqlite3) and the submissions' copies
SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    name TEXT PRIMARY KEY,
    student_id TEXT NOT NULL,
    assignment TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    secret TEXT NOT NULL,
    notebooks TEXT NOT NULL,
    copy TEXT NOT NULL,
    status TEXT NOT NULL,
    seen_at REAL NOT NULL,
    counted_at REAL,
    not_before REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    finished_at REAL,
    score REAL,
    max_score REAL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS by_student ON submissions (student_id, assignment, status);
"""


@dataclass(frozen=True)
class Row:
    name: str
    student_id: str
    assignment: str
    timestamp: str
    secret: str
    notebooks: tuple[str, ...]  # the submission's notebooks (each gets the feedback page)
    copy: str  # the private copy that is graded
    status: str
    seen_at: float
    counted_at: float | None
    not_before: float | None
    attempts: int
    finished_at: float | None
    score: float | None
    max_score: float | None
    note: str | None

    @property
    def key(self) -> tuple[str, str]:
        return self.student_id, self.assignment


class State:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)  # each statement commits
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.db.row_factory = lambda cursor, values: _row(values)

    def names(self) -> set[str]:
        return {row.name for row in self.db.execute("SELECT * FROM submissions")}

    def add(self, name: str, student_id: str, assignment: str, timestamp: str, secret: str,
            notebooks: list[str], copy: Path, now: float) -> None:
        self.db.execute("INSERT INTO submissions (name, student_id, assignment, timestamp, secret, notebooks, "
                        "copy, status, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?)",
                        (name, student_id, assignment, timestamp, secret, "\n".join(notebooks), str(copy), now))

    def get(self, name: str) -> Row:
        return self.db.execute("SELECT * FROM submissions WHERE name = ?", (name,)).fetchone()

    def with_status(self, *statuses: str) -> list[Row]:
        marks = ", ".join("?" * len(statuses))
        return list(self.db.execute(f"SELECT * FROM submissions WHERE status IN ({marks}) "
                                    "ORDER BY timestamp, name", statuses))

    def of_student(self, student_id: str, assignment: str) -> list[Row]:
        return list(self.db.execute("SELECT * FROM submissions WHERE student_id = ? AND assignment = ? "
                                    "ORDER BY timestamp, name", (student_id, assignment)))

    def counted_since(self, student_id: str, assignment: str, since: float) -> list[float]:
        """When this student's submissions of this assignment were handed to the grader, since then."""
        return [row.counted_at for row in self.db.execute(
            "SELECT * FROM submissions WHERE student_id = ? AND assignment = ? AND counted_at > ?",
            (student_id, assignment, since))]

    def update(self, name: str, **values) -> None:
        columns = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(f"UPDATE submissions SET {columns} WHERE name = ?", (*values.values(), name))

    def resume(self) -> int:
        """Rows a stopped watch left `grading` go back to `waiting`; returns how many."""
        return self.db.execute("UPDATE submissions SET status = 'waiting', counted_at = NULL "
                               "WHERE status = 'grading'").rowcount

    def close(self) -> None:
        self.db.close()


def _row(values) -> Row:
    values = list(values)
    values[5] = tuple(filter(None, values[5].split("\n")))
    return Row(*values)
