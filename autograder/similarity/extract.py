"""Each student's own code, as the similarity report compares it.

What counts: every code cell the grader would run (the solution cells, and any cell the student
added, since a helper written in a new cell is part of the answer), read the way the grader reads
it (`autograder.notebook`: test cells left out, IPython-only lines blanked, damaged notebooks
refused). What never counts: any line the released notebook already holds (the setup imports,
signatures, docstrings, `# YOUR CODE HERE`, `raise NotImplementedError()`), so an untouched
template is empty and boilerplate cannot make two students alike.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from autograder import settings
from autograder.course import REPO, cell_source, grade_id, is_solution_cell, is_test_cell, released_notebook
from autograder.notebook import master_cells, student_code_cells


@dataclass(frozen=True)
class Template:
    """What every student was given."""
    lines: frozenset[str]  # stripped, non-blank lines of the released notebook's code cells
    functions: tuple[str, ...]  # the solution cells' grade_ids (the functions to write), in order
    names: frozenset[str]  # names given to everyone: those functions and the setup's imports


@dataclass(frozen=True)
class Cell:
    number: int  # its code cell number k (`In [k]` in Jupyter), as the grader's feedback names it
    label: str  # the function's name for a solution cell, "added cell" for one the student made
    lines: tuple[str, ...]  # the cell's source, split into lines
    own: frozenset[int]  # 1-based numbers of the lines that are not in the template

    @property
    def title(self) -> str:
        return f"{self.label} (code cell {self.number})"

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Own lines that hold code, not only a comment (those are never fingerprinted)."""
        return frozenset(n for n in self.own if not self.lines[n - 1].lstrip().startswith("#"))


@dataclass(frozen=True)
class StudentCode:
    student_id: str
    cells: tuple[Cell, ...]  # only cells with at least one line of the student's own
    cut: bool = False  # more than settings.SIMILARITY.code_chars: the rest was left out

    @property
    def line_count(self) -> int:
        return sum(len(cell.own) for cell in self.cells)


@lru_cache(maxsize=None)
def template(assignment: str, repo: Path = REPO) -> Template:
    notebook = json.loads(released_notebook(assignment, repo).read_text(encoding="utf-8"))
    lines, functions, names = set(), [], set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code" or is_test_cell(cell):
            continue  # markdown, and the test cells (never part of a student's own code)
        source = cell_source(cell)
        lines.update(line.strip() for line in source.splitlines() if line.strip())
        if is_solution_cell(cell):
            functions.append(grade_id(cell))
        names.update(_defined_names(source))
    return Template(frozenset(lines), tuple(functions), frozenset(names | set(functions)))


def student_code(student_id: str, notebook: Path, assignment: str, given: Template) -> StudentCode:
    """The student's own code; NotebookProblem (autograder.notebook) if it cannot be read."""
    cells = student_code_cells(notebook, master_cells(assignment))
    # Read again for the grade_ids (student_code_cells has already checked the file is sound).
    raw = json.loads(notebook.read_bytes().decode("utf-8"))["cells"]
    # Far more than any answer (a few kB): one pasted megabyte cannot stall the whole class.
    own_cells, room, cut = [], settings.SIMILARITY.code_chars, False
    for cell in cells:
        every_line = tuple(cell.source.splitlines())
        lines = _within(every_line, room)
        room -= sum(len(line) + 1 for line in lines)
        cut = len(lines) < len(every_line)
        own = frozenset(number for number, line in enumerate(lines, 1)
                        if line.strip() and line.strip() not in given.lines)
        if own:
            own_cells.append(Cell(cell.number, _label(raw[cell.index], given), lines, own))
        if cut:
            break
    return StudentCode(student_id, tuple(own_cells), cut)


def _within(lines: tuple[str, ...], room: int) -> tuple[str, ...]:
    """The first lines that fit in `room` characters (counting newlines)."""
    for count, line in enumerate(lines):
        room -= len(line) + 1
        if room < 0:
            return lines[:count]
    return lines


def _label(cell: dict, given: Template) -> str:
    cell_id = grade_id(cell)
    if cell_id in given.functions:
        return cell_id
    return "setup cell" if cell_id else "added cell"


def _defined_names(source: str) -> set[str]:
    """Names an import or def of the released notebook binds (np, math, dot...)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
    return names
