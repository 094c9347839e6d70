"""Static rules: forbidden shortcuts found in the AST, per graded function, however they are spelled,
with a plain message naming the rule, the cell and the line; honest code has no finding."""
from __future__ import annotations

import textwrap

import pytest

from autograder.specs import load_spec
from autograder.static_rules import check_notebook

DOT_PRODUCT = load_spec("dot_product")
MATMUL = load_spec("matmul")  # transpose may not transpose for you; matvec and matmul may
NO_RULES = load_spec("attention")  # forbids no linear-algebra routine; the hiding rules still apply

HONEST = {
    "dot": "def dot(a, b):\n    return float(sum(x * y for x, y in zip(a, b)))\n",
    "cosine_similarity": "def cosine_similarity(a, b):\n    return dot(a, b) / math.sqrt(dot(a, a) * dot(b, b))\n",
    "project": "def project(a, b):\n    s = dot(a, b) / dot(b, b)\n    return [s * x for x in b]\n",
}


def findings(cells: list[str], spec=DOT_PRODUCT) -> dict[str, list[str]]:
    found = check_notebook(list(enumerate((textwrap.dedent(c) for c in cells), start=1)), spec)
    return {name: [str(f) for f in items] for name, items in found.items()}


def with_dot(body: str, imports: str = "import numpy as np\nimport math\n") -> list[str]:
    return [imports, body, HONEST["cosine_similarity"].replace("dot(", "_d("), HONEST["project"].replace("dot(", "_d("),
            "def _d(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"]


def test_honest_code_has_no_finding():
    cells = ["import numpy as np\nimport math\nimport warnings\n", *HONEST.values(),
             "print(dot([1, 2], [3, 4]))\nwarnings.warn('checking')\nx = np.array([1.0]).sum()\n"]
    assert findings(cells) == {"dot": [], "cosine_similarity": [], "project": []}


@pytest.mark.parametrize("imports, body, shown", [
    ("import numpy as np", "def dot(a, b):\n    return np.dot(a, b)", "numpy.dot"),
    ("import numpy", "def dot(a, b):\n    return numpy.inner(a, b)", "numpy.inner"),
    ("from numpy import dot as d", "def dot(a, b):\n    return d(a, b)", "numpy.dot"),
    ("from numpy.linalg import norm", "def dot(a, b):\n    return norm(a) * 0", "numpy.linalg.norm"),
    ("import numpy.linalg as la", "def dot(a, b):\n    return la.norm(a)", "numpy.linalg"),
    ("import numpy as np", "def dot(a, b):\n    return np.linalg.multi_dot([a, b])", "numpy.linalg.multi_dot"),
    ("import numpy as np", "def dot(a, b):\n    return np._core.multiarray.dot(a, b)", "numpy._core.multiarray.dot"),
    ("import numpy as np", "def dot(a, b):\n    f = getattr(np, 'd' + 'ot')\n    return f(a, b)", "numpy.dot"),
    ("import numpy as np", "def dot(a, b):\n    m = np\n    return m.einsum('i,i', a, b)", "numpy.einsum"),
    ("from numpy import *", "def dot(a, b):\n    return vdot(a, b)", "numpy.vdot"),
    ("import math", "def dot(a, b):\n    return math.sumprod(a, b)", "math.sumprod"),
    ("import operator", "def dot(a, b):\n    return operator.matmul(a, b)", "operator.matmul"),
    ("import torch", "def dot(a, b):\n    return torch.dot(torch.tensor(a), torch.tensor(b))", "torch.dot"),
])
def test_forbidden_routine_however_imported(imports, body, shown):
    found = findings(with_dot(body, imports + "\n"))
    assert found["cosine_similarity"] == [] or all("cell 1," in f for f in found["cosine_similarity"])
    assert any(f"uses {shown}" in item and "which this assignment forbids" in item for item in found["dot"]), found["dot"]


@pytest.mark.parametrize("body, rule, phrase", [
    ("def dot(a, b):\n    return np.asarray(a) @ np.asarray(b)", "forbidden operator", "@ operator"),
    ("def dot(a, b):\n    x = np.asarray(a)\n    x @= 1\n    return x", "forbidden operator", "@ operator"),
    ("def dot(a, b):\n    return np.asarray(a).dot(b)", "forbidden method", ".dot()"),
    ("def dot(a, b):\n    return type(a).__matmul__(a, b)", "forbidden operator", "__matmul__"),
    ("def dot(a, b):\n    name = 'dot'\n    return getattr(np, name)(a, b)", "hidden or dynamic code", "computed attribute"),
    ("def dot(a, b):\n    return __import__('numpy').sum(a)", "hidden or dynamic code", "__import__"),
    ("def dot(a, b):\n    import importlib\n    return importlib.import_module('numpy').sum(a)", "hidden or dynamic code", "importlib"),
    ("def dot(a, b):\n    return eval('sum(x * y for x, y in zip(a, b))')", "hidden or dynamic code", "eval"),
    ("def dot(a, b):\n    exec('r = 1')\n    return 0.0", "hidden or dynamic code", "exec"),
    ("def dot(a, b):\n    return compile('1', 'x', 'eval')", "hidden or dynamic code", "compile"),
    ("def dot(a, b):\n    import sys\n    return sys.modules['numpy'].sum(a)", "hidden or dynamic code", "sys.modules"),
    ("def dot(a, b):\n    return globals()['np'].sum(a)", "hidden or dynamic code", "globals"),
    ("def dot(a, b):\n    return vars(np)['sum'](a)", "hidden or dynamic code", "vars"),
    ("def dot(a, b):\n    return np.__dict__['sum'](a)", "hidden or dynamic code", "__dict__"),
    ("def dot(a, b):\n    return __builtins__['sum'](a)", "hidden or dynamic code", "builtins"),
    ("def dot(a, b):\n    import gc\n    return len(gc.get_objects())", "hidden or dynamic code", "gc"),
    ("def dot(a, b):\n    import inspect\n    return inspect.stack()[1]", "hidden or dynamic code", "inspect"),
    ("def dot(a, b):\n    import sys\n    return sys._getframe(1).f_locals['expected']", "hidden or dynamic code", "_getframe"),
    ("def dot(a, b):\n    import sys\n    sys.settrace(None)\n    return 0.0", "hidden or dynamic code", "settrace"),
    ("def dot(a, b):\n    import sys\n    sys.setprofile(None)\n    return 0.0", "hidden or dynamic code", "setprofile"),
    ("def dot(a, b):\n    import ctypes\n    return 0.0", "hidden or dynamic code", "ctypes"),
    ("def dot(a, b):\n    get_ipython().ast_transformers.clear()\n    return 0.0", "hidden or dynamic code", "IPython"),
    ("def dot(a, b):\n    import builtins\n    return builtins.sum(a)", "hidden or dynamic code", "builtins"),
])
def test_shortcuts_and_obfuscation_are_named(body, rule, phrase):
    found = findings(with_dot(body))
    assert any(f"rule: {rule}" in item and phrase in item for item in found["dot"]), found["dot"]
    assert found["project"] == [], "a rule broken inside dot must not cost project, which does not call it"


