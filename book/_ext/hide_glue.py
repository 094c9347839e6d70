"""Sphinx extension: readers never see the `glue` plumbing of a code cell.

A chapter computes the numbers its text quotes and hands them over with myst-nb's
`glue(name, value, display=False)`. Those calls (and `from myst_nb import glue`) say nothing about
linear algebra, so they are taken out of the code shown on the page; a statement such as a `for`
loop that only glues goes with them, and a cell left with no code loses its input block. The
notebook itself is unchanged: it still runs them at build time, and downloads keep them.
"""
from __future__ import annotations

import ast

from docutils import nodes
from sphinx.application import Sphinx

GLUE_IMPORT = "myst_nb"


def _is_glue(statement: ast.stmt) -> bool:
    """A `glue(...)` call statement, the `from myst_nb import glue` import, or a compound
    statement (loop, if, with) whose bodies hold nothing else."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        return isinstance(statement.value.func, ast.Name) and statement.value.func.id == "glue"
    if isinstance(statement, ast.ImportFrom):
        return statement.module == GLUE_IMPORT and [a.name for a in statement.names] == ["glue"]
    if isinstance(statement, (ast.For, ast.While, ast.If, ast.With)):
        bodies = [statement.body, getattr(statement, "orelse", [])]
        return all(_is_glue(inner) for body in bodies for inner in body)
    return False


def _glue_lines(tree: ast.AST) -> set[int]:
    """1-based line numbers of every glue statement, at any depth."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            statements = getattr(node, field, None)
            if not isinstance(statements, list):  # a lambda's or an if-expression's body
                continue
            for statement in statements:
                if isinstance(statement, ast.stmt) and _is_glue(statement):
                    lines.update(range(statement.lineno, statement.end_lineno + 1))
    return lines


def without_glue(source: str) -> str:
    """`source` with its glue statements removed; unchanged when it is not plain Python
    (IPython magics) or holds no glue."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    drop = _glue_lines(tree)
    if not drop:
        return source
    kept = [line for number, line in enumerate(source.splitlines(), 1) if number not in drop]
    # Tidy the gaps the removal leaves: no blank line doubled, leading or trailing.
    tidy: list[str] = []
    for line in kept:
        if line.strip() or (tidy and tidy[-1].strip()):
            tidy.append(line)
    return "\n".join(tidy).rstrip()


def hide_glue(app: Sphinx, doctree: nodes.document) -> None:
    for cell_input in list(doctree.findall(nodes.container)):
        if "cell_input" not in cell_input["classes"]:
            continue
        for block in list(cell_input.findall(nodes.literal_block)):
            shown = without_glue(block.astext())
            if shown == block.astext():
                continue
            if shown:
                block.children = [nodes.Text(shown)]
                block.rawsource = shown
            else:
                block.parent.remove(block)
        if not list(cell_input.findall(nodes.literal_block)):
            cell = cell_input.parent
            cell.remove(cell_input)
            if not cell.children:
                cell.parent.remove(cell)


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", hide_glue)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
