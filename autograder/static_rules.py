"""Forbidden shortcuts, found in the student's code before it runs (AST only, nothing executed).

Two kinds of rule:
- the assignment's own rules (`AssignmentSpec.forbidden`, `forbid_matmul_operator`,
  `forbidden_methods`): a routine that computes the asked quantity, however it was imported
  (`import numpy as np`, `from numpy import dot as d`, `from numpy.linalg import norm`,
  `getattr(np, "d" + "ot")`, `from numpy import *`), the `@` operator, `operator.matmul`, `x.dot(y)`;
- rules for every assignment against hiding code from these checks or reaching into the grader:
  `getattr` with a computed name (or passed around as a value), `__import__`, `importlib` and other
  lookups of objects by a string (`pydoc`, `pkgutil`...), `eval`/`exec`/`compile` and other ways of
  running code given as a string or file, `sys.modules`, `sys.path`, `globals()`/`vars()`,
  `__dict__`/`__builtins__`, `gc`, `inspect`, frames, `sys.settrace`/`setprofile`, signals, `ctypes`,
  IPython hooks, pickles, other processes, and the grader's own modules in the sandbox.

What counts against a graded function:
- its own definition, and every function or class of the notebook it uses (transitively);
- top-level code (outside any function) that binds a name the function uses, directly or through
  other names and helpers: `dot = np.dot`, `_norm = lambda v: np.linalg.norm(v)`,
  `from numpy import dot`. A check such as `print(np.dot(a, b), dot(a, b))` or
  `expected = np.linalg.norm(v)` binds nothing a graded function uses and costs nothing;
- top-level code whose effect cannot be bounded counts against every function: hidden or dynamic
  code that runs while the notebook loads (also inside a helper the top level calls), a forbidden
  routine stored into an attribute or a container, passed to a call, or obfuscated
  (`getattr(np, "d" + "ot")`), and `from numpy import *`.

Each finding says which rule, in which cell and line, in plain words.
"""
from __future__ import annotations

import ast
import builtins
import symtable
import sys
import types
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from autograder.specs.base import AssignmentSpec

MATMUL_ROUTINES = ("operator.matmul", "operator.imatmul", "operator.__matmul__", "operator.__imatmul__")
MATMUL_METHODS = ("__matmul__", "__rmatmul__", "__imatmul__")
HIDDEN = "hidden or dynamic code"

