"""`python -m autograder grade` end to end: solutions score full marks, released notebooks 0,
every student folder is listed (a renamed only notebook is graded), zips work, bad input exits 2
without a traceback, grading twice gives the same grades, and no output reveals solutions or
hidden tests."""
from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder import settings
from autograder.course import REPO
from autograder.specs import SPECS
from autograder.testing.submission_builder import solution_sources
from autograder.testing.grader_cli import feedback_page, grade, read_grades, read_results, run_grader

pytestmark = pytest.mark.slow
ASSIGNMENTS = [name for name in SPECS
               if (REPO / "solutions" / name / f"{name}.ipynb").exists()
               and (REPO / "exercises" / name / f"{name}.ipynb").exists()]
# Tests of the command's plumbing (zip, repeat, export) need one graded class, not every one.
ONE_ASSIGNMENT = pytest.mark.parametrize("graded_class", ASSIGNMENTS[:1], indirect=True)


def class_folder(root: Path, assignment: str) -> Path:
    """A class: the master as a submission, the untouched release, and folders with nothing to grade."""
    submissions = root / "submissions"
    for student, folder in (("solution", "solutions"), ("untouched", "exercises")):
        (submissions / student).mkdir(parents=True)
        shutil.copy(REPO / folder / assignment / f"{assignment}.ipynb", submissions / student)
    (submissions / "empty").mkdir()
    (submissions / "renamed").mkdir()
    shutil.copy(REPO / "solutions" / assignment / f"{assignment}.ipynb",
                submissions / "renamed" / "my_work.ipynb")
    (submissions / "broken").mkdir()
    (submissions / "broken" / f"{assignment}.ipynb").write_text('{"cells": [', encoding="utf-8")
    (submissions / "solution" / "notes.txt").write_text("extra files are fine\n")
    return submissions


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded_class(request, tmp_path_factory):
    assignment = request.param
    root = tmp_path_factory.mktemp(f"class-{assignment}")
    submissions = class_folder(root, assignment)
    result = grade(assignment, submissions, root / "out", expect=3)  # 3: empty and broken
    return assignment, submissions, root / "out", result


def test_solutions_full_marks_releases_zero_every_folder_listed(graded_class):
    assignment, _, out, result = graded_class
    spec = SPECS[assignment]
    grades = read_grades(out)
    assert set(grades) == {"solution", "untouched", "empty", "renamed", "broken"}
    names = [f.name for f in spec.functions]
    assert list(grades["solution"]) == ["student_id", "assignment", "score", "max_score", *names, "notes",
                                        "feedback", "submitted", "late", "canvas_user_id"]
    assert float(grades["solution"]["score"]) == spec.max_score
    assert float(grades["renamed"]["score"]) == spec.max_score
    assert "my_work.ipynb" in grades["renamed"]["notes"] and "the only notebook" in grades["renamed"]["notes"]
    for function in spec.functions:
        assert float(grades["solution"][function.name]) == function.points
    assert all(float(grades["solution"]["max_score"]) == spec.max_score for _ in grades)
    for student in ("untouched", "empty", "broken"):
        assert float(grades[student]["score"]) == 0, grades[student]
    assert "missing" in grades["empty"]["notes"]
    assert grades["untouched"]["notes"].startswith("not attempted")
    assert "not a valid notebook" in grades["broken"]["notes"]
    for student in grades:
        assert feedback_page(out, student, assignment).exists()
        assert (out / grades[student]["feedback"]) == feedback_page(out, student, assignment)
    assert "Mean" in result.stdout and "median" in result.stdout and "Histogram" in result.stdout
    assert "Graded 3 notebook(s) of 5 student(s)" in result.stdout  # empty, broken: not graded
    assert "1 of 5 student(s) had no notebook that could be graded" not in result.stderr  # broken too
    assert "2 of 5 student(s) had no notebook that could be graded" in result.stderr


def test_no_output_reveals_solutions_or_hidden_tests(graded_class):
    assignment, _, out, _ = graded_class
    secret_lines = set()
    for source in solution_sources(assignment).values():
        secret_lines.update(line.strip() for line in source.splitlines())
    master = json.loads((REPO / "solutions" / assignment / f"{assignment}.ipynb").read_text())
    for cell in master["cells"]:
        text = "".join(cell["source"])
        if "### BEGIN HIDDEN TESTS" in text:
            hidden = text.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
            secret_lines.update(line.strip() for line in hidden.splitlines())
    released = json.loads((REPO / "exercises" / assignment / f"{assignment}.ipynb").read_text())
    public = {line.strip() for cell in released["cells"] for line in "".join(cell["source"]).splitlines()}
    # Lines of the solution that the release also shows (a def line, a docstring) are not secret.
    secret_lines = {line for line in secret_lines - public if len(line) > 12}
    assert secret_lines
    outputs = [p for p in out.rglob("*") if p.is_file() and p.suffix in (".html", ".csv", ".json")]
    # (the students "solution" and "renamed" handed in the master: their own notebooks show it)
    outputs += [p for p in (out / "autograded").rglob("*.ipynb") if not {"solution", "renamed"} & set(p.parts)]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        leaked = [line for line in secret_lines if line in text]
        assert not leaked, f"{path} shows {leaked[:3]}"


