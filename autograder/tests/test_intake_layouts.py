"""Intake recognises every layout instructors really get (intake.collect, no grading): which rule
matched, what is graded, what is noted, and that nothing is guessed."""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder import canvas_files, intake
from autograder.course import REPO
from autograder.testing.platform_layouts import (ASSIGNMENT, NBGRADER_TIMESTAMP, CanvasUpload, canvas_zip,
                                               nbgrader_submission, notebook_bytes, zip_folder)

NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def by_id(entries):
    return {entry.student_id: entry for entry in entries}


def test_canvas_file_names_are_read_as_canvas_writes_them():
    plain = canvas_files.parse("smithalice_12345_67890_dot_product.ipynb")
    assert (plain.name, plain.canvas_user_id, plain.submission_id, plain.late, plain.original,
            plain.resubmission) == ("smithalice", "12345", "67890", False, NOTEBOOK, 0)
    late = canvas_files.parse("smithalice_LATE_12345_67891_dot_product-2.ipynb")
    assert late.late and late.original == NOTEBOOK and late.resubmission == 2
    assert late.order > plain.order
    spaced = canvas_files.parse("obrienpat_4_5_Copy of dot_product (1).ipynb")
    assert spaced.name == "obrienpat" and spaced.original == "Copy of dot_product (1).ipynb"
    assert canvas_files.parse("dot_product.ipynb") is None and canvas_files.parse("alice") is None


@pytest.fixture(scope="module")
def canvas_download(tmp_path_factory) -> Path:
    """A Canvas zip: a late student, a student who resubmitted twice (the last one correct), a
    Colab copy, an Untitled notebook with a data file, an ambiguous pair, another assignment's."""
    correct, wrong, blank = notebook_bytes("correct"), notebook_bytes("off_by_one_loop"), notebook_bytes("blank")
    uploads = [
        CanvasUpload("smithalice", 101, 9001, NOTEBOOK, correct, late=True),
        CanvasUpload("jonesbob", 102, 9002, NOTEBOOK, blank),
        CanvasUpload("jonesbob", 102, 9003, "dot_product-1.ipynb", wrong),
        CanvasUpload("jonesbob", 102, 9004, "dot_product-2.ipynb", correct),
        CanvasUpload("leecarol", 103, 9005, "Copy of dot_product.ipynb", correct),
        CanvasUpload("kimdan", 104, 9006, "Untitled.ipynb", correct),
        CanvasUpload("kimdan", 104, 9006, "data.csv", b"1,2,3\n"),
        CanvasUpload("ngeve", 105, 9007, "part1.ipynb", correct),
        CanvasUpload("ngeve", 105, 9007, "part2.ipynb", correct),
        CanvasUpload("okafrank", 106, 9008, "norms.ipynb", notebook_bytes("correct", "norms")),
    ]
    return canvas_zip(tmp_path_factory.mktemp("canvas") / "submissions.zip", uploads)


