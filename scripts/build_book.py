"""Build the book with warnings as errors: the one build command of `make book` and the tests.

Jupyter Book's execution cache is keyed by each cell's source only, but pages also run the shared
package `linalg_ai/` (plotting helpers, the playgrounds' JavaScript saved into the widget state).
So the cache is dropped, and every page read again, whenever a file of that package changed since
the last build. Sphinx also writes nothing when no page source changed, not even the static files,
and it does not notice a changed extension: when the browser assets (book/_vendored/, book/_extra/)
or the book's Sphinx extensions (book/_ext/) changed, every page is read and written again (from
the cache).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "_build"
CACHE = BUILD / ".jupyter_cache"
FINGERPRINT = BUILD / ".linalg_ai.sha256"
ASSETS_FINGERPRINT = BUILD / ".assets.sha256"
FLAGS = ["-W", "-n", "--keep-going"]


def fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def changed(stamp: Path, current: str) -> bool:
    return not stamp.exists() or stamp.read_text() != current


def main() -> int:
    package = fingerprint(REPO / "linalg_ai")
    flags = FLAGS
    if changed(FINGERPRINT, package):
        print("linalg_ai/ changed since the last build: re-executing every page")
        shutil.rmtree(CACHE, ignore_errors=True)
        # Sphinx itself re-reads only the pages whose source changed: --all makes it read (and so
        # execute) every page, else unchanged pages keep the outputs of the old package.
        flags = [*FLAGS, "--all"]
    assets = fingerprint(REPO / "book" / "_vendored", REPO / "book" / "_extra", REPO / "book" / "_ext")
    if changed(ASSETS_FINGERPRINT, assets):
        # Sphinx copies the vendored files but never deletes them: drop any left from older pins.
        shutil.rmtree(BUILD / "html" / "_static" / "vendor", ignore_errors=True)
        flags = [*FLAGS, "--all"]
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([str(bin_dir / "jupyter-book"), "build", str(REPO), *flags], cwd=REPO, env=env)
    if result.returncode == 0:
        FINGERPRINT.write_text(package)
        ASSETS_FINGERPRINT.write_text(assets)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
