"""Build the book with warnings as errors: the one build command of `make book` and the tests.

Jupyter Book's execution cache is keyed by each cell's source only, but pages also run the shared
package `linalg_ai/` (plotting helpers, the playgrounds' JavaScript saved into the widget state).
So the cache is dropped whenever a file of that package changed since the last build.
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
FLAGS = ["-W", "-n", "--keep-going"]


def package_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((REPO / "linalg_ai").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> int:
    fingerprint = package_fingerprint()
    if CACHE.exists() and (not FINGERPRINT.exists() or FINGERPRINT.read_text() != fingerprint):
        print("linalg_ai/ changed since the last build: re-executing every page")
        shutil.rmtree(CACHE)
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([str(bin_dir / "jupyter-book"), "build", str(REPO), *FLAGS], cwd=REPO, env=env)
    if result.returncode == 0:
        FINGERPRINT.write_text(fingerprint)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
