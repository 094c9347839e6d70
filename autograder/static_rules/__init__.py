"""Forbidden shortcuts, found in the student's code before it runs (AST only, nothing executed).

Two kinds of rule:
- each graded function's declared rules (`FunctionSpec.rules`, see `autograder.specs.rules`): the
  routines, operators, methods and attributes it may not use, however they are spelled
  (`import numpy as np`, `from numpy import dot as d`, `from numpy.linalg import norm`,
  `getattr(np, "d" + "ot")`, `from numpy import *`, `operator.matmul`, `x.dot(y)`, `x.T`);
- the grader's own rules, for every function (`deny.HIDING_OR_PEEKING`): no hiding code from these
  checks or reaching into the grader (`getattr` with a computed name, `__import__`, `eval`, `gc`,
  `inspect`, frames, signals, other processes...).

What counts against a graded function:
- its own definition, and every function or class of the notebook it uses, transitively (a rule
  broken in another function is reported "through `dot`");
- top-level code that binds a name the function uses, and top-level code whose effect cannot be
  bounded (see `top_level`);
- the student's own `.py` modules shipped next to the notebook (`shipped`), where the function
  reaches them: what it imports from one (and what that uses there, transitively, other shipped
  modules included), or all of a module it imports whole; and the top level of each module the
  code imports, which runs on import. Feedback names the file and line ("helper.py, line 3").
A finding costs a function only if the function's own declaration forbids its item (the grader's
own rules apply to all). Each finding says which rule, in which cell and line, in plain words.

The package: `deny` (the grader's table, the declaration as looked up), `names` (name resolution),
`units` (statements, definitions, the transitive closure), `statements` (the statement checker),
`top_level` (the top-level effect analysis), `shipped` (the student's own modules and their imports).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from autograder.specs.base import AssignmentSpec, FunctionSpec
from autograder.static_rules.deny import declared
from autograder.static_rules.names import Names
from autograder.static_rules.shipped import Module, imports_of, members_used
from autograder.static_rules.statements import make_unit
from autograder.static_rules.top_level import top_level_effects
from autograder.static_rules.units import (DEFINITIONS, Block, Finding, Hit, Unit, definitions_in, parse,
                                           reach)

__all__ = ["Finding", "check_notebook"]

Use = tuple[str, "str | None"]  # a shipped module, and the name taken from it (None: all of it; "": its top level)
Import = tuple[str, "str | None", str]  # a shipped module, the name taken (None: the module), how code names it


@dataclass
class Analysis:
    """A notebook's code cells, or one shipped module, as the rules see them."""

    definitions: dict[str, list[Unit]]
    everything: list[Hit]  # counts against every function that runs this code
    tainted: dict[str, list[Hit]]  # per global name
    imported: dict[str, list[Import]] = field(default_factory=dict)  # global name -> the shipped module it binds
    loads: list[Use] = field(default_factory=list)  # shipped modules its top level imports (they run then)
    modules: dict[str, Module] = field(default_factory=dict)  # the shipped modules it may import
    package: str = ""  # what its relative imports are relative to


def check_notebook(cells: Iterable[tuple[int, str]], spec: AssignmentSpec,
                   modules: dict[str, Module] | None = None) -> dict[str, list[Finding]]:
    """Findings per graded function; cells are (code cell number, source) of the student's code
    cells, `modules` the student's shipped `.py` modules (`shipped.shipped_modules`)."""
    items = declared(spec.forbidden_items)
    modules = modules or {}
    analysed: dict[str, Analysis] = {}

    def module(name: str) -> Analysis:
        if name not in analysed:
            shipped = modules[name]
            analysed[name] = analyse(parse([(shipped.cell, shipped.source)], shipped.where), items, modules,
                                     shipped.package)
        return analysed[name]

    notebook = analyse(parse(cells), items, modules)
    return {function.name: _findings_for(function, notebook, module) for function in spec.functions}


