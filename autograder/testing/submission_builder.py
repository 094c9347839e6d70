"""Build submission notebooks from small code files, for the tests, the benchmarks and the scripts.

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

from autograder.course import cell_source, grade_id, is_solution_cell, master_notebook, released_notebook

SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def released_copy(assignment: str) -> dict:
    """The released notebook, exactly as a student downloads it."""
    return json.loads(released_notebook(assignment).read_text(encoding="utf-8"))


def solution_sources(assignment: str) -> dict[str, str]:
    """grade_id -> the master's solution cell source, markers removed."""
    master = json.loads(master_notebook(assignment).read_text(encoding="utf-8"))
    return {grade_id(cell): "\n".join(line for line in cell_source(cell).split("\n")
                                      if not SOLUTION_MARKERS.match(line))
            for cell in master["cells"] if is_solution_cell(cell)}


def build_submission(assignment: str, replacements: dict[str, str], *, base: str = "solution",
                     preamble: str = "", extra_cells: tuple[str, ...] = ()) -> dict:
    """The released notebook with solution cells replaced; see the module docstring."""
    notebook = copy.deepcopy(released_copy(assignment))
    fallback = solution_sources(assignment) if base == "solution" else {}
    unknown = set(replacements) - {grade_id(c) for c in notebook["cells"]}
    if unknown:
        raise KeyError(f"no solution cell with grade_id {sorted(unknown)} in {assignment}")
    cells = []
    for cell in notebook["cells"]:
        function = grade_id(cell)
        if is_solution_cell(cell):
            if preamble:
                cells.append(code_cell(preamble))
                preamble = ""
            if function in replacements:
                cell = {**cell, "source": replacements[function]}
            elif function in fallback:
                cell = {**cell, "source": fallback[function]}
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
    names = {grade_id(c) for c in released_copy(assignment)["cells"] if is_solution_cell(c)}
    replacements, preamble = split_fixture(path.read_text(encoding="utf-8"), names)
    return build_submission(assignment, replacements, base=base, preamble=preamble)


def write_submission(submissions: Path, student_id: str, assignment: str, notebook: dict) -> Path:
    folder = submissions / student_id
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
