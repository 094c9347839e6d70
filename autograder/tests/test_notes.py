"""Every score below full has a reason, in grades.csv's notes and in the feedback, and cells are
named by the one number a student sees: "code cell k" is the cell Jupyter shows as In [k] after
Restart & Run All. The numbers are checked against a real kernel running the same notebook."""
from __future__ import annotations

import html
import json
import re

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.specs import SPECS
from autograder.testing.grader_cli import feedback_page, grade, read_grades, read_results
from autograder.testing.platform_layouts import ASSIGNMENT, WRONG, notebook_bytes
from autograder.testing.submission_builder import build_from_fixture, build_submission, code_cell

pytestmark = pytest.mark.slow
SYNTAX_ERROR = """def dot(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += x * y +
    return total
"""


def with_blank_and_markdown_cells(notebook: dict) -> dict:
    """A student's notebook: an empty code cell and a note of their own near the top, so that cell
    positions and code cell numbers differ."""
    notebook["cells"][1:1] = [code_cell(""), {"cell_type": "markdown", "metadata": {}, "source": "my notes"}]
    return notebook


def execution_counts(notebook: dict, tmp_path) -> dict[str, int]:
    """Run the notebook as Restart & Run All does (in a real kernel, errors allowed) and return the
    In [k] number Jupyter gives each graded function's cell (keyed by its grade_id)."""
    node = nbformat.reads(json.dumps(notebook), as_version=4)  # as Jupyter opens the file
    NotebookClient(node, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.execution_count
            for cell in node.cells if cell.cell_type == "code" and cell.execution_count}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("notes")
    notebooks = {
        "syntax_error": with_blank_and_markdown_cells(build_submission(ASSIGNMENT, {"dot": SYNTAX_ERROR})),
        "numpy_dot": with_blank_and_markdown_cells(build_from_fixture(ASSIGNMENT, WRONG / "uses_numpy_dot.py")),
        "blank": json.loads(notebook_bytes("blank")),
        "correct": json.loads(notebook_bytes("correct")),
    }
    for path in sorted(WRONG.glob("*.py")):
        notebooks[path.stem] = build_from_fixture(ASSIGNMENT, path)
    for student, notebook in notebooks.items():
        (root / "in" / student).mkdir(parents=True)
        (root / "in" / student / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    grade(ASSIGNMENT, root / "in", root / "out")
    return root / "out", notebooks


def test_every_score_below_full_says_why(graded):
    out, notebooks = graded
    grades = read_grades(out)
    below = [s for s, row in grades.items() if float(row["score"]) < SPECS[ASSIGNMENT].max_score]
    assert len(below) >= 10
    for student in below:
        assert grades[student]["notes"].strip(), f"{student} scored {grades[student]['score']} with no note"
        page = html.unescape(feedback_page(out, student, ASSIGNMENT).read_text(encoding="utf-8"))
        assert "Why not full marks:" in page, student
    assert grades["correct"]["notes"] == "" and float(grades["correct"]["score"]) == 10


def test_a_blank_notebook_is_not_attempted(graded):
    out, _ = graded
    notes = read_grades(out)["blank"]["notes"]
    assert notes.startswith("not attempted") and notes.count("not attempted") == 1
    page = feedback_page(out, "blank", ASSIGNMENT).read_text(encoding="utf-8")
    assert "not attempted" in page


def test_one_cell_number_the_student_sees_in_jupyter(graded, tmp_path):
    out, notebooks = graded
    seen = execution_counts(notebooks["syntax_error"], tmp_path)
    note = next(n for n in read_results(out)["syntax_error"]["notes"] if "SyntaxError" in n)
    numbers = {int(k) for k in re.findall(r"code cell (\d+)", note)} | {int(k) for k in re.findall(r"<code cell (\d+)>", note)}
    assert numbers == {seen["dot"]}, (note, seen)
    assert "line 4" in note and re.search(r"(?<![<\w])cell \d", note.replace("code cell", "")) is None

    seen = execution_counts(notebooks["numpy_dot"], tmp_path)
    dot = next(f for f in read_results(out)["numpy_dot"]["functions"] if f["name"] == "dot")
    places = {int(k) for problem in dot["problems"] for k in re.findall(r"code cell (\d+), line", problem)}
    assert places == {seen["dot"]}, (dot["problems"], seen)
