"""The self-check students run in the notebook (autograder/generated_cells/self_check_code.py) tells
them what the grader will say about forbidden shortcuts, and nothing else.

- In a real notebook kernel, every forbidden-call fixture (the corpus's shortcut and honest entries,
  submissions/wrong/, caught/ and honest/) runs cell by cell as in the notebook, and for every
  graded function the self-check names exactly the rules and items the grader's static rules name.
- The same holds, in-process, for every forbidden item of every function used plainly, through an
  alias and through attribute access (the per-item submissions of test_rules_enforced).
- The self-check imports nothing from this repository, and the "before you submit" cell says, per
  function, passed or what to fix.
"""
from __future__ import annotations

import ast
import json
import linecache
import tempfile
from pathlib import Path
from types import SimpleNamespace

import nbclient
import nbformat
import pytest

from autograder.course import SELF_CHECK, is_course_cell
from autograder.notebook import master_cells, student_code_cells
from autograder.specs import ASSIGNMENTS, load_spec
from autograder.static_rules import check_notebook
from autograder.testing.corpus_builder import load_manifest, write_entry
from autograder.tests.notebook_tools import execute, released
from autograder.testing.submission_builder import build_from_fixture, build_submission, write_submission
from autograder.tests.test_rules_enforced import spellings

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
# One kernel runs every fixture in turn: a fresh namespace and input history, then each cell of the
# notebook through IPython's own run_cell (as the kernel runs a cell), then what the self-check says.
DRIVER = """# Self-check agreement (this cell's first line keeps it out of the self-check's reading)
get_ipython().run_line_magic("reset", "-f")
get_ipython().history_manager.reset()
for _cell in {cells!r}:
    get_ipython().run_cell(_cell, store_history=True)
import json as _json
print("FINDINGS " + _json.dumps({{name: shortcut_findings(name) for name in RULES}}))
"""


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _cells_a_student_runs(notebook: dict) -> list[str]:
    """The notebook's code cells but its tests: setup, the self-check, the student's own cells."""
    return [_source(cell) for cell in notebook["cells"] if cell["cell_type"] == "code"
            and (not is_course_cell(cell) or cell["metadata"]["nbgrader"]["grade_id"] == SELF_CHECK)]


def grader_says(path: Path, assignment: str) -> dict[str, set]:
    cells = student_code_cells(path, master_cells(assignment))
    found = check_notebook([(cell.number, cell.source) for cell in cells], load_spec(assignment))
    return {name: {(f.rule, f.name) for f in items} for name, items in found.items()}


def self_check_says(findings: list) -> set:
    return {(rule, item) for _, rule, item, _ in findings if rule != "not checked"}


def forbidden_call_fixtures(root: Path) -> dict[str, tuple[str, Path]]:
    """{name: (assignment, notebook path)} of every fixture with forbidden calls, or honest ones."""
    fixtures = {}
    for name, entry in load_manifest().items():
        if entry.kind_of_attack in ("shortcut", "honest") and not entry.files:
            fixtures[f"corpus/{name}"] = ("dot_product", write_entry(entry, root / "corpus" / name) / entry.notebook)
    for kind in ("wrong", "caught", "honest"):
        for path in sorted((SUBMISSIONS / kind).glob("*/*.py")):
            assignment = path.parent.name
            notebook = build_from_fixture(assignment, path)
            fixtures[f"{kind}/{assignment}/{path.stem}"] = (
                assignment, write_submission(root / kind / assignment, path.stem, assignment, notebook))
    return fixtures


