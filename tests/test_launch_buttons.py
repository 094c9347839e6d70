"""Launch buttons only where they work, on every page of the built book: Binder on every notebook
(chapters and exercises), Colab on .ipynb notebooks only (the exercises; Colab cannot open a MyST
Markdown chapter), JupyterHub only when `launch_buttons.jupyterhub_url` is set (it is not in this
repository, so no page shows it; tests/test_public.py builds with one set), nothing on pages that
are not notebooks; every button opens a file that is in the repository, and no page links a
placeholder host. Binder itself is set up by binder/ (see tests/test_binder_setup.py)."""
from __future__ import annotations

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
