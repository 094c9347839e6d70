"""Sphinx extension: the site's own `index.html`, a redirect to the book's first page.

The book's root page is `book/index`, so the site root needs a page that sends readers there.
sphinx-external-toc writes a bare `<meta http-equiv="Refresh">` file when none exists; a browser
then asks for `/favicon.ico`, which is not there (a 404 in the console). This one names an empty
inline icon (the page is gone at once, and a real icon's request would be cut off by the redirect),
has a title, and links to the first page for readers whose browser does not follow the refresh.
It is written first, so sphinx-external-toc leaves it alone.
"""
from __future__ import annotations

import html
from pathlib import Path

from sphinx.application import Sphinx

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="Refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<link rel="icon" href="data:,">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def write_root_redirect(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = html.escape(app.builder.get_target_uri(app.config.root_doc))
    page = PAGE.format(language=app.config.language or "en", title=html.escape(app.config.html_title),
                       target=target)
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # Before sphinx-external-toc's own build-finished handler (priority 500).
    app.connect("build-finished", write_root_redirect, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
