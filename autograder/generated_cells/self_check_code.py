# Self-check: the helpers of the visible tests, and the check for forbidden shortcuts.
# Written by the course from the assignment's rules (do not edit). The grader never runs this cell:
# it checks your code with its own copy of the same rules, in the same words.
#
#   check_shortcuts(f)                    f uses nothing the assignment forbids for it (else an
#                                         AssertionError saying what, where, and which rule)
#   expect_result(expected, f, *args)     f(*args) has the expected shape and values
#   expect_error(ValueError, f, *args, naming=(...))   f(*args) raises it, naming those shapes
#   expect_unchanged(f, *args)            f(*args) leaves its arguments exactly as they were
#   before_you_submit()                   every visible test of every function: passed, or what to fix
#
# It reads your functions' source (Python's inspect) and what their names stand for in this notebook,
# follows the functions of yours they call, and looks at the cells you ran for code outside the
# functions that hides what it does. Nothing is imported from the course: it runs wherever the
# notebook runs (JupyterLab, Colab, nbgrader validate).
# Modules are imported under private names and builtins called as _builtins.max(...): a cell of
# yours may rebind `max` (`from numpy import *` does) or use these names for something else.
import ast as _ast
import builtins as _builtins
import copy as _copy
import inspect as _inspect
import sys as _sys
import textwrap as _textwrap
import types as _types

import numpy as _np

_RULE_NAMES = {"routine": "forbidden routine", "operator": "forbidden operator", "method": "forbidden method",
               "attribute": "forbidden attribute"}
_HIDDEN = "hidden or dynamic code"
_DYNAMIC_GETATTR = {"builtins.getattr", "builtins.hasattr", "builtins.delattr", "builtins.setattr"}
_CELL_MARKS = ("# Self-check", "# Visible tests", "# Before you submit")  # cells the grader never runs


# --- what a function may not use ---------------------------------------------------------------------
def _forbidden(function):
    """{kind: {name: advice}} for one graded function, from the tables at the end of this cell."""
    items = {"routine": {}, "operator": {}, "method": {}, "attribute": {}}
    for group in RULES[function]:
        for kind in items:
            for name in GROUPS[group][kind + "s"]:
                items[kind][name] = GROUPS[group]["advice"]
    return items


def _covers(rule, dotted):
    """2: numpy.dot is numpy.dot, numpy.linalg.norm is under numpy.linalg; 1: a path of the same
    library ending in the same name (numpy._core.multiarray.dot is numpy.dot too); else 0."""
    if dotted == rule or dotted.startswith(rule + "."):
        return 2
    root, _, rest = rule.partition(".")
    return _builtins.int(_builtins.bool(rest) and "." not in rest and dotted.split(".")[0] == root
                         and dotted.endswith("." + rest))


def _routine_item(dotted, forbidden):
    """(kind, item) of the forbidden routine a dotted name is (the closest match, then the longest
    name), or None."""
    found = [(_covers(name, dotted), len(name), "routine", name) for name in forbidden["routine"]]
    found += [(_builtins.max(_covers(name, dotted) for name in OPERATORS[op]["routines"]), 0, "operator", op)
              for op in forbidden["operator"]]
    best = _builtins.max((hit for hit in found if hit[0]), default=None)
    return best and best[2:]


def _name_item(attribute, forbidden):
    """(kind, item) that `x.<attribute>` is: a method, an attribute, an operator's special method."""
    for kind in ("method", "attribute"):
        if attribute in forbidden[kind]:
            return kind, attribute
    for op in forbidden["operator"]:
        if attribute in OPERATORS[op]["methods"]:
            return "operator", op
    return None


def _item_text(kind, item):
    return {"routine": item, "operator": f"the {item} operator", "method": f".{item}()",
            "attribute": f".{item}"}[kind]


def _reasons(table):
    """{name: reason} from a table of {reason: [names]}."""
    return {name: reason for reason, names in table.items() for name in names}


def _hiding_rule(dotted):
    return next((rule for rule in _reasons(HIDING) if dotted == rule or dotted.startswith(rule + ".")), None)


