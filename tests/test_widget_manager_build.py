"""The book's widget manager bundle (scripts/build_widget_manager.py, scripts/widget_manager/).

The browser tests show that it renders every playground; these check how it is built: pinned to
the widget packages the Python side uses, and shipped with the licences of what it bundles.
"""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "scripts" / "widget_manager"
BUILT = REPO / "book" / "_vendored" / "_static" / "vendor" / "widget-manager"
LAB_MANAGER = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_widget_manager", REPO / "scripts" / "build_widget_manager.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def caret_allows(spec: str, version: str) -> bool:
    """npm's ^x.y.z for x >= 1: same major version, not older than x.y.z."""
    wanted = tuple(int(part) for part in spec.lstrip("^").split("."))
    have = tuple(int(part) for part in version.split("."))
    return have[0] == wanted[0] and have >= wanted


def test_widget_packages_are_the_ones_jupyterlab_widgets_uses():
    # The same models are rendered by JupyterLab (jupyterlab_widgets) and by the book: the
    # versions pinned for the book must satisfy the ranges JupyterLab's widget manager asks for.
    pinned = json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lab = json.loads((LAB_MANAGER / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name in ("@jupyter-widgets/base", "@jupyter-widgets/base-manager", "@jupyter-widgets/controls"):
        assert caret_allows(lab[name], pinned[name]), f"{name}: book pins {pinned[name]}, JupyterLab wants {lab[name]}"


def test_lockfile_pins_every_package_with_its_integrity():
    lock = json.loads((SOURCE / "package-lock.json").read_text(encoding="utf-8"))
    packages = {path: entry for path, entry in lock["packages"].items() if path}
    assert packages, "package-lock.json lists no package"
    missing = [path for path, entry in packages.items() if not entry.get("integrity", "").startswith("sha512-")]
    assert not missing, f"packages without a sha512 integrity: {missing[:5]}"
    declared = json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, version in declared.items():
        assert packages[f"node_modules/{name}"]["version"] == version


def test_bundled_packages_are_read_from_esbuild_metafiles(tmp_path):
    builder = load_builder()
    (tmp_path / "out").mkdir()
    js_inputs = {"embed.js": {}, "node_modules/@scope/pkg/lib/a.js": {}, "node_modules/@scope/pkg/lib/b.js": {},
                 "node_modules/outer/node_modules/inner/index.js": {}}
    (tmp_path / "out" / "js.meta.json").write_text(json.dumps({"inputs": js_inputs}))
    (tmp_path / "out" / "css.meta.json").write_text(json.dumps({"inputs": {"node_modules/plain/style.css": {}}}))
    assert builder.bundled_packages(tmp_path) == sorted([
        tmp_path / "node_modules" / "@scope" / "pkg",
        tmp_path / "node_modules" / "outer" / "node_modules" / "inner",
        tmp_path / "node_modules" / "plain",
    ])


def test_licence_notices_keep_each_licence_text(tmp_path):
    builder = load_builder()
    package = tmp_path / "node_modules" / "tiny"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "tiny", "version": "1.2.3", "license": "MIT"}))
    (package / "LICENSE").write_text("Copyright (c) Tiny Authors\nPermission is hereby granted...\n")
    notice = builder.licence_notices([package])
    assert notice.startswith("tiny 1.2.3 (MIT)\n")
    assert "Copyright (c) Tiny Authors" in notice


def test_built_bundle_defines_its_modules_and_ships_licences():
    bundle = (BUILT / "widget-manager.js").read_text(encoding="utf-8")
    assert 'define("linalg-ai/widget-manager"' in bundle
    assert 'define("@jupyter-widgets/base"' in bundle
    # No URL to fetch code from at run time: the html-manager embed bundle fell back to a CDN.
    assert not re.search(r"cdn\.|unpkg|jsdelivr", bundle)
    assert (BUILT / "widget-manager.css").stat().st_size > 10_000
    licences = (BUILT / "THIRD-PARTY-LICENSES.txt").read_text(encoding="utf-8")
    for name in ("@jupyter-widgets/base", "@jupyter-widgets/controls", "@lumino/widgets", "backbone", "nouislider"):
        assert re.search(rf"^{re.escape(name)} \d+\.\d+\.\d+ \(", licences, re.M), f"{name} missing from the licences"
