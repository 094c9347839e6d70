"""Every figure of the chapters added for issue 12 describes itself: it is the book's themed inline SVG
(linalg_ai.figures.show_figure), never a PNG, and its accessible name (the SVG's <title>) is written as
a description of what the figure shows, not a file name."""
import html as html_lib
import re

import pytest

NEW_CHAPTERS = ["basis_and_rank", "linear_systems", "eigenvectors", "svd", "tensors"]
SVG_FIGURE = re.compile(r'<svg [^>]*aria-labelledby="([^"]+)"[^>]*class="la-figure-svg"', re.S)


@pytest.mark.parametrize("chapter", NEW_CHAPTERS)
def test_every_figure_is_an_svg_with_a_description(built_book, chapter):
    page = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    assert not re.search(r'<img [^>]*src="[^"]*_images/[^"]*\.png"', page), f"{chapter}: a figure is a PNG"
    figures = SVG_FIGURE.findall(page)
    assert figures, f"{chapter}: no figure found in the page"
    for title_id in figures:
        title = re.search(rf'<title id="{re.escape(title_id)}">([^<]*)</title>', page)
        assert title, f"{chapter}: figure {title_id} has no title"
        text = html_lib.unescape(title.group(1))
        assert len(text.split()) >= 12 and not re.search(r"\.(png|svg|jpe?g)$", text), (
            f"{chapter}: alt text is not a description: {text!r}")