_BY_STRING = "looks up objects by a name given as a string"
_FROM_STRING = "runs code given as a string or a file"
_PICKLE = "can load objects by name from a string (pickle)"
_PROCESS = "starts another process or program, out of the grader's sight"
_GRADER = "reaches into the grader's own code in the sandbox"
# Dotted names (prefixes) that no graded code may use, with the reason shown to the student.
HIDING_OR_PEEKING = {
    "builtins.__import__": "imports modules by a computed name",
    "importlib": "imports modules by a computed name",
    "imp": "imports modules by a computed name",
    "zipimport": "imports modules by a computed name",
    "builtins.eval": "runs code built from a string",
    "builtins.exec": "runs code built from a string",
    "builtins.compile": "compiles code built from a string",
    "types.CodeType": "builds functions from raw code",
    "types.FunctionType": "builds functions from raw code",
    "code": _FROM_STRING, "codeop": _FROM_STRING, "runpy": _FROM_STRING, "doctest": _FROM_STRING,
    "pdb.run": _FROM_STRING, "pdb.runeval": _FROM_STRING, "pdb.runctx": _FROM_STRING, "pdb.Pdb": _FROM_STRING,
    "bdb": _FROM_STRING, "trace": _FROM_STRING,
    "profile.run": _FROM_STRING, "profile.runctx": _FROM_STRING, "profile.Profile": _FROM_STRING,
    "cProfile.run": _FROM_STRING, "cProfile.runctx": _FROM_STRING, "cProfile.Profile": _FROM_STRING,
    "marshal": "loads compiled code",
    "pickle": _PICKLE, "_pickle": _PICKLE, "shelve": _PICKLE, "copyreg": _PICKLE, "dill": _PICKLE,
    "cloudpickle": _PICKLE, "joblib": _PICKLE, "pandas.read_pickle": _PICKLE,
    "pydoc": _BY_STRING, "pkgutil": _BY_STRING, "string.Formatter": _BY_STRING,
    "logging.config": _BY_STRING, "unittest.mock": _BY_STRING,
    "traitlets.import_item": _BY_STRING, "traitlets.utils.importstring": _BY_STRING,
    "tornado.util.import_object": _BY_STRING, "distributed.utils.import_term": _BY_STRING,
    "dask.utils.import_required": _BY_STRING, "jinja2.utils.import_string": _BY_STRING,
    "builtins.globals": "reads the global namespace",
    "builtins.vars": "reads an object's namespace",
    "builtins.locals": "reads a namespace (at the top level, the global one)",
    "__builtins__": "reaches into Python's builtins",
    "sys.modules": "reaches into loaded modules through sys.modules",
    "sys.path": "changes where Python imports code from",
    "sys.meta_path": "changes how Python imports code",
    "sys.path_hooks": "changes how Python imports code",
    "sys.path_importer_cache": "changes how Python imports code",
    "sys.addaudithook": "installs an audit hook",
    "sys._getframe": "inspects the call stack",
    "sys._current_frames": "inspects the call stack",
    "sys.settrace": "installs a trace function",
    "sys.setprofile": "installs a profile function",
    "threading.settrace": "installs a trace function",
    "threading.setprofile": "installs a profile function",
    "gc": "inspects objects in memory (gc)",
    "inspect": "inspects the call stack or source code (inspect)",
    "signal": "changes signal handling, which the grader's time limits use",
    "ctypes": "uses ctypes",
    "builtins.get_ipython": "uses IPython hooks",
    "IPython": "uses IPython hooks",
    "operator.attrgetter": "looks up attributes by a computed name",
    "operator.methodcaller": "looks up methods by a computed name",
    "__main__": _GRADER, "harness": _GRADER, "tripwires": _GRADER, "codec": _GRADER, "values": _GRADER,
    "subprocess": _PROCESS, "_posixsubprocess": _PROCESS, "multiprocessing": _PROCESS, "pty": _PROCESS,
    "concurrent.futures.process": _PROCESS, "concurrent.futures.ProcessPoolExecutor": _PROCESS,
    "asyncio.subprocess": _PROCESS, "asyncio.create_subprocess_exec": _PROCESS,
    "asyncio.create_subprocess_shell": _PROCESS, "webbrowser": _PROCESS,
    **{f"os.{name}": _PROCESS for name in (
        "system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp", "execl", "execle", "execlp",
        "execlpe", "execv", "execve", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe",
        "spawnv", "spawnve", "spawnvp", "spawnvpe")},
}
HIDING_ATTRIBUTES = {
    "__dict__": "reads an object's namespace (__dict__)",
    "__builtins__": "reaches into Python's builtins",
    "__globals__": "reads a function's globals",
    "__code__": "reads or replaces a function's code",
    "__closure__": "reads a function's closure",
    "__self__": "reaches the object behind a bound method",
    "__subclasses__": "walks the class hierarchy",
    "__getattribute__": "looks up attributes by a computed name",
    "__import__": "imports modules by a computed name",
    "__loader__": "reaches into the import system",
    "__reduce__": _PICKLE,
    "__reduce_ex__": _PICKLE,
    "f_back": "inspects the call stack",
    "f_globals": "inspects the call stack",
    "f_locals": "inspects the call stack",
    "f_builtins": "inspects the call stack",
    "f_code": "inspects the call stack",
    "tb_frame": "inspects the call stack",
    "gi_frame": "inspects the call stack",
    "cr_frame": "inspects the call stack",
    "ag_frame": "inspects the call stack",
}
DYNAMIC_GETATTR = {"builtins.getattr", "builtins.hasattr", "builtins.delattr", "builtins.setattr"}
# Keyword arguments that make a loader unpickle arbitrary objects.
PICKLING_KEYWORDS = {("allow_pickle", True), ("weights_only", False)}
TIMEIT_CALLS = {"timeit.timeit", "timeit.repeat", "timeit.Timer"}
# Code whose body runs later (when called), not where it is written.
DEFERRED = (ast.Lambda, ast.GeneratorExp, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Calls that only compute a result from the callables passed to them (nothing is kept elsewhere).
PURE_CONSUMERS = {f"builtins.{name}" for name in (
    "print", "map", "filter", "list", "tuple", "sorted", "sum", "min", "max", "any", "all", "zip",
    "enumerate", "repr", "str", "len", "callable", "isinstance", "type", "id", "float", "round")} | {
    "functools.reduce", "math.isclose", "numpy.allclose", "numpy.isclose"}


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


@dataclass
class _Unit:
    """One top-level statement or definition, and what it does to the notebook's global names."""

    block: _Block
    found: list[tuple[ast.AST, Finding]]
    reads: set[str]  # global names it reads (defs: anywhere in the body, when called)
    binds: set[str]  # global names it (re)binds
    stores_into_objects: bool  # assigns to an attribute or an item (x.attr = ..., x[i] = ...)
    parents: dict[int, ast.AST] = field(default_factory=dict)

    @property
    def is_definition(self) -> bool:
        return isinstance(self.block.node, DEFINITIONS)


def check_notebook(cells: Iterable[tuple[int, str]], spec: AssignmentSpec) -> dict[str, list[Finding]]:
    """Findings per graded function; cells are (cell index, source) of the student's code cells."""
    blocks = _parse(cells)
    names = _Names(blocks)
    units = [_unit(block, names, spec) for block in blocks]
    definitions: dict[str, list[_Unit]] = {}
    for unit in units:
        for node in _definitions_in(unit.block.node):
            inner = unit if node is unit.block.node else _unit(_Block(unit.block.cell, node), names, spec)
            definitions.setdefault(node.name, []).append(inner)
    everything, tainted = _top_level_effects(units, definitions, names)
    findings = {}
    for function in spec.functions:
        reached = _reachable(function.name, definitions)
        found = {finding for unit in reached for _, finding in unit.found}
        reads = {function.name}.union(*(unit.reads for unit in reached))
        seen = {(f.cell, f.line, f.rule) for f in found}
        for name in sorted(reads & set(tainted)):
            why = ("it rebinds the name itself" if name == function.name
                   else f"it binds {name}, which {function.name} uses")
            for finding in tainted[name]:
                if (finding.cell, finding.line, finding.rule) not in seen:
                    seen.add((finding.cell, finding.line, finding.rule))
                    found.add(replace(finding, message=f"{finding.message} (outside the functions: {why})"))
        for finding in everything:
            if (finding.cell, finding.line, finding.rule) not in seen:
                found.add(finding)
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


def _definitions_in(node: ast.AST) -> Iterator[ast.AST]:
    """A top-level def/class, or the defs inside a top-level if/try/with/for (not inside functions)."""
    if isinstance(node, DEFINITIONS):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.stmt):
            yield from _definitions_in(child)