# --- what a name stands for -------------------------------------------------------------------------
def _constant_string(node):
    """A string known without running anything: "dot", "d" + "ot", f"{'d'}ot", "".join(["d", "ot"])."""
    if isinstance(node, _ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, _ast.BinOp) and isinstance(node.op, _ast.Add):
        left, right = _constant_string(node.left), _constant_string(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, _ast.JoinedStr):
        parts = [_constant_string(v.value if isinstance(v, _ast.FormattedValue) else v) for v in node.values]
        return None if None in parts else "".join(parts)
    if (isinstance(node, _ast.Call) and isinstance(node.func, _ast.Attribute) and node.func.attr == "join"
            and len(node.args) == 1 and isinstance(node.args[0], (_ast.List, _ast.Tuple))):
        separator, items = _constant_string(node.func.value), [_constant_string(i) for i in node.args[0].elts]
        return None if separator is None or None in items else separator.join(items)
    return None


def _canonical(dotted):
    """The real name behind a module re-exported by another (os.sys.modules is sys.modules)."""
    parts = dotted.split(".")
    target, real = _sys.modules.get(parts[0]), dotted
    for index, part in enumerate(parts[1:], start=1):
        target = vars(target).get(part) if isinstance(target, _types.ModuleType) else None
        if not isinstance(target, _types.ModuleType):
            break
        real = ".".join([target.__name__, *parts[index + 1:]])
    return real


def _known_routines():
    """{id(object): dotted name} of every forbidden routine of the loaded libraries."""
    known = {}
    for group in GROUPS.values():
        names = [*group["routines"], *(r for op in group["operators"] for r in OPERATORS[op]["routines"])]
        for dotted in names:
            module_name, _, attribute = dotted.rpartition(".")
            module = _sys.modules.get(module_name)
            value = vars(module).get(attribute) if module is not None else None
            if isinstance(value, _types.ModuleType):
                known.update({id(v): f"{dotted}.{k}" for k, v in vars(value).items() if callable(v)})
            elif value is not None:
                known.setdefault(id(value), dotted)
    return known


def _is_yours(value, namespace):
    """A function, lambda or class written in this notebook."""
    if isinstance(value, _types.FunctionType):
        return value.__globals__ is namespace
    return isinstance(value, type) and value.__module__ == namespace.get("__name__")


