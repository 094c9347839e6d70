"""One course on nbgrader's exchange, as `watch` reads and writes it.

nbgrader's default exchange (`nbgrader/exchange/default/`) keeps a course in `{root}/{course_id}/`:
`outbound/{assignment}/` is what `release_assignment` released, `inbound/{student}+{assignment}+
{timestamp}+{random}/` is one `nbgrader submit` (the notebooks, `timestamp.txt` and
`submission_secret.txt`), and `feedback/{hash}.html` is released feedback, where the hash is
nbgrader's own `notebook_hash(secret=..., notebook_id=...)` of the submission's secret and the
notebook's name. The student's `nbgrader fetch_feedback` (and the Assignments tab's list) computes
the same hash from the copy of the submission in their own cache, so a page released here is found
by the student who made that submission and nobody else (`feedback/` is not listable: 0711).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import autograder.gradebook  # noqa: F401 - loads nbgrader without its server extensions (2 s)
from nbgrader.utils import notebook_hash

FEEDBACK_FOLDER_MODE = 0o711  # as nbgrader's release_feedback makes it: students find, never list
FEEDBACK_FILE_MODE = 0o644


class ExchangeError(Exception):
    """The exchange or the course is not there or not usable (one line, for the command line)."""


@dataclass(frozen=True)
class CourseExchange:
    root: Path
    course_id: str

    @property
    def course(self) -> Path:
        return self.root / self.course_id

    @property
    def inbound(self) -> Path:
        return self.course / "inbound"

    @property
    def feedback(self) -> Path:
        return self.course / "feedback"

    def released(self, assignment: str) -> bool:
        return (self.course / "outbound" / assignment).is_dir()

    def feedback_file(self, secret: str, notebook_id: str) -> Path:
        """Where nbgrader's fetch_feedback looks for this notebook's feedback."""
        return self.feedback / f"{notebook_hash(secret=secret, notebook_id=notebook_id)}.html"

    def release(self, secret: str, notebook_id: str, page: str) -> Path:
        """Put one feedback page where the student's fetch_feedback finds it, whole or not at all
        (written beside it, then renamed over any earlier page, as release_feedback does)."""
        target = self.feedback_file(secret, notebook_id)
        if not self.feedback.is_dir():
            self.feedback.mkdir(mode=FEEDBACK_FOLDER_MODE, exist_ok=True)
            os.chmod(self.feedback, FEEDBACK_FOLDER_MODE)  # whatever the umask
        descriptor, temporary = tempfile.mkstemp(prefix=".", suffix="-tmp.html", dir=self.feedback)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(page)
            os.chmod(temporary, FEEDBACK_FILE_MODE)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return target


def open_course(root: Path, course_id: str) -> CourseExchange:
    """The course on the exchange, checked: ExchangeError says in one line what is missing."""
    if not course_id or "/" in course_id or course_id in (".", ".."):
        raise ExchangeError(f"{course_id!r} cannot be a course id")
    if not root.is_dir():
        raise ExchangeError(f"the exchange root {root} does not exist (nbgrader's Exchange.root, "
                            "e.g. /usr/local/share/nbgrader/exchange)")
    exchange = CourseExchange(root.resolve(), course_id)
    if not exchange.course.is_dir():
        known = sorted(p.name for p in root.iterdir() if (p / "inbound").is_dir())
        raise ExchangeError(f"the exchange {root} has no course {course_id!r} (known: "
                            f"{', '.join(known) or 'none'}; `nbgrader release_assignment` creates it)")
    if not exchange.inbound.is_dir():
        raise ExchangeError(f"{exchange.inbound} does not exist: release an assignment of {course_id} "
                            "first (`nbgrader release_assignment` creates it)")
    if not os.access(exchange.inbound, os.R_OK | os.X_OK):
        raise ExchangeError(f"cannot read {exchange.inbound}: run watch as the instructor who released "
                            "the course's assignments (or root)")
    if exchange.feedback.exists() and not os.access(exchange.feedback, os.W_OK | os.X_OK):
        raise ExchangeError(f"cannot write {exchange.feedback}: run watch as the instructor who "
                            "releases the course's feedback (or root)")
    if not exchange.feedback.exists() and not os.access(exchange.course, os.W_OK | os.X_OK):
        raise ExchangeError(f"cannot create {exchange.feedback}: run watch as the instructor who owns "
                            f"{exchange.course} (or root)")
    return exchange

