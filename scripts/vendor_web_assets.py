"""Vendor the browser assets of the book from the npm registry into book/_vendored/.

The static book must run its widgets and typeset its maths with no network beyond its own files,
so require.js, anywidget's front end, MathJax and the widget manager are served from the build.
This script fetches the packages with `npm pack` at versions pinned together with the Python
packages in requirements.txt, checks each tarball against the integrity hash recorded here, copies
only the files the book needs, and builds the widget manager (scripts/build_widget_manager.py):

    book/_vendored/_static/vendor/<package>/...  -> _build/html/_static/vendor/ (html_extra_path)
    book/_vendored/_static/vendor/widget-manager/ -> the book's widget manager, bundled here
    book/_vendored/test-only/axe-core/axe.min.js -> read by the browser tests, not used by pages

then touches book/_vendored/.complete (the Makefile's stamp). Run: python scripts/vendor_web_assets.py
"""
from __future__ import annotations

import argparse
import base64
import fnmatch
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import build_widget_manager

REPO = Path(__file__).resolve().parents[1]
VENDORED = REPO / "book" / "_vendored"
STAMP = VENDORED / ".complete"
STATIC_VENDOR = Path("_static") / "vendor"


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # the registry's sha512 of the tarball, as `npm pack --json` reports it
    # (glob inside the tarball's package/ folder, destination folder under book/_vendored/)
    files: tuple[tuple[str, Path], ...]
    # A Python package whose pinned version must agree (name, version), or None.
    python_pin: tuple[str, str] | None = None


PACKAGES = (
    NpmPackage(
        "requirejs", "2.3.8",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
        (("require.js", STATIC_VENDOR / "requirejs"), ("package.json", STATIC_VENDOR / "requirejs")),
    ),
    # Must equal the pip anywidget version: its models ask for the front end "~0.11.*".
    NpmPackage(
        "anywidget", "0.11.0",
        "sha512-LHZgW2j5UjyerZSZcO+BtZPXGMSORQV2bUT480hOR5x/BXS8sOradi/71amJfMueSEnKX0dqPwTfsOGHTsyZpQ==",
        (("dist/index.js", STATIC_VENDOR / "anywidget"), ("LICENSE", STATIC_VENDOR / "anywidget")),
        python_pin=("anywidget", "0.11.0"),
    ),
    NpmPackage(
        "mathjax", "3.2.2",
        "sha512-Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw==",
        (
            ("es5/tex-mml-chtml.js", STATIC_VENDOR / "mathjax/es5"),
            ("es5/output/chtml/fonts/woff-v2/*.woff", STATIC_VENDOR / "mathjax/es5/output/chtml/fonts/woff-v2"),
            # Loaded on demand: TeX extensions (autoload), the context menu and its a11y tools.
            ("es5/input/tex/extensions/*.js", STATIC_VENDOR / "mathjax/es5/input/tex/extensions"),
            ("es5/ui/*.js", STATIC_VENDOR / "mathjax/es5/ui"),
            ("es5/a11y/*.js", STATIC_VENDOR / "mathjax/es5/a11y"),
            ("LICENSE", STATIC_VENDOR / "mathjax"),
        ),
    ),
    # Accessibility checker injected by the browser tests only.
    NpmPackage(
        "axe-core", "4.10.3",
        "sha512-Xm7bpRXnDSX2YE2YFfBk2FnF0ep6tmG7xPh8iHee8MIcrgq762Nkce856dYtJYLkuIoYZvGfTs/PbZhideTcEg==",
        (("axe.min.js", Path("test-only/axe-core")), ("LICENSE", Path("test-only/axe-core"))),
    ),
)


class VendorError(Exception):
    """A problem the user can fix; reported as one message, exit code 1."""


