"""A chapter opened the way its Binder button opens it works: in the public tree (what Binder
clones), after binder/postBuild has run, JupyterLab opens the chapter's MyST Markdown file at the
button's own `urlpath` as a notebook, not as text, and its first code cell, which imports the book's
package linalg_ai, runs without an error.

Binder itself is not reachable from here; what it adds is repo2docker installing
binder/requirements.txt (the same pins as this environment) and running binder/postBuild. The test
runs that script for real with a private HOME and Jupyter config folder; its pip line runs with
`PIP_DRY_RUN` and no index (it must resolve the tree's own package offline; nothing is installed
into the test environment), and the tree's linalg_ai is put on the kernel's path instead, which
is what the editable install does.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browser_support import REPO, chapter_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def binder_like(tmp_path_factory):
    """The public tree, set up by binder/postBuild, served by JupyterLab on 127.0.0.1."""
    scratch = tmp_path_factory.mktemp("binder")
    made = subprocess.run(["make", "--no-print-directory", "public", f"PUBLIC_DIR={scratch / 'made'}"],
                          cwd=REPO, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    tree = scratch / "repo"
    shutil.copytree(scratch / "made", tree)
    env = dict(
        os.environ, HOME=str(scratch / "home"), JUPYTER_CONFIG_DIR=str(scratch / "jupyter"),
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", PIP_NO_INDEX="1", PIP_DRY_RUN="1",
        PYTHONPATH=str(tree),
    )
    (scratch / "home").mkdir()
    post_build = subprocess.run(["bash", "binder/postBuild"], cwd=tree, env=env, capture_output=True, text=True)
    assert post_build.returncode == 0, post_build.stdout + post_build.stderr

    port = free_port()
    lab = subprocess.Popen(
        [str(BIN / "jupyter"), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={tree}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2)
                break
            except OSError:
                if lab.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not start")
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        lab.terminate()
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            lab.kill()


def binder_urlpath(built_book: Path, page: str) -> str:
    html = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    link = html.select_one('.dropdown-launch-buttons a[title="Launch on Binder"]')
    assert link is not None, f"{page} has no Binder button"
    return parse_qs(urlsplit(link["href"]).query)["urlpath"][0]


def test_binder_opens_a_chapter_as_a_notebook_that_runs(built_book, binder_like, chromium):
    chapter = chapter_pages()[0]
    urlpath = binder_urlpath(built_book, chapter)
    assert urlpath == f"lab/tree/{chapter}.md"
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{binder_like}/{urlpath}")
        # A notebook panel with code cells, not a text editor.
        first_cell = page.locator(".jp-NotebookPanel .jp-CodeCell").first
        first_cell.wait_for(timeout=90_000)
        editor = first_cell.locator(".jp-InputArea-editor")
        expect(editor).to_contain_text("from linalg_ai", timeout=30_000)
        # The notebook's kernel (python3, from its jupytext header) has started.
        expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle", timeout=90_000)
        editor.click()
        page.keyboard.press("Shift+Enter")
        prompt = first_cell.locator(".jp-InputPrompt")
        page.wait_for_function("el => el.textContent.includes('[1]')", arg=prompt.element_handle(),
                               timeout=120_000)
        errors = first_cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert not any("Error" in text for text in errors.all_inner_texts()), errors.all_inner_texts()
    finally:
        context.close()