def analyse(blocks: list[Block], items, modules: dict[str, Module], package: str = "") -> Analysis:
    names = Names([block.node for block in blocks])
    units = [make_unit(block, names, items) for block in blocks]
    definitions: dict[str, list[Unit]] = {}
    for unit in units:
        for node in definitions_in(unit.block.node):
            inner = unit if node is unit.block.node else make_unit(Block(unit.block.cell, node, unit.block.where),
                                                                    names, items)
            definitions.setdefault(node.name, []).append(inner)
    everything, tainted = top_level_effects(units, definitions, names)
    analysis = Analysis(definitions, everything, tainted, modules=modules, package=package)
    for unit in units:
        if not isinstance(unit.block.node, DEFINITIONS):
            for bound, shipped, taken, expression in imports_of(unit.block.node, modules, package, top_level=True):
                analysis.imported.setdefault(bound, []).append((shipped, taken, expression))
                analysis.loads.append((shipped, ""))  # its top level runs when this one does
    return analysis


def _findings_for(function: FunctionSpec, notebook: Analysis, module) -> list[Finding]:
    forbidden = function.rules.items

    def counts(hit: Hit) -> bool:
        return hit.item is None or hit.item in forbidden

    found, seen = [], set()
    todo: list[tuple[Analysis, set[str]]] = [(notebook, {function.name})]
    done: set[Use] = set()
    while todo:
        analysis, start = todo.pop(0)
        hits, uses = _reached(analysis, start, function.name, counts)
        for hit in hits:  # a module reached twice (from two names) gives its top level twice
            if (hit.place, hit.what) not in seen:
                seen.add((hit.place, hit.what))
                found.append(hit)
        for use in uses:
            if use not in done:
                done.add(use)
                shipped, taken = use
                reached = module(shipped)
                todo.append((reached, {taken} if taken else set() if taken == "" else set(reached.definitions)))
    return sorted(_worded(hit, function) for hit in found)


def _reached(analysis: Analysis, start: set[str], graded: str, counts) -> tuple[list[Hit], list[Use]]:
    """The hits that count against code starting at `start` (a graded function, or what is taken
    from a shipped module), and the shipped modules it reaches."""
    paths = reach(start, analysis.definitions)
    reached = [(unit, path) for name, path in paths.items() for unit in analysis.definitions[name]]
    found = sorted({replace(hit, through=path) for unit, path in reached for _, hit in unit.found if counts(hit)})
    seen = {hit.place for hit in found}
    reads = set(start).union(*(unit.reads for unit, _ in reached))
    for name in sorted(reads & set(analysis.tainted)):
        why = ("it rebinds the name itself" if name == graded
               else f"it binds {name}, which {graded} uses")
        for hit in filter(counts, analysis.tainted[name]):
            if hit.place not in seen:
                seen.add(hit.place)
                found.append(replace(hit, context=f" (outside the functions: {why})"))
    found += [hit for hit in filter(counts, analysis.everything) if hit.place not in seen]
    nodes = [unit.block.node for unit, _ in reached]
    imports = [found for name in sorted(reads & set(analysis.imported)) for found in analysis.imported[name]]
    imports += [(shipped, taken, expression) for node in nodes
                for _, shipped, taken, expression in imports_of(node, analysis.modules, analysis.package)]
    uses = list(analysis.loads)
    for shipped, taken, expression in imports:
        members = {taken} if taken is not None else members_used(nodes, expression)
        uses += [(shipped, member) for member in sorted(members)] if members is not None else [(shipped, None)]
    return found, uses


def _worded(hit: Hit, function: FunctionSpec) -> Finding:
    through = f" through {' → '.join(f'`{name}`' for name in hit.through)}" if hit.through else ""
    rest = hit.rest if hit.item is None else (
        f", which this assignment forbids: {function.rules.advice(hit.item)}")
    return Finding(hit.cell, hit.line, hit.rule, f"{hit.what}{through}{rest}{hit.context}", hit.name, hit.where)
