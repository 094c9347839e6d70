"""Fixtures shared by the whole suite: the repository root and one full build of the book."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILD_DIR = REPO / "_build"
HTML_DIR = BUILD_DIR / "html"
TEST_OUTPUT = REPO / "test-output"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the whole book once per session, as `make book` does (scripts/build_book.py: warnings
    as errors), and return _build/html.

    Execution is cached in _build/.jupyter_cache, so a build right after `make book` only
    re-renders. The build log is kept in test-output/book-build.log.
    """
    TEST_OUTPUT.mkdir(exist_ok=True)
    log = TEST_OUTPUT / "book-build.log"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_book.py")],
        cwd=REPO, capture_output=True, text=True,
    )
    log.write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-60:])
        pytest.fail(f"jupyter-book build failed (exit {proc.returncode}); log: {log}\n{tail}")
    return HTML_DIR
