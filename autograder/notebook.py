"""A submitted notebook as the grader sees it: the student's code cells, without the course's cells.

The course's cells are recognised from the assignment's master notebook in solutions/ (and its
released copy in exercises/): the test cells (visible examples and rule tests) and the locked cells
the students run to check their work (the self-check, the "before you submit" summary), by their
nbgrader grade_id and by their source, so neither a deleted id nor an edited copy gets run. Those
cells are never executed: the tests come from the specs, and the self-check is a courtesy to
students (it uses `inspect`, which student code may not). IPython syntax that plain Python cannot
run (`%magic`, `!shell`) is blanked, line by line.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from autograder import settings
from autograder.course import (REPO, cell_source, grade_id, is_course_cell, master_notebook, normalized,
                               released_notebook)

MAGIC_LINE = re.compile(r"^(\s*)[%!]")


class NotebookProblem(Exception):
    """The notebook cannot be graded at all; the message says why in plain words."""


@dataclass(frozen=True)
class CodeCell:
    index: int  # position among all the notebook's cells (0-based)
    number: int  # its code cell number k, as Jupyter shows it: `In [k]` after Restart & Run All
    source: str

    @property
    def where(self) -> str:
        """How feedback names the cell."""
        return f"code cell {self.number}"


@dataclass(frozen=True)
class MasterCells:
    test_ids: frozenset[str]
    test_sources: frozenset[str]


@lru_cache(maxsize=None)
def master_cells(assignment: str, repo: Path = REPO) -> MasterCells:
    """The grade_ids and sources of the master's test and courtesy cells (and of their released copies)."""
    ids, sources = set(), set()
    for path in (master_notebook(assignment, repo), released_notebook(assignment, repo)):
        if not path.exists():
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if is_course_cell(cell):
                ids.add(grade_id(cell))
                sources.add(normalized(cell_source(cell)))
    return MasterCells(frozenset(ids - {None}), frozenset(sources - {""}))


def student_code_cells(path: Path, master: MasterCells) -> list[CodeCell]:
    """The code cells to run, in order; NotebookProblem if the file is not a readable notebook.

    Code cells are numbered the way the student sees them in Jupyter: every code cell with any
    code in it counts (test cells included, blank ones not), so code cell k is `In [k]` after
    Kernel > Restart & Run All."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise NotebookProblem(f"the notebook cannot be read ({error.strerror})") from None
    if size > settings.INTAKE.notebook_bytes:
        raise NotebookProblem(f"the notebook is larger than {settings.INTAKE.notebook_bytes // 1024**2} MB")
    try:
        notebook = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotebookProblem(f"the file is not a valid notebook (not JSON: {error})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise NotebookProblem("the file is not a valid notebook (it has no list of cells)")
    code, number = [], 0
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell_source(cell)
        if source is None:
            raise NotebookProblem(f"code cell {number + 1} is damaged (its source is not text)")
        if not source.strip():
            continue
        number += 1
        if grade_id(cell) in master.test_ids or normalized(source) in master.test_sources:
            continue
        code.append(CodeCell(index, number, without_magics(source)))
    if len(code) > settings.INTAKE.code_cells:
        raise NotebookProblem(f"the notebook has more than {settings.INTAKE.code_cells} code cells")
    return code


def without_magics(source: str) -> str:
    """Blank IPython-only lines (%magic, !shell) so the rest of the cell still runs."""
    if source.lstrip().startswith("%%"):
        return ""  # a cell magic: the whole cell is not Python
    try:
        ast.parse(source)
        return source  # valid Python is left exactly as written
    except (SyntaxError, ValueError):
        pass
    lines = source.split("\n")
    for number, line in enumerate(lines):
        match = MAGIC_LINE.match(line)
        if match:
            lines[number] = f"{match.group(1)}pass  # IPython-only line left out by the grader"
    return "\n".join(lines)