class _Scope:
    """The names of one piece of your code: its own imports and simple aliases, its locals (which
    name nothing the grader looks for), and everything else as this notebook binds it."""

    def __init__(self, tree, namespace, known, imported=None):
        self.namespace, self.known, self.aliases, self.locals = namespace, known, {}, set()
        self.imported = imported or {}  # names the cells you ran import (kept if a cell failed)
        with_default = set()
        for node in _ast.walk(tree):
            if isinstance(node, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.Lambda)):
                arguments = node.args
                positional = arguments.posonlyargs + arguments.args
                with_default |= {a.arg for a in positional[len(positional) - len(arguments.defaults):]}
                with_default |= {a.arg for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d}
            if isinstance(node, _ast.Import):
                for alias in node.names:
                    top = alias.name.split(".")[0]
                    self.aliases[alias.asname or top] = alias.name if alias.asname else top
            elif isinstance(node, _ast.ImportFrom) and node.module and not node.level:
                self.aliases.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
            elif isinstance(node, _ast.arg):
                self.locals.add(node.arg)
            elif isinstance(node, _ast.Name) and isinstance(node.ctx, _ast.Store):
                self.locals.add(node.id)
        for node in _ast.walk(tree):  # m = np, f = np.dot: a local that names something
            if isinstance(node, _ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], _ast.Name):
                dotted = self.resolve(node.value)
                if dotted is not None:
                    self.aliases[node.targets[0].id] = dotted
        self.locals -= with_default | set(self.aliases)

    def value(self, name):
        """What a global name is bound to here (a missing one is a builtin, or nothing)."""
        if name in self.namespace:
            return self.namespace[name]
        return getattr(_builtins, name, None)

    def resolve(self, node):
        """The dotted name an expression stands for (numpy.linalg.norm), if it can be known."""
        if isinstance(node, _ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id in self.locals:
                return None
            if node.id == "__builtins__":
                return "__builtins__"
            if node.id not in self.namespace and node.id in self.imported:
                return self.imported[node.id]
            if node.id not in self.namespace and hasattr(_builtins, node.id):
                return f"builtins.{node.id}"
            return self.dotted(self.value(node.id))
        if isinstance(node, _ast.Attribute):
            base = self.resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        if (isinstance(node, _ast.Call) and self.resolve(node.func) == "builtins.getattr" and len(node.args) >= 2):
            base, name = self.resolve(node.args[0]), _constant_string(node.args[1])
            return f"{base}.{name}" if base and name else None
        return None

    def dotted(self, value):
        """The dotted name of a module or a library routine bound to a name; None for your own code
        and for data."""
        if isinstance(value, _types.ModuleType):
            return value.__name__
        if value is None or _is_yours(value, self.namespace) or not callable(value):
            return None
        if id(value) in self.known:
            return self.known[id(value)]
        module, name = getattr(value, "__module__", None), getattr(value, "__name__", None)
        return f"{'builtins' if module == 'builtins' else module}.{name}" if module and name else None


# --- the check --------------------------------------------------------------------------------------
class _Findings:
    """The rules one graded function breaks, in the grader's words, with where each is."""

    def __init__(self, function, namespace, known=None):
        self.function, self.namespace = function, namespace
        self.forbidden, self.known = _forbidden(function), known if known is not None else _known_routines()
        self.found = []  # (where, rule, item, message)

    def add(self, where, rule, item, what, through, rest, context):
        via = f" through {' → '.join(f'`{name}`' for name in through)}" if through else ""
        entry = (where, rule, item, f"{what}{via}{rest}{context}")
        if entry not in self.found:
            self.found.append(entry)

    def declared(self, where, kind, item, what, through=(), context=""):
        advice = self.forbidden[kind][item]
        self.add(where, _RULE_NAMES[kind], _item_text(kind, item), what, through,
                 f", which this assignment forbids: {advice}", context)

    def hidden(self, where, name, what, why, through=(), context=""):
        self.add(where, _HIDDEN, name, what, through, f": graded code {why}, which is not allowed", context)

    def judge(self, where, dotted, through=(), context=""):
        """Whether a dotted name is forbidden here (a declared routine, or the grader's own rules)."""
        for candidate in dict.fromkeys([dotted, _canonical(dotted)]):
            shown = candidate.removeprefix("builtins.")
            hit = _routine_item(candidate, self.forbidden)
            if hit is not None:
                kind, item = hit
                aka = f" (the {item} operator)" if kind == "operator" else (
                    "" if shown.startswith(item) else f" (that is {item})")
                self.declared(where, kind, item, f"uses {shown}{aka}", through, context)
                return True
            rule = _hiding_rule(candidate)
            if rule is not None:
                self.hidden(where, rule, f"uses {shown}", _reasons(HIDING)[rule], through, context)
                return True
        return False

    def attribute(self, where, name, through, how=""):
        hit = _name_item(name, self.forbidden)
        if hit is not None:
            kind, item = hit
            what = f"the attribute .{name}" if kind == "attribute" else f"the method .{name}()"
            verb = "gets" if how else ("uses" if kind == "attribute" else "calls")
            aka = f" (the {item} operator)" if kind == "operator" else ""
            self.declared(where, kind, item, f"{verb} {what}{how}{aka}", through)

    def code(self, tree, label, scope, through, context, follow):
        """Every rule a piece of your code breaks; the functions of yours it uses go to `follow`."""
        skip = set()
        functions_called = {id(node.func) for node in _ast.walk(tree) if isinstance(node, _ast.Call)}
        for node in _ast.walk(tree):
            if id(node) in skip:
                continue
            where = f"line {getattr(node, 'lineno', 1)} of {label}"
            if isinstance(node, (_ast.Import, _ast.ImportFrom)):
                self.imports(node, where, through, context)
                continue
            if isinstance(node, (_ast.BinOp, _ast.AugAssign)) and isinstance(node.op, _ast.MatMult) \
                    and "@" in self.forbidden["operator"]:
                self.declared(where, "operator", "@", "uses the @ operator", through, context)
            if isinstance(node, _ast.Call):
                called = scope.resolve(node.func)
                name = _constant_string(node.args[1]) if len(node.args) >= 2 else None
                if called in _DYNAMIC_GETATTR and len(node.args) >= 2 and name is None:
                    self.add(where, _HIDDEN, called, f"calls {called[9:]} with a computed attribute name",
                             through, ", which graded code may not do", context)
                elif called == "builtins.getattr" and name and scope.resolve(node) is None:
                    self.attribute(where, name, through, " with getattr")
            if isinstance(node, (_ast.Name, _ast.Attribute, _ast.Call)):
                dotted = scope.resolve(node)
                if dotted is not None and self.judge(where, dotted, through, context):
                    skip.update(id(sub) for sub in _ast.walk(node))
                    continue
                if dotted in _DYNAMIC_GETATTR and not isinstance(node, _ast.Call) and id(node) not in functions_called:
                    self.add(where, _HIDDEN, dotted, f"passes {dotted[9:]} around as a value", through,
                             ", which looks up attributes by a computed name; graded code may not do that",
                             context)
            if isinstance(node, _ast.Name) and isinstance(node.ctx, _ast.Load) and node.id not in scope.aliases \
                    and node.id not in scope.locals and _is_yours(scope.value(node.id), self.namespace):
                follow(node.id, scope.value(node.id))
            if isinstance(node, _ast.Attribute):
                if node.attr in _reasons(HIDING_ATTRIBUTES):
                    self.hidden(where, f".{node.attr}", f"uses .{node.attr}", _reasons(HIDING_ATTRIBUTES)[node.attr],
                                through, context)
                elif scope.resolve(node) is None:
                    self.attribute(where, node.attr, through)

    def imports(self, node, where, through, context):
        if isinstance(node, _ast.Import):
            for alias in node.names:
                if alias.asname or "." not in alias.name:
                    dotted = alias.name
                    if alias.asname or _hiding_rule(dotted) or _hiding_rule(_canonical(dotted)):
                        self.judge(where, dotted, through, context)
            return
        for alias in node.names if node.module and not node.level else ():
            self.judge(where, node.module if alias.name == "*" else f"{node.module}.{alias.name}",
                       through, context)


def _source_tree(value):
    """(the parsed source of your function, lambda or class, its name) or None if unreadable."""
    try:
        source = _textwrap.dedent(_inspect.getsource(value))
    except (OSError, TypeError):
        return None
    try:
        return _ast.parse(source), value.__name__
    except SyntaxError:  # a lambda inside a longer expression: keep the lambda's own line
        line = source.splitlines()[0].strip().rstrip(",")
        try:
            return _ast.parse(line), value.__name__
        except SyntaxError:
            return None


def shortcut_findings(function):
    """[(where, rule, item, message)] for a graded function: its code, your functions it uses
    (transitively, "through `dot`"), names bound outside the functions, and code outside the
    functions that hides what it does (which counts against every function)."""
    namespace = globals()
    findings = _Findings(function, namespace)
    target = namespace.get(function)
    if target is not None and not _is_yours(target, namespace):  # dot = np.dot; from numpy import *
        dotted = _Scope(_ast.parse(""), namespace, findings.known).dotted(target)
        if dotted:
            findings.judge("outside the functions", dotted, context=" (outside the functions: it rebinds the name itself)")
    todo, seen = [(function, target, (), "")], set()
    while todo:
        name, value, through, context = todo.pop(0)
        if id(value) in seen or not _is_yours(value, namespace):
            continue
        seen.add(id(value))
        parsed = _source_tree(value)
        if parsed is None:
            findings.found.append((name, "not checked", name, f"the self-check cannot read the source of {name}"))
            continue
        tree, label = parsed
        lambda_ = getattr(value, "__name__", "") == "<lambda>"

        def follow(used, found, through=through, context=context):
            if getattr(found, "__name__", "") == "<lambda>":  # bound outside the functions
                todo.append((used, found, through, f" (outside the functions: it binds {used}, which {function} uses)"))
            else:
                todo.append((used, found, (*through, used) if used != function else through, context))

        scope = _Scope(tree, namespace, findings.known, _imported(_history(namespace)))
        findings.code(tree, f"`{name}`" if lambda_ else name, scope, through, context, follow)
    _outside_the_functions(findings)
    return findings.found


def _history(namespace):
    """The parsed code of the cells run in this session, but the course's own (IPython keeps them)."""
    shell = namespace.get("get_ipython", getattr(_builtins, "get_ipython", None))
    history = getattr(getattr(shell() if callable(shell) else None, "history_manager", None), "input_hist_raw", [])
    trees = []
    for source in history:
        if not source.strip() or source.lstrip().startswith(_CELL_MARKS):
            continue
        lines = [("pass" if line.lstrip().startswith(("%", "!")) else line) for line in source.splitlines()]
        try:
            trees.append(_ast.parse("\n".join(lines)))
        except SyntaxError:
            continue
    return trees


def _imported(trees):
    """{name: dotted} bound by the imports outside the functions of the cells you ran."""
    imported = {}
    for statement in (statement for tree in trees for statement in tree.body):
        if isinstance(statement, (_ast.Import, _ast.ImportFrom)):
            imported.update(_Scope(statement, {}, {}).aliases)
    return imported


def _outside_the_functions(findings):
    """Code outside the functions that hides what it does counts against every function (the grader
    says so too): read from the cells run in this session (rerun all cells after deleting one)."""
    trees = _history(findings.namespace)
    imported = _imported(trees)
    for tree in trees:
        scope = _Scope(tree, findings.namespace, findings.known, imported)
        for statement in tree.body:
            if isinstance(statement, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.ClassDef, _ast.Import)) or (
                    isinstance(statement, _ast.ImportFrom) and _builtins.all(a.name != "*" for a in statement.names)):
                continue  # definitions are checked where they are used; a plain import does nothing
            first = _ast.unparse(statement).splitlines()[0][:60]
            outside = _Findings(findings.function, findings.namespace, findings.known)
            outside.code(statement, f"`{first}`", scope, (), "", lambda *_: None)
            for _, rule, item, message in outside.found:
                if rule == _HIDDEN:
                    findings.add(f"outside the functions, `{first}`", rule, item, message, (), "",
                                 " (it runs outside the functions, so it counts against every function)")


