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
  bounded (see `top_level`).
A finding costs a function only if the function's own declaration forbids its item (the grader's
own rules apply to all). Each finding says which rule, in which cell and line, in plain words.

The package: `deny` (the grader's table, the declaration as looked up), `names` (name resolution),
`units` (statements, definitions, the transitive closure), `statements` (the statement checker),
`top_level` (the top-level effect analysis).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from autograder.specs.base import AssignmentSpec, FunctionSpec
from autograder.static_rules.deny import declared
from autograder.static_rules.names import Names
from autograder.static_rules.statements import make_unit
from autograder.static_rules.top_level import top_level_effects
from autograder.static_rules.units import Block, Finding, Hit, Unit, definitions_in, parse, reach

__all__ = ["Finding", "check_notebook"]


def check_notebook(cells: Iterable[tuple[int, str]], spec: AssignmentSpec) -> dict[str, list[Finding]]:
    """Findings per graded function; cells are (code cell number, source) of the student's code cells."""
    blocks = parse(cells)
    names = Names([block.node for block in blocks])
    items = declared(spec.forbidden_items)
    units = [make_unit(block, names, items) for block in blocks]
    definitions: dict[str, list[Unit]] = {}
    for unit in units:
        for node in definitions_in(unit.block.node):
            inner = unit if node is unit.block.node else make_unit(Block(unit.block.cell, node, unit.block.where),
                                                                    names, items)
            definitions.setdefault(node.name, []).append(inner)
    everything, tainted = top_level_effects(units, definitions, names)
    return {function.name: _findings_for(function, definitions, everything, tainted)
            for function in spec.functions}


def _findings_for(function: FunctionSpec, definitions: dict[str, list[Unit]], everything: list[Hit],
                  tainted: dict[str, list[Hit]]) -> list[Finding]:
    forbidden = function.rules.items

    def counts(hit: Hit) -> bool:
        return hit.item is None or hit.item in forbidden

    paths = reach([function.name], definitions)
    reached = [(unit, path) for name, path in paths.items() for unit in definitions[name]]
    own = {replace(hit, through=path) for unit, path in reached for _, hit in unit.found if counts(hit)}
    seen = {hit.place for hit in own}
    found = list(own)
    reads = {function.name}.union(*(unit.reads for unit, _ in reached))
    for name in sorted(reads & set(tainted)):
        why = ("it rebinds the name itself" if name == function.name
               else f"it binds {name}, which {function.name} uses")
        for hit in filter(counts, tainted[name]):
            if hit.place not in seen:
                seen.add(hit.place)
                found.append(replace(hit, context=f" (outside the functions: {why})"))
    for hit in filter(counts, everything):
        if hit.place not in seen:
            seen.add(hit.place)
            found.append(hit)
    return sorted(_worded(hit, function) for hit in found)


def _worded(hit: Hit, function: FunctionSpec) -> Finding:
    through = f" through {' → '.join(f'`{name}`' for name in hit.through)}" if hit.through else ""
    rest = hit.rest if hit.item is None else (
        f", which this assignment forbids: {function.rules.advice(hit.item)}")
    return Finding(hit.cell, hit.line, hit.rule, f"{hit.what}{through}{rest}{hit.context}", hit.name, hit.where)
