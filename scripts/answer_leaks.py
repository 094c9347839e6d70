"""Find the course's answers in a tree of files: what `make public` must never publish.

The answers are the lines of the solutions and of the hidden tests in the nbgrader masters
(`solutions/`, between `### BEGIN SOLUTION` / `### END SOLUTION` and `### BEGIN HIDDEN TESTS` /
`### END HIDDEN TESTS`), every line of the grader's reference implementations and test-case specs
(`autograder/reference/`, `autograder/specs/`), and the secret seed of the hidden cases.

A line only counts when it is distinctive. A chapter may legitimately show `for x, y in zip(a, b):`
or `total = 0.0`: whatever the published sources themselves say (the book, the released exercises,
the book's package) is not an answer, and neither is a line too short to tell anything
(`return total`). What is left (the check of the shapes with its exact message, the numerically
stable softmax, `check_function("dot_product", "dot", dot)`, the spec of a hidden case) would give
an answer away wherever it appears.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

MIN_LENGTH = 16  # characters, once whitespace is collapsed
MARKERS = {
    "### BEGIN SOLUTION": "### END SOLUTION",
    "### BEGIN HIDDEN TESTS": "### END HIDDEN TESTS",
}
# Published sources: their lines are not secrets, wherever else they appear.
PUBLISHED_SOURCES = ("book", "exercises", "linalg_ai")
# Files whose every line is an answer.
ANSWER_FOLDERS = ("autograder/reference", "autograder/specs")
SECRET_SEED = "autograder/.secret_seed"
TEXT_SUFFIXES = {
    ".py", ".md", ".ipynb", ".txt", ".yml", ".yaml", ".toml", ".cfg", ".json", ".js", ".css",
    ".html", ".csv", ".sh", ".rst", "",
}


def normalize(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _notebook_sources(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell.get("source", "")) for cell in notebook.get("cells", [])]


def _text_lines(path: Path) -> list[str]:
    """The lines a reader of the file sees: cell sources for notebooks, text for HTML."""
    if path.suffix == ".ipynb":
        try:
            return [line for source in _notebook_sources(path) for line in source.splitlines()]
        except (ValueError, AttributeError):
            pass  # not a well-formed notebook: read it as text
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        from bs4 import BeautifulSoup  # installed with the book (sphinx-book-theme)

        text = BeautifulSoup(text, "html.parser").get_text()
    return text.splitlines()


def _marked_lines(source: str) -> list[str]:
    """Lines between the nbgrader solution and hidden-test markers of one cell."""
    inside, lines = None, []
    for line in source.splitlines():
        stripped = line.strip()
        if inside is None and stripped in MARKERS:
            inside = MARKERS[stripped]
        elif inside is not None and stripped == inside:
            inside = None
        elif inside is not None:
            lines.append(line)
    return lines


def _files(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in TEXT_SUFFIXES:
            yield path


@dataclass
class Answers:
    """The distinctive answer lines of a course repository, and where each comes from."""

    lines: dict[str, str]  # normalized line -> the file it comes from (relative to the repository)
    seed: str | None

    @classmethod
    def of(cls, repo: Path) -> "Answers":
        candidates: dict[str, str] = {}
        for master in sorted((repo / "solutions").glob("*/*.ipynb")):
            for source in _notebook_sources(master):
                for line in _marked_lines(source):
                    candidates.setdefault(normalize(line), str(master.relative_to(repo)))
        for folder in ANSWER_FOLDERS:
            for path in _files(repo / folder):
                for line in path.read_text(encoding="utf-8").splitlines():
                    candidates.setdefault(normalize(line), str(path.relative_to(repo)))
        published = {normalize(line) for name in PUBLISHED_SOURCES for path in _files(repo / name)
                     for line in _text_lines(path)}
        lines = {line: origin for line, origin in candidates.items()
                 if len(line) >= MIN_LENGTH and line not in published}
        seed_file = repo / SECRET_SEED
        seed = seed_file.read_text(encoding="utf-8").strip() if seed_file.is_file() else None
        return cls(lines, seed or None)

    def count_from(self, origin_prefix: str) -> int:
        return sum(origin.startswith(origin_prefix) for origin in self.lines.values())

    def leaks_in(self, tree: Path) -> list[str]:
        """One line of text per answer found under `tree`: the file, its line, and where the
        answer comes from. Also any file or folder whose name says it holds answers."""
        found = []
        for path in sorted(tree.rglob("*")):
            relative = path.relative_to(tree)
            if path.name in {"solutions", "autograder", ".secret_seed"}:
                found.append(f"{relative}: a course-only {'folder' if path.is_dir() else 'file'}")
            if not path.is_file() or path.suffix not in TEXT_SUFFIXES or "__pycache__" in path.parts:
                continue
            for number, line in enumerate(_text_lines(path), 1):
                text = normalize(line)
                if text in self.lines:
                    found.append(f"{relative}:{number}: {text!r} (from {self.lines[text]})")
                elif self.seed and self.seed in line:
                    found.append(f"{relative}:{number}: the secret seed of the hidden cases")
        return found
