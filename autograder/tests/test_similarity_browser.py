"""OUT/similarity.html in Chromium, served on 127.0.0.1 the way the book is: no console error,
no request that leaves the page's own host, the plot drawn, the code of each pair side by side
with the shared lines highlighted.

Run alone: `.venv/bin/python -m pytest autograder/tests/test_similarity_browser.py -m browser`.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest

from autograder.tests.grader_cli import run_grader
from autograder.tests.similarity_class import ASSIGNMENT, build_class, write_class
from autograder.tests.submission_builder import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _browser_support():
    """tests/browser/browser_support.py: Chromium's launch arguments, the page probe, the server
    (the same module the book's browser tests import, when they run in this session too)."""
    if "browser_support" not in sys.modules:
        spec = importlib.util.spec_from_file_location("browser_support",
                                                      REPO / "tests" / "browser" / "browser_support.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["browser_support"] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules["browser_support"]


@pytest.fixture(scope="module")
def served_report(tmp_path_factory):
    support = _browser_support()
    root = tmp_path_factory.mktemp("similarity-browser")
    submissions = write_class(build_class(), root / "submissions")
    result = run_grader("similarity", ASSIGNMENT, str(submissions), "--out", str(root / "out"), "--no-progress")
    assert result.returncode == 0, result.stderr
    server = support.start_server(root / "out")
    yield support, server.url("similarity.html")
    server.stop()


def test_report_renders_in_chromium_without_errors(served_report):
    support, url = served_report
    if not support.CHROMIUM.exists():
        pytest.fail(f"{support.CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(support.CHROMIUM), headless=True,
                                             args=support.CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            probe = support.PageProbe()
            probe.attach(page)
            page.goto(url, wait_until="load")
            assert probe.problems() == []

            plot = page.locator("figure svg").bounding_box()
            assert plot and plot["width"] > 400 and plot["height"] > 150
            assert page.locator("figure svg path").count() > 50  # bars, axes and glyphs were drawn

            rows = page.locator("tbody tr")
            assert rows.count() == 6  # four flagged pairs, two below the threshold for comparison
            rows.first.locator("a").click()
            assert page.evaluate("location.hash") == "#pair-1"

            first = page.locator("#pair-1")
            columns = first.locator(".side-by-side > section")
            assert columns.count() == 2
            left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
            assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 2  # side by side
            for column in (columns.nth(0), columns.nth(1)):
                rare = column.locator(".shade-rare")
                assert rare.count() >= 8
                colour = rare.first.evaluate("e => getComputedStyle(e).backgroundColor")
                assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
            assert first.locator(".mark", has_text="1").count() >= 2  # passage 1 marked on both sides
            assert probe.problems() == []
        finally:
            browser.close()
