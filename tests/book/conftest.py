"""Run a chapter's code cells outside the book build, so tests can assert on the values it computes.

`run_page("dot_product")` reads book/dot_product.md with jupytext, executes every code cell in one
fresh namespace (cwd = book/, matplotlib without a display) and returns that namespace. The same
source that the book executes at build time is what the tests check.
"""
from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import jupytext
import matplotlib
import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
_cache: dict[str, dict] = {}


def execute_page(name: str) -> dict:
    if name in _cache:
        return _cache[name]
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    notebook = jupytext.read(BOOK / f"{name}.md")
    namespace: dict = {"__name__": f"book_page_{name}"}
    previous = os.getcwd()
    os.chdir(BOOK)
    try:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            # IPython magics and shell escapes are not plain Python; the pages do not use them.
            code = compile(cell.source, f"{name}.md[cell {index}]", "exec")
            with contextlib.redirect_stdout(io.StringIO()):
                exec(code, namespace)
    finally:
        os.chdir(previous)
        plt.close("all")
    _cache[name] = namespace
    return namespace


@pytest.fixture(scope="session")
def run_page():
    return execute_page
