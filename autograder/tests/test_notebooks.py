"""The graded notebooks: masters score full marks, releases score 0 and match what is committed."""
from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.course import BEFORE_YOU_SUBMIT, SELF_CHECK, grade_cell_id, rule_cell_id
from autograder.generated_cells.masters import COMMAND as GENERATE_COMMAND
from autograder.generated_cells.masters import differences
from autograder.specs import ASSIGNMENTS, load_spec
from autograder.specs.base import VISIBLE, cases_for
from autograder.tests.notebook_tools import (REPO, STUB, errors, execute, grade_cells, literal_calls, master,
                                             released, scores, solution_cells, with_grade_cells_of)

SEED = "20260401"
RELEASE_COMMAND = "python scripts/release_exercises.py"


@cache
def executed_master(assignment: str, workdir: Path) -> nbformat.NotebookNode:
    return execute(master(assignment), workdir, {"PYTHONPATH": str(REPO), "AUTOGRADER_SEED": SEED})


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kernel-cwd")


# --- structure ---------------------------------------------------------------------------------------
def point_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The grade cells that carry a function's points (not its 0-point rule tests)."""
    return [cell for cell in grade_cells(nb) if cell.metadata.nbgrader["points"]]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_master_follows_the_spec(assignment):
    """Per function, in spec order: its test cell with the spec's points (worked examples, the
    shortcut check, the hidden tests), then its rule tests (0 points); the self-check after the
    set-up, the summary last; no outputs committed."""
    spec, nb = load_spec(assignment), master(assignment)
    assert nb.metadata.kernelspec.name == "python3"
    cells = grade_cells(nb)
    assert [c.metadata.nbgrader["grade_id"] for c in cells] == [
        grade_id for f in spec.functions for grade_id in (grade_cell_id(f.name), rule_cell_id(f.name))]
    for cell, function in zip(point_cells(nb), spec.functions):
        assert cell.metadata.nbgrader["points"] == function.points
        assert cell.metadata.nbgrader["locked"] and cell.metadata.nbgrader["schema_version"] == 3
        assert "### BEGIN HIDDEN TESTS" in cell.source and "### END HIDDEN TESTS" in cell.source
        assert f'check_function("{assignment}", "{function.name}", {function.name})' in cell.source
        assert f"\ncheck_shortcuts({function.name})" in cell.source.split("### BEGIN HIDDEN TESTS")[0]
    assert all(cell.metadata.nbgrader["points"] == 0 for cell in grade_cells(nb) if cell not in point_cells(nb))
    ids = [cell.get("id") for cell in nb.cells]
    assert ids.index(SELF_CHECK) == ids.index("setup") + 1 and ids[-1] == BEFORE_YOU_SUBMIT
    for cell in solution_cells(nb):
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
    assert all(not cell.get("outputs") and cell.get("execution_count") is None
               for cell in nb.cells if cell.cell_type == "code")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_generated_cells_are_what_the_specs_give(assignment):
    """The rules a master states (and its self-check and rule tests) are written from the specs."""
    assert differences(assignment) == [], (
        f"run `{GENERATE_COMMAND}` then `{RELEASE_COMMAND}` from the repository root and commit both")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_visible_asserts_are_the_specs_visible_cases(assignment):
    """The notebook shows students exactly the worked examples the graders treat as visible."""
    spec, cells = load_spec(assignment), point_cells(master(assignment))
    for cell, function in zip(cells, spec.functions):
        visible_part = cell.source.split("### BEGIN HIDDEN TESTS")[0]
        in_notebook = [repr(args) for args in literal_calls(visible_part, function.name)]
        in_spec = [repr(tuple(np.asarray(a).tolist() if isinstance(a, np.ndarray) else a for a in case.args))
                   for case in cases_for(spec, function, 0) if case.group == VISIBLE]
        assert in_notebook == in_spec, f"{assignment}: visible asserts of {function.name} != the spec's"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_hides_solutions_and_hidden_tests(assignment):
    nb = released(assignment)
    text = "\n".join(cell.source for cell in nb.cells)
    for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "check_function", "autograder"):
        assert secret not in text
    assert all(STUB.replace("\n", "\n    ") in cell.source for cell in solution_cells(nb))
    assert len(point_cells(nb)) == len(load_spec(assignment).functions)


