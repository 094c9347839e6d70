"""Every rule a spec declares is enforced, item by item, by `python -m autograder grade`:

- every forbidden item of every function, used plainly, through an alias and through attribute
  access, scores 0 on the functions that forbid it, with feedback naming the item; the functions
  that allow it keep full marks;
- every item a notebook names as allowed is used, in a function that allows it, by an honest
  submission (`submissions/honest/`) that keeps full marks;
- at run time too, each function is held to its own declaration (code shipped next to the notebook
  is out of the static rules' sight: the tripwires see it).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from autograder.sandbox.inside.codec import encode
from autograder.sandbox.session import NotebookSession
from autograder.settings import Limits
from autograder.specs import ASSIGNMENTS, load_spec
from autograder.specs.rules import (METHOD, OPERATOR, OWN_FUNCTION, ROUTINE, SYNTAX, Allowed, Item,
                                    tripwire_names)
from autograder.static_rules.deny import Declared
from autograder.static_rules.names import Names, plain_locals
from autograder.static_rules.statements import make_unit
from autograder.static_rules.units import Block, definitions_in, parse, reach
from autograder.testing.submission_builder import build_from_fixture, build_submission, write_submission
from autograder.testing.grader_cli import feedback_text, grade, read_grades, read_results

pytestmark = pytest.mark.slow
HONEST = Path(__file__).resolve().parent / "submissions" / "honest"
# A member of each forbidden module, to call it plainly (everything under the module is forbidden).
MEMBERS = {"numpy.linalg": "norm", "numpy.matlib": "ones", "numpy.polynomial": "Polynomial",
           "torch.linalg": "norm", "torch.nn": "Linear", "scipy.linalg": "norm",
           "scipy.spatial.distance": "euclidean", "scipy.sparse": "csr_matrix",
           "sklearn.metrics.pairwise": "cosine_similarity", "sklearn.neural_network": "MLPRegressor"}
ARRAY = "np.asarray(args[0])"


# --- forbidden items -------------------------------------------------------------------------------
def _written(dotted: str) -> str:
    """How a student writes a dotted name after the notebook's `import numpy as np`."""
    return "np" + dotted[5:] if dotted.split(".")[0] == "numpy" else dotted


def _importing(module: str) -> str:
    return "" if module.split(".")[0] == "numpy" else f"import {module}\n    "


def spellings(item: Item) -> dict[str, str]:
    """Function bodies that use the item plainly, through an alias and through attribute access."""
    if item.kind == ROUTINE:
        name = f"{item.name}.{MEMBERS[item.name]}" if item.module else item.name
        module, _, last = name.rpartition(".")
        alias = (f"import {item.name} as shortcut\n    return shortcut.{MEMBERS[item.name]}(*args)"
                 if item.module else f"from {module} import {last} as shortcut\n    return shortcut(*args)")
        return {"plain": f"{_importing(module)}return {_written(name)}(*args)", "alias": alias,
                "getattr": f"{_importing(module)}return getattr({_written(module)}, {last!r})(*args)"}
    if item.kind == OPERATOR:
        return {"plain": f"return {ARRAY} @ np.asarray(args[-1])",
                "alias": "import operator\n    return operator.matmul(args[0], args[-1])",
                "getattr": f"return {ARRAY}.__matmul__(args[-1])"}
    call = "()" if item.kind == METHOD else ""
    return {"plain": f"return {ARRAY}.{item.name}{call}",
            "getattr": f"return getattr({ARRAY}, {item.name!r}){call}"}


