"""Build submission notebooks for tests from small code files.

A submission starts as the released notebook (exercises/<assignment>/<assignment>.ipynb), exactly
what a student downloads; each solution cell (nbgrader `solution: true`, keyed by its grade_id,
which is the function's name) is then replaced by given code. Cells not replaced keep either the
released stub (`base="released"`) or the master's solution code (`base="solution"`), so a fixture
only has to spell out the function it gets wrong.

A fixture file is plain Python: each top-level `def <name>` whose name is a solution cell's
grade_id replaces that cell; every other top-level statement (imports, helpers) goes, in order, into
a new code cell before the first solution cell. Extra cells can be appended for attack fixtures.
"""
from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def _load(folder: str, assignment: str) -> dict:
    return json.loads((REPO / folder / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))


def released_notebook(assignment: str) -> dict:
    return _load("exercises", assignment)


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def solution_sources(assignment: str) -> dict[str, str]:
    """grade_id -> the master's solution cell source, markers removed."""
    sources = {}
    for cell in _load("solutions", assignment)["cells"]:
        if _nbgrader(cell).get("solution"):
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            sources[_nbgrader(cell)["grade_id"]] = "\n".join(
                line for line in text.split("\n") if not SOLUTION_MARKERS.match(line))
    return sources


def build_submission(assignment: str, replacements: dict[str, str], *, base: str = "solution",
                     preamble: str = "", extra_cells: tuple[str, ...] = ()) -> dict:
    """The released notebook with solution cells replaced; see the module docstring."""
    notebook = copy.deepcopy(released_notebook(assignment))
    fallback = solution_sources(assignment) if base == "solution" else {}
    unknown = set(replacements) - {_nbgrader(c).get("grade_id") for c in notebook["cells"]}
    if unknown:
        raise KeyError(f"no solution cell with grade_id {sorted(unknown)} in {assignment}")
    cells = []
    for cell in notebook["cells"]:
        grade_id = _nbgrader(cell).get("grade_id")
        if _nbgrader(cell).get("solution") and cell["cell_type"] == "code":
            if preamble:
                cells.append(code_cell(preamble))
                preamble = ""
            if grade_id in replacements:
                cell = {**cell, "source": replacements[grade_id]}
            elif grade_id in fallback:
                cell = {**cell, "source": fallback[grade_id]}
        cells.append(cell)
    cells.extend(code_cell(source) for source in extra_cells)
    notebook["cells"] = cells
    return notebook


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


def split_fixture(source: str, names: set[str]) -> tuple[dict[str, str], str]:
    """(replacements by function name, preamble) from a fixture file's source."""
    tree = ast.parse(source)
    lines = source.splitlines()
    replacements, preamble = {}, []
    for index, node in enumerate(tree.body):
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        text = "\n".join(lines[start:node.end_lineno])
        if index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the fixture's docstring says what is wrong; it is not part of the notebook
        if isinstance(node, ast.FunctionDef) and node.name in names:
            replacements[node.name] = text
        else:
            preamble.append(text)
    return replacements, "\n".join(preamble)


def build_from_fixture(assignment: str, path: Path, base: str = "solution") -> dict:
    names = {_nbgrader(c).get("grade_id") for c in released_notebook(assignment)["cells"]
             if _nbgrader(c).get("solution")}
    replacements, preamble = split_fixture(path.read_text(encoding="utf-8"), names)
    return build_submission(assignment, replacements, base=base, preamble=preamble)


def write_submission(submissions: Path, student_id: str, assignment: str, notebook: dict) -> Path:
    folder = submissions / student_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
