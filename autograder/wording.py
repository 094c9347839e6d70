"""The grader's words for what it found, shared by everything that shows a result: the feedback
page (`feedback.py`), the notebook formgrader opens (`autograded.py`), Gradescope's results.json
(`gradescope/results.py`) and grades.csv's notes (`report.py`)."""
from __future__ import annotations

from autograder.specs.base import GroupResult

GROUP_TITLES = {"visible": "Worked examples from the notebook", "random": "Random inputs",
                "edge": "Edge cases", "errors": "Errors for bad input", "mutation": "Inputs left unchanged"}


def number(value: float) -> str:
    """7.5 -> "7.5", 10.0 -> "10" (stable text for CSV and Canvas)."""
    return f"{round(value, 2):g}"


def group_title(group: str) -> str:
    """A group of cases as students read it: "visible" -> "Worked examples from the notebook"."""
    return GROUP_TITLES.get(group, group)


def not_run_note(group: GroupResult) -> str | None:
    """Why some failed cases of a group have no message: they were never run."""
    if not group.not_run:
        return None
    return f"{group.not_run} case(s) not run: an earlier call of this function stopped the sandbox"