def _reachable(name: str, definitions: dict[str, list[_Unit]]) -> list[_Unit]:
    """The definitions of `name` and of every notebook function/class they use, transitively."""
    seen, todo, result = set(), [name], []
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for unit in definitions.get(current, ()):
            result.append(unit)
            todo.extend(unit.reads)
    return result


# --- top-level code --------------------------------------------------------------------------------
@dataclass
class _Taint:
    """Why a global name counts against the graded functions that use it."""

    reasons: list[Finding] = field(default_factory=list)
    # True: it holds a forbidden routine or code that calls one (`d = np.dot`, a def, a lambda);
    # False: only data computed with one at the top level (`expected = np.dot(a, b)`).
    routine: bool = False


def _top_level_effects(units: list[_Unit], definitions: dict[str, list[_Unit]],
                       names: _Names) -> tuple[list[Finding], dict[str, list[Finding]]]:
    """(findings that count against every function, findings per global name they taint)."""
    everything: list[Finding] = []
    tainted: dict[str, _Taint] = {}

    def against_all(finding: Finding, why: str) -> None:
        finding = replace(finding, message=f"{finding.message} ({why}, so it counts against every function)")
        if not any((f.cell, f.line, f.rule) == (finding.cell, finding.line, finding.rule) for f in everything):
            everything.append(finding)

    def taint(targets: Iterable[str], reasons: list[Finding], routine: bool) -> bool:
        changed = False
        for name in targets:
            known = tainted.setdefault(name, _Taint())
            if routine and not known.routine:
                known.routine = changed = True
            for reason in reasons:
                if reason not in known.reasons:
                    known.reasons.append(reason)
                    changed = True
        return changed

    for unit in units:
        hidden = [f for _, f in unit.found if f.rule == HIDDEN]
        forbidden = [(node, f) for node, f in unit.found if f.rule != HIDDEN]
        if unit.is_definition:
            # Decorators, default values and a class's own body run where the definition is.
            for node, finding in unit.found:
                if finding.rule == HIDDEN and _runs_at_definition(node, unit):
                    against_all(finding, "it runs outside the functions")
            taint(unit.binds, [f for _, f in unit.found], routine=True)
            continue
        for finding in hidden:
            against_all(finding, "it runs outside the functions")
        if not forbidden:
            continue
        # Obfuscated (getattr(np, "d" + "ot")), or everything of a module the grader cannot list.
        unbounded = any(isinstance(node, ast.Call) or isinstance(node, ast.ImportFrom)
                        and node.names[0].name == "*" and _star_names(node.module) is None
                        for node, _ in forbidden)
        escapes = any(not _direct(node, unit) for node, _ in forbidden)
        if unbounded or (escapes and (unit.stores_into_objects or not unit.binds)
                         and not _consumed_purely(forbidden, unit, names)):
            for _, finding in forbidden:
                against_all(finding, "outside the functions, where it may end up anywhere")
        else:
            taint(unit.binds | _receivers(unit, names), [f for _, f in forbidden], routine=escapes)

    # Names bound from tainted names are tainted too (`helper = _alias`), up to a fixpoint. A
    # routine handed on where it cannot be followed (`os.write = forging`, `Thread(target=serve)`)
    # counts against every function; data computed with one (`assert dot(a, b) == expected`) does not.
    changed = True
    while changed:
        changed = False
        for unit in units:
            hit = sorted(unit.reads & set(tainted))
            if not hit or unit.is_definition and unit.block.node.name in hit and len(hit) == 1:
                continue
            reasons = [reason for name in hit for reason in tainted[name].reasons]
            routines = [name for name in hit if tainted[name].routine]
            handed_on = _escaping_reads(unit, routines)
            if not unit.is_definition and handed_on and (unit.stores_into_objects or not unit.binds):
                for reason in reasons:
                    against_all(reason, "a top-level line hands it on to code the grader cannot follow")
            changed |= taint(unit.binds | _receivers(unit, names), reasons,
                             routine=unit.is_definition or handed_on)

    # Helpers that run while the notebook loads (called from top-level code).
    for unit in _run_at_top_level([u for u in units if not u.is_definition], units, definitions):
        for node, finding in unit.found:
            if finding.rule == HIDDEN:
                against_all(finding, "the code outside the functions runs it")
            elif not _direct(node, unit):
                against_all(finding, "the code outside the functions runs it, and it may end up anywhere")
    return everything, {name: taint.reasons for name, taint in tainted.items()}


