"""The similarity report (`python -m autograder similarity`, OUT/similarity.html) in Chromium,
served on 127.0.0.1 like the book: no console error, no request that leaves the page's host, the
plot drawn, each pair's code side by side with the shared lines highlighted. It needs no book
build, only the session's browser.

Run alone: `.venv/bin/python -m pytest tests/browser/test_similarity_report.py -m browser`.
"""
from __future__ import annotations

import pytest

from autograder.testing.grader_cli import run_grader
from autograder.testing.similarity_class import ASSIGNMENT, build_class, write_class
from browser_support import start_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("similarity-report")
    submissions = write_class(build_class(), root / "submissions")
    result = run_grader("similarity", ASSIGNMENT, str(submissions), "--out", str(root / "out"), "--no-progress")
    assert result.returncode == 0, result.stderr
    server = start_server(root / "out")
    yield server
    server.stop()


def test_report_renders_without_errors(report_server, probed_page):
    page, probe = probed_page
    response = page.goto(report_server.url("similarity.html"), wait_until="load")
    assert response is not None and response.ok
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