def check_python_pins(requirements: Path) -> None:
    """The npm versions above only fit the Python packages they were chosen for."""
    pins = {}
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line.strip())
        if match:
            pins[match.group(1).lower()] = match.group(2)
    # (the Python pin, what was chosen for it, where to update it)
    expectations = [
        (package.python_pin, f"{package.name}@{package.version} is vendored",
         f"the npm pin and integrity in {Path(__file__).name}")
        for package in PACKAGES if package.python_pin is not None
    ]
    expectations.append((build_widget_manager.PYTHON_PIN, "the widget manager is built",
                         "scripts/widget_manager/package.json and PYTHON_PIN in build_widget_manager.py"))
    for (name, expected), what, where in expectations:
        if pins.get(name) != expected:
            raise VendorError(
                f"requirements.txt pins {name}=={pins.get(name)}, but {what} for {name}=={expected}: "
                f"update {where}"
            )


def npm_pack(package: NpmPackage, workdir: Path) -> Path:
    """Download the package tarball with `npm pack` and check its sha512 integrity."""
    npm = build_widget_manager.find_npm()
    spec = f"{package.name}@{package.version}"
    proc = subprocess.run(
        [npm, "pack", spec, "--json", "--pack-destination", str(workdir)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise VendorError(f"`npm pack {spec}` failed (exit {proc.returncode}):\n{tail}")
    try:
        filename = json.loads(proc.stdout)[0]["filename"]
    except (ValueError, LookupError, TypeError):
        raise VendorError(f"`npm pack {spec}` printed no tarball name") from None
    # npm names scoped tarballs "scope-name-version.tgz"; older npm printed "@scope/name-...".
    tarball = workdir / filename.replace("@", "").replace("/", "-")
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != package.integrity:
        raise VendorError(f"{spec}: the tarball's sha512 does not match the pinned integrity; refusing to vendor it")
    return tarball


def matches_pattern(relative: str, pattern: str) -> bool:
    """Glob match where `*` stays within one folder (dist/*.woff does not match dist/a/b.woff)."""
    parts, pattern_parts = relative.split("/"), pattern.split("/")
    return len(parts) == len(pattern_parts) and all(
        fnmatch.fnmatchcase(part, glob) for part, glob in zip(parts, pattern_parts)
    )


def extract(package: NpmPackage, tarball: Path, target: Path) -> int:
    """Copy the wanted files out of the tarball; return how many were copied."""
    copied = 0
    with tarfile.open(tarball) as archive:
        members = [m for m in archive.getmembers() if m.isfile() and m.name.startswith("package/")]
        for pattern, destination in package.files:
            matches = [m for m in members if matches_pattern(m.name[len("package/"):], pattern)]
            if not matches:
                raise VendorError(f"{package.name}@{package.version} has no file matching {pattern!r}")
            folder = target / destination
            folder.mkdir(parents=True, exist_ok=True)
            for member in matches:
                with archive.extractfile(member) as source:
                    (folder / Path(member.name).name).write_bytes(source.read())
                copied += 1
    return copied


def main() -> int:
    # No options: the parser gives --help and rejects stray arguments with a usage message.
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    try:
        check_python_pins(REPO / "requirements.txt")
        with tempfile.TemporaryDirectory(prefix="vendor-") as tmp:
            staging = Path(tmp) / "staging"
            for package in PACKAGES:
                tarball = npm_pack(package, Path(tmp))
                count = extract(package, tarball, staging)
                print(f"vendored {package.name}@{package.version}: {count} files")
            build_widget_manager.build(staging / STATIC_VENDOR / "widget-manager")
            print("built the widget manager (scripts/widget_manager/)")
            # Replace the previous copy only once everything succeeded.
            STAMP.unlink(missing_ok=True)
            if VENDORED.exists():
                shutil.rmtree(VENDORED)
            shutil.copytree(staging, VENDORED)
        STAMP.touch()
    except (VendorError, build_widget_manager.WidgetManagerBuildError) as error:
        print(f"vendor_web_assets: {error}", file=sys.stderr)
        return 1
    size = sum(f.stat().st_size for f in VENDORED.rglob("*") if f.is_file())
    print(f"book/_vendored/ ready ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
