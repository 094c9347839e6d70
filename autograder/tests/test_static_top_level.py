"""Static rules for code outside the functions: a student's own checks against numpy cost nothing,
a forbidden routine bound to a name counts against the graded functions that use it (directly or
through helpers), and what cannot be followed (hidden code run at the top level, a routine handed
on to unknown code, obfuscation) counts against every function, saying so."""
from __future__ import annotations

import textwrap

import pytest

from autograder.specs import load_spec
from autograder.static_rules import check_notebook

SPEC = load_spec("dot_product")
FUNCTIONS = ("dot", "cosine_similarity", "project")
# Self-contained, correct functions: a rule broken by one cannot reach the others through a call.
CELLS = [
    "import math\nimport numpy as np\n",
    "def dot(a, b):\n    return float(sum(x * y for x, y in zip(a, b)))\n",
    "def cosine_similarity(a, b):\n    s = sum(x * y for x, y in zip(a, b))\n"
    "    return s / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))\n",
    "def project(a, b):\n    s = sum(x * y for x, y in zip(a, b)) / sum(y * y for y in b)\n"
    "    return [s * y for y in b]\n",
]


def tainted(*extra: str, replace: dict[int, str] | None = None) -> dict[str, list[str]]:
    cells = list(CELLS)
    for index, source in (replace or {}).items():
        cells[index] = textwrap.dedent(source)
    cells += [textwrap.dedent(source) for source in extra]
    found = check_notebook(list(enumerate(cells, start=1)), SPEC)
    return {name: [str(f) for f in items] for name, items in found.items() if items}


@pytest.mark.parametrize("check", [
    "a, b = [1.0, 2.0], [3.0, 4.0]\nprint(np.dot(a, b), dot(a, b))\n",
    "expected = np.dot([1, 2], [3, 4])\nassert math.isclose(dot([1, 2], [3, 4]), expected)\n",
    "v = [3.0, 4.0]\nassert math.isclose(cosine_similarity(v, v), np.dot(v, v) / np.linalg.norm(v) ** 2)\n",
    "A = np.eye(2)\nprint(A @ A, np.asarray([1, 2]).dot([3, 4]))\n",
    "for u, w in [([1, 2], [3, 4])]:\n    np.testing.assert_allclose(project(u, w), np.dot(u, w) / np.dot(w, w) * np.asarray(w))\n",
    "from numpy.linalg import norm\nprint(norm([3, 4]))\n",
    "def check(u, w):\n    assert math.isclose(dot(u, w), np.dot(u, w))\ncheck([1, 2], [3, 4])\n",
    "results = []\nresults.append(np.dot([1, 2], [3, 4]))\nprint(list(map(np.dot, [[1]], [[2]])))\n",
    "import timeit\nprint(timeit.timeit(lambda: dot([1, 2], [3, 4]), number=10))\n",
    "from math import *\nprint(sqrt(2.0))\n",
])
def test_a_students_own_checks_cost_nothing(check):
    assert tainted(check) == {}


def test_a_local_variable_shadows_an_imported_routine_of_the_same_name():
    local = "def cosine_similarity(a, b):\n    norm = 0.0\n    for x in a:\n        norm += x * x\n" \
            "    return sum(x * y for x, y in zip(a, b)) / math.sqrt(norm * sum(y * y for y in b))\n"
    assert tainted("from numpy.linalg import norm\nprint(norm([3, 4]))\n", replace={2: local}) == {}


@pytest.mark.parametrize("extra, replace, hit, phrase", [
    (["dot = np.dot\n"], {}, {"dot"}, "it rebinds the name itself"),
    (["from numpy import dot\n"], {}, {"dot"}, "it rebinds the name itself"),
    (["from numpy import *\n"], {}, {"dot"}, "imports everything from numpy"),
    (["_norm = lambda v: np.linalg.norm(v)\n"],
     {2: "def cosine_similarity(a, b):\n    return sum(x * y for x, y in zip(a, b)) / (_norm(a) * _norm(b))\n"},
     {"cosine_similarity"}, "it binds _norm, which cosine_similarity uses"),
    (["_table = {'inner': np.vdot}\n_inner = _table['inner']\n"],
     {3: "def _scale(a, b):\n    return _inner(a, b) / _inner(b, b)\n\ndef project(a, b):\n"
         "    return [_scale(a, b) * y for y in b]\n"},
     {"project"}, "which project uses"),
])
def test_a_bound_routine_counts_against_the_functions_that_use_it(extra, replace, hit, phrase):
    found = tainted(*extra, replace=replace)
    assert set(found) == hit, found
    assert all(any(phrase in item for item in found[name]) for name in hit), found


