"""The "Write the arithmetic yourself" cell of a notebook, written from the spec's declaration.

Everything it states is what the grader enforces (`specs.rules`): the allowed items, each group of
forbidden items with the functions it applies to, and the full list of items in a closed
`<details>` block, so that a student can look up any call before using it.
"""
from __future__ import annotations

import textwrap

from autograder.specs.base import AssignmentSpec, FunctionSpec
from autograder.specs.rules import ATTRIBUTE, METHOD, OPERATOR, ROUTINE, Allowed, Item, Shortcuts

WIDTH = 100
LIBRARIES = {"numpy": "numpy", "math": "the standard library", "statistics": "the standard library",
             "operator": "the standard library", "torch": "torch", "scipy": "scipy", "sklearn": "scikit-learn"}


def shown(item: Item) -> str:
    """How the notebook writes an item: `np.dot`, everything in `np.linalg`, the `@` operator."""
    if item.kind == ROUTINE:
        name = f"`{item.name.replace('numpy.', 'np.', 1) if item.name.startswith('numpy.') else item.name}`"
        return f"everything in {name}" if item.module else name
    if item.kind == OPERATOR:
        return f"the `{item.name}` operator"
    return f"`.{item.name}()`" if item.kind == METHOD else f"`.{item.name}`"


def _in_full(item: Item) -> str:
    """An operator with its other spellings: the `@` operator (also `operator.matmul`, ...)."""
    if item.kind != OPERATOR:
        return shown(item)
    spellings = [f"`{name}`" for name in item.routines()] + [f"`.{name}()`" for name in item.method_names()]
    return f"{shown(item)} (also {', '.join(spellings)})"


def rule_text(spec: AssignmentSpec) -> str:
    functions = [f.name for f in spec.functions]
    groups = _groups(spec)
    lines = [f"### {groups[0][0].advice.capitalize()}", "", _allowed_text(spec.functions), ""]
    for group, names in groups:
        lines += [_group_sentence(group, names, functions), ""]
    lines += [
        "The grader checks for every item of the list below, however it is imported or spelled "
        f"({_spellings(groups[0][0])}, a helper of yours that calls it): a function that uses one "
        "scores 0, and your feedback names it. The test cell of each function runs the same check "
        "(`check_shortcuts`), and the last cell of the notebook sums up every visible test.",
        "",
        "<details>",
        "<summary>Everything the grader checks for</summary>",
        "",
    ]
    for group, names in _groups(spec):
        where = "In every function" if names == functions else f"In {_names(names)}"
        lines += [f"{where}, not allowed:", ""]
        lines += [f"- {label}: {', '.join(_in_full(item) for item in items)}" for label, items in _by_kind(group)]
        lines.append("")
    lines.append("</details>")
    return "\n".join(_wrapped(line) for line in lines)


def _wrapped(line: str) -> str:
    indent = "  " if line.startswith("- ") else ""
    return textwrap.fill(line, WIDTH, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) if line else line


def _spellings(group: Shortcuts) -> str:
    """Two other ways of writing the group's first plain routine: `from numpy import dot as d`..."""
    item = next(item for item in group.examples if item.kind == ROUTINE and not item.module)
    module, _, name = item.name.rpartition(".")
    short = "np" if module == "numpy" else module
    return f"`from {module} import {name} as {name[0]}`, `getattr({short}, \"{name}\")`"


def _allowed_text(functions: tuple[FunctionSpec, ...]) -> str:
    common = [a for a in functions[0].rules.allowed if all(a in f.rules.allowed for f in functions)]
    text = f"**Allowed**: {_list(common)}."
    for function in functions:
        extra = [a for a in function.rules.allowed if a not in common]
        if extra:
            text += f" `{function.name}` may also use {_list(extra)}."
    return text


def _group_sentence(group: Shortcuts, names: list[str], functions: list[str]) -> str:
    where = "in any function" if names == functions else f"in {_names(names)}"
    kinds = _kind_words(group.items)
    examples = ", ".join(shown(item) for item in group.examples)
    return (f"**Not allowed** {where}: {kinds} that {group.what}, such as {examples} "
            f"(the full list is below): {group.advice}.")


def _groups(spec: AssignmentSpec) -> list[tuple[Shortcuts, list[str]]]:
    """Each group of forbidden items once, with the functions it applies to, in spec order."""
    groups: list[tuple[Shortcuts, list[str]]] = []
    for function in spec.functions:
        for group in function.rules.forbidden:
            known = next((names for known, names in groups if known == group), None)
            if known is None:
                groups.append((group, [function.name]))
            else:
                known.append(function.name)
    return groups


def _by_kind(group: Shortcuts) -> list[tuple[str, list[Item]]]:
    """The items of a group by library (routines), then operators, methods, attributes."""
    rows: dict[str, list[Item]] = {}
    for item in group.items:
        if item.kind == ROUTINE:
            label = LIBRARIES[item.name.split(".")[0]]
        else:
            label = {OPERATOR: "operators", METHOD: "methods", ATTRIBUTE: "attributes"}[item.kind]
        rows.setdefault(label, []).append(item)
    return list(rows.items())


def _kind_words(items: tuple[Item, ...]) -> str:
    kinds = [word for kind, word in ((ROUTINE, "routines"), (OPERATOR, "operators"), (METHOD, "methods"),
                                     (ATTRIBUTE, "attributes")) if any(item.kind == kind for item in items)]
    return ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else kinds[0]


def _names(names: list[str]) -> str:
    quoted = [f"`{name}`" for name in names]
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}" if len(quoted) > 1 else quoted[0]


def _list(allowed: list[Allowed]) -> str:
    texts = [a.text for a in allowed]
    return ", ".join(texts[:-1]) + f" and {texts[-1]}" if len(texts) > 1 else texts[0]
