"""Fixtures of the browser tests: the built book served on 127.0.0.1 and headless Chromium.

Run them alone with `.venv/bin/python -m pytest tests/browser -m browser` (they build the book once
through the `built_book` fixture of tests/conftest.py).
"""
from __future__ import annotations

import pytest

from browser_support import BUDGET_LINES, CHROMIUM, CHROMIUM_ARGS, PageProbe, start_server


@pytest.fixture(scope="session")
def book_server(built_book):
    server = start_server(built_book)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_context(chromium):
    # A fresh context per test: empty cache and storage, as for a first-time reader.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def probed_page(browser_context):
    """A page whose console errors, failed and external requests are recorded (see PageProbe)."""
    page = browser_context.new_page()
    probe = PageProbe()
    probe.attach(page)
    return page, probe


@pytest.fixture(scope="session")
def screenshot_dir(test_output):
    folder = test_output / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the measured page weights and times, whatever pytest's capture settings."""
    if BUDGET_LINES:
        terminalreporter.section("playground pages: transfer size and time to interactive")
        for line in BUDGET_LINES:
            terminalreporter.write_line(line)