@pytest.mark.parametrize("extra, phrase", [
    ("import inspect\n_frames = inspect.stack()\n", "it runs outside the functions, so it counts against every function"),
    ("_s = getattr(np, 'd' + 'ot')\n", "so it counts against every function"),
    ("math.fsum = np.dot\n", "where it may end up anywhere"),
    ("hooks = []\nhooks.append(np.dot)\n", "where it may end up anywhere"),
    ("import threading\ndef _serve():\n    return np.dot([1], [2])\nthreading.Thread(target=_serve).start()\n",
     "hands it on to code the grader cannot follow"),
    ("import os\ndef _forge(fd, data):\n    return np.dot([1], [2])\nos.write = _forge\n",
     "hands it on to code the grader cannot follow"),
    ("import tripwires\ntripwires.Tripwires.take_hits = lambda self: []\n", "the grader's own code in the sandbox"),
    ("import __main__\nprint(__main__.__file__)\n", "the grader's own code in the sandbox"),
    ("from gc import *\n", "inspects objects in memory"),
    ("import os\nos.sys.modules['builtins'].abs = None\n", "sys.modules"),
    ("import pydoc\nf = pydoc.locate('numpy.dot')\n", "by a name given as a string"),
    ("import subprocess\nsubprocess.Popen(['sleep', '9'])\n", "starts another process"),
    ("import os\nif os.fork() == 0:\n    os._exit(0)\n", "starts another process"),
    ("import timeit\nr = []\ntimeit.timeit('r.append(1)', number=1, globals={'r': r})\n", "as a string"),
    ("def _peek():\n    import sys\n    return sys._getframe(1)\n_peek()\n", "the code outside the functions runs it"),
    ("def _setup():\n    global dot\n    dot = np.dot\n_setup()\n", "uses numpy.dot"),
])
def test_what_cannot_be_followed_counts_against_every_function(extra, phrase):
    found = tainted(extra)
    assert set(found) == set(FUNCTIONS), found
    assert all(any(phrase in item for item in items) for items in found.values()), found


@pytest.mark.parametrize("body, phrase", [
    ("def dot(a, b):\n    return getattr(np.asarray(a), 'd' + 'ot')(b)\n", "gets the method .dot() with getattr"),
    ("import functools\ndef dot(a, b):\n    return functools.reduce(getattr, ['dot'], np)(a, b)\n",
     "passes getattr around as a value"),
    ("def dot(a, b):\n    return [np.dot for np in [np]][0](a, b)\n", "uses numpy.dot"),
    ("def dot(a, b, np=np):\n    return np.dot(a, b)\n", "uses numpy.dot"),
    ("def dot(a, b):\n    import warnings\n    return warnings.sys._getframe(1)\n", "uses sys._getframe"),
    ("import io\ndef dot(a, b):\n    return np.load(io.BytesIO(b''), allow_pickle=True)(a, b)\n", "allow_pickle=True"),
    ("def dot(a, b):\n    import pydoc\n    return pydoc.locate('numpy.dot')(a, b)\n", "pydoc"),
])
def test_obfuscation_inside_a_function_costs_that_function(body, phrase):
    found = tainted(replace={1: body})
    assert set(found) == {"dot"}, found
    assert any(phrase in item for item in found["dot"]), found["dot"]


@pytest.mark.parametrize("module", ["signal", "inspect", "gc", "ctypes", "importlib", "tripwires", "__main__"])
def test_a_plain_import_costs_nothing_by_itself(module):
    assert tainted(f"import {module}\n") == {}


def test_a_top_level_import_used_in_one_function_costs_that_function_only():
    """The feedback says what the code did (it set an alarm), not that a module was imported."""
    dot = ("def dot(a, b):\n    signal.alarm(0)\n    return float(sum(x * y for x, y in zip(a, b)))\n")
    found = tainted("import signal\n", replace={1: dot})
    assert set(found) == {"dot"}, found
    assert found["dot"] == ["code cell 2, line 2: uses signal.alarm: graded code changes signal handling, which the "
                            "grader's time limits use, which is not allowed (rule: hidden or dynamic code)"]
    found = tainted("from inspect import stack as _stack\n",
                    replace={3: CELLS[3].replace("    return", "    _stack()\n    return")})
    assert set(found) == {"project"} and "uses inspect.stack:" in found["project"][0], found
