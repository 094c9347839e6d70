"""Sphinx extension: launch buttons only where they work.

sphinx-book-theme offers every configured service on every notebook page. Colab opens `.ipynb`
files only: on a chapter, a MyST Markdown notebook (`.md`), it would show the raw text. So the
Colab button is kept on pages whose source is an `.ipynb` (the exercises) and dropped elsewhere.
(The JupyterHub button needs no code: it appears only when `launch_buttons.jupyterhub_url` is set.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

# Services that open only the given source suffixes; any other service opens any notebook.
OPENS_ONLY = {"Colab": {".ipynb"}}


def keep_working_buttons(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                         doctree) -> None:
    if pagename not in app.env.all_docs:
        return
    suffix = Path(app.env.doc2path(pagename)).suffix
    header_buttons = context.get("header_buttons", [])
    for group in list(header_buttons):
        if group.get("label") != "launch-buttons":
            continue
        group["buttons"] = [
            button for button in group["buttons"]
            if suffix in OPENS_ONLY.get(button.get("text"), {suffix})
        ]
        if not group["buttons"]:
            header_buttons.remove(group)


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme's own html-page-context handler (priority 500) has added the buttons.
    app.connect("html-page-context", keep_working_buttons, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
