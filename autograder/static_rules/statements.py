"""The statement checker: every rule one top-level statement or definition breaks, where, and why.

A hit names what the code did ("uses numpy.linalg.norm", "calls the method .dot()", "uses the
attribute .T") and the declared item or the grader's own rule it falls under; which graded
functions it costs, and in which words, is decided per function (`static_rules.check_notebook`).
"""
from __future__ import annotations

import ast
from typing import Iterator

from autograder.specs.rules import ATTRIBUTE, OPERATOR, Item
from autograder.static_rules.deny import (DYNAMIC_GETATTR, HIDDEN, HIDING_ATTRIBUTES, HIDING_OR_PEEKING,
                                          PICKLE, PICKLING_KEYWORDS, RULES, TIMEIT_CALLS, Declared,
                                          hiding_rule)
from autograder.static_rules.names import Names, canonical, constant_string, plain_locals, star_names
from autograder.static_rules.units import (DEFINITIONS, Block, Hit, Unit, scopes, stores_into_objects)

FROM_STRING = "runs code given as a string or a file"


def make_unit(block: Block, names: Names, declared: Declared) -> Unit:
    node = block.node
    reads, binds = scopes(node)
    if isinstance(node, DEFINITIONS):
        binds = binds | {node.name}
    parents = {id(child): parent for parent in ast.walk(node) for child in ast.iter_child_nodes(parent)}
    unit = Unit(block, [], reads, binds, stores_into_objects(node), parents)
    unit.found = list(dict.fromkeys(check_statement(block, names, declared, plain_locals(node, names),
                                                    parents)))
    unit.binds |= {hit.binds for _, hit in unit.found if hit.binds}  # `from numpy import *` binds dot
    return unit


def check_statement(block: Block, names: Names, declared: Declared, local: frozenset[str] = frozenset(),
                    parents: dict[int, ast.AST] | None = None) -> Iterator[tuple[ast.AST, Hit]]:
    """(node, hit) for every rule broken in one top-level statement or definition.
    `local`: plain local variables, which no alias reaches (see `names.plain_locals`)."""
    parents = parents if parents is not None else {}

    def hit(node: ast.AST, rule: str, what: str, **more) -> tuple[ast.AST, Hit]:
        return node, Hit(block.cell, getattr(node, "lineno", 0), rule, what, where=block.where, **more)

    def declared_hit(node: ast.AST, item: Item, what: str, **more) -> tuple[ast.AST, Hit]:
        return hit(node, RULES[item.kind], what, item=item, name=str(item), **more)

    def hidden_hit(node: ast.AST, what: str, why: str, name: str) -> tuple[ast.AST, Hit]:
        return hit(node, HIDDEN, what, rest=f": graded code {why}, which is not allowed", name=name)

    def judge_name(node: ast.AST, dotted: str) -> tuple[ast.AST, Hit] | None:
        real = canonical(dotted)  # os.sys.modules is sys.modules
        return judge(node, dotted) or (judge(node, real) if real != dotted else None)

    def judge(node: ast.AST, dotted: str) -> tuple[ast.AST, Hit] | None:
        shown = dotted.removeprefix("builtins.")
        item = declared.routine(dotted)
        if item is not None:
            return declared_hit(node, item, f"uses {shown}{_aka(shown, item)}")
        rule = hiding_rule(dotted)
        if rule is not None:
            return hidden_hit(node, f"uses {shown}", HIDING_OR_PEEKING[rule], rule)
        return None

    def judge_attribute(node: ast.AST, name: str, how: str = "") -> tuple[ast.AST, Hit] | None:
        item = declared.name(name)
        if item is None:
            return None
        what = f"the attribute .{name}" if item.kind == ATTRIBUTE else f"the method .{name}()"
        verb = "gets" if how else ("uses" if item.kind == ATTRIBUTE else "calls")
        return declared_hit(node, item, f"{verb} {what}{how}{_aka(name, item)}")

    skip: set[int] = set()  # sub-nodes of a name already judged (np.linalg inside np.linalg.norm)
    for node in ast.walk(block.node):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from _check_import(node, judge_name, hit, declared)
            continue
        if isinstance(node, (ast.BinOp, ast.AugAssign)):
            item = declared.operator(node.op)
            if item is not None:
                yield declared_hit(node, item, f"uses {item}")
        if isinstance(node, ast.Call):
            called = names.resolve(node.func, local)
            attribute = constant_string(node.args[1]) if len(node.args) >= 2 else None
            if called in DYNAMIC_GETATTR and len(node.args) >= 2 and attribute is None:
                yield hit(node, HIDDEN, f"calls {called[9:]} with a computed attribute name",
                          rest=", which graded code may not do", name=called)
            elif called == "builtins.getattr" and attribute and names.resolve(node, local) is None:
                found = judge_attribute(node, attribute, " with getattr")  # getattr(np.asarray(a), "dot")
                if found is not None:
                    yield found
            for keyword in node.keywords:
                if isinstance(keyword.value, ast.Constant) and (keyword.arg, keyword.value.value) in PICKLING_KEYWORDS:
                    passed = f"{keyword.arg}={keyword.value.value}"
                    yield hidden_hit(node, f"passes {passed}", PICKLE, passed)
            if called in TIMEIT_CALLS and not all(_callable_code(arg, names) for arg in
                                                  [*node.args[:2], *(k.value for k in node.keywords
                                                                     if k.arg in ("stmt", "setup"))]):
                yield hidden_hit(node, f"passes code as a string to {called}", FROM_STRING, called)
        if isinstance(node, (ast.Name, ast.Attribute, ast.Call)):
            dotted = names.resolve(node, local)  # for a call, only getattr(x, "name") resolves
            if dotted is not None:
                result = judge_name(node, dotted)
                if result is not None:
                    yield result
                    skip.update(id(sub) for sub in ast.walk(node))
                    continue
                parent = parents.get(id(node))
                if dotted in DYNAMIC_GETATTR and not (isinstance(parent, ast.Call) and parent.func is node):
                    yield hit(node, HIDDEN, f"passes {dotted[9:]} around as a value",
                              rest=", which looks up attributes by a computed name; graded code may not do that",
                              name=dotted)
            if isinstance(node, ast.Name) and node.id not in names.defined and node.id not in names.aliases:
                for module in names.star_modules:  # from numpy import *; dot(a, b)
                    result = judge_name(node, f"{module}.{node.id}")
                    if result is not None:
                        yield result
        if isinstance(node, ast.Attribute):
            if node.attr in HIDING_ATTRIBUTES:
                yield hidden_hit(node, f"uses .{node.attr}", HIDING_ATTRIBUTES[node.attr], f".{node.attr}")
            elif names.resolve(node, local) is None:
                found = judge_attribute(node, node.attr)
                if found is not None:
                    yield found


