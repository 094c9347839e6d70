"""The cells of the course that students only run (the self-check, the rule tests, the summary) are
never run by the grader, whether a student keeps, edits or strips them, and tampering with them is
noted (it changes no grade). Student code may not use `inspect`; the self-check does, unseen."""
from __future__ import annotations

import copy
import json

from autograder.course import BEFORE_YOU_SUBMIT, SELF_CHECK, rule_cell_id
from autograder.notebook import master_cells, student_code_cells
from autograder.specs import load_spec
from autograder.static_rules import check_notebook
from autograder import tampering
from autograder.testing.submission_builder import build_submission, write_submission

ASSIGNMENT = "dot_product"


def _by_id(notebook: dict, cell_id: str) -> dict:
    return next(cell for cell in notebook["cells"] if cell.get("id") == cell_id)


def test_the_grader_never_runs_the_students_checks(tmp_path):
    notebook = build_submission(ASSIGNMENT, {})
    path = write_submission(tmp_path, "keeps", ASSIGNMENT, notebook)
    run = [cell.source for cell in student_code_cells(path, master_cells(ASSIGNMENT))]
    assert not any("def check_shortcuts" in source or "before_you_submit()" in source
                   or "expect_error(" in source for source in run)
    assert check_notebook(list(enumerate(run, start=1)), load_spec(ASSIGNMENT)) == {
        "dot": [], "cosine_similarity": [], "project": []}
    assert tampering.test_cell_changes(path, ASSIGNMENT) == []


def test_stripped_of_its_metadata_the_self_check_is_still_known_by_its_source(tmp_path):
    notebook = build_submission(ASSIGNMENT, {})
    for cell_id in (SELF_CHECK, BEFORE_YOU_SUBMIT, rule_cell_id("dot")):
        _by_id(notebook, cell_id)["metadata"] = {}
    path = write_submission(tmp_path, "stripped", ASSIGNMENT, notebook)
    run = "\n".join(cell.source for cell in student_code_cells(path, master_cells(ASSIGNMENT)))
    assert "def check_shortcuts" not in run and "expect_error(" not in run
    [note] = tampering.test_cell_changes(path, ASSIGNMENT)
    assert all(f"{cell_id} lost its nbgrader metadata" in note
               for cell_id in (SELF_CHECK, BEFORE_YOU_SUBMIT, rule_cell_id("dot")))


def test_an_edited_self_check_is_noted_and_still_never_run(tmp_path):
    notebook = build_submission(ASSIGNMENT, {})
    edited = copy.deepcopy(notebook)
    cell = _by_id(edited, SELF_CHECK)
    cell["source"] = "".join(cell["source"]) + "\ncheck_shortcuts = lambda function: None\n"
    del edited["cells"][edited["cells"].index(_by_id(edited, rule_cell_id("project")))]
    path = write_submission(tmp_path, "edited", ASSIGNMENT, edited)
    run = "\n".join(cell.source for cell in student_code_cells(path, master_cells(ASSIGNMENT)))
    assert "check_shortcuts" not in run
    [note] = tampering.test_cell_changes(path, ASSIGNMENT)
    assert f"{SELF_CHECK} edited" in note and f"{rule_cell_id('project')} deleted" in note
    assert json.loads(path.read_text())["cells"]  # the notebook itself is left as it was