def test_canvas_download_one_student_per_name(canvas_download, tmp_path):
    entries, warnings = intake.collect(canvas_download, ASSIGNMENT, tmp_path)
    students = by_id(entries)
    assert sorted(students) == ["jonesbob", "kimdan", "leecarol", "ngeve", "okafrank", "smithalice"]
    assert not warnings
    assert all(entry.rule in ("canvas", "none") for entry in entries)
    assert {s: e.canvas_user_id for s, e in students.items()} == {
        "smithalice": "101", "jonesbob": "102", "leecarol": "103", "kimdan": "104", "ngeve": "105",
        "okafrank": "106"}

    alice = students["smithalice"]
    assert alice.late and alice.notebook.read_bytes() == notebook_bytes("correct") and not alice.notes
    assert alice.source == "smithalice_LATE_101_9001_dot_product.ipynb"

    bob = students["jonesbob"]  # the latest resubmission, the earlier ones noted
    assert bob.notebook.read_bytes() == notebook_bytes("correct") and not bob.late
    assert bob.source == "jonesbob_102_9004_dot_product-2.ipynb"
    assert any("latest of 3 uploads" in note and "jonesbob_102_9002_dot_product.ipynb" in note
               and "jonesbob_102_9003_dot_product-1.ipynb" in note for note in bob.notes)

    carol = students["leecarol"]  # a Colab copy: graded, with a note naming it
    assert carol.notebook is not None and "Copy of dot_product.ipynb" in carol.notes[0]

    dan = students["kimdan"]  # Untitled, with the data file beside it under its own name
    assert dan.notebook.name == "Untitled.ipynb" and (dan.folder / "data.csv").read_bytes() == b"1,2,3\n"
    assert sorted(p.name for p in dan.folder.iterdir()) == ["Untitled.ipynb", "data.csv"]

    eve = students["ngeve"]  # two candidates: never a guess
    assert eve.notebook is None and eve.problem_kind == "ambiguous"
    assert "part1.ipynb" in eve.problem and "part2.ipynb" in eve.problem

    frank = students["okafrank"]
    assert frank.notebook is None and frank.problem_kind == "other_assignment" and "norms" in frank.problem


def test_canvas_download_as_an_unzipped_folder(canvas_download, tmp_path):
    folder = tmp_path / "unzipped"
    shutil.unpack_archive(canvas_download, folder)
    zipped, _ = intake.collect(canvas_download, ASSIGNMENT, tmp_path / "a")
    unzipped, _ = intake.collect(folder, ASSIGNMENT, tmp_path / "b")
    assert [(e.student_id, e.source, e.notes, e.problem) for e in zipped] == \
        [(e.student_id, e.source, e.notes, e.problem) for e in unzipped]


def test_two_canvas_users_with_one_name_stay_apart(tmp_path):
    archive = canvas_zip(tmp_path / "s.zip", [CanvasUpload("leesam", 7, 1, NOTEBOOK, b"{}"),
                                              CanvasUpload("leesam", 8, 2, NOTEBOOK, b"{}")])
    entries, warnings = intake.collect(archive, ASSIGNMENT, tmp_path / "scratch")
    assert [e.student_id for e in entries] == ["leesam_7", "leesam_8"]
    assert any("two Canvas users are named leesam" in w for w in warnings)


def test_nbgrader_course_layout_with_its_timestamps(tmp_path):
    submitted = tmp_path / "grading" / "submitted"
    nbgrader_submission(submitted, "alice", notebook_bytes("correct"))
    nbgrader_submission(submitted, "bob", notebook_bytes("blank"), timestamp="not a time")
    (submitted / "carol" / ASSIGNMENT).mkdir(parents=True)  # submitted without the notebook
    entries, _ = intake.collect(submitted, ASSIGNMENT, tmp_path / "scratch")
    students = by_id(entries)
    assert students["alice"].rule == "nbgrader" and students["alice"].timestamp == NBGRADER_TIMESTAMP
    assert students["alice"].source == f"alice/{ASSIGNMENT}/{NOTEBOOK}"
    assert students["alice"].folder == submitted / "alice" / ASSIGNMENT  # its files, as the notebook sees them
    assert students["bob"].timestamp is None  # nbgrader would refuse it too
    assert students["carol"].notebook is None and students["carol"].problem_kind == "missing"

    zipped, _ = intake.collect(zip_folder(submitted, tmp_path / "submitted.zip"), ASSIGNMENT, tmp_path / "z")
    assert [(e.student_id, e.rule, e.timestamp) for e in zipped] == \
        [(e.student_id, e.rule, e.timestamp) for e in entries]


