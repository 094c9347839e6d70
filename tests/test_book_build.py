"""The whole book builds with warnings as errors, every page in _toc.yml exists and was rendered,
and every executed cell ran without error."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = [
    "scalars_and_vectors", "vector_operations", "dot_product", "norms_and_distances",
    "matrices", "basis_and_rank", "linear_systems", "eigenvectors", "svd",
    "matmul_at_scale", "tensors",
    "embeddings", "attention",
]


def toc_files() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part["chapters"]]
    return files


def source_of(page: str) -> Path | None:
    for suffix in (".md", ".ipynb"):
        if (REPO / f"{page}{suffix}").exists():
            return REPO / f"{page}{suffix}"
    return None


def test_every_toc_page_exists():
    missing = [page for page in toc_files() if source_of(page) is None]
    assert not missing, f"pages listed in _toc.yml without a source file: {missing}"


def test_all_chapters_are_in_the_toc_in_order():
    pages = toc_files()
    assert [f"book/{name}" for name in CHAPTERS] == [p for p in pages if p.removeprefix("book/") in CHAPTERS]


def test_chapters_are_myst_notebooks_without_outputs():
    for name in CHAPTERS:
        text = (REPO / "book" / f"{name}.md").read_text()
        assert text.startswith("---\njupytext:"), f"{name}.md lacks the jupytext header"
        assert "```{code-cell} ipython3" in text, f"{name}.md has no code cell"


def test_book_builds_and_every_page_is_rendered(built_book: Path):
    for page in toc_files():
        html = built_book / f"{page}.html"
        assert html.exists(), f"{html} was not built"


def test_every_executed_cell_ran_without_error(built_book: Path):
    # Jupyter Book writes an execution report for each notebook that failed.
    reports = built_book / "reports"
    failed = sorted(p.name for p in reports.glob("*")) if reports.exists() else []
    assert not failed, f"execution reports of failed notebooks: {failed}"
    for name in CHAPTERS:
        html = (built_book / "book" / f"{name}.html").read_text()
        assert "cell_output" in html, f"{name}: no executed output in the page"
        # myst-nb renders a cell error as an output with the CSS class "traceback".
        assert not re.search(r'class="[^"]*\btraceback\b', html), f"{name}: a cell error is rendered"