def _fail(first, *more):
    """AssertionError with lines short enough for nbgrader validate, which cuts them at 90 columns
    (the first line follows "AssertionError: ")."""
    lines = _textwrap.wrap(first, 64) + [
        line for text in more
        for line in _textwrap.wrap(text, 80, subsequent_indent=" " * (len(text) - len(text.lstrip(" -")) or 4))]
    return AssertionError("\n".join(lines))


def check_shortcuts(function):
    """Raise AssertionError listing what the function uses that the assignment forbids for it."""
    __tracebackhide__ = True  # IPython shows the failing test, not this helper
    name = next((n for n in RULES if globals().get(n) is function), getattr(function, "__name__", _builtins.str(function)))
    if name not in RULES:
        print(f"check_shortcuts: {name} is not a graded function of this notebook")
        return
    try:
        found = shortcut_findings(name)
    except Exception as error:  # a courtesy: never stand in the way of your work
        print(f"(the self-check could not look at {name}: {type(error).__name__}: {error}; the grader checks it anyway)")
        return
    problems = [f for f in found if f[1] != "not checked"]
    for _, _, _, message in (f for f in found if f[1] == "not checked"):
        print(f"(note: {message}; the grader checks it anyway)")
    if problems:
        raise _fail(f"{name} uses what this assignment forbids (0 points):",
                    *(f"  - {where}: {message} (rule: {rule})" for where, rule, _, message in problems))


