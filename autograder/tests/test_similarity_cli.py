"""`python -m autograder similarity` end to end on a class built from the released notebook
(autograder/testing/similarity_class.py): every disguised copy ranks above every pair of honest
students, identical-idiom pairs included; blank templates never pair up; the report names the
passages that drove each score; bad input exits 2 with one line and no traceback."""
from __future__ import annotations

import csv
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from autograder.course import REPO
from autograder.similarity.extract import student_code, template
from autograder.similarity.fingerprint import fingerprint
from autograder.testing.grader_cli import run_grader
from autograder.testing.similarity_class import ASSIGNMENT, COPIES, build_class, write_class

pytestmark = pytest.mark.slow
COPY_PAIRS = {frozenset((copier, original)) for copier, (original, _) in COPIES.items()}


def similarity(submissions: Path, out: Path, *extra: str):
    result = run_grader("similarity", ASSIGNMENT, str(submissions), "--out", str(out), "--no-progress", *extra,
                        timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def read_pairs(out: Path) -> list[dict[str, str]]:
    with open(out / "similarity.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def pair_of(row: dict[str, str]) -> frozenset[str]:
    return frozenset((row["student_a"], row["student_b"]))


@pytest.fixture(scope="module")
def fixture_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("similarity-class")
    students = build_class()
    submissions = write_class(students, root / "submissions")
    every_pair = similarity(submissions, root / "all", "--threshold", "0")
    assert every_pair.returncode == 0, every_pair.stderr
    default = similarity(submissions, root / "default")
    assert default.returncode == 0, default.stderr
    return {student.student_id: student for student in students}, submissions, root


def test_every_disguised_copy_ranks_above_every_honest_pair(fixture_class):
    students, _, root = fixture_class
    rows = read_pairs(root / "all")
    compared = [s for s in students.values() if s.kind != "blank"]
    assert len(rows) == len(compared) * (len(compared) - 1) // 2  # threshold 0: every pair is listed
    assert [int(row["rank"]) for row in rows] == list(range(1, len(rows) + 1))
    scores = [float(row["score"]) for row in rows]
    assert scores == sorted(scores, reverse=True)
    copy_ranks = [int(row["rank"]) for row in rows if pair_of(row) in COPY_PAIRS]
    assert sorted(copy_ranks) == list(range(1, len(COPY_PAIRS) + 1)), copy_ranks
    lowest_copy = min(float(row["score"]) for row in rows if pair_of(row) in COPY_PAIRS)
    honest = [row for row in rows if all(students[s].kind in ("common", "unusual") for s in pair_of(row))]
    identical_idiom = [row for row in honest
                       if len({students[s].block for s in pair_of(row)}) == 1 and students[row["student_a"]].block]
    assert len(identical_idiom) == 6 * 5 // 2 + 5 * 4 // 2  # both blocks, every pair in them
    assert max(float(row["score"]) for row in honest) < lowest_copy
    # A clear margin, not a tie broken by luck: the copies score at least twice any honest pair.
    assert lowest_copy > 2 * max(float(row["score"]) for row in honest)


def test_identical_idiom_blocks_really_write_the_same_code(fixture_class):
    """The fixture does what it says: a block's students differ only in names, so their
    normalised fingerprints are identical (and copydetect alone would call them copies)."""
    students, submissions, _ = fixture_class
    given = template(ASSIGNMENT)
    for block in (1, 2):
        members = [s for s in students.values() if s.block == block]
        prints = [set(fingerprint(student_code(s.student_id, submissions / s.student_id / f"{ASSIGNMENT}.ipynb",
                                               ASSIGNMENT, given), given).spots) for s in members]
        assert all(p == prints[0] for p in prints)
        sources = {json.dumps(s.notebook["cells"]) for s in members}
        assert len(sources) == len(members)  # yet no two notebooks are the same text


def test_default_threshold_lists_exactly_the_copies(fixture_class):
    _, _, root = fixture_class
    rows = read_pairs(root / "default")
    assert {pair_of(row) for row in rows} == COPY_PAIRS
    for row in rows:
        assert int(row["shared_lines_a"]) >= 8 and int(row["shared_lines_b"]) >= 8, row
        assert "written by 2 of 49" in row["passages"], row


def test_blank_templates_never_pair_up(fixture_class):
    students, _, root = fixture_class
    blanks = {s for s, student in students.items() if student.kind == "blank"}
    assert len(blanks) == 2
    assert not any(pair_of(row) & blanks for row in read_pairs(root / "all"))
    page = (root / "all" / "similarity.html").read_text(encoding="utf-8")
    assert "Nothing beyond the template (not compared): blank-1, blank-2." in page


def test_passages_that_drove_each_score_are_named(fixture_class):
    _, _, root = fixture_class
    rows = {pair_of(row): row for row in read_pairs(root / "default")}
    mistake = rows[frozenset(("copy-mistake", "unusual-mistake"))]["passages"]
    # They copied cosine_similarity and project, each kept a dot of their own.
    assert "cosine_similarity (code cell" in mistake and "project (code cell" in mistake and "dot (code cell" not in mistake
    reduce = rows[frozenset(("copy-reduce", "unusual-reduce"))]["passages"]
    # The copier moved the helpers from their own cell to below cosine_similarity: found anyway.
    assert "added cell" in reduce
    page = (root / "default" / "similarity.html").read_text(encoding="utf-8")
    assert "Similarity is a reason to look, not evidence." in page
    # The flagged pairs, then the two highest below the threshold for comparison.
    assert page.count('<article id="pair-') == len(rows) + 2
    assert page.count("(below the threshold, for comparison)") == 2
    assert "of the score; its rarest part was written by 2 of 49 students" in page
    assert page.count("<svg") == 1 and "shade-rare" in page


def test_report_is_self_contained(fixture_class):
    _, _, root = fixture_class
    page = (root / "default" / "similarity.html").read_text(encoding="utf-8")
    for needle in ("<script", "<link", "src=", "@import"):
        assert needle not in page, needle
    # Links and SVG references point inside the page (#pair-1, clip-path="url(#...)") only.
    assert all(target.startswith("#") for target in re.findall(r'href="([^"]*)"', page))
    assert all(target.startswith("#") for target in re.findall(r"url\(([^)]*)\)", page))
    # The only addresses are XML namespace names inside the SVG, which nothing fetches.
    addresses = {part.split('"')[0] for part in page.split('"http')[1:]}
    assert addresses <= {"://www.w3.org/2000/svg", "://www.w3.org/1999/xlink"}, addresses


def test_a_zip_gives_the_same_pairs_and_broken_notebooks_are_named(fixture_class, tmp_path):
    _, submissions, root = fixture_class
    folder = tmp_path / "class"
    shutil.copytree(submissions, folder)
    (folder / "broken").mkdir()
    (folder / "broken" / f"{ASSIGNMENT}.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "nothing").mkdir()
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, Path("downloads") / path.relative_to(folder))
    result = similarity(archive, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert read_pairs(tmp_path / "out") == read_pairs(root / "default")
    page = (tmp_path / "out" / "similarity.html").read_text(encoding="utf-8")
    # The reasons are intake's and the grader's own words (autograder/intake.py, notebook.py).
    assert "Not compared: <strong>broken</strong>: " in page
    assert "Not compared: <strong>nothing</strong>: " in page
    assert "Compared 49 submissions (1176 pairs); 4 pair(s) at or above 0.3." in result.stdout


@pytest.mark.parametrize("case", ["unknown assignment", "missing submissions", "not a zip", "only blanks",
                                  "bad threshold", "out is a file"])
def test_bad_input_exits_2_with_one_line(case, tmp_path):
    submissions, assignment, extra = tmp_path / "submissions", ASSIGNMENT, []
    submissions.mkdir()
    released = REPO / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    for student in ("a", "b"):
        (submissions / student).mkdir()
        shutil.copy(released, submissions / student)
    expected = {"unknown assignment": "unknown assignment 'dot_prodcut'; known: attention, dense_layer",
                "missing submissions": "does not exist",
                "not a zip": "is neither a folder nor a zip file",
                "only blanks": "nothing to compare: 0 of 2 submission(s) hold code of their own",
                "bad threshold": "--threshold must be between 0 and 1",
                "out is a file": "is a file, not a folder"}[case]
    out = tmp_path / "out"
    if case == "unknown assignment":
        assignment = "dot_prodcut"
    elif case == "missing submissions":
        submissions = tmp_path / "nowhere"
    elif case == "not a zip":
        submissions = tmp_path / "class.txt"
        submissions.write_text("not a zip")
    elif case == "bad threshold":
        extra = ["--threshold", "1.5"]
    elif case == "out is a file":
        out = tmp_path / "out.txt"
        out.write_text("keep me")
    result = run_grader("similarity", assignment, str(submissions), "--out", str(out), "--no-progress", *extra)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert expected in result.stderr, result.stderr
    assert not (tmp_path / "out" / "similarity.csv").exists()
    if case == "out is a file":
        assert out.read_text() == "keep me"


def test_progress_bar_on_stderr(fixture_class, tmp_path):
    _, submissions, _ = fixture_class
    result = run_grader("similarity", ASSIGNMENT, str(submissions), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "51/51" in result.stderr and "notebook" in result.stderr  # tqdm's bar, one step per folder
    assert "51/51" not in result.stdout


def test_pairs_are_listed_once(fixture_class):
    _, _, root = fixture_class
    pairs = [pair_of(row) for row in read_pairs(root / "all")]
    assert len(pairs) == len(set(pairs))
    assert all(len(pair) == 2 for pair in pairs)


@pytest.mark.parametrize("assignment", sorted(p.name for p in (REPO / "exercises").iterdir() if p.is_dir()))
def test_every_assignment_two_copies_of_the_master_pair_up(assignment, tmp_path):
    """On every assignment: the master handed in twice is one pair, scored 1 (with two students,
    rarity cannot weigh anything down); the untouched release is not compared."""
    submissions = tmp_path / "submissions"
    for student, folder in (("first", "solutions"), ("second", "solutions"), ("untouched", "exercises")):
        (submissions / student).mkdir(parents=True)
        shutil.copy(REPO / folder / assignment / f"{assignment}.ipynb", submissions / student)
    result = run_grader("similarity", assignment, str(submissions), "--out", str(tmp_path / "out"), "--no-progress")
    assert result.returncode == 0, result.stderr
    rows = read_pairs(tmp_path / "out")
    assert [(row["student_a"], row["student_b"], row["score"]) for row in rows] == [("first", "second", "1.000")]
    assert "Nothing beyond the template (not compared): untouched." in (tmp_path / "out" / "similarity.html").read_text()


def test_code_and_ids_reach_the_page_as_text(tmp_path):
    from autograder.testing.similarity_class import notebook
    from autograder.testing.submission_builder import write_submission

    body = """
    note = "</pre><script>alert('copied')</script>"
    return sum(p * q for p, q in zip(a, b)) + len(note) * 0
"""
    for student in ("<b>bold&co", "plain"):
        write_submission(tmp_path / "submissions", student, ASSIGNMENT, notebook({"dot": body}))
    result = similarity(tmp_path / "submissions", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "similarity.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;bold&amp;co" in page
    assert [pair_of(row) for row in read_pairs(tmp_path / "out")] == [frozenset(("<b>bold&co", "plain"))]


def test_an_enormous_notebook_is_compared_on_its_beginning(tmp_path):
    """Far more code than any answer (a pasted megabyte) cannot stall the class: the first
    200,000 characters are compared and the report says so."""
    from autograder.testing.similarity_class import WHILE, notebook
    from autograder.testing.submission_builder import code_cell, write_submission

    huge = notebook(WHILE)
    huge["cells"].append(code_cell("".join(f"v{i} = [{i}, {i + 1}] * {i % 7}\n" for i in range(20_000))))
    write_submission(tmp_path / "submissions", "huge", ASSIGNMENT, huge)
    write_submission(tmp_path / "submissions", "same", ASSIGNMENT, notebook(WHILE))
    result = similarity(tmp_path / "submissions", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "warning: huge: only the first 200,000 characters of code were compared" in result.stderr
    page = (tmp_path / "out" / "similarity.html").read_text(encoding="utf-8")
    assert "Warning: huge: only the first 200,000 characters" in page
    assert [pair_of(row) for row in read_pairs(tmp_path / "out")] == [frozenset(("huge", "same"))]