def _student(item: Item, spelling: str) -> str:
    return f"{re.sub(r'[^A-Za-z0-9]+', '_', str(item)).strip('_')}--{spelling}"


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def forbidden_graded(request, tmp_path_factory):
    """One class per assignment: a student per (forbidden item, spelling), in which every function
    that forbids the item uses it and every other function keeps the master's solution."""
    spec = load_spec(request.param)
    root = tmp_path_factory.mktemp(f"forbidden-{spec.name}")
    uses = {}
    for item in sorted(spec.forbidden_items):
        users = [f.name for f in spec.functions if item in f.rules.items]
        for spelling, body in spellings(item).items():
            student = _student(item, spelling)
            code = {name: f"def {name}(*args):\n    {body}\n" for name in users}
            write_submission(root / "submissions", student, spec.name, build_submission(spec.name, code))
            uses[student] = (item, users)
    grade(spec.name, root / "submissions", root / "out", "--workers", "2")
    return spec, uses, read_grades(root / "out"), read_results(root / "out")


def test_every_forbidden_item_scores_0_on_the_functions_that_forbid_it(forbidden_graded):
    spec, uses, grades, results = forbidden_graded
    wrong = []
    for student, (item, users) in uses.items():
        for function in spec.functions:
            score = float(grades[student][function.name])
            if function.name in users:
                said = feedback_text(results[student], function.name)
                if score != 0 or str(item) not in said:
                    wrong.append(f"{student}: {function.name} scored {score}, said {said[:200]!r}")
            elif score != function.points:
                wrong.append(f"{student}: {function.name}, which allows {item}, scored {score}")
    assert not wrong, f"{len(wrong)} problems:\n" + "\n".join(wrong[:40])
    assert len(uses) >= 2 * len(spec.forbidden_items)


# --- allowed items ---------------------------------------------------------------------------------
OPERATORS = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult, "/": ast.Div, "**": ast.Pow, "@": ast.MatMult}
SYNTAX_NODES = {"for": (ast.For,), "comprehension": (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)}


def _code_cells(notebook: dict) -> list[tuple[int, str]]:
    return [(index, "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"])
            for index, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"]


def allowed_uses(notebook: dict, assignment: str, function: str) -> set[Allowed]:
    """The allowed items of `function` that its code, and the notebook functions it calls, use."""
    blocks = parse(_code_cells(notebook))
    names, nothing = Names([block.node for block in blocks]), Declared(frozenset())
    definitions: dict[str, list] = {}
    for block in blocks:
        for node in definitions_in(block.node):
            definitions.setdefault(node.name, []).append(make_unit(Block(block.cell, node), names, nothing))
    paths = reach([function], definitions)
    rules = load_spec(assignment).function(function).rules
    used = {a for a in rules.allowed if a.kind == OWN_FUNCTION and a.name in paths}
    for unit in (unit for name in paths for unit in definitions[name]):
        local = plain_locals(unit.block.node, names)
        used |= {allowed for node in ast.walk(unit.block.node) for allowed in rules.allowed
                 if _uses(node, allowed, names, local)}
    return used


def _uses(node: ast.AST, allowed: Allowed, names: Names, local: frozenset[str]) -> bool:
    if allowed.kind == SYNTAX:
        return isinstance(node, SYNTAX_NODES[allowed.name])
    if allowed.kind == OPERATOR:
        return isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(node.op, OPERATORS[allowed.name])
    if allowed.kind == ROUTINE:
        return isinstance(node, (ast.Name, ast.Attribute)) and names.resolve(node, local) == allowed.name
    return False


