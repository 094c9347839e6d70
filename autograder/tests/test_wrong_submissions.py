"""Plausible wrong submissions score exactly their expected partial marks, in one batch.

The fixtures are small code files under submissions/wrong/<assignment>/ (see submission_builder);
manifest.toml holds each one's exact expected score per function and a phrase its feedback must
contain, so a regression in the cases, the judging or the scoring rule shows up as a number.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from autograder.specs import SPECS
from autograder.testing.grader_cli import feedback_text, grade, read_grades, read_results
from autograder.testing.submission_builder import build_from_fixture, write_submission

pytestmark = pytest.mark.slow
WRONG = Path(__file__).resolve().parent / "submissions" / "wrong"
MANIFEST = tomllib.loads((WRONG / "manifest.toml").read_text(encoding="utf-8"))


def test_every_fixture_is_in_the_manifest_and_back():
    files = {(path.parent.name, path.stem) for path in WRONG.glob("*/*.py")}
    listed = {(assignment, name) for assignment, fixtures in MANIFEST.items() for name in fixtures}
    assert files == listed
    for assignment, fixtures in MANIFEST.items():
        names = {f.name for f in SPECS[assignment].functions}
        for name, expected in fixtures.items():
            assert set(expected["scores"]) == names, name


@pytest.fixture(scope="module", params=sorted(MANIFEST))
def graded(request, tmp_path_factory):
    assignment = request.param
    root = tmp_path_factory.mktemp(f"wrong-{assignment}")
    for name in MANIFEST[assignment]:
        notebook = build_from_fixture(assignment, WRONG / assignment / f"{name}.py")
        write_submission(root / "submissions", name, assignment, notebook)
    grade(assignment, root / "submissions", root / "out")
    return assignment, read_grades(root / "out"), read_results(root / "out")


def test_wrong_submissions_score_exactly_as_expected(graded):
    assignment, grades, results = graded
    mismatches = []
    for name, expected in MANIFEST[assignment].items():
        got = {function: float(grades[name][function]) for function in expected["scores"]}
        if got != {function: float(score) for function, score in expected["scores"].items()}:
            mismatches.append(f"{name}: expected {expected['scores']}, got {got}")
        total = sum(expected["scores"].values())
        if float(grades[name]["score"]) != pytest.approx(total):
            mismatches.append(f"{name}: total {grades[name]['score']} != {total}")
    assert not mismatches, "\n".join(mismatches)


def test_feedback_says_what_went_wrong(graded):
    assignment, _, results = graded
    for name, expected in MANIFEST[assignment].items():
        for function, phrase in expected.get("mentions", {}).items():
            text = feedback_text(results[name], function)
            assert phrase in text, f"{name}/{function}: {phrase!r} not in:\n{text[:600]}"
