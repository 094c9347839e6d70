"""Launch buttons only where they work, on every page of the built book: Binder on every notebook
(chapters and exercises), Colab on .ipynb notebooks only (the exercises; Colab cannot open a MyST
Markdown chapter), JupyterHub only when `launch_buttons.jupyterhub_url` is set (it is not in this
repository, so no page shows it; tests/test_public.py builds with one set), nothing on pages that
are not notebooks; every button opens a file that is in the repository, and no page links a
placeholder host. Binder itself is set up by binder/ (see tests/test_binder_setup.py)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from site_checks import (
    PLACEHOLDER_HOSTS, expected_services, is_notebook, launch_button_problems, source_of, toc_pages)

REPO = Path(__file__).resolve().parents[1]


def test_launch_buttons_follow_the_page_type(built_book):
    assert launch_button_problems(REPO, built_book) == []


def test_the_rules_meet_every_page_type():
    """The book has each kind of page the rules tell apart, so the test above is not vacuous."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))["launch_buttons"]
    kinds = {}
    for page in toc_pages(REPO):
        source = source_of(REPO, page)
        kinds.setdefault((source.suffix, is_notebook(source)), set()).update(expected_services(source, config))
    assert kinds[(".md", True)] == {"Binder"}, "a MyST chapter opens on Binder only"
    assert kinds[(".ipynb", True)] == {"Binder", "Colab"}, "an exercise opens on Binder and Colab"
    assert kinds[(".md", False)] == set(), "the landing and instructors' pages launch nothing"
    hub = config.get("jupyterhub_url", "")
    assert not any(host in hub for host in PLACEHOLDER_HOSTS), f"a placeholder hub: {hub}"


def test_a_downloaded_chapter_says_in_its_first_cell_how_to_get_linalg_ai(built_book):
    """A chapter's notebook opened outside the repository (a download) cannot import linalg_ai,
    the book's own package; the first code cell says how to get it, right above the import that
    would fail, and points to a section the landing page has."""
    landing = (REPO / f"{toc_pages(REPO)[0]}.md").read_text(encoding="utf-8")
    chapters = [page for page in toc_pages(REPO) if is_notebook(source_of(REPO, page))
                and source_of(REPO, page).suffix == ".md"]
    assert chapters
    for page in chapters:
        download = built_book / "_sources" / f"{page}.ipynb"  # what the download button gives
        cells = json.loads(download.read_text(encoding="utf-8"))["cells"]
        first = next("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        lines = first.splitlines()
        imports = [i for i, line in enumerate(lines) if line.startswith(("from linalg_ai", "import linalg_ai"))]
        assert imports, f"{page}: the first code cell does not import linalg_ai"
        hint = "\n".join(lines[max(0, imports[0] - 2):imports[0]])
        assert hint.startswith("#") and "make venv" in hint, f"{page}: no hint above the import:\n{first}"
        section = re.search(r'see "([^"]+)"', hint).group(1)
        assert f"## {section}" in landing, f"{page}: the hint points to a missing section {section!r}"
