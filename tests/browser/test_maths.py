"""Maths is typeset offline by the vendored MathJax: output present, no raw TeX left in the text."""
from __future__ import annotations

import re

import pytest

from browser_support import PLAYGROUND_PAGES, REPO, chapter_pages, wait_until_settled

pytestmark = pytest.mark.browser


def source_has_maths(page: str) -> bool:
    """Whether the page's prose (code fences and inline code removed) holds $...$ or {math}."""
    source = REPO / f"{page}.md"
    if not source.exists():
        return False
    prose = re.sub(r"^(```|~~~).*?^\1", "", source.read_text(encoding="utf-8"), flags=re.S | re.M)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    return bool(re.search(r"\$|\{math\}", prose))

# Sphinx wraps every formula in an element of class "math"; MathJax puts its output inside.
UNTYPESET = """() => {
    const formulas = [...document.querySelectorAll("span.math, div.math")];
    return {formulas: formulas.length,
            untypeset: formulas.filter(f => !f.querySelector("mjx-container")).map(f => f.textContent.slice(0, 80))};
}"""

# The article's visible text, without code, outputs, scripts, typeset maths and widgets.
VISIBLE_PROSE = """() => {
    const article = document.querySelector("article") || document.body;
    const copy = article.cloneNode(true);
    copy.querySelectorAll("pre, code, script, style, mjx-container, .la-playground-box, .cell_output")
        .forEach(node => node.remove());
    return copy.textContent;
}"""

# A dollar sign or a \( \) \[ \] delimiter left in the prose is TeX that MathJax never saw.
RAW_TEX = re.compile(r"\$|\\\(|\\\)|\\\[|\\\]")


@pytest.mark.parametrize("page_name", chapter_pages())
def test_maths_is_typeset(book_server, probed_page, page_name):
    page, probe = probed_page
    page.goto(book_server.url(f"{page_name}.html"), wait_until="networkidle")
    wait_until_settled(page, len(PLAYGROUND_PAGES.get(page_name.removeprefix("book/"), [])))
    maths = page.evaluate(UNTYPESET)
    assert not maths["untypeset"], f"{page_name}: formulas MathJax did not typeset: {maths['untypeset'][:5]}"
    if source_has_maths(page_name):
        assert maths["formulas"] > 0 and page.locator("mjx-container").count() >= maths["formulas"], (
            f"{page_name}: its source has maths but the page shows no typeset formula")
    prose = " ".join(page.evaluate(VISIBLE_PROSE).split())
    leftovers = [prose[max(0, m.start() - 50):m.end() + 50] for m in RAW_TEX.finditer(prose)]
    assert not leftovers, f"{page_name}: raw TeX left in the text, e.g. ..." + "...\n...".join(leftovers[:5])
    assert not probe.problems(), probe.problems()
