"""The course's conventions, in one place: where its notebooks are and how their cells are marked.

- The course root (`REPO`) is the repository this package sits in (`make venv` installs it in editable
  mode, so `import autograder` finds it from anywhere). Each assignment has one master notebook,
  `solutions/<assignment>/<assignment>.ipynb` (solutions and hidden tests), and its released copy,
  `exercises/<assignment>/<assignment>.ipynb`, generated from it (`scripts/release_exercises.py`).
- Cells are marked with nbgrader's metadata: each graded function has a solution cell whose grade_id
  is the function's name and a test cell `test_<function>` (a grade cell, not a solution), followed
  by its 0-point rule-test cell `test_<function>_rules`; the locked cells students run to check their
  work, `self_check` and `before_you_submit`, are neither. The grader never runs a test cell or
  one of those (its tests come from the specs).
"""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MASTERS, RELEASES = "solutions", "exercises"
# In course order; each has a spec module (autograder/specs/<name>.py) and a master notebook.
ASSIGNMENTS = ("dot_product", "norms", "matmul", "linear_systems", "dense_layer", "attention")
SELF_CHECK, BEFORE_YOU_SUBMIT = "self_check", "before_you_submit"
COURTESY_CELLS = frozenset({SELF_CHECK, BEFORE_YOU_SUBMIT})


def notebook_name(assignment: str) -> str:
    return f"{assignment}.ipynb"


def master_notebook(assignment: str, repo: Path = REPO) -> Path:
    return repo / MASTERS / assignment / notebook_name(assignment)


def released_notebook(assignment: str, repo: Path = REPO) -> Path:
    return repo / RELEASES / assignment / notebook_name(assignment)


def grade_cell_id(function: str) -> str:
    """`test_<function>`: the grade_id of a function's test cell, and its grade cell's name in the gradebook."""
    return f"test_{function}"


def rule_cell_id(function: str) -> str:
    return f"test_{function}_rules"


def nbgrader_metadata(cell: object) -> dict:
    """A cell's nbgrader metadata, {} when it has none (or a student broke it)."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return nbgrader if isinstance(nbgrader, dict) else {}


def grade_id(cell: object) -> str | None:
    return nbgrader_metadata(cell).get("grade_id")


def cell_source(cell: dict) -> str | None:
    """A cell's source as one string (nbformat allows a list of lines); None if it is not text."""
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def normalized(source: str | None) -> str:
    """A cell's source with outer blank lines and trailing spaces left out, for comparing copies."""
    return "\n".join(line.rstrip() for line in (source or "").strip().splitlines())


def is_solution_cell(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and bool(nbgrader_metadata(cell).get("solution"))


def is_test_cell(cell: dict) -> bool:
    """A test cell: an nbgrader grade cell that is not a solution (`test_<function>`, its rule test)."""
    meta = nbgrader_metadata(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_course_cell(cell: dict) -> bool:
    """A cell of the course that the grader never runs: a test cell, or one students check with."""
    return is_test_cell(cell) or (cell.get("cell_type") == "code" and grade_id(cell) in COURTESY_CELLS)