@ONE_ASSIGNMENT
def test_zip_input_gives_the_same_grades(graded_class, tmp_path):
    assignment, submissions, out, _ = graded_class
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(submissions.rglob("*")):
            bundle.write(path, Path("class") / path.relative_to(submissions))
    grade(assignment, archive, tmp_path / "out", expect=3)
    assert read_grades(tmp_path / "out") == read_grades(out)


@ONE_ASSIGNMENT
def test_grading_twice_gives_the_same_grades(graded_class, tmp_path):
    assignment, submissions, out, _ = graded_class
    grade(assignment, submissions, out, expect=3)  # again, into the same OUT and gradebook
    again = read_grades(out)
    grade(assignment, submissions, tmp_path / "fresh", expect=3)
    assert read_grades(tmp_path / "fresh") == again
    results = read_results(out)
    assert results["solution"]["score"] == SPECS[assignment].max_score


@pytest.mark.parametrize("args, message", [
    (["grade", "no_such_assignment", "{folder}", "--out", "{out}"], "unknown assignment"),
    (["grade", "dot_product", "{missing}", "--out", "{out}"], "does not exist"),
    (["grade", "dot_product", "{textfile}", "--out", "{out}"], "neither a folder nor a zip"),
    (["grade", "dot_product", "{badzip}", "--out", "{out}"], "neither a folder nor a zip"),
    (["grade", "dot_product", "{folder}", "--out", "{out}", "--workers", "0"], "--workers"),
    (["grade", "dot_product", "{folder}", "--out", "{out}", "--db-url", "nosuchdb://x"], "gradebook"),
    (["grade", "dot_product"], "give SUBMISSIONS"),
    (["grade", "dot_product", "{folder}"], "give --out"),
    (["grade", "dot_product", "{folder}", "--out", "{out}", "--student", "a/b"], "cannot be a student id"),
    (["export", "--format", "canvas", "--grades", "{missing}"], "does not exist"),
])
def test_bad_input_exits_2_without_traceback(tmp_path, args, message):
    (tmp_path / "class" / "alice").mkdir(parents=True)
    shutil.copy(REPO / "exercises" / "dot_product" / "dot_product.ipynb", tmp_path / "class" / "alice")
    (tmp_path / "notes.txt").write_text("not a zip")
    (tmp_path / "fake.zip").write_bytes(b"PK\x03\x04 not really")
    paths = {"folder": tmp_path / "class", "out": tmp_path / "out", "missing": tmp_path / "nope",
             "textfile": tmp_path / "notes.txt", "badzip": tmp_path / "fake.zip"}
    result = run_grader(*(arg.format(**paths) for arg in args))
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@ONE_ASSIGNMENT
def test_canvas_export_with_and_without_roster(graded_class, tmp_path):
    assignment, _, out, _ = graded_class
    grades = read_grades(out)
    roster = tmp_path / "canvas_export.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Old quiz (11)\n"
        "    Points Possible,,,,,5\n"
        + "".join(f'"Person, {sid}",{100 + i},{sid},{sid}@example.edu,Sec A,3\n'
                  for i, sid in enumerate(sorted(grades)))
        + '"Late, Joiner",999,joiner,joiner@example.edu,Sec B,\n', encoding="utf-8")
    output = tmp_path / "canvas.csv"
    result = run_grader("export", "--format", "canvas", "--grades", str(out / "grades.csv"),
                        "--roster", str(roster), "--canvas-id", f"{assignment}=4242", "--output", str(output))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(output.open(newline="", encoding="utf-8")))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", f"{assignment} (4242)"]
    assert rows[1][0].strip() == "Points Possible" and float(rows[1][5]) == SPECS[assignment].max_score
    by_sis = {row[2]: row for row in rows[2:]}
    assert by_sis["solution"][0] == "Person, solution" and by_sis["solution"][1].isdigit()
    assert float(by_sis["solution"][5]) == SPECS[assignment].max_score
    assert by_sis["joiner"][5] == ""  # not graded: left blank, Canvas keeps what it has
    bare = tmp_path / "bare.csv"
    result = run_grader("export", "--format", "canvas", "--grades", str(out / "grades.csv"),
                        "--match", "sis_login_id", "--output", str(bare))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(bare.open(newline="", encoding="utf-8")))
    assert rows[0][5] == assignment and {row[3] for row in rows[2:]} == set(grades)


def test_zip_extraction_refuses_traversal_symlinks_and_bombs(tmp_path):
    from autograder import intake

    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("alice/dot_product.ipynb", "{}")
        bundle.writestr("../escaped.txt", "x")
        bundle.writestr("/absolute.txt", "x")
        link = zipfile.ZipInfo("alice/secrets")
        link.external_attr = (0o120777 << 16)  # a symlink entry
        bundle.writestr(link, "/etc/shadow")
        bundle.writestr("bob/big.bin", b"\0" * (settings.INTAKE.zip_file_bytes + 1))
    students, warnings = intake.collect(archive, "dot_product", tmp_path / "scratch")
    assert [s.student_id for s in students] == ["alice", "bob"]
    assert students[1].problem and "missing" in students[1].problem
    assert not (tmp_path / "escaped.txt").exists() and not Path("/absolute.txt").exists()
    assert not (tmp_path / "scratch" / "submissions" / "alice" / "secrets").exists()
    assert not (tmp_path / "scratch" / "submissions" / "bob" / "big.bin").exists()
    assert len(warnings) == 4, warnings
