"""What a submission changed in the course's cells, in plain words (a note for the student and instructor).

The hardened grader never runs a submission's test cells (the tests come from the specs) nor the
cells students run to check their work (self-check, summary), so such a cell edited, deleted,
retyped or duplicated, or given other points or metadata, changes no grade; this note only says
that it happened, compared with the released notebook the student downloaded.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from autograder.course import REPO, cell_source, is_course_cell, nbgrader_metadata, normalized, released_notebook

NOTE_PREFIX = "test cells changed in the notebook (they are never run: the grader uses its own tests): "


@lru_cache(maxsize=None)
def _released_tests(assignment: str, repo: Path) -> dict[str, tuple[str, float | None]]:
    """grade_id -> (normalized source, points) of the released notebook's test and courtesy cells."""
    path = released_notebook(assignment, repo)
    tests = {}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if is_course_cell(cell):
            meta = nbgrader_metadata(cell)
            tests[meta["grade_id"]] = (_normalized(cell), meta.get("points"))
    return tests


def test_cell_changes(notebook: Path, assignment: str, repo: Path = REPO) -> list[str]:
    """One note listing the changed test cells, or no note (also for a notebook it cannot read:
    the grader reports that itself)."""
    try:
        cells = json.loads(notebook.read_bytes().decode("utf-8"))["cells"]
        cells = [cell for cell in cells if isinstance(cell, dict)]
    except (OSError, ValueError, UnicodeDecodeError, TypeError, KeyError):
        return []
    released = _released_tests(assignment, repo)
    changes = []
    for grade_id, (source, points) in released.items():
        copies = [cell for cell in cells if nbgrader_metadata(cell).get("grade_id") == grade_id]
        if not copies:
            kept = any(_normalized(cell) == source for cell in cells)
            changes.append(f"{grade_id} lost its nbgrader metadata" if kept else f"{grade_id} deleted")
            continue
        if len(copies) > 1:
            changes.append(f"{grade_id} duplicated ({len(copies)} copies)")
        cell = copies[0]
        meta = nbgrader_metadata(cell)
        if cell.get("cell_type") != "code":
            changes.append(f"{grade_id} changed into a {str(cell.get('cell_type'))[:20]} cell")
        elif _normalized(cell) != source:
            changes.append(f"{grade_id} edited")
        if meta.get("points") != points:
            changes.append(f"{grade_id} points changed to {str(meta.get('points'))[:20]}")
        if points is not None and (not meta.get("grade") or meta.get("solution")):
            changes.append(f"{grade_id} no longer marked as a test")
        elif points is None and (meta.get("grade") or meta.get("solution") or not meta.get("locked")):
            changes.append(f"{grade_id} no longer marked as a locked cell of the course")
    return [NOTE_PREFIX + "; ".join(changes)] if changes else []


def _normalized(cell: dict) -> str:
    return normalized(cell_source(cell))
