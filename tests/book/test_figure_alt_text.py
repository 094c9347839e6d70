"""Every figure of the chapters added for issue 12 describes itself: its <img> carries alt text written
as a description of what the figure shows, not a file name."""
import re

import pytest

NEW_CHAPTERS = ["basis_and_rank", "linear_systems", "eigenvectors", "svd", "tensors"]


@pytest.mark.parametrize("chapter", NEW_CHAPTERS)
def test_every_figure_has_descriptive_alt_text(built_book, chapter):
    html = (built_book / "book" / f"{chapter}.html").read_text()
    images = re.findall(r"<img [^>]*>", html)
    figures = [tag for tag in images if "_images/" in tag]
    assert figures, f"{chapter}: no figure found in the page"
    for tag in figures:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt, f"{chapter}: figure without alt text: {tag[:120]}"
        text = alt.group(1)
        assert len(text.split()) >= 12 and not re.search(r"\.(png|svg|jpe?g)$", text), (
            f"{chapter}: alt text is not a description: {text!r}")