@pytest.mark.slow
def test_self_check_and_grader_agree_on_every_forbidden_call_fixture(tmp_path):
    """Every fixture as its notebook runs it, one after the other in one kernel (see DRIVER)."""
    fixtures = forbidden_call_fixtures(tmp_path)
    runs = nbformat.v4.new_notebook()
    runs.cells = [nbformat.v4.new_code_cell(DRIVER.format(cells=_cells_a_student_runs(
        json.loads(path.read_text(encoding="utf-8"))))) for _, path in fixtures.values()]
    # An in-memory history: kernels of other test runs do not wait on the shared history file.
    nbclient.NotebookClient(runs, timeout=600, kernel_name="python3", allow_errors=True,
                            extra_arguments=["--HistoryManager.hist_file=:memory:"],
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    reports = [json.loads("".join(o.get("text", "") for o in cell.outputs).rsplit("FINDINGS ", 1)[1])
               for cell in runs.cells if "FINDINGS " in "".join(o.get("text", "") for o in cell.outputs)]
    assert len(reports) == len(fixtures), "a fixture's report is missing: the self-check itself failed"
    disagree = []
    for (name, (assignment, path)), report in zip(fixtures.items(), reports):
        grader = grader_says(path, assignment)
        for function, findings in report.items():
            if self_check_says(findings) != grader[function]:
                disagree.append(f"{name} {function}: grader {sorted(grader[function])}, "
                                f"self-check {sorted(self_check_says(findings))}")
    assert not disagree, "\n".join(disagree)
    assert sum(bool(any(r.values())) for r in reports) >= 30, "the fixtures hold fewer forbidden calls than expected"


def run_like_a_notebook(cells: list[str]) -> dict:
    """The cells run in one namespace as IPython runs them: each source registered for `inspect`,
    each recorded in the session's input history."""
    history: list[str] = []
    shell = SimpleNamespace(history_manager=SimpleNamespace(input_hist_raw=history))
    namespace = {"__name__": "__main__", "get_ipython": lambda: shell}
    for source in cells:
        filename = f"{tempfile.gettempdir()}/notebook-cell-{id(history)}-{len(history)}.py"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        history.append(source)
        try:
            exec(compile(source, filename, "exec"), namespace)
        except Exception:  # noqa: BLE001 - a cell that fails in the notebook fails here too
            pass
    return namespace


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_self_check_and_grader_agree_on_every_forbidden_item(assignment, tmp_path):
    spec = load_spec(assignment)
    disagree = []
    for item in sorted(spec.forbidden_items):
        users = [f.name for f in spec.functions if item in f.rules.items]
        for spelling, body in spellings(item).items():
            code = {name: f"def {name}(*args):\n    {body}\n" for name in users}
            notebook = build_submission(assignment, code)
            path = write_submission(tmp_path, f"{len(disagree)}-{spelling}", assignment, notebook)
            namespace = run_like_a_notebook(_cells_a_student_runs(notebook))
            grader = grader_says(path, assignment)
            for function in spec.functions:
                mine = self_check_says(namespace["shortcut_findings"](function.name))
                if mine != grader[function.name]:
                    disagree.append(f"{item} ({spelling}) in {function.name}: grader {sorted(grader[function.name])}, "
                                    f"self-check {sorted(mine)}")
    assert not disagree, f"{len(disagree)} disagreements:\n" + "\n".join(disagree[:30])


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_self_check_imports_nothing_from_the_course(assignment):
    cell = next(c for c in released(assignment).cells if c.get("id") == SELF_CHECK)
    modules = {alias.name.split(".")[0] for node in ast.walk(ast.parse(cell.source))
               if isinstance(node, ast.Import) for alias in node.names}
    modules |= {node.module.split(".")[0] for node in ast.walk(ast.parse(cell.source))
                if isinstance(node, ast.ImportFrom) and node.module}
    assert modules <= {"ast", "builtins", "copy", "inspect", "sys", "textwrap", "types", "numpy"}, modules
    assert cell.metadata.nbgrader["locked"] and not cell.metadata.nbgrader["grade"]


@pytest.mark.slow
def test_before_you_submit_says_per_function_passed_or_what_to_fix(tmp_path):
    notebook = build_from_fixture("norms", SUBMISSIONS / "caught" / "norms" / "fourth_rules.py")
    executed = execute(nbformat.reads(json.dumps(notebook), as_version=4), tmp_path, {"PYTHONPATH": ""})
    summary = "".join(o.get("text", "") for o in executed.cells[-1].outputs)
    verdicts: dict[str, list[str]] = {}  # function -> its line, then what to fix
    for line in summary.splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            verdicts[line.split()[0]] = [line]
        elif line.startswith("   ") and verdicts:
            verdicts[list(verdicts)[-1]].append(line)
    for function in ("l2_norm", "linf_norm", "euclidean_distance"):
        assert verdicts[function] == [verdicts[function][0]] and verdicts[function][0].endswith("passed"), summary
    for function, why in (("l1_norm", "uses numpy.linalg.norm, which this assignment forbids"),
                          ("manhattan_distance", "uses scipy.spatial.distance.cityblock"),
                          ("frobenius_norm", "modified its input")):
        assert verdicts[function][0].endswith("to fix:"), summary
        assert why in " ".join(" ".join(verdicts[function][1:]).split()), summary
    assert "Fix the lines above, then run this cell again." in summary


@pytest.mark.parametrize("star", ["numpy", "torch"])
def test_a_star_import_that_rebinds_builtins_does_not_break_the_self_check(star):
    """`from torch import *` rebinds int, max, bool...: the self-check calls the real builtins, and
    says that dot is now the library's own (as the grader says of the rebinding)."""
    notebook = build_submission("dot_product", {}, extra_cells=(f"from {star} import *\n",))
    findings = run_like_a_notebook(_cells_a_student_runs(notebook))["shortcut_findings"]("dot")
    assert [(rule, item) for _, rule, item, _ in findings] == [("forbidden routine", f"{star}.dot")], findings
    assert "(outside the functions: it rebinds the name itself)" in findings[0][3]
