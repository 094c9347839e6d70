"""Name resolution: what a name or an expression in the student's code stands for, as a dotted
name (`np.linalg.norm` -> "numpy.linalg.norm"), without running anything.

Imports and simple aliases anywhere in the notebook are followed (`import numpy as np`,
`from numpy import dot as d`, `m = np`), so are attribute chains and `getattr(x, "name")` with a
name known without running code ("d" + "ot"). Local variables that no alias can reach shadow a
global alias of the same name.
"""
from __future__ import annotations

import ast
import builtins
import sys
import types


class Names:
    """What each name means: imports and simple aliases anywhere in the notebook."""

    def __init__(self, statements: list[ast.AST]):
        self.aliases: dict[str, str] = {}
        self.star_modules: list[str] = []
        self.defined: set[str] = set()
        nodes = [node for statement in statements for node in ast.walk(statement)]
        for node in nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.aliases[top] = top
            elif isinstance(node, ast.ImportFrom) and node.level:
                # Inside a student's shipped package (`from . import shape`): one of its own
                # modules, named by its dots so that no declared item matches it.
                relative = "." * node.level + (f"{node.module}." if node.module else "")
                for alias in node.names:
                    if alias.name != "*":
                        self.aliases[alias.asname or alias.name] = relative + alias.name
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

    def resolve(self, node: ast.AST, local: frozenset[str] = frozenset()) -> str | None:
        """The dotted name an expression stands for (numpy.linalg.norm), if it can be known.
        `local`: plain local variables of the code being checked, which no alias reaches."""
        if isinstance(node, ast.Name):
            if node.id in local:
                return None
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
            base = self.resolve(node.value, local)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call) and self.resolve(node.func, local) == "builtins.getattr" and len(node.args) >= 2:
            base, name = self.resolve(node.args[0], local), constant_string(node.args[1])
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


def canonical(dotted: str) -> str:
    """The real name behind a module re-exported by another one (`os.sys.modules` ->
    `sys.modules`, `dataclasses.inspect.stack` -> `inspect.stack`), for modules the grader has
    loaded itself (nothing is imported for this); otherwise the name as written."""
    parts = dotted.split(".")
    target = sys.modules.get(parts[0])
    if target is None:
        return dotted
    real = dotted
    for index, part in enumerate(parts[1:], start=1):
        try:
            target = vars(target).get(part)  # no getattr: a module's __getattr__ may import
        except TypeError:
            break
        if not isinstance(target, types.ModuleType):
            break
        real = ".".join([target.__name__, *parts[index + 1:]])
    return real


def star_names(module: str | None) -> set[str] | None:
    """The public names of a module the grader has loaded (numpy, math...); None if not loaded."""
    loaded = sys.modules.get(module or "")
    if loaded is None:
        return None
    exported = getattr(loaded, "__all__", None)
    if not isinstance(exported, (list, tuple)):
        exported = [name for name in vars(loaded) if not name.startswith("_")]
    return {name for name in exported if isinstance(name, str)}


def plain_locals(node: ast.AST, names: Names) -> frozenset[str]:
    """Local variables of a function that no alias of a library routine can reach: its own
    parameters without a default, and names only ever assigned a value that names nothing
    (`norm = 0.0`). Such a local shadows a global alias of the same name (`from numpy.linalg
    import norm` in a check cell). Names bound any other way (loops, comprehensions, imports,
    inner parameters, defaults) stay resolvable."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return frozenset()
    arguments = node.args
    positional = arguments.posonlyargs + arguments.args
    with_default = positional[len(positional) - len(arguments.defaults):] if arguments.defaults else []
    with_default += [a for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None]
    own = {id(a) for a in [*positional, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg] if a}
    plain, other = set(), set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.arg):
            (plain if id(sub) in own and sub not in with_default else other).add(sub.arg)
        elif isinstance(sub, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            simple = sub.value is not None and names.resolve(sub.value) is None
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        (plain if simple and target is name else other).add(name.id)
        elif isinstance(sub, (ast.For, ast.AsyncFor, ast.comprehension, ast.withitem, ast.NamedExpr)):
            target = getattr(sub, "target", None) or getattr(sub, "optional_vars", None)
            if target is not None:
                other.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            other.update(a.asname or a.name.split(".")[0] for a in sub.names)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            other.update(sub.names)
        elif isinstance(sub, ast.ExceptHandler) and sub.name:
            other.add(sub.name)
        elif isinstance(sub, (ast.MatchAs, ast.MatchStar)) and sub.name:
            other.add(sub.name)
        elif isinstance(sub, ast.MatchMapping) and sub.rest:
            other.add(sub.rest)
    return frozenset(plain - other)

