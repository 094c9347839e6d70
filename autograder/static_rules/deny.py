"""What graded code may not use: the grader's own table (hiding code, peeking at the grader), and the
assignment's declared items (`specs.rules`) as the checker looks them up.

The grader's table holds no assignment rule: the routines, operators, methods and attributes a
function may not use are declared once, per function, in the specs.
"""
from __future__ import annotations

import ast
from functools import lru_cache

from autograder.specs.rules import OPERATOR, Item, item_for_routine

HIDDEN = "hidden or dynamic code"
RULES = {"routine": "forbidden routine", "operator": "forbidden operator", "method": "forbidden method",
         "attribute": "forbidden attribute"}

_BY_STRING = "looks up objects by a name given as a string"
_FROM_STRING = "runs code given as a string or a file"
PICKLE = "can load objects by name from a string (pickle)"
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
    "pickle": PICKLE, "_pickle": PICKLE, "shelve": PICKLE, "copyreg": PICKLE, "dill": PICKLE,
    "cloudpickle": PICKLE, "joblib": PICKLE, "pandas.read_pickle": PICKLE,
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
    "__reduce__": PICKLE,
    "__reduce_ex__": PICKLE,
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
# Calls that only compute a result from the callables passed to them (nothing is kept elsewhere).
PURE_CONSUMERS = {f"builtins.{name}" for name in (
    "print", "map", "filter", "list", "tuple", "sorted", "sum", "min", "max", "any", "all", "zip",
    "enumerate", "repr", "str", "len", "callable", "isinstance", "type", "id", "float", "round")} | {
    "functools.reduce", "math.isclose", "numpy.allclose", "numpy.isclose"}


def hiding_rule(dotted: str) -> str | None:
    """The key of the grader's table that a dotted name falls under, or None."""
    return next((rule for rule in HIDING_OR_PEEKING if dotted == rule or dotted.startswith(rule + ".")),
                None)


class Declared:
    """The items some graded function of the assignment may not use, as the checker looks them up.
    Each finding names its item; which functions it costs is decided per function, from the spec.
    Lookups are remembered: a notebook asks about the same few names again and again."""

    def __init__(self, items: frozenset[Item]):
        self.items = tuple(sorted(items))
        self._routines: dict[str, Item | None] = {}
        self._names = {name: item for item in reversed(self.items) for name in item.method_names()}

    def routine(self, dotted: str) -> Item | None:
        if dotted not in self._routines:
            self._routines[dotted] = item_for_routine(dotted, self.items)
        return self._routines[dotted]

    def name(self, attribute: str) -> Item | None:
        """The item `x.<attribute>` is: a method, an attribute, or an operator's special method."""
        return self._names.get(attribute)

    def operator(self, op: ast.operator) -> Item | None:
        if isinstance(op, ast.MatMult):
            return next((item for item in self.items if item.kind == OPERATOR and item.name == "@"), None)
        return None

    def held_by(self, module: str) -> list[Item]:
        """The routine items under a module (what `from module import *` can bring in), shortest first."""
        return sorted((item for item in self.items
                       if any(rule.startswith(module + ".") for rule in item.routines())),
                      key=lambda item: (len(item.name), item.name))


@lru_cache(maxsize=None)
def declared(items: frozenset[Item]) -> Declared:
    """One Declared per assignment and process: its remembered lookups serve every submission."""
    return Declared(items)