def test_helpers_and_top_level_code_count_for_the_functions_that_reach_them():
    cells = ["import numpy as np\nimport math\n",
             "def _helper(a, b):\n    return np.dot(a, b)\n",
             HONEST["dot"].replace("float(sum(x * y for x, y in zip(a, b)))", "_helper(a, b)"),
             HONEST["cosine_similarity"],  # calls dot -> _helper
             "def project(a, b):\n    return [x for x in b]\n"]
    found = findings(cells)
    assert "code cell 2, line 2: uses numpy.dot through `_helper`, which" in found["dot"][0]
    assert "code cell 2, line 2: uses numpy.dot through `dot` → `_helper`, which" in found["cosine_similarity"][0]
    assert found["project"] == []
    # Top-level code runs before every test and can rebind anything: it counts for every function.
    found = findings(cells[:1] + [HONEST["dot"], HONEST["cosine_similarity"], HONEST["project"],
                                  "_shortcut = getattr(np, ''.join(['d', 'o', 't']))\n"])
    assert all(any("code cell 5, line 1: uses numpy.dot" in f for f in items) for items in found.values()), found


def test_hiding_rules_apply_to_every_assignment_but_routines_only_where_forbidden():
    cells = ["import numpy as np\n",
             "def softmax(x):\n    e = np.exp(np.asarray(x) - np.max(x))\n    return e / e.sum()\n",
             "def scaled_dot_product_attention(Q, K, V, mask=None):\n"
             "    import inspect\n    return np.matmul(Q, np.swapaxes(K, -1, -2)) @ V\n"]
    found = findings(cells, NO_RULES)
    assert found["softmax"] == []
    attention = found["scaled_dot_product_attention"]
    assert any("inspect" in f for f in attention)
    assert not any("numpy.matmul" in f or "@ operator" in f for f in attention)


def test_syntax_errors_are_left_to_the_run():
    assert findings(["def dot(a, b)\n    return 0\n"]) == {"dot": [], "cosine_similarity": [], "project": []}


def test_a_function_that_only_calls_a_function_with_a_shortcut_says_through_which():
    cells = ["import numpy as np\nimport math\n", "def dot(a, b):\n    return np.dot(a, b)\n",
             HONEST["cosine_similarity"], HONEST["project"]]
    found = findings(cells)
    assert found["dot"] == ["code cell 2, line 2: uses numpy.dot, which this assignment forbids: write the "
                            "arithmetic yourself (rule: forbidden routine)"]
    assert found["cosine_similarity"] == found["project"] == [
        "code cell 2, line 2: uses numpy.dot through `dot`, which this assignment forbids: write the arithmetic "
        "yourself (rule: forbidden routine)"]


MATMUL_HONEST = [
    "import numpy as np\n",
    "def matvec(A, x):\n    return [sum(a * b for a, b in zip(row, x)) for row in A]\n",
    "def matmul(A, B):\n    columns = transpose(B)\n    return [matvec(columns, row) for row in A]\n",
]


@pytest.mark.parametrize("body, name", [
    ("return np.transpose(A)", "numpy.transpose"),
    ("return np.asarray(A).T", ".T"),
    ("return np.swapaxes(A, 0, 1)", "numpy.swapaxes"),
    ("return np.asarray(A).transpose()", ".transpose()"),
    ("return getattr(np.asarray(A), 'm' + 'T')", ".mT"),
    ("import torch\n    return torch.tensor(A).t()", ".t()"),
    ("from numpy import moveaxis as flip\n    return flip(np.asarray(A), 0, 1)", "numpy.moveaxis"),
])
def test_transpose_may_not_transpose_for_you_but_matmul_may(body, name):
    own = f"def transpose(A):\n    {body}\n"
    found = findings([*MATMUL_HONEST, own], MATMUL)
    assert found["transpose"] and all(name in f and "build the result yourself" in f
                                      for f in found["transpose"]), found
    assert found["matvec"] == found["matmul"] == [], "matmul calls that transpose, which it may"
    helper = own.replace("def transpose(A)", "def _flip(A)")
    cells = [MATMUL_HONEST[0], "def transpose(A):\n    return [list(row) for row in zip(*A)]\n",
             MATMUL_HONEST[1], helper, MATMUL_HONEST[2].replace("transpose(B)", "_flip(B)")]
    assert findings(cells, MATMUL) == {"transpose": [], "matvec": [], "matmul": []}