# --- the helpers of the visible tests ---------------------------------------------------------------
def _code(value):
    """How a value is written in this notebook: lists, tuples, numbers, np.array(...)."""
    if isinstance(value, _np.ndarray):
        if value.size == 0 and value.ndim > 1:
            return f"np.zeros({value.shape})"
        return f"np.array({value.tolist()!r})"
    return repr(value)


def _call(function, args):
    return f"{getattr(function, '__name__', 'f')}({', '.join(_code(a) for a in args)})"


def _same(before, after):
    """Exactly equal, container types included."""
    if type(before) is not type(after):
        return False
    if isinstance(before, _np.ndarray):
        return before.dtype == after.dtype and before.shape == after.shape and _builtins.bool(_np.array_equal(before, after))
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and _builtins.all(map(_same, before, after))
    return before == after


def expect_result(expected, function, *args):
    """function(*args) has the shape of `expected` and its values (relative tolerance 1e-7)."""
    __tracebackhide__ = True
    got = function(*_copy.deepcopy(args))  # an error it raises shows the line of yours that raised it
    try:
        shape, values = _np.shape(got), _np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise _fail(f"{_call(function, args)} should be {expected}, got {got!r} (not numbers)") from None
    if shape != _np.shape(expected):
        raise _fail(f"{_call(function, args)} should have shape {_np.shape(expected)}, "
                             f"got shape {shape}: {got!r}")
    if not _np.allclose(values, expected, rtol=1e-7, atol=1e-9, equal_nan=True):
        raise _fail(f"{_call(function, args)}: expected {expected}, got {got!r}")


