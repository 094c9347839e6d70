"""The submissions waiting in the exchange's inbound folder, and a private copy of each.

`nbgrader submit` copies the student's assignment folder to `inbound/{student}+{assignment}+
{timestamp}+{random}/`, then writes `timestamp.txt` and, last, `submission_secret.txt`: a folder
without its secret is still being written and is left for the next look. The folder belongs to the
student (nbgrader makes it world-writable so the instructor can delete it), so what is graded is a
copy taken once, when it is complete: regular files only (no links), up to a size budget. Editing
the folder afterwards changes nothing.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from autograder import settings
from autograder.intake import valid_student_id

# nbgrader's own pattern for inbound folders (exchange/default/list.py).
NAME = re.compile(r"(?P<student_id>[^+]*)\+(?P<assignment>[^+]*)\+(?P<timestamp>[^+]*)(?P<random>\+.*)?")
SECRET_FILE = "submission_secret.txt"


@dataclass(frozen=True)
class Submission:
    name: str  # the inbound folder's name: unique per `nbgrader submit`
    student_id: str
    assignment: str
    timestamp: str  # nbgrader's, as in the name ("2026-12-01 09:30:00.000000 UTC")
    path: Path


def parse(path: Path) -> Submission | None:
    """The submission an inbound folder's name describes, or None if it is not one."""
    match = NAME.fullmatch(path.name)
    if match is None:
        return None
    return Submission(path.name, match["student_id"], match["assignment"], match["timestamp"], path)


def problem_with(submission: Submission) -> str | None:
    """Why a submission cannot be graded at all (a student id or timestamp nbgrader would refuse)."""
    from nbgrader.utils import parse_utc

    problem = valid_student_id(submission.student_id)
    if problem:
        return f"{submission.student_id!r} cannot be a student id: {problem}"
    try:
        parse_utc(submission.timestamp)
    except (ValueError, OverflowError):
        return f"{submission.timestamp!r} is not nbgrader's timestamp"
    return None


def scan(inbound: Path, assignments: set[str]) -> list[Submission]:
    """The submissions of these assignments in the inbound folder, oldest first."""
    found = []
    with os.scandir(inbound) as entries:
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                continue
            submission = parse(Path(entry.path))
            if submission is not None and submission.assignment in assignments:
                found.append(submission)
    return sorted(found, key=lambda s: (s.timestamp, s.name))


def read_secret(folder: Path) -> str | None:
    """The submission's secret exactly as nbgrader reads it (feedback is keyed on it), or None
    while it is not written yet. A link or an oversized file is no secret."""
    text = _read_regular(folder / SECRET_FILE, settings.INTAKE.exchange_file_bytes)
    if text is None:
        return None
    secret = text.decode("utf-8", errors="replace")
    return secret if secret.strip() else None


def copy_submission(source: Path, target: Path, budget: int) -> list[str]:
    """Copy the regular files of a submission folder (no links, devices or pipes; folders that
    are links are not entered) until `budget` bytes; returns what was left out."""
    left_out, total = [], 0
    for root, folders, names in os.walk(source):
        folders[:] = sorted(d for d in folders if not os.path.islink(os.path.join(root, d)))
        relative = Path(root).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            data = _read_regular(Path(root) / name, budget - total)
            if data is None:
                left_out.append(str(relative / name))
                continue
            total += len(data)
            (target / relative / name).write_bytes(data)
    return left_out


def owner_name(path: Path) -> str | None:
    try:
        return user_name(os.lstat(path).st_uid)
    except OSError:
        return None


def user_name(uid: int) -> str | None:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _read_regular(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes if it has at most `limit` of them; None otherwise."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None