def _aka(written: str, item: Item) -> str:
    """How a spelling names its item when it does not show it: " (the @ operator)"."""
    if item.kind == OPERATOR:
        return f" ({item})"
    return "" if written.startswith(item.name) else f" (that is {item})"


def _callable_code(node: ast.AST, names: Names) -> bool:
    """timeit given a function to call (not a string of code)."""
    return isinstance(node, (ast.Lambda, ast.Attribute)) or (
        isinstance(node, ast.Name) and node.id in names.defined and node.id not in names.aliases)


def _check_import(node: ast.Import | ast.ImportFrom, judge_name, hit,
                  declared: Declared) -> Iterator[tuple[ast.AST, Hit]]:
    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    if any(module.split(".")[0] == "builtins" for module in modules):
        yield hit(node, HIDDEN, "imports builtins",
                  rest=": graded code reaches into Python's builtins, which is not allowed", name="builtins")
        return
    if isinstance(node, ast.Import):
        for alias in node.names:
            # `import numpy.linalg` only binds numpy; judged where numpy.linalg is used. An alias
            # (`import numpy.linalg as la`) or a hiding module (`import inspect`) is judged here.
            if alias.asname or "." not in alias.name:
                result = judge_name(node, alias.name)
                if result is not None and (alias.asname or result[1].rule == HIDDEN):
                    yield result
            elif alias.name.split(".")[0] in ("importlib", "ctypes", "IPython"):
                yield from filter(None, [judge_name(node, alias.name)])
        return
    if node.level or not node.module:
        return
    for alias in node.names:
        if alias.name == "*":
            yield from _check_star_import(node, node.module, judge_name, hit, declared)
            continue
        result = judge_name(node, f"{node.module}.{alias.name}")
        if result is not None:
            yield result


def _check_star_import(node: ast.ImportFrom, module: str, judge_name, hit,
                       declared: Declared) -> Iterator[tuple[ast.AST, Hit]]:
    """`from numpy import *`: one hit per forbidden routine it binds under its own name (the name
    then counts against the functions that use it); for a module the grader has not loaded, one
    hit naming the first routine it may bring (the top level then cannot be followed)."""
    result = judge_name(node, module)
    if result is not None:
        yield result
        return
    exported = star_names(module)
    if exported is None:
        held = declared.held_by(module)
        if held:
            yield hit(node, RULES[held[0].kind], f"imports everything from {module}: that brings {held[0]} "
                      "and other routines in under their own names", item=held[0], name=str(held[0]))
        return
    for name in sorted(exported):
        item = declared.routine(f"{module}.{name}")
        if item is not None:
            yield hit(node, RULES[item.kind], f"imports everything from {module}, which binds {name} to "
                      f"{module}.{name}{_aka(f'{module}.{name}', item)}", item=item, name=str(item), binds=name)