def expect_error(error, function, *args, naming=()):
    """function(*args) raises `error`, and its message names each of `naming` (the shapes)."""
    __tracebackhide__ = True
    try:
        got = function(*_copy.deepcopy(args))
    except error as raised:
        missing = [text for text in naming if text not in _builtins.str(raised)]
        if missing:
            raise _fail(f"{_call(function, args)}: the {type(raised).__name__} message "
                                 f"\"{raised}\" should name the shapes {' and '.join(naming)}") from None
        return
    except Exception as raised:
        raise _fail(f"{_call(function, args)} should raise {error.__name__}, "
                             f"raised {type(raised).__name__}: {raised}") from None
    raise _fail(f"{_call(function, args)} should raise {error.__name__}, returned {got!r}")


def expect_unchanged(function, *args):
    """function(*args) leaves its arguments exactly as they were (types, dtypes and values)."""
    __tracebackhide__ = True
    before, passed = _copy.deepcopy(args), _copy.deepcopy(args)
    function(*passed)
    changed = [f"argument {i + 1} was changed to {_code(after)}"
               for i, (old, after) in enumerate(zip(before, passed)) if not _same(old, after)]
    if changed:
        raise _fail(f"{_call(function, before)} modified its input: {'; '.join(changed)}")


_CHECKS = {"example": lambda f, args, want: expect_result(want, f, *args),
           "result": lambda f, args, want: expect_result(want, f, *args),
           "error": lambda f, args, want: expect_error(ValueError, f, *args, naming=want),
           "unchanged": lambda f, args, want: expect_unchanged(f, *args)}


def before_you_submit():
    """Every visible test of every function, the worked examples, the rules and the shortcut check;
    one line per function: passed, or what to fix. Hidden tests run when your work is graded."""
    print(f"Before you submit: the visible tests of {ASSIGNMENT}, function by function.")
    everything = True
    for name, tests in VISIBLE_TESTS.items():
        function = globals().get(name)
        if not callable(function):
            print(f"  {name:<30} to fix: it is not defined (run its cell)")
            everything = False
            continue
        try:
            problems = [f"{message} (rule: {rule})" for _, rule, _, message in shortcut_findings(name)
                        if rule != "not checked"]
        except Exception as error:  # a courtesy: never stand in the way of your work
            problems = [f"(the shortcut check could not run: {type(error).__name__}: {error})"]
        for kind, args, want, description in tests:
            try:
                _CHECKS[kind](function, args, want)
            except AssertionError as error:
                problems.append(f"{' '.join(_builtins.str(error).split())} ({description})")
            except Exception as error:  # the function itself raised (a crash, a missing error)
                problems.append(f"{_call(function, args)} raised {type(error).__name__}: {error} ({description})")
        everything &= not problems
        print(f"  {name:<30} " + ("passed" if not problems else "to fix:"))
        for problem in problems:
            print(_textwrap.fill(problem, 100, initial_indent="      - ", subsequent_indent="        "))
    print("Every visible test passes." if everything else "Fix the lines above, then run this cell again.")
    print("When your work is graded, hidden tests try many more inputs: a worked example that fails costs "
          "the whole function, every other group of tests a part of its points.")
