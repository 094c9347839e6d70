"""The student's own `.py` modules shipped next to the notebook, and which of them code imports.

The grader copies a student's uploaded files into the sandbox's working directory, where the
notebook's `import helper` finds `helper.py`. So a graded function that reaches a shipped module is
judged on what it uses there as on its own code: the module is checked like a notebook (its
top-level statements and definitions), and feedback names the file and line.
"""
from __future__ import annotations

import ast
import base64
import importlib.util
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from autograder.static_rules.units import DEFERRED

FIRST_CELL = 1_000_000  # a shipped module's findings sort after the notebook's code cells


@dataclass(frozen=True)
class Module:
    name: str  # as code imports it: "helper", "pkg.mod"
    path: str  # as feedback names it: "helper.py", "pkg/mod.py"
    source: str
    cell: int  # stands for the code cell number in findings (ordering, duplicates)
    package: str  # what a relative import in it is relative to

    @property
    def where(self) -> str:
        return self.path


def shipped_modules(uploads: list[list[str]]) -> dict[str, Module]:
    """The `.py` files among the uploaded files (`sandbox.uploads.read_uploads`: what the sandbox
    gets), by the module name `import` finds them under. A file named like a module Python already
    has (`numpy.py`, `math.py`) is left out: `import numpy` finds the real one, since the sandbox
    never puts the working folder before it on the path (the corpus's shadowing entries)."""
    modules = {}
    for index, (relative, encoded) in enumerate(sorted(uploads)):
        path = PurePosixPath(Path(relative).as_posix())
        parts = path.with_suffix("").parts
        if path.suffix != ".py" or not all(part.isidentifier() for part in parts):
            continue
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        if not name or _installed(parts[0]):
            continue
        source = base64.b64decode(encoded).decode("utf-8", errors="replace")
        package = name if is_package else ".".join(parts[:-1])
        modules[name] = Module(name, str(path), source, FIRST_CELL + index, package)
    return modules


def _installed(top_level: str) -> bool:
    try:
        return importlib.util.find_spec(top_level) is not None  # a top-level name: nothing is imported
    except (ImportError, ValueError):
        return False


def imports_of(node: ast.AST, modules: dict[str, Module], package: str = "",
               top_level: bool = False) -> Iterator[tuple[str, str, str | None, str]]:
    """(name bound, shipped module, name taken from it or None for the whole module, how code
    names the module: `h` after `import helper as h`, `pkg.mod` after `import pkg.mod`) for every
    import of a shipped module in `node`; with `top_level`, not inside code that runs later."""
    todo = [node]
    while todo:
        current = todo.pop()
        if top_level and current is not node and isinstance(current, DEFERRED):
            continue
        todo.extend(ast.iter_child_nodes(current))
        if isinstance(current, ast.Import):
            for alias in current.names:
                parts = alias.name.split(".")
                for depth in range(1, len(parts) + 1):
                    name = ".".join(parts[:depth])
                    if name in modules and (depth == len(parts) or not alias.asname):
                        yield alias.asname or parts[0], name, None, alias.asname or name
        elif isinstance(current, ast.ImportFrom):
            base = _absolute(current.module, current.level, package)
            for alias in current.names if base is not None else ():
                submodule = f"{base}.{alias.name}"
                if submodule in modules:
                    yield alias.asname or alias.name, submodule, None, alias.asname or alias.name
                elif base in modules:
                    taken = None if alias.name == "*" else alias.name
                    yield alias.asname or alias.name, base, taken, alias.asname or alias.name


def members_used(nodes: list[ast.AST], expression: str) -> set[str] | None:
    """The names code takes from a module it names `expression` (`h.mm(...)` takes mm); None when
    it uses the module some other way (passes it on, getattr), so that all of it counts."""
    named, members = 0, set()
    for node in nodes:
        for sub in ast.walk(node):
            dotted = _dotted(sub)
            if dotted == expression:
                named += 1
            elif dotted and dotted.rpartition(".")[0] == expression:
                members.add(dotted.rpartition(".")[2])
                named -= 1  # its `expression` part is counted too, and is no bare use
    return members if named <= 0 else None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _absolute(module: str | None, level: int, package: str) -> str | None:
    if level == 0:
        return module
    parts = package.split(".") if package else []
    if level - 1 > len(parts):
        return None
    base = parts[:len(parts) - (level - 1)]
    return ".".join(base + ([module] if module else [])) or None