def _receivers(unit: _Unit, names: _Names) -> set[str]:
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


def _run_at_top_level(statements: list[_Unit], units: list[_Unit],
                      definitions: dict[str, list[_Unit]]) -> list[_Unit]:
    todo = set().union(*(unit.reads for unit in statements)) if statements else set()
    for unit in units:
        if unit.is_definition:
            todo |= _names_read(_definition_time_nodes(unit.block.node))
    seen: set[str] = set()
    result: list[_Unit] = []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for unit in definitions.get(name, ()):
            result.append(unit)
            todo |= unit.reads
    return result


def _direct(node: ast.AST, unit: _Unit) -> bool:
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


def _consumed_purely(forbidden: list[tuple[ast.AST, Finding]], unit: _Unit, names: _Names) -> bool:
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


def _escaping_reads(unit: _Unit, hit: list[str]) -> bool:
    for node in ast.walk(unit.block.node):
        if isinstance(node, ast.Name) and node.id in hit and isinstance(node.ctx, ast.Load):
            parent = unit.parents.get(id(node))
            if not (isinstance(parent, ast.Call) and parent.func is node):
                return True
    return False


def _runs_at_definition(node: ast.AST, unit: _Unit) -> bool:
    targets = {id(sub) for part in _definition_time_nodes(unit.block.node) for sub in ast.walk(part)}
    return id(node) in targets


def _definition_time_nodes(node: ast.AST) -> list[ast.AST]:
    """The parts of a def/class that run where it is defined, not when it is called."""
    parts = list(getattr(node, "decorator_list", []))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts += [d for d in node.args.defaults + node.args.kw_defaults if d is not None]
    elif isinstance(node, ast.ClassDef):
        parts += node.bases + [k.value for k in node.keywords]
        parts += [s for s in node.body if not isinstance(s, DEFINITIONS)]
    return parts


def _names_read(nodes: list[ast.AST]) -> set[str]:
    return {sub.id for node in nodes for sub in ast.walk(node)
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)}


