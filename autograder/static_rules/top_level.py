"""Top-level effect analysis: what the code outside the functions does to the graded functions.

- A student's own checks (`print(np.dot(a, b), dot(a, b))`, `expected = np.linalg.norm(v)`) bind
  nothing a graded function uses: they cost nothing.
- A forbidden routine bound to a name (`dot = np.dot`, `_norm = lambda v: np.linalg.norm(v)`,
  `from numpy import dot`) taints that name, and every name bound from it: it counts against the
  graded functions that use one of them, directly or through helpers.
- What cannot be bounded counts against every function: hidden or dynamic code run while the
  notebook loads (also inside a helper the top level calls), a forbidden routine stored into an
  attribute or a container, passed to a call, or obfuscated, `from module import *` of a module
  the grader cannot list.
- A plain import (`import signal`, `from inspect import stack`) does nothing by itself: its uses
  are found where they are, and cost the functions that make them.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Iterable

from autograder.static_rules.deny import HIDDEN, PURE_CONSUMERS
from autograder.static_rules.names import Names, star_names
from autograder.static_rules.units import (DEFERRED, Hit, Unit, definition_time_nodes, names_read,
                                           reach)


@dataclass
class _Taint:
    """Why a global name counts against the graded functions that use it."""

    reasons: list[Hit] = field(default_factory=list)
    # True: it holds a forbidden routine or code that calls one (`d = np.dot`, a def, a lambda);
    # False: only data computed with one at the top level (`expected = np.dot(a, b)`).
    routine: bool = False


def top_level_effects(units: list[Unit], definitions: dict[str, list[Unit]],
                      names: Names) -> tuple[list[Hit], dict[str, list[Hit]]]:
    """(hits that count against every function, hits per global name they taint)."""
    everything: list[Hit] = []
    tainted: dict[str, _Taint] = {}

    def against_all(hit: Hit, why: str) -> None:
        if not any(known.place == hit.place for known in everything):
            everything.append(replace(hit, context=f" ({why}, so it counts against every function)"))

    def taint(targets: Iterable[str], reasons: list[Hit], routine: bool) -> bool:
        changed = False
        for name in targets:
            known = tainted.setdefault(name, _Taint())
            if routine and not known.routine:
                known.routine = changed = True
            for reason in reasons:
                if (not reason.binds or reason.binds == name) and reason not in known.reasons:
                    known.reasons.append(reason)
                    changed = True
        return changed

    for unit in units:
        hidden = [(node, hit) for node, hit in unit.found if hit.rule == HIDDEN]
        forbidden = [(node, hit) for node, hit in unit.found if hit.rule != HIDDEN]
        if unit.is_definition:
            # Decorators, default values and a class's own body run where the definition is.
            for node, hit in hidden:
                if _runs_at_definition(node, unit):
                    against_all(hit, "it runs outside the functions")
            taint(unit.binds, [hit for _, hit in unit.found], routine=True)
            continue
        for node, hit in hidden:
            if not _plain_import(node, hit):
                against_all(hit, "it runs outside the functions")
        if not forbidden:
            continue
        # Obfuscated (getattr(np, "d" + "ot")), or everything of a module the grader cannot list.
        unbounded = any(isinstance(node, ast.Call) or isinstance(node, ast.ImportFrom)
                        and node.names[0].name == "*" and star_names(node.module) is None
                        for node, _ in forbidden)
        escapes = any(not _direct(node, unit) for node, _ in forbidden)
        if unbounded or (escapes and (unit.stores_into_objects or not unit.binds)
                         and not _consumed_purely(forbidden, unit, names)):
            for _, hit in forbidden:
                against_all(hit, "outside the functions, where it may end up anywhere")
        else:
            taint(unit.binds | _receivers(unit, names), [hit for _, hit in forbidden], routine=escapes)

    # Names bound from tainted names are tainted too (`helper = _alias`), up to a fixpoint. A
    # routine handed on where it cannot be followed (`os.write = forging`, `Thread(target=serve)`)
    # counts against every function; data computed with one (`assert dot(a, b) == expected`) does not.
    changed = True
    while changed:
        changed = False
        for unit in units:
            read = sorted(unit.reads & set(tainted))
            if not read or unit.is_definition and unit.block.node.name in read and len(read) == 1:
                continue
            reasons = [reason for name in read for reason in tainted[name].reasons]
            routines = [name for name in read if tainted[name].routine]
            handed_on = _escaping_reads(unit, routines)
            if not unit.is_definition and handed_on and (unit.stores_into_objects or not unit.binds):
                for reason in reasons:
                    against_all(reason, "a top-level line hands it on to code the grader cannot follow")
            changed |= taint(unit.binds | _receivers(unit, names), [replace(r, binds="") for r in reasons],
                             routine=unit.is_definition or handed_on)

    # Helpers that run while the notebook loads (called from top-level code).
    for unit in _run_at_top_level(units, definitions):
        for node, hit in unit.found:
            if hit.rule == HIDDEN and not _plain_import(node, hit):
                against_all(hit, "the code outside the functions runs it")
            elif hit.rule != HIDDEN and not _direct(node, unit):
                against_all(hit, "the code outside the functions runs it, and it may end up anywhere")
    return everything, {name: taint.reasons for name, taint in tainted.items()}


def _plain_import(node: ast.AST, hit: Hit) -> bool:
    """`import inspect`, `from sys import _getframe`: binds a name whose every use is judged where
    it is (not `import builtins`, whose uses look like plain builtins, nor `from gc import *`)."""
    if isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names):
        return False
    return isinstance(node, (ast.Import, ast.ImportFrom)) and hit.name != "builtins"


def _receivers(unit: Unit, names: Names) -> set[str]:
    """Global objects a top-level statement may change through their methods (`hooks.append(x)`);
    modules and builtins excluded (`np.testing.assert_allclose(...)` changes nothing)."""
    if unit.is_definition:
        return set()
    found = set()
    for node in ast.walk(unit.block.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            root = node.func.value
            while isinstance(root, (ast.Attribute, ast.Subscript, ast.Call)):
                root = root.func if isinstance(root, ast.Call) else root.value
            if isinstance(root, ast.Name) and names.resolve(root) is None:
                found.add(root.id)
    return found


def _run_at_top_level(units: list[Unit], definitions: dict[str, list[Unit]]) -> list[Unit]:
    """The definitions that run while the notebook loads: called by top-level code, or by the parts
    of a definition that run where it is (decorators, defaults, a class body)."""
    start = set().union(*(unit.reads for unit in units if not unit.is_definition))
    for unit in units:
        if unit.is_definition:
            start |= names_read(definition_time_nodes(unit.block.node))
    return [unit for name in reach(start, definitions) for unit in definitions[name]]


def _direct(node: ast.AST, unit: Unit) -> bool:
    """Whether a forbidden use only produces data where it is written: a call made right there
    (`np.dot(a, b)`, `A @ B`), not a routine kept (`d = np.dot`) or code that runs later (lambda)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return False
    parent = unit.parents.get(id(node))
    if not isinstance(node, (ast.BinOp, ast.AugAssign)) and not (
            isinstance(parent, ast.Call) and parent.func is node):
        return False
    current = parent
    while current is not None and current is not unit.block.node:
        if isinstance(current, DEFERRED):
            return False
        current = unit.parents.get(id(current))
    return True


def _consumed_purely(forbidden: list[tuple[ast.AST, Hit]], unit: Unit, names: Names) -> bool:
    """`print(list(map(np.dot, xs, ys)))`: a routine passed only to calls that just compute with it."""
    if unit.stores_into_objects or unit.binds:
        return False
    for node, _ in forbidden:
        if _direct(node, unit):
            continue
        parent = unit.parents.get(id(node))
        if not (isinstance(parent, ast.Call) and names.resolve(parent.func) in PURE_CONSUMERS):
            return False
    return True


def _escaping_reads(unit: Unit, read: list[str]) -> bool:
    for node in ast.walk(unit.block.node):
        if isinstance(node, ast.Name) and node.id in read and isinstance(node.ctx, ast.Load):
            parent = unit.parents.get(id(node))
            if not (isinstance(parent, ast.Call) and parent.func is node):
                return True
    return False


def _runs_at_definition(node: ast.AST, unit: Unit) -> bool:
    targets = {id(sub) for part in definition_time_nodes(unit.block.node) for sub in ast.walk(part)}
    return id(node) in targets
