"""Reading, filling in and executing the course notebooks, for the notebook tests."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import nbclient
import nbformat
from nbgrader.utils import determine_grade, is_grade, is_solution

from autograder.course import RELEASES, REPO, master_notebook

EXERCISES = REPO / RELEASES
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def master(assignment: str) -> nbformat.NotebookNode:
    return nbformat.read(master_notebook(assignment), as_version=4)


def released(assignment: str, folder: Path = EXERCISES) -> nbformat.NotebookNode:
    return nbformat.read(folder / assignment / f"{assignment}.ipynb", as_version=4)


def grade_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if is_grade(cell)]


def solution_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in nb.cells if is_solution(cell)]


def with_grade_cells_of(nb: nbformat.NotebookNode, source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """nb with every grade cell's source taken from `source`, as stock autograde restores them
    (hidden tests included) from the gradebook."""
    nb = nbformat.from_dict(nb)
    full = {cell.id: cell.source for cell in grade_cells(source)}
    for cell in grade_cells(nb):
        cell.source = full[cell.id]
    return nb


def execute(nb: nbformat.NotebookNode, cwd: Path, env: dict[str, str]) -> nbformat.NotebookNode:
    """Run every cell in a fresh python3 kernel (errors recorded, not raised); the kernel gets `env`."""
    nb = nbformat.from_dict(nb)
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                                         resources={"metadata": {"path": str(cwd)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb


def scores(nb: nbformat.NotebookNode) -> dict[str, tuple[float, float]]:
    """grade_id -> (score, max) as stock nbgrader's determine_grade reads the executed cells."""
    return {cell.metadata.nbgrader["grade_id"]: tuple(map(float, determine_grade(cell)))
            for cell in grade_cells(nb)}


def errors(cell: nbformat.NotebookNode) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in cell.get("outputs", []) if o.output_type == "error"]


def literal_calls(source: str, function: str) -> list[tuple]:
    """The argument tuples of every call `function(...)` in source whose arguments are literals
    (positional, then keyword arguments in order)."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function:
            try:
                calls.append(tuple(ast.literal_eval(arg) for arg in [*node.args,
                                                                     *(k.value for k in node.keywords)]))
            except ValueError:
                continue
    return calls