# --- one statement ---------------------------------------------------------------------------------
def _unit(block: _Block, names: _Names, spec: AssignmentSpec) -> _Unit:
    node = block.node
    reads, binds = _scopes(node, _forbidden_rules(spec)[0])
    local_plain = _plain_locals(node, names)
    if isinstance(node, DEFINITIONS):
        binds = binds | {node.name}
    parents = {id(child): parent for parent in ast.walk(node) for child in ast.iter_child_nodes(parent)}
    unit = _Unit(block, [], reads, binds, _stores_into_objects(node), parents)
    unit.found = list(dict.fromkeys(_check_block(block, names, spec, local_plain, parents)))
    return unit


def _scopes(node: ast.AST, forbidden: set[str]) -> tuple[set[str], set[str]]:
    """(global names read, global names bound), from Python's own symbol tables."""
    module = ast.Module(body=[node], type_ignores=[])
    try:
        table = symtable.symtable(ast.unparse(module), "<cell>", "exec")
    except (SyntaxError, ValueError, RecursionError):  # e.g. `return` outside a function
        return _names_read([node]), set()
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
    for sub in ast.walk(node):  # `from numpy import *` binds the forbidden routines it brings
        if isinstance(sub, ast.ImportFrom) and sub.names[0].name == "*":
            binds |= {name for name in _star_names(sub.module) or ()
                      if any(_matches(f"{sub.module}.{name}", rule) for rule in forbidden)}
    return reads, binds


def _plain_locals(node: ast.AST, names: _Names) -> frozenset[str]:
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


def _star_names(module: str | None) -> set[str] | None:
    """The public names of a module the grader has loaded (numpy, math...); None if not loaded."""
    loaded = sys.modules.get(module or "")
    if loaded is None:
        return None
    exported = getattr(loaded, "__all__", None)
    if not isinstance(exported, (list, tuple)):
        exported = [name for name in vars(loaded) if not name.startswith("_")]
    return {name for name in exported if isinstance(name, str)}


def _stores_into_objects(node: ast.AST) -> bool:
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


def _matches(dotted: str, rule: str) -> bool:
    """numpy.dot matches numpy.dot, numpy.linalg.norm matches numpy.linalg, and an alias path of
    the same library ending in the same name (numpy._core.multiarray.dot) matches numpy.dot."""
    if dotted == rule or dotted.startswith(rule + "."):
        return True
    root, _, rest = rule.partition(".")
    return bool(rest) and "." not in rest and dotted.split(".")[0] == root and dotted.endswith("." + rest)


def _forbidden_rules(spec: AssignmentSpec) -> tuple[set[str], set[str]]:
    forbidden, methods = set(spec.forbidden), set(spec.forbidden_methods)
    if spec.forbid_matmul_operator:
        forbidden.update(MATMUL_ROUTINES)
        methods.update(MATMUL_METHODS)
    return forbidden, methods


