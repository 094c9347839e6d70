"""Grading on submit as a student meets it, in Chromium: the student's own JupyterLab (their HOME,
an nbgrader_config.py naming the exchange, the course and their id, nbgrader's Assignments tab)
fetches the released assignment and submits it from the Assignments tab; `python -m autograder
watch` runs as a service on the instructor's side; a moment later the tab says feedback is
available, "Fetch Feedback" brings it, "(view feedback)" opens its folder, and the page opened in
JupyterLab shows the grade."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from browser_support import REPO
from browser_support import jupyterlab as start_jupyterlab

sys.path.insert(0, str(REPO))
from autograder.testing.exchange_course import COURSE_ID, ExchangeCourse  # noqa: E402
from autograder.testing.platform_layouts import ASSIGNMENT, notebook_bytes  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STUDENT = "alice"
GRADED_WITHIN_MS = 60_000


@pytest.fixture
def course(tmp_path):
    course = ExchangeCourse(tmp_path)
    course.release(ASSIGNMENT)
    return course


@pytest.fixture
def watch(course):
    """watch as the instructor runs it on the hub: in the background, until stopped."""
    process = subprocess.Popen([sys.executable, "-m", "autograder", "watch", ASSIGNMENT, *course.watch_options()],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = process.stdout.readline()
    assert ready.startswith("watch: ready"), ready + process.stdout.read()
    yield process
    if process.poll() is None:
        process.terminate()


@pytest.fixture
def student_lab(course):
    student = course.student(STUDENT)
    (student.home / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.Exchange.root = {str(course.exchange)!r}\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.CourseDirectory.student_id = {STUDENT!r}\n", encoding="utf-8")
    env = dict(student.environment(), JUPYTER_CONFIG_DIR=str(student.home / ".jupyter"))
    with start_jupyterlab(student.home, env, course.root / "student-jupyterlab.log") as (base, token):
        yield student, base, token


def test_submit_from_the_assignments_tab_then_see_the_feedback(student_lab, watch, chromium, screenshot_dir):
    student, base, token = student_lab
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab?token={token}")
        page.locator("#jp-menu-panel div.lm-MenuBar-itemLabel:text('Nbgrader')").click()
        page.locator('#jp-mainmenu-nbgrader li[data-command="nbgrader:open-assignment-list"]').click()

        released = page.locator("#released_assignments_list > .list_item")
        expect(released).to_have_count(1, timeout=60_000)
        expect(released.first.locator(".item_name")).to_have_text(ASSIGNMENT)
        released.first.locator(".item_status button:has-text('Fetch')").click()
        fetched = page.locator("#fetched_assignments_list > .list_item")
        expect(fetched).to_have_count(1, timeout=60_000)

        student.write(ASSIGNMENT, notebook_bytes("correct"))  # the student's finished work, saved
        fetched.first.locator(".item_status button:has-text('Submit')").click()
        submitted = page.locator("#submitted_assignments_list > .list_item")
        expect(submitted).to_have_count(1, timeout=60_000)
        (timestamp,) = student.submissions(ASSIGNMENT)
        page.screenshot(path=str(screenshot_dir / "assignments-tab-submitted.png"))

        # watch grades it; the tab's refresh shows that feedback is there to fetch
        row = submitted.first
        deadline = time.monotonic() + GRADED_WITHIN_MS / 1000
        while "(feedback available to fetch)" not in row.inner_text():
            assert time.monotonic() < deadline, f"no feedback within {GRADED_WITHIN_MS} ms: {row.inner_text()}"
            page.locator("#refresh_assignments_list").click()
            page.wait_for_timeout(500)
        assert timestamp in row.inner_text()
        row.locator(".item_status button:has-text('Fetch Feedback')").click()
        view = row.locator("a:has-text('(view feedback)')")
        expect(view).to_be_visible(timeout=60_000)
        page.screenshot(path=str(screenshot_dir / "assignments-tab-feedback.png"))

        view.click()  # the file browser goes to the feedback folder; the student opens the page
        listing = page.locator(".jp-DirListing-item[title*='dot_product.html'], "
                               ".jp-DirListing-item:has-text('dot_product.html')").first
        listing.dblclick(timeout=60_000)
        heading = page.frame_locator("iframe").first.locator("h1")
        expect(heading).to_have_text(f"{ASSIGNMENT}: 10 / 10 points", timeout=60_000)
        page.screenshot(path=str(screenshot_dir / "assignments-tab-feedback-page.png"))
    finally:
        context.close()
    watch.terminate()
    output = watch.communicate(timeout=60)[0]
    assert f"graded: {STUDENT} {ASSIGNMENT} (submitted {timestamp}): 10 / 10" in output, output
    assert "watch: graded 1," in output
