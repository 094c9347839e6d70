"""Sphinx extension: each script and stylesheet once per page.

Sphinx 7.4 writes an inline script that an extension adds after the HTML builder has started
twice into every page: once as added (file name None), and again when the builder re-reads the
registry before writing (file name ''), and the two do not compare equal. sphinx-thebe's inline
script is one of them and declares `const THEBE_JS_URL`, so its second copy throws "Identifier
'THEBE_JS_URL' has already been declared" on every page (sphinx-togglebutton's is another).
Identical assets are listed once here; the first copy keeps its place.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _key(asset) -> tuple:
    attributes = getattr(asset, "attributes", {})
    return (str(getattr(asset, "filename", asset) or ""), tuple(sorted(attributes.items())))


def first_of_each(assets: list) -> list:
    seen: set[tuple] = set()
    unique = []
    for asset in assets:
        key = _key(asset)
        if key not in seen:
            seen.add(key)
            unique.append(asset)
    return unique


def drop_repeated_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                         doctree) -> None:
    for name in ("script_files", "css_files"):
        if name in context:
            context[name] = first_of_each(context[name])


def setup(app: Sphinx) -> dict:
    # Late, once every extension has added its page assets.
    app.connect("html-page-context", drop_repeated_assets, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
