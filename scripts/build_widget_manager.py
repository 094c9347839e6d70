"""Bundle the book's widget manager (scripts/widget_manager/) with esbuild.

The book's playgrounds need ipywidgets' base and controls in the browser. html-manager's embed
bundle (3.6 MB) also carries the Output widget with JupyterLab's rendermime, the ipywidgets 7
models and a JSON-schema validator, and executing it took about half of a playground page's time
to interactive. scripts/widget_manager/embed.js renders the saved widget state with just what the
book uses. `npm ci` installs the pinned packages (package-lock.json: exact versions and sha512
integrity of every package, esbuild included) into a temporary folder; esbuild writes

    widget-manager.js           AMD modules "linalg-ai/widget-manager" and "@jupyter-widgets/base"
    widget-manager.css          the widgets' styles
    THIRD-PARTY-LICENSES.txt    name, version and licence text of every package in the bundle

Called by scripts/vendor_web_assets.py (which `make book` runs); also runs alone:
python scripts/build_widget_manager.py DESTINATION
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "widget_manager"
SOURCE_FILES = ("package.json", "package-lock.json", "embed.js", "embed.css")
OUTPUTS = ("widget-manager.js", "widget-manager.css", "THIRD-PARTY-LICENSES.txt")
# The Python package whose widget models this manager renders: ipywidgets 8 goes with
# @jupyter-widgets/base 6 and controls 5 (the versions jupyterlab_widgets 3.0 uses).
PYTHON_PIN = ("ipywidgets", "8.1.9")

ESBUILD_JS = [
    "embed.js", "--bundle", "--minify", "--format=iife", "--target=es2020",
    # The bundled UMD modules (backbone, ...) must not register themselves with require.js.
    "--define:define=undefined",
    "--legal-comments=none", "--metafile=out/js.meta.json", "--outfile=out/widget-manager.js",
]
ESBUILD_CSS = ["embed.css", "--bundle", "--minify", "--metafile=out/css.meta.json", "--outfile=out/widget-manager.css"]


class WidgetManagerBuildError(Exception):
    """A problem the user can fix; reported as one message."""


def run(command: list[str], cwd: Path, what: str) -> None:
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-8:])
        raise WidgetManagerBuildError(f"{what} failed (exit {proc.returncode}):\n{tail}")


def bundled_packages(work: Path) -> list[Path]:
    """The folders of the npm packages esbuild put into the bundles (from its metafiles)."""
    folders = set()
    for meta in ("js.meta.json", "css.meta.json"):
        for source in json.loads((work / "out" / meta).read_text(encoding="utf-8"))["inputs"]:
            parts = Path(source).parts
            if "node_modules" not in parts:
                continue
            at = len(parts) - 1 - parts[::-1].index("node_modules")  # the innermost package
            name = parts[at + 1: at + 3] if parts[at + 1].startswith("@") else parts[at + 1: at + 2]
            folders.add(work.joinpath(*parts[: at + 1], *name))
    return sorted(folders)


def licence_notices(folders: list[Path]) -> str:
    """Each package's name, version, licence and licence file, as the licences ask to be kept."""
    notices = []
    for folder in folders:
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        texts = [p.read_text(encoding="utf-8", errors="replace").strip()
                 for p in sorted(folder.iterdir()) if p.name.upper().startswith(("LICENSE", "LICENCE", "COPYING"))]
        heading = f"{meta['name']} {meta.get('version', '')} ({meta.get('license', 'see the package')})"
        notices.append("\n\n".join([heading, "-" * len(heading), *texts]))
    return "\n\n\n".join(notices) + "\n"


def find_npm() -> str:
    """npm's path (vendor_web_assets.py needs it too), or a message saying how to install it."""
    npm = shutil.which("npm")
    if npm is None:
        raise WidgetManagerBuildError(
            "npm is not installed: install Node.js and npm (e.g. `apt-get install npm`), then retry")
    return npm


def build(destination: Path) -> list[Path]:
    """Build the bundle into ``destination``; return the files written."""
    npm = find_npm()
    with tempfile.TemporaryDirectory(prefix="widget-manager-") as tmp:
        work = Path(tmp)
        for name in SOURCE_FILES:
            shutil.copy2(SOURCE / name, work / name)
        # --ignore-scripts: no install scripts run; esbuild's binary comes as a plain package.
        run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], work, "`npm ci` in scripts/widget_manager")
        esbuild = work / "node_modules" / ".bin" / "esbuild"
        run([str(esbuild), *ESBUILD_JS], work, "esbuild (widget-manager.js)")
        run([str(esbuild), *ESBUILD_CSS], work, "esbuild (widget-manager.css)")
        (work / "out" / "THIRD-PARTY-LICENSES.txt").write_text(
            licence_notices(bundled_packages(work)), encoding="utf-8")
        destination.mkdir(parents=True, exist_ok=True)
        written = []
        for name in OUTPUTS:
            shutil.copy2(work / "out" / name, destination / name)
            written.append(destination / name)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("destination", type=Path, help="folder to write the bundle into")
    args = parser.parse_args()
    try:
        files = build(args.destination)
    except WidgetManagerBuildError as error:
        print(f"build_widget_manager: {error}", file=sys.stderr)
        return 1
    for path in files:
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
