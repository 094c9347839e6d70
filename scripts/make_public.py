"""Write the student-facing copy of the course, the tree of its public repository.

    python scripts/make_public.py                  # into _build/public/ (what `make public` runs)
    python scripts/make_public.py --out DIR

This repository is the instructors' one: it holds the solutions (`solutions/`), the grader with its
reference implementations, hidden test cases and secret seed (`autograder/`). Students get a second
repository that holds only what the book and the exercises need: the chapters, the released
exercises, the book's package `linalg_ai`, the pins, the build scripts and Binder's set-up. Every
file is copied from an explicit list (nothing is published by default); `_toc.yml` loses the pages
that are not published, and the README and the Makefile are cut down to their public parts. The
tree is then searched for every distinctive line of the answers (scripts/answer_leaks.py): if one
is there, the command fails and the tree must not be published.

Exit codes: 0 written and checked; 1 an answer was found in the tree; 2 bad usage.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

import yaml

from answer_leaks import Answers

REPO = Path(__file__).resolve().parents[1]
MARKER = ".public-tree"  # written into the tree; only such a folder is ever replaced

# Copied as they are (folders whole, minus caches).
PUBLISHED = [
    "book",
    "exercises",
    "linalg_ai",
    "binder",
    "_config.yml",
    "requirements.txt",
    "pyproject.toml",
    ".gitignore",
    "scripts/build_book.py",
    "scripts/vendor_web_assets.py",
    "scripts/build_widget_manager.py",
    "scripts/widget_manager",
]
# Inside the folders above, but for instructors only.
NOT_PUBLISHED = {
    "book/for_instructors.md",  # the grading workflow; it needs this repository
    "exercises/README.md",  # how exercises/ is generated from solutions/
}
IGNORED_NAMES = {"__pycache__", ".ipynb_checkpoints", "_build", "_vendored", "node_modules"}
# README sections that speak to readers and students; the rest is about this repository.
README_SECTIONS = ("For readers", "For students")
# Makefile targets that need files the public tree does not have.
PRIVATE_TARGETS = {"test", "system-deps", "public"}
GENERATED = "Written by `make public` in the course's own repository: change it there, not here."


class UsageError(Exception):
    pass


def _ignored(path: Path) -> bool:
    return bool(IGNORED_NAMES & set(path.parts)) or path.name.endswith(".egg-info")


def copy_published(out: Path) -> list[str]:
    copied = []
    for name in PUBLISHED:
        source = REPO / name
        if not source.exists():
            raise UsageError(f"{name} is listed as published but missing from the repository")
        files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        for path in files:
            relative = path.relative_to(REPO)
            if relative.as_posix() in NOT_PUBLISHED or _ignored(relative):
                continue
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            copied.append(relative.as_posix())
    return copied


def public_toc(toc: dict, published: set[str]) -> dict:
    """The table of contents without the pages that are not published (and parts left empty)."""

    def keep(entries):
        kept = []
        for entry in entries or []:
            if "file" in entry and not any(f"{entry['file']}{s}" in published for s in (".md", ".ipynb")):
                continue
            entry = dict(entry)
            for key in ("sections", "chapters"):
                if key in entry:
                    entry[key] = keep(entry[key])
            kept.append(entry)
        return kept

    toc = dict(toc)
    if "parts" in toc:
        toc["parts"] = [dict(part, chapters=keep(part.get("chapters"))) for part in toc["parts"]]
        toc["parts"] = [part for part in toc["parts"] if part["chapters"]]
    if "chapters" in toc:
        toc["chapters"] = keep(toc["chapters"])
    return toc


def public_readme(readme: str) -> str:
    """The README's title and introduction, then its sections for readers and students."""
    title_and_intro, *sections = re.split(r"(?m)^(?=## )", readme)
    wanted = [s for s in sections if s.splitlines()[0].removeprefix("## ").strip() in README_SECTIONS]
    missing = set(README_SECTIONS) - {s.splitlines()[0].removeprefix("## ").strip() for s in wanted}
    if missing:
        raise UsageError(f"README.md has no section {', '.join(sorted(missing))}")
    return f"{title_and_intro.rstrip()}\n\n_{GENERATED}_\n\n" + "".join(wanted)


def public_makefile(makefile: str) -> str:
    """The Makefile without its private targets; its header comment says where it comes from."""
    blocks = re.split(r"\n{2,}", makefile.strip("\n"))
    header, *rest = blocks
    header_lines = header.splitlines()
    while header_lines and header_lines[0].startswith("#"):
        header_lines.pop(0)
    kept = [f"# {GENERATED}\n# `make book` builds the book into _build/html; `make serve` serves it on 127.0.0.1.\n"
            + "\n".join(header_lines)]
    for block in rest:
        rules = [line.split(":", 1)[0] for line in block.splitlines() if re.match(r"^[\w.-]+:", line)]
        if PRIVATE_TARGETS & set(rules):
            continue
        if block.startswith(".PHONY:") or "\n.PHONY:" in block:
            block = "\n".join(
                ".PHONY: " + " ".join(t for t in line.split(":", 1)[1].split() if t not in PRIVATE_TARGETS)
                if line.startswith(".PHONY:") else line
                for line in block.splitlines()
            )
        kept.append(block)
    return "\n\n".join(kept) + "\n"


def prepare(out: Path) -> None:
    """Empty `out`, refusing anything but a folder this script wrote (or an empty or new one)."""
    out = out.resolve()
    inside_sources = out.is_relative_to(REPO) and not out.is_relative_to(REPO / "_build")
    if REPO.is_relative_to(out) or inside_sources:  # the repository itself, a parent, or its sources
        raise UsageError(f"{out} would overwrite the repository: write under _build/ or outside it")
    if out.exists():
        if not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file()):
            raise UsageError(f"{out} exists and was not written by make_public.py: choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def make_public(out: Path) -> list[str]:
    """Write the tree into `out`; return the answers found in it (empty: safe to publish)."""
    prepare(out)
    copied = set(copy_published(out))
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    (out / "_toc.yml").write_text(f"# {GENERATED}\n" + yaml.safe_dump(public_toc(toc, copied), sort_keys=False),
                                  encoding="utf-8")
    (out / "README.md").write_text(public_readme((REPO / "README.md").read_text(encoding="utf-8")),
                                   encoding="utf-8")
    (out / "Makefile").write_text(public_makefile((REPO / "Makefile").read_text(encoding="utf-8")),
                                  encoding="utf-8")
    (out / MARKER).write_text(f"{GENERATED}\n", encoding="utf-8")
    return Answers.of(REPO).leaks_in(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the course's public, answer-free tree.")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "public",
                        help="where to write it (default: _build/public/)")
    args = parser.parse_args(argv)
    try:
        leaks = make_public(args.out)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if leaks:
        print(f"error: {args.out} holds {len(leaks)} line(s) of the answers; do not publish it:", file=sys.stderr)
        for leak in leaks[:20]:
            print(f"  {leak}", file=sys.stderr)
        return 1
    print(f"wrote the public tree to {args.out} (no solution, hidden test, reference or seed in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
