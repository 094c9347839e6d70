"""Formgrader, in Chromium, on a class graded by `python -m autograder grade`: JupyterLab with
nbgrader's server extension is started on 127.0.0.1 (a free port, a token) the way the instructors'
page says (NBGRADER_GRADING_DIR=OUT, from the repository root), and the instructor's path is
followed in the real pages: Manage Assignments counts the graded submissions, Manage Submissions
shows each student with the grader's score, and a score typed into the Manual Grading page (which
saves it through formgrader's /formgrader/api/grade handler) survives grading again and reaches
the Canvas export."""
from __future__ import annotations

import csv
import sys

import pytest
from playwright.sync_api import expect

from browser_support import REPO
from browser_support import jupyterlab as start_jupyterlab

sys.path.insert(0, str(REPO))
from autograder.testing.grader_cli import grade, read_grades, run_grader  # noqa: E402
from autograder.testing.platform_layouts import ASSIGNMENT, course_environment, notebook_bytes  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STUDENTS = {"alice": "correct", "bob": "off_by_one_loop", "carol": "blank"}


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("formgrader")
    for student, kind in STUDENTS.items():
        (root / "downloads" / student).mkdir(parents=True)
        (root / "downloads" / student / f"{ASSIGNMENT}.ipynb").write_bytes(notebook_bytes(kind))
    out = root / "grading" / ASSIGNMENT
    grade(ASSIGNMENT, root / "downloads", out)
    return root, out


@pytest.fixture(scope="module")
def jupyterlab(graded_class):
    """JupyterLab from the repository root, seeing OUT as the course's grading folder."""
    root, out = graded_class
    env = course_environment(out, JUPYTER_CONFIG_DIR=str(root / "jupyter-config"))
    with start_jupyterlab(REPO, env, root / "jupyterlab.log") as server:
        yield server


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_formgrader_shows_the_graded_class_and_keeps_a_manual_score(jupyterlab, graded_class, page, screenshot_dir):
    base, token = jupyterlab
    _, out = graded_class
    grades = read_grades(out)

    page.goto(f"{base}/formgrader/manage_assignments?token={token}")
    # Manage Assignments: the number of submissions is the number graded
    page.wait_for_function(f"""() => [...document.querySelectorAll('tr')].some(r =>
        r.textContent.includes('{ASSIGNMENT}') && r.querySelector('.num-submissions')
        && r.querySelector('.num-submissions').textContent.trim() === '{len(STUDENTS)}')""", timeout=30_000)
    page.screenshot(path=str(screenshot_dir / "formgrader-manage-assignments.png"))

    page.goto(f"{base}/formgrader/manage_submissions/{ASSIGNMENT}")
    for student in STUDENTS:
        page.wait_for_selector(f"td.student-id:text-is('{student}')", timeout=30_000)
    shown = {page.locator("tr", has=page.locator(f"td.student-id:text-is('{s}')")).locator("td.score").inner_text()
             .strip(): s for s in STUDENTS}
    for score_text, student in shown.items():
        assert float(score_text.split("/")[0]) == float(grades[student]["score"]), (student, score_text)
    page.screenshot(path=str(screenshot_dir / "formgrader-manage-submissions.png"))

    # Manual Grading: bob's notebook, the dot test cell's score typed in as an instructor does
    page.goto(f"{base}/formgrader/manage_students/bob/{ASSIGNMENT}")
    page.locator(f"a:has-text('{ASSIGNMENT}')").last.click()
    score = page.locator("input#test_dot.score")
    score.wait_for(timeout=30_000)
    expect(score).to_have_attribute("placeholder", grades["bob"]["dot"], timeout=30_000)  # the auto score
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
        score.fill("4")
        score.press("Tab")  # formgrader saves on change
    assert saved.value.ok
    page.screenshot(path=str(screenshot_dir / "formgrader-manual-score.png"))

    again = grade(ASSIGNMENT, graded_class[0] / "downloads", out)
    assert "Kept 1 manual score(s) set in formgrader" in again.stdout
    final = float(grades["bob"]["score"]) - float(grades["bob"]["dot"]) + 4
    assert float(read_grades(out)["bob"]["score"]) == pytest.approx(final)
    canvas = out.parent / "canvas.csv"
    done = run_grader("export", "--format", "canvas", "--db-url", f"sqlite:///{out / 'gradebook.db'}",
                      "--output", str(canvas))
    assert done.returncode == 0, done.stderr
    rows = {row["SIS User ID"]: row for row in csv.DictReader(canvas.open(newline="", encoding="utf-8"))}
    assert float(rows["bob"][ASSIGNMENT]) == pytest.approx(final)

    page.goto(f"{base}/formgrader/manage_submissions/{ASSIGNMENT}")  # formgrader shows the final score
    bob = page.locator("tr", has=page.locator("td.student-id:text-is('bob')")).locator("td.score")
    bob.wait_for(timeout=30_000)
    page.wait_for_function("""(final) => [...document.querySelectorAll('tr')].some(r =>
        r.querySelector('td.student-id') && r.querySelector('td.student-id').textContent.trim() === 'bob'
        && parseFloat(r.querySelector('td.score').textContent) === final)""", arg=final, timeout=30_000)
