"""The pages a student fetches instead of feedback while a submission is not graded (yet).

Each is released where that submission's feedback goes, so the student's `nbgrader fetch_feedback`
or the Assignments tab finds it, and the real feedback replaces it once the submission is graded.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone

from autograder.feedback import STYLE


def deferred(assignment: str, student_id: str, submitted: str, graded_in_window: int, per_hour: int,
             at: float, now: float) -> str:
    minutes = max(1, round((at - now) / 60))
    assignment, submitted = html.escape(assignment), html.escape(submitted)
    return _page(f"{assignment}: waiting to be graded", student_id, [
        f"Your submission of {submitted} is kept and will be graded at about <strong>{clock(at)}</strong> "
        f"(in about {minutes} minute(s) from {clock(now)}).",
        f"You have had {graded_in_window} submissions of {assignment} graded in the last hour, and the "
        f"course grades at most {per_hour} per hour, so that the hidden tests cannot be found out by "
        "trial and error. Meanwhile, the tests in the notebook and its last cell tell you what to fix.",
        "Fetch feedback again after that time: this page is then replaced by your grade. If you submit "
        "again before then, only your latest submission is graded.",
    ])


def superseded(assignment: str, student_id: str, submitted: str, later: str) -> str:
    assignment, submitted, later = html.escape(assignment), html.escape(submitted), html.escape(later)
    return _page(f"{assignment}: not graded, you submitted again", student_id, [
        f"Your submission of {submitted} was not graded: you submitted {assignment} again at {later}, "
        "and only the latest submission is graded. Its feedback is under that submission.",
    ])


def failed(assignment: str, student_id: str, submitted: str) -> str:
    assignment, submitted = html.escape(assignment), html.escape(submitted)
    return _page(f"{assignment}: could not be graded automatically", student_id, [
        f"Your submission of {submitted} is kept, but the grader itself failed on it (not because of "
        "your work). Your instructor has been told and will grade it.",
    ])


def _page(title: str, student_id: str, paragraphs: list[str]) -> str:
    """`title` and `paragraphs` are HTML already (their values escaped)."""
    e = html.escape
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title>", f"<style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>", f"<p>Student: <strong>{e(student_id)}</strong></p>",
        *(f"<p>{paragraph}</p>" for paragraph in paragraphs),
        "</body></html>"])


def clock(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
