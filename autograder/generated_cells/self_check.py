"""The cells students run to check their work, written from the spec of an assignment:

- the self-check cell: the code of `self_check_code.py`, then the assignment's rules (the same
  declaration and tables the grader uses) and its visible tests, as data;
- one rule-test cell per function (0 points): the spec's shown cases, as calls of the self-check's
  helpers (`expect_error`, `expect_result`, `expect_unchanged`) with the expected values computed by
  the reference;
- the "before you submit" cell at the end.
Nothing in them imports from this repository: they run wherever the notebook runs.
"""
from __future__ import annotations

import pprint
from pathlib import Path
from typing import Any

from autograder.generated_cells.self_check_code import _code
from autograder.specs.base import VISIBLE, AssignmentSpec, Case, FunctionSpec, cases_for, to_plain
from autograder.specs.rules import ATTRIBUTE, METHOD, OPERATOR, OPERATOR_METHODS, OPERATOR_ROUTINES, ROUTINE
from autograder.static_rules.deny import HIDING_ATTRIBUTES, HIDING_OR_PEEKING

TEMPLATE = Path(__file__).with_name("self_check_code.py")
SHORTCUT_CHECK = "check_shortcuts({name})"


def self_check_source(spec: AssignmentSpec) -> str:
    return TEMPLATE.read_text(encoding="utf-8").rstrip("\n") + "\n\n\n" + _data(spec)


def _data(spec: AssignmentSpec) -> str:
    groups = {group.name: group for function in spec.functions for group in function.rules.forbidden}
    tables = {
        "GROUPS": {name: {"advice": group.advice,
                          **{kind + "s": [item.name for item in group.items if item.kind == kind]
                             for kind in (ROUTINE, OPERATOR, METHOD, ATTRIBUTE)}}
                   for name, group in groups.items()},
        "RULES": {function.name: [group.name for group in function.rules.forbidden] for function in spec.functions},
        "OPERATORS": {op: {"routines": list(OPERATOR_ROUTINES[op]), "methods": list(OPERATOR_METHODS[op])}
                      for op in OPERATOR_ROUTINES},
        "HIDING": _by_reason(HIDING_OR_PEEKING),
        "HIDING_ATTRIBUTES": _by_reason(HIDING_ATTRIBUTES),
    }
    lines = ["# --- the assignment's rules, as the grader declares them, and its visible tests ----------------",
             f"ASSIGNMENT = {spec.name!r}"]
    lines += [f"{name} = {pprint.pformat(table, width=100, sort_dicts=False)}" for name, table in tables.items()]
    lines.append("# (kind, arguments, expected result / shapes an error names, what it checks), per function")
    lines.append("VISIBLE_TESTS = {")
    for function in spec.functions:
        lines.append(f"    {function.name!r}: [")
        lines += [f"        ({kind!r}, ({', '.join(_code(a) for a in args)},), {_code(want)}, {text!r}),"
                  for kind, args, want, text in visible_tests(spec, function)]
        lines.append("    ],")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _by_reason(table: dict[str, str]) -> dict[str, list[str]]:
    """The grader's table {name: reason} as {reason: [names]}: the same, shorter to read."""
    grouped: dict[str, list[str]] = {}
    for name, reason in table.items():
        grouped.setdefault(reason, []).append(name)
    return grouped


def visible_tests(spec: AssignmentSpec, function: FunctionSpec) -> list[tuple[str, tuple, Any, str]]:
    """(kind, arguments, expected, description) of the worked examples and the shown cases."""
    tests = []
    for case in cases_for(spec, function, 0):  # the visible and shown cases never depend on the seed
        if case.group == VISIBLE:
            tests.append(("example", case.args, _expected(function, case), "a worked example"))
        elif case.shown:
            tests.append(_shown(function, case))
    return tests


def _shown(function: FunctionSpec, case: Case) -> tuple[str, tuple, Any, str]:
    if case.expect_error is not None:
        return "error", case.args, tuple(case.error_mentions), case.description
    if case.check_unmodified:
        return "unchanged", case.args, None, case.description
    return "result", case.args, _expected(function, case), case.description


def _expected(function: FunctionSpec, case: Case) -> Any:
    return to_plain(function.reference(*case.args))


def rule_cell_source(spec: AssignmentSpec, function: FunctionSpec) -> str:
    name = function.name
    lines = [f"# Visible tests of the rules for {name} (0 points here: the hidden tests grade the rules;",
             "# a rule that fails here fails its group of hidden tests too)."]
    for kind, args, want, description in visible_tests(spec, function):
        arguments = ", ".join(_code(a) for a in args)
        if kind == "example":
            continue
        lines.append(f"# {description[0].upper()}{description[1:]}.")
        if kind == "error":
            lines.append(f"expect_error(ValueError, {name}, {arguments}, naming={want!r})")
        elif kind == "unchanged":
            lines.append(f"expect_unchanged({name}, {arguments})")
        else:
            lines.append(f"expect_result({_code(want)}, {name}, {arguments})")
    lines.append(f'print("The visible rule tests of {name} passed.")')
    return "\n".join(lines)


SUMMARY_SOURCE = ("# Before you submit: every visible test and the shortcut check, function by function\n"
                  "# (run Kernel → Restart Kernel and Run All Cells first).\n"
                  "before_you_submit()")