def _numbers(value) -> list:
    """The numbers in a (possibly ragged) nest of lists, tuples and arrays."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [x for item in value for x in _numbers(item)]
    return [value] if isinstance(value, (int, float)) else []


def _reference_values(assignment: str) -> list[float]:
    """Every decimal a released notebook shows comes from these (or is an input of a visible case or
    of a rule's visible test)."""
    spec = load_spec(assignment)
    values = []
    for function in spec.functions:
        for case in cases_for(spec, function, 0):
            if case.group == VISIBLE or case.shown and case.expect_error is None:
                values += np.ravel(function.reference(*case.args)).tolist()
                values += [float(x) for arg in case.args if arg is not None for x in np.ravel(arg)]
            elif case.shown:
                values += [float(x) for arg in case.args for x in _numbers(arg)]
    return values


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_decimals_shown_are_computed(assignment):
    """Rounded results in the text ("≈ 3.7417") are the reference's values of the visible examples."""
    values = _reference_values(assignment)
    for cell in released(assignment).cells:
        for match in re.finditer(r"-?\d+\.(\d{2,})", cell.source):
            digits = len(match[1])
            assert any(f"{value:.{digits}f}" == match[0] for value in values), (
                f"{assignment}: {match[0]} in cell {cell.id} is no value of a visible example")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_points_in_the_text_match_the_spec(assignment):
    spec, text = load_spec(assignment), "\n".join(c.source for c in master(assignment).cells
                                                   if c.cell_type == "markdown")
    assert f"{spec.max_score:g} points in all" in " ".join(text.split())
    for number, function in enumerate(spec.functions, start=1):
        heading = re.search(rf"^## {number}\. `{function.name}\(.*\)` \((\d+) points\)$", text, re.M)
        assert heading and float(heading[1]) == function.points, f"{assignment}: heading of {function.name}"


# --- scores under the stock path ---------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_notebook_scores_full_marks(assignment, workdir):
    nb = executed_master(assignment, workdir)
    spec = load_spec(assignment)
    got = scores(nb)
    assert got == {grade_id: points for f in spec.functions for grade_id, points in (
        (grade_cell_id(f.name), (f.points, f.points)), (rule_cell_id(f.name), (0.0, 0.0)))}, got
    for cell in grade_cells(nb):
        assert not errors(cell)
        assert not [o for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
    for cell in point_cells(nb):
        result = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert len(result) == 1  # check_function's score, which nbgrader reads as partial credit
    summary = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "Every visible test passes." in summary and summary.count(" passed\n") == len(spec.functions)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_untouched_release_scores_zero(assignment, workdir):
    """The release as handed out, with the hidden tests put back as stock autograde does."""
    nb = with_grade_cells_of(released(assignment), master(assignment))
    nb = execute(nb, workdir, {"PYTHONPATH": str(REPO), "AUTOGRADER_SEED": SEED})
    assert scores(nb) == {grade_id: points for f in load_spec(assignment).functions for grade_id, points in (
        (grade_cell_id(f.name), (0.0, f.points)), (rule_cell_id(f.name), (0.0, 0.0)))}
    for cell in grade_cells(nb):
        assert errors(cell) and "NotImplementedError" in errors(cell)[0]


@pytest.mark.slow
def test_student_fills_in_the_release_and_passes_the_visible_tests(workdir):
    """A student's own correct code in the released dot_product notebook, run without the course's
    code on the path: every cell runs and every visible test passes."""
    answers = {
        "dot": """
if len(a) != len(b):
    raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
return sum(x * y for x, y in zip(a, b))""",
        "cosine_similarity": """
norms = math.sqrt(dot(a, a)) * math.sqrt(dot(b, b))
if norms == 0:
    raise ValueError("zero vector")
return dot(a, b) / norms""",
        "project": """
if dot(b, b) == 0:
    raise ValueError("cannot project onto the zero vector")
return np.asarray(b, dtype=float) * (dot(a, b) / dot(b, b))""",
    }
    nb = released("dot_product")
    for cell in solution_cells(nb):
        body = answers[cell.metadata.nbgrader["grade_id"]].strip("\n").replace("\n", "\n    ")
        cell.source = cell.source.replace(STUB.replace("\n", "\n    "), body)
    nb = execute(nb, workdir, {"PYTHONPATH": "", "AUTOGRADER_SEED": SEED})
    assert not [errors(cell) for cell in nb.cells if cell.cell_type == "code" and errors(cell)]
    printed = "".join(o.get("text", "") for cell in grade_cells(nb) for o in cell.outputs)
    for function in ("dot", "cosine_similarity", "project"):
        assert f"The visible tests of {function} passed." in printed
        assert f"The visible rule tests of {function} passed." in printed
    assert set(scores(nb).values()) == {(4.0, 4.0), (3.0, 3.0), (0.0, 0.0)}
    assert "Every visible test passes." in "".join(o.get("text", "") for o in nb.cells[-1].outputs)


# --- drift between solutions/ and exercises/ ---------------------------------------------------------
def _comparable(nb: nbformat.NotebookNode) -> list[tuple]:
    return [(cell.cell_type, cell.get("id"), cell.source, dict(cell.metadata)) for cell in nb.cells] + [
        ("notebook", dict(nb.metadata))]


@pytest.mark.slow
def test_committed_release_is_up_to_date(tmp_path):
    proc = subprocess.run([sys.executable, "scripts/release_exercises.py", "--out", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for assignment in ASSIGNMENTS:
        fresh, committed = released(assignment, tmp_path), released(assignment)
        assert _comparable(fresh) == _comparable(committed), (
            f"exercises/{assignment}/{assignment}.ipynb is out of date with solutions/{assignment}/: "
            f"run `{RELEASE_COMMAND}` from the repository root and commit exercises/")
