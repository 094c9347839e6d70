"""The notebook formgrader opens for manual review: <autograded>/<student>/<assignment>/<assignment>.ipynb.

It is the student's notebook with outputs cleared, the test cells put back as released (visible
tests only, never the hidden ones) and each test cell's output set to the grader's plain-words
report for that function. Formgrader (with NBGRADER_GRADING_DIR=OUT, or the course's own folders
after `grade --course`) shows these next to the scores and accepts overrides.
"""
from __future__ import annotations

import json
from pathlib import Path

from autograder.grading import SubmissionResult
from autograder.intake import StudentFolder
from autograder import settings
from autograder.course import REPO, grade_cell_id, grade_id, is_test_cell, released_notebook
from autograder.wording import number


def write_autograded(path: Path, student: StudentFolder, result: SubmissionResult, repo: Path = REPO) -> None:
    released = json.loads(released_notebook(result.assignment, repo).read_text(encoding="utf-8"))
    notebook = _student_notebook(student) or released
    tests = {grade_id(cell): cell for cell in released["cells"] if is_test_cell(cell)}
    reports = {grade_cell_id(f.name): _report(f) for f in result.functions}
    cells, placed = [], set()
    for cell in notebook["cells"]:
        cell_id = grade_id(cell)
        if cell_id in tests:
            if cell_id in placed:
                continue  # a duplicated test cell
            cell = tests[cell_id]
            placed.add(cell_id)
        cells.append(_with_output(cell, reports.get(cell_id)))
    for cell_id, cell in tests.items():  # deleted by the student: put back at the end
        if cell_id not in placed:
            cells.append(_with_output(cell, reports.get(cell_id)))
    path.parent.mkdir(parents=True, exist_ok=True)
    output = {**released, "cells": cells}
    path.write_text(json.dumps(output, indent=1), encoding="utf-8")


def _student_notebook(student: StudentFolder) -> dict | None:
    if student.notebook is None:
        return None
    try:
        notebook = json.loads(student.notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return None
    if not all(isinstance(cell, dict) and cell.get("cell_type") in ("code", "markdown", "raw")
               for cell in notebook["cells"]):
        return None
    return notebook


def _with_output(cell: dict, report: str | None) -> dict:
    cell = {key: value for key, value in cell.items() if key not in ("outputs", "execution_count")}
    if cell.get("cell_type") == "code":
        cell["execution_count"] = None
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": report}] if report else []
    return cell


def _report(function) -> str:
    lines = [f"{function.name}: {number(function.score)} / {number(function.points)} points "
             "(hardened grader)"]
    lines += [f"  {problem}" for problem in function.problems]
    for group in function.groups:
        lines.append(f"  {group.group:<8} {'passed' if group.passed else 'FAILED'}")
        lines += [f"    - {failure}" for failure in group.failures[:settings.REPORTS.failures_shown]]
    return "\n".join(lines) + "\n"
