"""At most N graded submissions per student and assignment in any hour.

Hidden tests use fixed inputs chosen at grading time; a student allowed to submit without end could
learn them by trial and error. Each submission handed to the grader counts from that moment; over
the limit, a submission waits (it is kept, the student is told until when) and is graded as soon as
the oldest counted one is an hour old.
"""
from __future__ import annotations


def next_slot(counted: list[float], now: float, per_hour: int, window: float) -> float | None:
    """None if one more submission may be graded now (or there is no limit: `per_hour` 0), else
    the time from which it may: when enough of the `counted` times have left the window."""
    if per_hour <= 0:
        return None
    recent = sorted(t for t in counted if t > now - window)
    if len(recent) < per_hour:
        return None
    return recent[len(recent) - per_hour] + window
