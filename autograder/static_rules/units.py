"""The notebook as the checker sees it: top-level statements and definitions (units), what each
reads and binds among the notebook's global names, and which definitions a name reaches.

`reach` is the one transitive closure: from some names, every notebook function or class they use,
directly or through others, with the chain of names that leads there.
"""
from __future__ import annotations

import ast
import symtable
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from autograder.specs.rules import Item

# Code whose body runs later (when called), not where it is written.
DEFERRED = (ast.Lambda, ast.GeneratorExp, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True, order=True)
class Finding:
    """A rule broken, as the student reads it."""

    cell: int  # the code cell number k (`In [k]`), which orders the findings (shipped modules come after)
    line: int
    rule: str  # "forbidden routine", "forbidden operator", "forbidden method", "forbidden attribute",
    # or "hidden or dynamic code"
    message: str  # plain words, e.g. "uses numpy.dot, which this assignment forbids: write the ..."
    name: str = ""  # what it names: the declared item ("numpy.dot", ".T") or the grader's rule ("inspect")
    where: str = ""  # the cell as the student reads it: "code cell 3", or a shipped module: "helper.py"

    def __str__(self) -> str:
        return f"{self.where}, line {self.line}: {self.message} (rule: {self.rule})"


@dataclass(frozen=True, order=True)
class Hit:
    """A rule broken at one place, before it is worded for one graded function."""

    cell: int
    line: int
    rule: str
    what: str  # "uses numpy.dot", "calls the method .dot()"
    where: str = ""  # "code cell 3"
    rest: str = ""  # the grader's own rules: ": graded code runs code built from a string, which ..."
    item: Item | None = None  # the declared item (its advice depends on the function graded)
    name: str = ""  # the declared item or the grader's rule it falls under
    context: str = ""  # where it counts from: " (outside the functions: it binds d, which dot uses)"
    through: tuple[str, ...] = ()  # the notebook functions that lead from the graded one to it
    binds: str = ""  # the global name `from module import *` binds to the forbidden routine

    @property
    def place(self) -> tuple[int, int, str]:
        return self.cell, self.line, self.rule


@dataclass
class Block:
    cell: int  # the code cell number k
    node: ast.AST
    where: str = ""  # how feedback names it: "code cell 3"


@dataclass
class Unit:
    """One top-level statement or definition, and what it does to the notebook's global names."""

    block: Block
    found: list[tuple[ast.AST, Hit]]
    reads: set[str]  # global names it reads (defs: anywhere in the body, when called)
    binds: set[str]  # global names it (re)binds
    stores_into_objects: bool  # assigns to an attribute or an item (x.attr = ..., x[i] = ...)
    parents: dict[int, ast.AST] = field(default_factory=dict)

    @property
    def is_definition(self) -> bool:
        return isinstance(self.block.node, DEFINITIONS)


def parse(cells: Iterable[tuple[int, str]], where: str = "") -> list[Block]:
    """The top-level statements of the code cells, given as (code cell number, source); `where`
    names a shipped module's file instead of "code cell k"."""
    blocks = []
    for number, source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue  # it fails when run too; the cell's error is reported from there
        blocks.extend(Block(number, statement, where or f"code cell {number}") for statement in tree.body)
    return blocks


def definitions_in(node: ast.AST) -> Iterator[ast.AST]:
    """A top-level def/class, or the defs inside a top-level if/try/with/for (not inside functions)."""
    if isinstance(node, DEFINITIONS):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt):
            yield from definitions_in(child)


def reach(start: Iterable[str], definitions: dict[str, list[Unit]]) -> dict[str, tuple[str, ...]]:
    """Every name defined in the notebook that the start names use, directly or through others,
    with the chain of definitions that leads to it (empty for a start name itself)."""
    paths: dict[str, tuple[str, ...]] = {}
    todo = [(name, ()) for name in sorted(start)]
    while todo:
        name, path = todo.pop(0)  # breadth first: the shortest chain
        if name in paths or name not in definitions:
            continue
        paths[name] = path
        for unit in definitions[name]:
            todo.extend((read, (*path, read)) for read in sorted(unit.reads))
    return paths


def scopes(node: ast.AST) -> tuple[set[str], set[str]]:
    """(global names read, global names bound), from Python's own symbol tables."""
    module = ast.Module(body=[node], type_ignores=[])
    try:
        table = symtable.symtable(ast.unparse(module), "<cell>", "exec")
    except (SyntaxError, ValueError, RecursionError):  # e.g. `return` outside a function
        return names_read([node]), set()
    reads, binds = set(), set()
    for symbol in table.get_symbols():
        if symbol.is_referenced():
            reads.add(symbol.get_name())
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace():
            binds.add(symbol.get_name())
    todo = list(table.get_children())
    while todo:
        scope = todo.pop()
        todo.extend(scope.get_children())
        for symbol in scope.get_symbols():
            if symbol.is_global() and symbol.is_referenced():
                reads.add(symbol.get_name())
            if symbol.is_declared_global() and symbol.is_assigned():
                binds.add(symbol.get_name())
    return reads, binds


def names_read(nodes: list[ast.AST]) -> set[str]:
    return {sub.id for node in nodes for sub in ast.walk(node)
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)}


def stores_into_objects(node: ast.AST) -> bool:
    """x.attr = ..., x[i] = ..., del x[i], for x.attr in ..., outside code that runs later."""
    todo = [node]
    while todo:
        current = todo.pop()
        if current is not node and isinstance(current, DEFERRED):
            continue
        if isinstance(current, (ast.Attribute, ast.Subscript)) and isinstance(current.ctx, (ast.Store, ast.Del)):
            return True
        todo.extend(ast.iter_child_nodes(current))
    return False


def definition_time_nodes(node: ast.AST) -> list[ast.AST]:
    """The parts of a def/class that run where it is defined, not when it is called."""
    parts = list(getattr(node, "decorator_list", []))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts += [d for d in node.args.defaults + node.args.kw_defaults if d is not None]
    elif isinstance(node, ast.ClassDef):
        parts += node.bases + [k.value for k in node.keywords]
        parts += [s for s in node.body if not isinstance(s, DEFINITIONS)]
    return parts