def test_student_folders_exact_renamed_ambiguous_linked(tmp_path):
    root = tmp_path / "class"
    for student, files in {"exact": [NOTEBOOK, "Copy of dot_product.ipynb"],
                           "colab": ["Copy of dot_product.ipynb"], "nested": ["work/dot_product (1).ipynb"],
                           "two": ["a.ipynb", "b.ipynb"], "other": ["norms.ipynb"], "empty": []}.items():
        (root / student).mkdir(parents=True)
        for name in files:
            (root / student / name).parent.mkdir(parents=True, exist_ok=True)
            (root / student / name).write_bytes(notebook_bytes("correct"))
    (root / "linked").mkdir()
    (root / "linked" / NOTEBOOK).symlink_to(REPO / "solutions" / ASSIGNMENT / NOTEBOOK)
    (root / "colab" / ".ipynb_checkpoints").mkdir()
    (root / "colab" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}")
    (root / "stray.txt").write_text("not a student")
    entries, warnings = intake.collect(root, ASSIGNMENT, tmp_path / "scratch")
    students = by_id(entries)
    assert warnings == ["ignored stray.txt: not a student folder"]
    assert students["exact"].rule == "exact" and "Copy of dot_product.ipynb" in students["exact"].notes[0]
    assert students["colab"].rule == "renamed" and students["colab"].notebook.name == "Copy of dot_product.ipynb"
    assert students["nested"].rule == "renamed" and "work/dot_product (1).ipynb" in students["nested"].notes[0]
    assert students["two"].problem_kind == "ambiguous" and "a.ipynb, b.ipynb" in students["two"].problem
    assert students["other"].problem_kind == "other_assignment"
    assert students["linked"].problem_kind == "link" and "symbolic link" in students["linked"].problem
    assert students["empty"].problem_kind == "missing"
    lines = [intake.describe(entry, ASSIGNMENT) for entry in entries]
    assert f"colab: colab/Copy of dot_product.ipynb [the folder's only notebook, renamed]" in lines
    assert any(line.startswith("two: nothing graded (no dot_product.ipynb and 2 other notebooks") for line in lines)


@pytest.mark.parametrize("shape", ["flat", "nbgrader", "zip"])
def test_one_students_own_folder(tmp_path, shape):
    folder = tmp_path / "alice"
    target = folder / NOTEBOOK if shape != "nbgrader" else folder / ASSIGNMENT / NOTEBOOK
    target.parent.mkdir(parents=True)
    target.write_bytes(notebook_bytes("correct"))
    (folder / "helper.py").write_text("X = 1\n")
    source = folder
    if shape == "zip":  # the folder's contents zipped: alice.zip holds dot_product.ipynb itself
        source = tmp_path / "alice.zip"
        with zipfile.ZipFile(source, "w") as bundle:
            for path in folder.rglob("*"):
                bundle.write(path, path.relative_to(folder))
    entries, _ = intake.collect(source, ASSIGNMENT, tmp_path / "scratch")
    assert [(e.student_id, e.rule) for e in entries] == [("alice", "single")]
    named, _ = intake.collect(source, ASSIGNMENT, tmp_path / "scratch2", student="s123")
    assert named[0].student_id == "s123"
    with pytest.raises(intake.IntakeError, match="--student"):
        intake.collect(source, ASSIGNMENT, tmp_path / "scratch3", student="../x")


def test_an_empty_folder_has_no_students(tmp_path):
    (tmp_path / "empty").mkdir()
    assert intake.collect(tmp_path / "empty", ASSIGNMENT, tmp_path / "scratch") == ([], [])


def test_a_wrapped_class_zip_is_unwrapped(tmp_path):
    root = tmp_path / "export" / "class"
    for student in ("alice", "bob"):
        (root / student).mkdir(parents=True)
        (root / student / NOTEBOOK).write_text(json.dumps({"cells": []}))
    entries, _ = intake.collect(zip_folder(tmp_path / "export", tmp_path / "c.zip"), ASSIGNMENT, tmp_path / "s")
    assert [(e.student_id, e.rule) for e in entries] == [("alice", "exact"), ("bob", "exact")]