def _honest(assignment: str) -> dict[str, dict]:
    return {path.stem: build_from_fixture(assignment, path) for path in sorted((HONEST / assignment).glob("*.py"))}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_allowed_item_is_used_by_an_honest_submission(assignment):
    spec, notebooks = load_spec(assignment), _honest(assignment)
    assert notebooks, f"no honest fixture in submissions/honest/{assignment}/"
    stated = {(f.name, allowed) for f in spec.functions for allowed in f.rules.allowed}
    used = {(function.name, allowed) for notebook in notebooks.values() for function in spec.functions
            for allowed in allowed_uses(notebook, assignment, function.name)}
    allowed_somewhere = {allowed for _, allowed in stated}
    unused = sorted(a.text for a in allowed_somewhere - {allowed for _, allowed in used})
    assert not unused, f"{assignment}: allowed but used by no honest submission: {unused}"
    assert any(function == "matmul" and a.kind == OWN_FUNCTION for function, a in used) or assignment != "matmul"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_honest_submissions_using_what_is_allowed_keep_full_marks(assignment, tmp_path):
    spec = load_spec(assignment)
    for name, notebook in _honest(assignment).items():
        write_submission(tmp_path / "submissions", name, assignment, notebook)
    grade(assignment, tmp_path / "submissions", tmp_path / "out")
    grades, results = read_grades(tmp_path / "out"), read_results(tmp_path / "out")
    for student in _honest(assignment):
        said = {f.name: feedback_text(results[student], f.name) for f in spec.functions}
        assert float(grades[student]["score"]) == spec.max_score, (student, said)
        assert not any(said.values()), (student, said)


# --- at run time -----------------------------------------------------------------------------------
def test_at_run_time_each_function_is_held_to_its_own_rules(tmp_path):
    """np.flip(np.rot90(A), 0) is a transpose that no static rule names: numpy's rot90 calls
    numpy.transpose inside, which the tripwires see. transpose, which may not transpose for you,
    scores 0 naming the call; matmul, which may, keeps full marks using the same trick."""
    transpose = ("def transpose(A):\n    if len(np.shape(A)) != 2:\n        raise ValueError(f'shape {np.shape(A)}')\n"
                 "    return np.flip(np.rot90(np.asarray(A)), 0).tolist()\n")
    matmul = ("def matmul(A, B):\n    if len(np.shape(A)) != 2 or len(np.shape(B)) != 2 or np.shape(A)[1] != np.shape(B)[0]:\n"
              "        raise ValueError(f'shapes {np.shape(A)} and {np.shape(B)} do not fit')\n"
              "    columns = np.flip(np.rot90(np.asarray(B, dtype=float)), 0)\n"
              "    return [[sum(a * b for a, b in zip(row, column)) for column in columns] for row in A]\n")
    notebook = build_submission("matmul", {"transpose": transpose, "matmul": matmul})
    write_submission(tmp_path / "submissions", "student", "matmul", notebook)
    grade("matmul", tmp_path / "submissions", tmp_path / "out")
    grades, results = read_grades(tmp_path / "out"), read_results(tmp_path / "out")
    said = feedback_text(results["student"], "transpose")
    assert float(grades["student"]["transpose"]) == 0.0, said
    assert "called numpy.transpose, which this assignment forbids (caught at run time)" in said, said
    assert float(grades["student"]["matmul"]) == 4.0, feedback_text(results["student"], "matmul")
    assert float(grades["student"]["matvec"]) == 4.0


def test_tripwires_see_torch_attributes_and_methods():
    """t.T and t.t() on a torch tensor, reached where no static rule looks (a tensor's attribute is
    a property of torch.Tensor, which the tripwires replace)."""
    routines, names = tripwire_names(load_spec("matmul").function("transpose").rules.items)
    cells = ["import torch\n", "def by_attribute(A):\n    return torch.tensor(A).T.tolist()\n",
             "def by_method(A):\n    return torch.tensor(A).t().tolist()\n",
             "def honest(A):\n    return torch.tensor(A).sum(0).tolist()\n"]
    with NotebookSession([{"index": i, "source": c} for i, c in enumerate(cells)],
                         ["by_attribute", "by_method", "honest"], Limits(), forbidden=routines,
                         forbidden_methods=names) as session:
        session.ensure_loaded()
        for name, hits in (("by_attribute", ["Tensor.T"]), ("by_method", ["Tensor.t"]), ("honest", [])):
            reply = session.call(name, [[encode([[1.0, 2.0], [3.0, 4.0]])]])[0].reply
            assert reply["tripwires"] == hits and "value" in reply, (name, reply)
