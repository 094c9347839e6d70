"""Forbidden shortcuts, found in the student's code before it runs (AST only, nothing executed).

For each graded function the checked code is: the function's own definition(s), every function or
class of the notebook it refers to by name (transitively), and all top-level code of the notebook
(which runs before any test and can change what a function does). Two kinds of rule:

- the assignment's own rules (`AssignmentSpec.forbidden`, `forbid_matmul_operator`,
  `forbidden_methods`): a routine that computes the asked quantity, however it was imported
  (`import numpy as np`, `from numpy import dot as d`, `from numpy.linalg import norm`,
  `getattr(np, "d" + "ot")`), the `@` operator, `operator.matmul`, `x.dot(y)`;
- rules for every assignment against hiding code from these checks or reaching into the grader:
  `getattr` with a computed name, `__import__`, `importlib`, `eval`/`exec`/`compile`,
  `sys.modules`, `globals()`/`vars()`, `__dict__`/`__builtins__`, `gc`, `inspect`, frame access,
  `sys.settrace`/`setprofile`, `ctypes`, IPython hooks.

Each finding says which rule, in which cell and line, in plain words.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Iterable, Iterator

from autograder.specs.base import AssignmentSpec

MATMUL_ROUTINES = ("operator.matmul", "operator.imatmul", "operator.__matmul__", "operator.__imatmul__")
MATMUL_METHODS = ("__matmul__", "__rmatmul__", "__imatmul__")

# Dotted names (prefixes) that no graded code may use, with the reason shown to the student.
HIDING_OR_PEEKING = {
    "builtins.__import__": "imports modules by a computed name",
    "importlib": "imports modules by a computed name",
    "imp": "imports modules by a computed name",
    "builtins.eval": "runs code built from a string",
    "builtins.exec": "runs code built from a string",
    "builtins.compile": "compiles code built from a string",
    "marshal": "loads compiled code",
    "pickle": "can load objects by name from a string",
    "builtins.globals": "reads the global namespace",
    "builtins.vars": "reads an object's namespace",
    "__builtins__": "reaches into Python's builtins",
    "sys.modules": "reaches into loaded modules through sys.modules",
    "sys._getframe": "inspects the call stack",
    "sys._current_frames": "inspects the call stack",
    "sys.settrace": "installs a trace function",
    "sys.setprofile": "installs a profile function",
    "threading.settrace": "installs a trace function",
    "threading.setprofile": "installs a profile function",
    "gc": "inspects objects in memory (gc)",
    "inspect": "inspects the call stack or source code (inspect)",
    "ctypes": "uses ctypes",
    "builtins.get_ipython": "uses IPython hooks",
    "IPython": "uses IPython hooks",
    "operator.attrgetter": "looks up attributes by a computed name",
    "operator.methodcaller": "looks up methods by a computed name",
}
HIDING_ATTRIBUTES = {
    "__dict__": "reads an object's namespace (__dict__)",
    "__builtins__": "reaches into Python's builtins",
    "__globals__": "reads a function's globals",
    "__code__": "reads or replaces a function's code",
    "__closure__": "reads a function's closure",
    "__subclasses__": "walks the class hierarchy",
    "__getattribute__": "looks up attributes by a computed name",
    "__import__": "imports modules by a computed name",
    "__loader__": "reaches into the import system",
    "f_back": "inspects the call stack",
    "f_globals": "inspects the call stack",
    "f_locals": "inspects the call stack",
    "tb_frame": "inspects the call stack",
    "gi_frame": "inspects the call stack",
}
DYNAMIC_GETATTR = {"builtins.getattr", "builtins.hasattr", "builtins.delattr", "builtins.setattr"}


@dataclass(frozen=True, order=True)
class Finding:
    cell: int
    line: int
    rule: str  # "forbidden routine", "@ operator", "forbidden method", "hidden or dynamic code"
    message: str  # plain words, e.g. "uses numpy.dot, which this assignment forbids"

    def __str__(self) -> str:
        return f"cell {self.cell + 1}, line {self.line}: {self.message} (rule: {self.rule})"


@dataclass
class _Block:
    cell: int
    node: ast.AST


def check_notebook(cells: Iterable[tuple[int, str]], spec: AssignmentSpec) -> dict[str, list[Finding]]:
    """Findings per graded function; cells are (cell index, source) of the student's code cells."""
    blocks = _parse(cells)
    top_level = [b for b in blocks if not isinstance(b.node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    definitions: dict[str, list[_Block]] = {}
    for block in blocks:
        if isinstance(block.node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            definitions.setdefault(block.node.name, []).append(block)
    names = _Names(blocks)
    findings = {}
    for function in spec.functions:
        included = _reachable(function.name, definitions) + top_level
        found = set()
        for block in included:
            found.update(_check_block(block, names, spec))
        findings[function.name] = sorted(found)
    return findings


def _parse(cells: Iterable[tuple[int, str]]) -> list[_Block]:
    blocks = []
    for index, source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue  # it fails when run too; the cell's error is reported from there
        blocks.extend(_Block(index, statement) for statement in tree.body)
    return blocks


def _reachable(name: str, definitions: dict[str, list[_Block]]) -> list[_Block]:
    """The definitions of `name` and of every notebook function/class they mention, transitively."""
    seen, todo, result = set(), [name], []
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for block in definitions.get(current, ()):
            result.append(block)
            todo.extend(node.id for node in ast.walk(block.node) if isinstance(node, ast.Name))
    return result


class _Names:
    """What each name means: imports and simple aliases anywhere in the notebook."""

    def __init__(self, blocks: list[_Block]):
        self.aliases: dict[str, str] = {}
        self.star_modules: list[str] = []
        self.defined: set[str] = set()
        nodes = [node for block in blocks for node in ast.walk(block.node)]
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.aliases[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name == "*":
                        self.star_modules.append(node.module)
                    else:
                        self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defined.add(node.name)
            elif isinstance(node, (ast.Name, ast.arg)) and isinstance(getattr(node, "ctx", ast.Store()), ast.Store):
                self.defined.add(node.id if isinstance(node, ast.Name) else node.arg)
        # `m = np`, `d = np.dot`: follow simple assignments (twice, for chains).
        for _ in range(2):
            for node in nodes:
                if (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0], ast.Name)):
                    target = self.resolve(node.value)
                    if target is not None:
                        self.aliases[node.targets[0].id] = target

    def resolve(self, node: ast.AST) -> str | None:
        """The dotted name an expression stands for (numpy.linalg.norm), if it can be known."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id == "__builtins__":
                return "__builtins__"
            if node.id not in self.defined and hasattr(builtins, node.id):
                return f"builtins.{node.id}"
            if node.id == "get_ipython" and node.id not in self.defined:
                return "builtins.get_ipython"
            return None
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call) and self.resolve(node.func) == "builtins.getattr" and len(node.args) >= 2:
            base, name = self.resolve(node.args[0]), constant_string(node.args[1])
            return f"{base}.{name}" if base and name else None
        return None


def constant_string(node: ast.AST) -> str | None:
    """A string known without running anything: "dot", "d" + "ot", f"{'d'}ot", "".join(["d", "ot"])."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = constant_string(node.left), constant_string(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                value = value.value
            text = constant_string(value)
            if text is None:
                return None
            parts.append(text)
        return "".join(parts)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and len(node.args) == 1 and isinstance(node.args[0], (ast.List, ast.Tuple))):
        separator = constant_string(node.func.value)
        items = [constant_string(item) for item in node.args[0].elts]
        if separator is not None and all(item is not None for item in items):
            return separator.join(items)
    return None


def _matches(dotted: str, rule: str) -> bool:
    """numpy.dot matches numpy.dot, numpy.linalg.norm matches numpy.linalg, and an alias path of
    the same library ending in the same name (numpy._core.multiarray.dot) matches numpy.dot."""
    if dotted == rule or dotted.startswith(rule + "."):
        return True
    root, _, rest = rule.partition(".")
    return bool(rest) and "." not in rest and dotted.split(".")[0] == root and dotted.endswith("." + rest)


def _check_block(block: _Block, names: _Names, spec: AssignmentSpec) -> Iterator[Finding]:
    forbidden = set(spec.forbidden)
    methods = set(spec.forbidden_methods)
    if spec.forbid_matmul_operator:
        forbidden.update(MATMUL_ROUTINES)
        methods.update(MATMUL_METHODS)

    def finding(node: ast.AST, rule: str, message: str) -> Finding:
        return Finding(block.cell, getattr(node, "lineno", 0), rule, message)

    def judge_name(node: ast.AST, dotted: str) -> Finding | None:
        for rule in sorted(forbidden):
            if _matches(dotted, rule):
                shown = dotted if not dotted.startswith("builtins.") else dotted[9:]
                return finding(node, "forbidden routine",
                               f"uses {shown}, which this assignment forbids: write the arithmetic yourself")
        for rule, why in HIDING_OR_PEEKING.items():
            if dotted == rule or dotted.startswith(rule + "."):
                shown = dotted[9:] if dotted.startswith("builtins.") else dotted
                return finding(node, "hidden or dynamic code", f"uses {shown}: graded code {why}, "
                                                               "which is not allowed")
        return None

    skip: set[int] = set()  # sub-nodes of a name already judged (np.linalg inside np.linalg.norm)
    for node in ast.walk(block.node):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from _check_import(node, judge_name, finding)
            continue
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            if spec.forbid_matmul_operator:
                yield finding(node, "@ operator", "uses the @ operator (a matrix product in one step), "
                                                  "which this assignment forbids")
        if isinstance(node, ast.Call):
            called = names.resolve(node.func)
            if called in DYNAMIC_GETATTR and len(node.args) >= 2 and constant_string(node.args[1]) is None:
                yield finding(node, "hidden or dynamic code",
                              f"calls {called[9:]} with a computed attribute name, which graded code may not do")
        if isinstance(node, (ast.Name, ast.Attribute, ast.Call)):
            dotted = names.resolve(node)  # for a call, only getattr(x, "name") resolves
            if dotted is not None:
                result = judge_name(node, dotted)
                if result is not None:
                    yield result
                    skip.update(id(sub) for sub in ast.walk(node))
                    continue
            if isinstance(node, ast.Name) and node.id not in names.defined and node.id not in names.aliases:
                for module in names.star_modules:  # from numpy import *; dot(a, b)
                    result = judge_name(node, f"{module}.{node.id}")
                    if result is not None:
                        yield result
        if isinstance(node, ast.Attribute):
            if node.attr in HIDING_ATTRIBUTES:
                yield finding(node, "hidden or dynamic code",
                              f"uses .{node.attr}: graded code {HIDING_ATTRIBUTES[node.attr]}, which is not allowed")
            elif node.attr in methods and names.resolve(node) is None:
                yield finding(node, "forbidden method",
                              f"calls the method .{node.attr}(), which this assignment forbids: "
                              "write the arithmetic yourself")


def _check_import(node: ast.Import | ast.ImportFrom, judge_name, finding) -> Iterator[Finding]:
    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    if any(module.split(".")[0] == "builtins" for module in modules):
        yield finding(node, "hidden or dynamic code",
                      "imports builtins: graded code reaches into Python's builtins, which is not allowed")
        return
    if isinstance(node, ast.Import):
        for alias in node.names:
            # `import numpy.linalg` only binds numpy; judged where numpy.linalg is used. An alias
            # (`import numpy.linalg as la`) or a hiding module (`import inspect`) is judged here.
            if alias.asname or "." not in alias.name:
                result = judge_name(node, alias.name)
                if result is not None and (alias.asname or result.rule == "hidden or dynamic code"):
                    yield result
            elif alias.name.split(".")[0] in ("importlib", "ctypes", "IPython"):
                yield from filter(None, [judge_name(node, alias.name)])
        return
    if node.level or not node.module:
        return
    for alias in node.names:
        dotted = node.module if alias.name == "*" else f"{node.module}.{alias.name}"
        result = judge_name(node, dotted)
        if result is not None:
            yield result
