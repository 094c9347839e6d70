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

REPO = Path(__file__).resolve().parents[1]
MAX_NOTEBOOK_BYTES = 20 * 1024**2
MAX_CODE_CELLS = 1000
MAGIC_LINE = re.compile(r"^(\s*)[%!]")
# Locked cells of the masters that only students run (see autograder/generated_cells/masters.py).
COURTESY_CELLS = frozenset({"self_check", "before_you_submit"})


class NotebookProblem(Exception):
    """The notebook cannot be graded at all; the message says why in plain words."""


@dataclass(frozen=True)
class CodeCell:
    index: int  # position among all the notebook's cells (0-based)
    source: str


@dataclass(frozen=True)
class MasterCells:
    test_ids: frozenset[str]
    test_sources: frozenset[str]


def is_course_cell(cell: dict) -> bool:
    """A test cell (nbgrader grade, not solution) or a courtesy cell, by its nbgrader metadata."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and (bool(meta.get("grade")) and not meta.get("solution")
                                                or meta.get("grade_id") in COURTESY_CELLS)


@lru_cache(maxsize=None)
def master_cells(assignment: str, repo: Path = REPO) -> MasterCells:
    """The grade_ids and sources of the master's test and courtesy cells (and of their released copies)."""
    ids, sources = set(), set()
    for folder in ("solutions", "exercises"):
        path = repo / folder / assignment / f"{assignment}.ipynb"
        if not path.exists():
            continue
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if is_course_cell(cell):
                ids.add(cell["metadata"]["nbgrader"].get("grade_id"))
                sources.add(_normalized(_source(cell)))
    return MasterCells(frozenset(ids - {None}), frozenset(sources - {""}))


def student_code_cells(path: Path, master: MasterCells) -> list[CodeCell]:
    """The code cells to run, in order; NotebookProblem if the file is not a readable notebook."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise NotebookProblem(f"the notebook cannot be read ({error.strerror})") from None
    if size > MAX_NOTEBOOK_BYTES:
        raise NotebookProblem(f"the notebook is larger than {MAX_NOTEBOOK_BYTES // 1024**2} MB")
    try:
        notebook = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotebookProblem(f"the file is not a valid notebook (not JSON: {error})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise NotebookProblem("the file is not a valid notebook (it has no list of cells)")
    code = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = _source(cell)
        if source is None:
            raise NotebookProblem(f"cell {index + 1} is damaged (its source is not text)")
        meta = cell.get("metadata")
        nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        if grade_id in master.test_ids or _normalized(source) in master.test_sources:
            continue
        if source.strip():
            code.append(CodeCell(index, without_magics(source)))
    if len(code) > MAX_CODE_CELLS:
        raise NotebookProblem(f"the notebook has more than {MAX_CODE_CELLS} code cells")
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


def _source(cell: dict) -> str | None:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def _normalized(source: str | None) -> str:
    return "\n".join(line.rstrip() for line in (source or "").strip().splitlines())
