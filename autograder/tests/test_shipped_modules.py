"""The rules reach the student's own `.py` files. The grader copies a student's uploaded files into
the sandbox, so a notebook may `import helper` and do the forbidden work there, where the run-time
tripwires cannot see `.T` on an ndarray or the `@` operator. Graded as an instructor grades (`grade`
on a class folder, each student's helper file next to the notebook): a function that reaches such a
module scores 0 with feedback naming the file and line, however the module is imported (whole,
under an alias, one name, inside the function, or through another shipped module); an honest
helper module, and one whose forbidden use only an allowing function reaches, draw no finding.

(Today the sandbox runs Python with -P and the working folder is not on sys.path, so the import
itself fails there too; the rules do not rest on that, and the feedback names the real reason.)"""
from __future__ import annotations

import base64

import pytest

from autograder.specs import load_spec
from autograder.static_rules import check_notebook
from autograder.static_rules.shipped import shipped_modules
from autograder.testing.grader_cli import feedback_text, grade, read_grades, read_results
from autograder.testing.submission_builder import build_submission, solution_sources, write_submission

pytestmark = pytest.mark.slow
SPEC = load_spec("matmul")  # transpose may not use .T (matvec and matmul may); none may use @
CHECK_MATRIX = ("    if len(np.shape(A)) != 2:\n"
                "        raise ValueError(f'expected a matrix, got shape {np.shape(A)}')\n")
CHECK_PRODUCT = ("    if len(np.shape(A)) != 2 or len(np.shape(B)) != 2 or np.shape(A)[1] != np.shape(B)[0]:\n"
                 "        raise ValueError(f'shapes {np.shape(A)} and {np.shape(B)} do not fit')\n")
FLIP = f"import numpy as np\n\n\ndef flip(A):\n{CHECK_MATRIX}    return np.asarray(A).T.tolist()\n"
PRODUCT = (f"import numpy as np\n\n\ndef product(A, B):\n{CHECK_PRODUCT}"
           "    return (np.asarray(A, dtype=float) @ np.asarray(B, dtype=float)).tolist()\n")
# (notebook code per function, files next to the notebook, the function caught, file and line named)
CHEATS = {
    "from_import_in_function": ({"transpose": "def transpose(A):\n    from helper import flip\n    return flip(A)\n"},
                                {"helper.py": FLIP}, "transpose", "helper.py, line 7", ".T"),
    "module_alias_at_top": ({"matmul": "import helper as h\n\n\ndef matmul(A, B):\n    return h.product(A, B)\n"},
                            {"helper.py": PRODUCT}, "matmul", "helper.py, line 7", "@"),
    "through_a_second_module": ({"matmul": "import tools\n\n\ndef matmul(A, B):\n    return tools.multiply(A, B)\n"},
                                {"tools.py": "from inner import product\n\n\ndef multiply(A, B):\n"
                                             "    return product(A, B)\n", "inner.py": PRODUCT},
                                "matmul", "inner.py, line 7", "@"),
    "a_package": ({"transpose": "from linalg.shape import flip\n\n\ndef transpose(A):\n    return flip(A)\n"},
                  {"linalg/__init__.py": "", "linalg/shape.py": FLIP}, "transpose", "linalg/shape.py, line 7", ".T"),
}


def honest_helper() -> tuple[dict[str, str], dict[str, str]]:
    """The master's own solutions moved into helper.py, plus a matvec that uses .T (which matvec
    may); the notebook imports the module whole and each function calls its own."""
    solutions = solution_sources("matmul")
    helper = "import numpy as np\n\n\n" + "\n\n".join(solutions.values()) + (
        "\n\ndef matvec_by_columns(A, x):\n    return matvec(np.asarray(A).T.T.tolist(), x)\n")
    code = {"transpose": "import helper\n\n\ndef transpose(A):\n    return helper.transpose(A)\n",
            "matvec": "def matvec(A, x):\n    return helper.matvec_by_columns(A, x)\n",
            "matmul": "def matmul(A, B):\n    return helper.matmul(A, B)\n"}
    return code, {"helper.py": helper}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    students = {name: (code, files) for name, (code, files, *_) in CHEATS.items()}
    students["honest_helper"] = honest_helper()
    for student, (code, files) in students.items():
        notebook = write_submission(root / "submissions", student, "matmul", build_submission("matmul", code))
        for relative, text in files.items():
            (notebook.parent / relative).parent.mkdir(parents=True, exist_ok=True)
            (notebook.parent / relative).write_text(text, encoding="utf-8")
    grade("matmul", root / "submissions", root / "out", "--workers", "2")
    return read_grades(root / "out"), read_results(root / "out")


@pytest.mark.parametrize("student", CHEATS)
def test_a_function_that_reaches_a_shipped_module_is_judged_on_it(graded, student):
    grades, results = graded
    _, _, caught, place, item = CHEATS[student]
    said = feedback_text(results[student], caught)
    assert float(grades[student][caught]) == 0.0, said
    assert place in said and item in said and "which this assignment forbids" in said, said
    for function in SPEC.functions:
        if function.name != caught:
            assert float(grades[student][function.name]) == function.points, (function.name, results[student])


def test_an_honest_helper_module_draws_no_finding(graded):
    _, results = graded
    said = "\n".join(feedback_text(results["honest_helper"], f.name) for f in SPEC.functions)
    assert "(rule:" not in said and "helper.py, line" not in said, said


def _modules(files: dict[str, str]):
    return shipped_modules([[path, base64.b64encode(text.encode()).decode()] for path, text in files.items()])


def test_only_what_a_function_takes_from_a_module_counts():
    """`h.loops` takes loops only: the module's other functions, forbidden or not, are not its
    code; a module passed on whole (`m = h`) counts whole; no shipped module, no finding."""
    files = {"helper.py": FLIP + "\n\ndef loops(A):\n    return [list(row) for row in zip(*A)]\n"}
    takes_one = [(1, "import helper as h\n"), (2, "def transpose(A):\n    return h.loops(A)\n")]
    passes_whole = [(1, "import helper as h\n"), (2, "def transpose(A):\n    m = h\n    return m.loops(A)\n")]
    assert check_notebook(takes_one, SPEC, _modules(files))["transpose"] == []
    whole = check_notebook(passes_whole, SPEC, _modules(files))["transpose"]
    assert [(f.where, f.line, f.name) for f in whole] == [("helper.py", 7, ".T")]
    assert check_notebook(passes_whole, SPEC, {})["transpose"] == []


def test_a_package_of_the_students_own_is_followed_through_relative_imports():
    """`from . import shape` then `shape.t(A)` calls the student's own function t, not the
    method .t(): the finding is the .T it uses there, in the file that uses it."""
    files = {"linalg/__init__.py": "", "linalg/api.py": "from . import shape\n\n\ndef tt(A):\n    return shape.t(A)\n",
             "linalg/shape.py": "import numpy as np\n\n\ndef t(A):\n    return np.asarray(A).T\n"}
    cells = [(1, "from linalg.api import tt\n\n\ndef transpose(A):\n    return tt(A)\n")]
    found = check_notebook(cells, SPEC, _modules(files))["transpose"]
    assert [(f.where, f.line, f.name) for f in found] == [("linalg/shape.py", 5, ".T")], found
