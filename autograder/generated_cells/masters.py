"""The cells of the master notebooks (solutions/) that are written from the specs, never by hand.

Each generated cell is known by its cell id and placed after a given cell the first time; later runs
replace its source (and metadata) in place. `differences` lists what `write` would change: a test
fails on any, so a rule stated in a notebook is the rule the grader enforces.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.generated_cells.rule_text import rule_text
from autograder.generated_cells.self_check import SUMMARY_SOURCE, rule_cell_source, self_check_source
from autograder.course import (BEFORE_YOU_SUBMIT, REPO, SELF_CHECK, grade_cell_id, master_notebook,
                               rule_cell_id)
from autograder.specs import load_spec

COMMAND = "python scripts/write_generated_cells.py"


@dataclass(frozen=True)
class Generated:
    cell_id: str
    cell_type: str  # "markdown" or "code"
    source: str
    after: str  # the id of the cell it follows when it is first inserted
    metadata: dict = field(default_factory=dict)


def generated_cells(assignment: str) -> list[Generated]:
    spec = load_spec(assignment)
    cells = [Generated("rules-shortcuts", "markdown", rule_text(spec), after="rules"),
             Generated(SELF_CHECK, "code", self_check_source(spec), after="setup",
                       # collapsed in JupyterLab and in the book (a click shows it)
                       metadata={**_nbgrader(SELF_CHECK), "jupyter": {"source_hidden": True},
                                 "tags": ["hide-input"]})]
    for function in spec.functions:
        grade_id = rule_cell_id(function.name)
        cells.append(Generated(grade_id, "code", rule_cell_source(spec, function),
                               after=grade_cell_id(function.name),
                               metadata=_nbgrader(grade_id, points=0)))
    cells.append(Generated(BEFORE_YOU_SUBMIT, "code", SUMMARY_SOURCE, after=cells[-1].cell_id,
                           metadata=_nbgrader(BEFORE_YOU_SUBMIT)))
    return cells


def _nbgrader(grade_id: str, points: float | None = None) -> dict:
    """Locked cells; with points, a grade cell (nbgrader validate lists it when it fails)."""
    meta = {"grade": points is not None, "grade_id": grade_id, "locked": True, "schema_version": 3,
            "solution": False}
    return {"nbgrader": meta if points is None else {**meta, "points": points}}


def updated(notebook: nbformat.NotebookNode, cells: list[Generated]) -> nbformat.NotebookNode:
    notebook = nbformat.from_dict(notebook)
    for cell in cells:
        ids = [c.get("id") for c in notebook.cells]
        new = (nbformat.v4.new_markdown_cell if cell.cell_type == "markdown" else nbformat.v4.new_code_cell)(
            cell.source, id=cell.cell_id, metadata=dict(cell.metadata))
        if cell.cell_id in ids:
            notebook.cells[ids.index(cell.cell_id)] = new
        else:
            notebook.cells.insert(ids.index(cell.after) + 1, new)
    return notebook


def differences(assignment: str, repo: Path = REPO) -> list[str]:
    """The generated cells of one master that are missing or differ from what the specs give."""
    current = nbformat.read(master_notebook(assignment, repo), as_version=4)
    by_id = {cell.get("id"): cell for cell in current.cells}
    problems = []
    for cell in generated_cells(assignment):
        have = by_id.get(cell.cell_id)
        if have is None:
            problems.append(f"{assignment}: cell {cell.cell_id} is missing")
        elif (have.cell_type, have.source, dict(have.metadata)) != (cell.cell_type, cell.source, cell.metadata):
            problems.append(f"{assignment}: cell {cell.cell_id} differs from the specs")
    return problems


def write(assignment: str, repo: Path = REPO) -> bool:
    """Rewrite the generated cells of one master; True if the file changed."""
    path = master_notebook(assignment, repo)
    before = path.read_text(encoding="utf-8")
    notebook = updated(nbformat.read(path, as_version=4), generated_cells(assignment))
    after = nbformat.writes(notebook) + "\n"
    if after != before:
        path.write_text(after, encoding="utf-8")
    return after != before
