"""Readers never see the glue plumbing (book/_ext/hide_glue.py): the glue calls and their import are
taken out of the code shown on every page, while the notebooks still run them, so the numbers they
hand to the text are still computed at build time."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from site_checks import source_of, toc_pages

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "book" / "_ext"))

from hide_glue import without_glue  # noqa: E402


def test_glue_calls_and_their_import_go_the_rest_stays():
    source = (
        "import numpy as np\n"
        "from myst_nb import glue\n"
        "\n"
        "x = np.arange(3)\n"
        'glue("total", float(x.sum()), display=False)\n'
        "print(x)\n"
    )
    assert without_glue(source) == "import numpy as np\n\nx = np.arange(3)\nprint(x)"


def test_a_loop_that_only_glues_goes_and_a_loop_that_computes_stays():
    source = (
        "for name in ('a', 'b'):\n"
        "    for kind in (1, 2):\n"
        "        glue(f'{name}_{kind}',\n"
        "             kind, display=False)\n"
        "for i in range(3):\n"
        "    total = i\n"
        "    glue('total', total)\n"
    )
    assert without_glue(source) == "for i in range(3):\n    total = i"


def test_a_cell_of_glue_alone_shows_nothing_and_other_code_is_untouched():
    assert without_glue('glue("a", 1, display=False)\n') == ""
    for source in ("%timeit sum(range(10))\nglue('a', 1)", "glued = glue_factor * 2", "x.glue('a')"):
        assert without_glue(source) == source


def test_no_page_shows_glue_and_the_notebooks_still_run_it(built_book):
    glued_chapters = pages_with_code = 0
    for page in toc_pages(REPO):
        html = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        shown = "\n".join(block.get_text() for block in html.select(".cell_input pre"))
        assert "glue(" not in shown and "myst_nb" not in shown, f"{page} shows glue code"
        pages_with_code += "import" in shown
        executed = built_book.parent / "jupyter_execute" / f"{page}.ipynb"
        if executed.is_file() and "glue(" in source_of(REPO, page).read_text(encoding="utf-8"):
            cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
            assert any("glue(" in "".join(cell["source"]) for cell in cells), f"{page} lost its glue calls"
            glued_chapters += 1
    assert glued_chapters > 0 and pages_with_code >= glued_chapters