def _check_block(block: _Block, names: _Names, spec: AssignmentSpec, local: frozenset[str] = frozenset(),
                 parents: dict[int, ast.AST] | None = None) -> Iterator[tuple[ast.AST, Finding]]:
    """(node, finding) for every rule broken in one top-level statement or definition."""
    forbidden, methods = _forbidden_rules(spec)
    parents = parents if parents is not None else {}

    def finding(node: ast.AST, rule: str, message: str) -> tuple[ast.AST, Finding]:
        return node, Finding(block.cell, getattr(node, "lineno", 0), rule, message)

    def judge_name(node: ast.AST, dotted: str) -> tuple[ast.AST, Finding] | None:
        canonical = _canonical(dotted)  # os.sys.modules is sys.modules
        return _judge(node, dotted) or (_judge(node, canonical) if canonical != dotted else None)

    def _judge(node: ast.AST, dotted: str) -> tuple[ast.AST, Finding] | None:
        for rule in sorted(forbidden):
            if _matches(dotted, rule):
                shown = dotted if not dotted.startswith("builtins.") else dotted[9:]
                return finding(node, "forbidden routine",
                               f"uses {shown}, which this assignment forbids: write the arithmetic yourself")
        for rule, why in HIDING_OR_PEEKING.items():
            if dotted == rule or dotted.startswith(rule + "."):
                shown = dotted[9:] if dotted.startswith("builtins.") else dotted
                return finding(node, HIDDEN, f"uses {shown}: graded code {why}, which is not allowed")
        return None

    skip: set[int] = set()  # sub-nodes of a name already judged (np.linalg inside np.linalg.norm)
    for node in ast.walk(block.node):
        if id(node) in skip:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from _check_import(node, judge_name, finding, forbidden)
            continue
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, ast.MatMult):
            if spec.forbid_matmul_operator:
                yield finding(node, "@ operator", "uses the @ operator (a matrix product in one step), "
                                                  "which this assignment forbids")
        if isinstance(node, ast.Call):
            called = names.resolve(node.func, local)
            if called in DYNAMIC_GETATTR and len(node.args) >= 2 and constant_string(node.args[1]) is None:
                yield finding(node, HIDDEN,
                              f"calls {called[9:]} with a computed attribute name, which graded code may not do")
            elif (called == "builtins.getattr" and len(node.args) >= 2 and constant_string(node.args[1]) in methods
                  and names.resolve(node, local) is None):  # getattr(np.asarray(a), "dot")
                yield finding(node, "forbidden method",
                              f"gets the method .{constant_string(node.args[1])}() with getattr, which this "
                              "assignment forbids: write the arithmetic yourself")
            for keyword in node.keywords:
                if isinstance(keyword.value, ast.Constant) and (keyword.arg, keyword.value.value) in PICKLING_KEYWORDS:
                    yield finding(node, HIDDEN, f"passes {keyword.arg}={keyword.value.value}: graded code "
                                                f"{_PICKLE}, which is not allowed")
            if called in TIMEIT_CALLS and not all(_callable_code(arg, names) for arg in
                                                  [*node.args[:2], *(k.value for k in node.keywords
                                                                     if k.arg in ("stmt", "setup"))]):
                yield finding(node, HIDDEN, f"passes code as a string to {called}: graded code "
                                            f"{_FROM_STRING}, which is not allowed")
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
                    yield finding(node, HIDDEN, f"passes {dotted[9:]} around as a value, which looks up "
                                                "attributes by a computed name; graded code may not do that")
            if isinstance(node, ast.Name) and node.id not in names.defined and node.id not in names.aliases:
                for module in names.star_modules:  # from numpy import *; dot(a, b)
                    result = judge_name(node, f"{module}.{node.id}")
                    if result is not None:
                        yield result
        if isinstance(node, ast.Attribute):
            if node.attr in HIDING_ATTRIBUTES:
                yield finding(node, HIDDEN,
                              f"uses .{node.attr}: graded code {HIDING_ATTRIBUTES[node.attr]}, which is not allowed")
            elif node.attr in methods and names.resolve(node, local) is None:
                yield finding(node, "forbidden method",
                              f"calls the method .{node.attr}(), which this assignment forbids: "
                              "write the arithmetic yourself")


def _canonical(dotted: str) -> str:
    """The real name behind a module re-exported by another one (`os.sys.modules` ->
    `sys.modules`, `dataclasses.inspect.stack` -> `inspect.stack`), for modules the grader has
    loaded itself (nothing is imported for this); otherwise the name as written."""
    parts = dotted.split(".")
    target = sys.modules.get(parts[0])
    if target is None:
        return dotted
    canonical = dotted
    for index, part in enumerate(parts[1:], start=1):
        try:
            target = vars(target).get(part)  # no getattr: a module's __getattr__ may import
        except TypeError:
            break
        if not isinstance(target, types.ModuleType):
            break
        canonical = ".".join([target.__name__, *parts[index + 1:]])
    return canonical


def _callable_code(node: ast.AST, names: _Names) -> bool:
    """timeit given a function to call (not a string of code)."""
    return isinstance(node, (ast.Lambda, ast.Attribute)) or (
        isinstance(node, ast.Name) and node.id in names.defined and node.id not in names.aliases)


def _check_import(node: ast.Import | ast.ImportFrom, judge_name, finding,
                  forbidden: set[str]) -> Iterator[tuple[ast.AST, Finding]]:
    modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
    if any(module.split(".")[0] == "builtins" for module in modules):
        yield finding(node, HIDDEN,
                      "imports builtins: graded code reaches into Python's builtins, which is not allowed")
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
            result = judge_name(node, node.module)
            held = sorted((rule for rule in forbidden if rule.startswith(node.module + ".")),
                          key=lambda rule: (len(rule), rule))
            if result is not None:
                yield result
            elif held:
                yield finding(node, "forbidden routine",
                              f"imports everything from {node.module}: that brings {held[0]} and other routines "
                              "in under their own names, which this assignment forbids")
            continue
        result = judge_name(node, f"{node.module}.{alias.name}")
        if result is not None:
            yield result
