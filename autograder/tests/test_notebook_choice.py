"""Which notebook of a student's files is graded: one rule (`notebook_choice`) for `grade`'s intake
(a student's folder, a Canvas download) and for Gradescope's upload. The whole runs are tested in
test_intake_layouts.py, test_grade_layouts.py and test_gradescope.py; here, the rule on its own."""
from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from autograder import intake, notebook_choice
from autograder.course import master_notebook, notebook_name
from autograder.notebook_choice import FOLDER, UPLOAD, choose, in_folder

ASSIGNMENT = "dot_product"
NOTEBOOK = notebook_name(ASSIGNMENT)


def make(folder: Path, files: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("{}")
    return folder


@pytest.mark.parametrize(("files", "chosen", "rule", "note"), [
    ([NOTEBOOK], NOTEBOOK, "exact", None),
    ([NOTEBOOK, "Copy of dot_product.ipynb"], NOTEBOOK, "exact", "also uploaded Copy of dot_product.ipynb: not graded"),
    ([f"{ASSIGNMENT}/{NOTEBOOK}", f"{ASSIGNMENT}/timestamp.txt"], f"{ASSIGNMENT}/{NOTEBOOK}", "nbgrader", None),
    (["Copy of dot_product.ipynb", "data.csv", "__MACOSX/._Copy of dot_product.ipynb"], "Copy of dot_product.ipynb",
     "renamed", "graded Copy of dot_product.ipynb, the only notebook uploaded (expected dot_product.ipynb)"),
    ([f".ipynb_checkpoints/{ASSIGNMENT}-checkpoint.ipynb", "Untitled.ipynb"], "Untitled.ipynb", "renamed",
     "graded Untitled.ipynb, the only notebook uploaded (expected dot_product.ipynb)"),
    ([f"hw/{NOTEBOOK}", "hw/notes.txt"], f"hw/{NOTEBOOK}", "renamed",
     "graded hw/dot_product.ipynb, the only notebook uploaded (expected dot_product.ipynb)"),
])
def test_the_notebook_graded(tmp_path, files, chosen, rule, note):
    choice = in_folder(make(tmp_path / "upload", files), ASSIGNMENT, UPLOAD)
    assert (choice.notebook, choice.rule, choice.problem) == (PurePosixPath(chosen), rule, None)
    assert choice.notes == ((note,) if note else ())


@pytest.mark.parametrize(("files", "kind", "said"), [
    ([], "missing", "no notebook: dot_product.ipynb is missing from the upload (it is empty)"),
    (["answers.py"], "missing", "no notebook: dot_product.ipynb is missing from the upload (found: answers.py)"),
    (["a.ipynb", "b.ipynb"], "ambiguous", "no dot_product.ipynb and 2 other notebooks, so none was graded: "
                                          "a.ipynb, b.ipynb; keep only the one to grade, or rename it dot_product.ipynb"),
    # nothing is guessed, not even from a name that holds the assignment's, nor from the depth
    ([f"{ASSIGNMENT} (1).ipynb", "scratch.ipynb"], "ambiguous", "dot_product (1).ipynb, scratch.ipynb"),
    ([f"deep/er/{NOTEBOOK}", f"hw/{NOTEBOOK}"], "ambiguous", "deep/er/dot_product.ipynb, hw/dot_product.ipynb"),
    (["norms.ipynb"], "other_assignment", "the only notebook, norms.ipynb, is the norms assignment's, not "
                                          "dot_product.ipynb"),
])
def test_what_is_not_graded_says_why(tmp_path, files, kind, said):
    choice = in_folder(make(tmp_path / "upload", files), ASSIGNMENT, UPLOAD)
    assert (choice.notebook, choice.rule, choice.kind) == (None, "none", kind)
    assert said in choice.problem


def test_links_are_never_followed(tmp_path):
    """A notebook that is a link, or a folder that is one (nbgrader's <assignment>/ pointing at the
    master's folder), could reach any file the grader can read: never graded, said plainly."""
    linked_file = make(tmp_path / "file", [])
    (linked_file / NOTEBOOK).symlink_to(master_notebook(ASSIGNMENT))
    linked_folder = make(tmp_path / "folder", [])
    (linked_folder / ASSIGNMENT).symlink_to(master_notebook(ASSIGNMENT).parent, target_is_directory=True)
    for folder in (linked_file, linked_folder):
        choice = in_folder(folder, ASSIGNMENT)
        assert choice.notebook is None and choice.kind == "link", choice
        assert "symbolic link" in choice.problem
        entry = intake.student_folder(folder, ASSIGNMENT)
        assert entry.notebook is None and entry.problem == choice.problem
    beside = make(tmp_path / "beside", ["Copy of dot_product.ipynb"])  # a link next to real work
    (beside / "solutions").symlink_to(master_notebook(ASSIGNMENT).parent, target_is_directory=True)
    assert in_folder(beside, ASSIGNMENT).notebook == PurePosixPath("Copy of dot_product.ipynb")


def test_intake_and_a_flat_upload_follow_the_same_rule(tmp_path):
    """A student's folder (intake) and a list of uploaded names (Canvas) get the same choice and
    the same words, but for where the files are."""
    for files in ([NOTEBOOK, "Untitled.ipynb"], ["Untitled.ipynb"], ["a.ipynb", "b.ipynb"], ["norms.ipynb"], []):
        folder = make(tmp_path / str(len(list(tmp_path.iterdir()))), files)
        by_folder = in_folder(folder, ASSIGNMENT, UPLOAD)
        by_name = choose([PurePosixPath(name) for name in sorted(files)], ASSIGNMENT, UPLOAD)
        assert by_folder == by_name
        entry = intake.student_folder(folder, ASSIGNMENT)
        assert (entry.notebook, entry.problem, entry.notes) == (
            folder / by_folder.notebook if by_folder.notebook else None,
            in_folder(folder, ASSIGNMENT, FOLDER).problem, in_folder(folder, ASSIGNMENT, FOLDER).notes)
    assert notebook_choice.other_assignment("norms.ipynb", ASSIGNMENT) == "norms"
    assert notebook_choice.other_assignment(NOTEBOOK, ASSIGNMENT) is None
