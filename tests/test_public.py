"""`make public` writes the student-facing tree of the course (scripts/make_public.py), and it is
complete and safe:
- it holds what the book and the exercises need (chapters, released exercises, linalg_ai, pins,
  build scripts, Binder's set-up, a README for readers and students, a Makefile with the book's
  targets) and nothing for instructors only (no solutions/, no autograder/ with its reference
  implementations, hidden cases and seed, no instructors' page, no tests);
- no distinctive line of a solution, a hidden test, a reference implementation or a test-case
  spec, and not the secret seed, is in any of its files; and the search does find them when they
  are planted there, so its silence means something;
- the tree builds the book by itself, warnings as errors, here with a JupyterHub configured: every
  page of its table of contents is rendered, the launch buttons follow the page type and include
  the hub, and the built site holds no answer either.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_checks import launch_button_problems, launch_buttons, toc_pages

REPO = Path(__file__).resolve().parents[1]
PUBLIC = REPO / "_build" / "public"
sys.path.insert(0, str(REPO / "scripts"))

from answer_leaks import Answers  # noqa: E402

MUST_HAVE = [
    "README.md", "Makefile", "_config.yml", "_toc.yml", "requirements.txt", "pyproject.toml",
    ".gitignore", "binder/requirements.txt", "binder/postBuild", "binder/runtime.txt",
    "linalg_ai/__init__.py", "scripts/build_book.py", "scripts/vendor_web_assets.py",
    "scripts/build_widget_manager.py", "scripts/widget_manager/package.json",
    "book/_ext/course_path.py", "book/_extra/_static/linalg_ai/site.css",
]
MUST_NOT_HAVE = [
    "solutions", "autograder", "tests", ".ci", "nbgrader_config.py", "benchmarks",
    "scripts/release_exercises.py", "scripts/make_public.py", "scripts/answer_leaks.py",
    "book/for_instructors.md", "exercises/README.md",
]
HUB = "https://jupyterhub.course.test"


@pytest.fixture(scope="module")
def public_tree() -> Path:
    proc = subprocess.run(["make", "--no-print-directory", "public"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return PUBLIC


@pytest.fixture(scope="module")
def answers() -> Answers:
    return Answers.of(REPO)


def test_the_tree_holds_what_the_book_needs_and_nothing_for_instructors(public_tree):
    missing = [name for name in MUST_HAVE if not (public_tree / name).exists()]
    assert missing == [], f"not in the public tree: {missing}"
    present = [name for name in MUST_NOT_HAVE if (public_tree / name).exists()]
    assert present == [], f"instructors-only files in the public tree: {present}"
    private_toc = set(toc_pages(REPO))
    public_toc = toc_pages(public_tree)
    assert set(public_toc) == private_toc - {"book/for_instructors"}
    for page in public_toc:
        assert any((public_tree / f"{page}{suffix}").is_file() for suffix in (".md", ".ipynb")), page


def test_readme_and_makefile_are_the_public_parts(public_tree):
    readme = (public_tree / "README.md").read_text(encoding="utf-8")
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings == ["## For readers", "## For students"]
    assert "make public" in readme, "the README says where the tree comes from"
    dry_run = subprocess.run(["make", "-n", "book"], cwd=public_tree, capture_output=True, text=True)
    assert dry_run.returncode == 0 and "scripts/build_book.py" in dry_run.stdout, dry_run.stderr
    for target in ("test", "public"):
        proc = subprocess.run(["make", "-n", target], cwd=public_tree, capture_output=True, text=True)
        assert proc.returncode != 0, f"the public Makefile still has `{target}`"


def test_the_answers_are_distinctive_lines_of_every_kind(answers):
    """The search below is only as good as what it looks for: every master's solutions and hidden
    tests and every reference implementation and spec contribute lines."""
    for master in sorted((REPO / "solutions").glob("*/*.ipynb")):
        assert answers.count_from(str(master.relative_to(REPO))) >= 3, master
    for folder in ("autograder/reference/", "autograder/specs/"):
        assert answers.count_from(folder) >= 10, folder
    # A line too short to tell anything is not an answer, wherever it comes from.
    assert "return total" not in answers.lines


def test_no_answer_is_in_the_tree(public_tree, answers):
    assert answers.leaks_in(public_tree) == []


def test_the_search_finds_planted_answers(public_tree, answers, tmp_path):
    planted = tmp_path / "public"
    shutil.copytree(public_tree, planted)
    master = next(iter(sorted((REPO / "solutions").glob("*/*.ipynb"))))
    shutil.copy(master, planted / "exercises" / "copied.ipynb")
    reference = next(iter(sorted((REPO / "autograder" / "reference").glob("[!_]*.py"))))
    (planted / "linalg_ai" / "helpers.py").write_text(reference.read_text(encoding="utf-8"), encoding="utf-8")
    (planted / "notes.txt").write_text("seed: 9f2c41d7e05b\n", encoding="utf-8")
    leaks = Answers(answers.lines, seed="9f2c41d7e05b").leaks_in(planted)
    assert any(leak.startswith("exercises/copied.ipynb:") for leak in leaks), leaks[:5]
    assert any(leak.startswith("linalg_ai/helpers.py:") for leak in leaks), leaks[:5]
    assert any(leak.startswith("notes.txt:1: the secret seed") for leak in leaks), leaks[:5]


def test_bad_output_folders_are_refused_without_harm(tmp_path):
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "mine.txt").write_text("not the public tree\n", encoding="utf-8")
    for out in (keep, REPO, REPO / "book"):
        proc = subprocess.run([sys.executable, "scripts/make_public.py", "--out", str(out)],
                              cwd=REPO, capture_output=True, text=True)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert (keep / "mine.txt").read_text(encoding="utf-8") == "not the public tree\n"


@pytest.mark.slow
def test_the_tree_builds_the_book_on_its_own(public_tree, answers, built_book, tmp_path):
    """Built with this environment's Python and the main build's execution cache (the chapters are
    the same notebooks, so nothing runs again), and with a JupyterHub set in its _config.yml."""
    tree = tmp_path / "public"
    shutil.copytree(public_tree, tree)
    shutil.copytree(REPO / "book" / "_vendored", tree / "book" / "_vendored")  # what `make assets` fetches
    shutil.copytree(REPO / "_build" / ".jupyter_cache", tree / "_build" / ".jupyter_cache")
    shutil.copy(REPO / "_build" / ".linalg_ai.sha256", tree / "_build" / ".linalg_ai.sha256")
    config = yaml.safe_load((tree / "_config.yml").read_text(encoding="utf-8"))
    config["launch_buttons"]["jupyterhub_url"] = HUB
    (tree / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")

    env = dict(os.environ, PYTHONPATH=str(tree))  # the tree's own linalg_ai, should a page run
    proc = subprocess.run([sys.executable, "scripts/build_book.py"], cwd=tree, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])

    html = tree / "_build" / "html"
    for page in toc_pages(tree):
        assert (html / f"{page}.html").is_file(), f"{page} was not built"
    assert not (html / "book" / "for_instructors.html").exists()
    assert launch_button_problems(tree, html) == []
    hubs = [page for page in toc_pages(tree)
            if launch_buttons((html / f"{page}.html").read_text(encoding="utf-8")).get("JupyterHub", "")
            .startswith(f"{HUB}/hub/user-redirect/git-pull?")]
    assert hubs, "no page offers the configured JupyterHub"
    assert answers.leaks_in(html) == []
