"""What the Gradescope zip holds of the grader: exactly the files grading imports, and their pins.

The grader's own modules are found by following imports (also those inside functions, so rare
paths are covered) from the runner, from each assignment's spec (`specs/__init__.py` imports them
by name) and from the files the sandbox runs by path (`sandbox/inside/`, bound at /grader). What
those files import from outside the grader and the standard library is what setup.sh must
install: each such module's distribution, its own dependencies, pinned at this repository's
versions (requirements.txt). The book's packages (torch, jupyter-book) and nbgrader never enter:
grading does not import them.
"""
from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from autograder.course import ASSIGNMENTS, REPO
from autograder.sandbox.command import HARNESS_FILES, ZYGOTE_FILE

PACKAGE = "autograder"
RUNNER = "autograder.gradescope.run"
PIN = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)")


class ContentsError(Exception):
    """The zip cannot be made as asked: a module or a pin is missing."""


def grader_modules(repo: Path = REPO) -> list[Path]:
    """The grader's .py files grading needs (the import closure), sorted, relative to repo."""
    roots = [RUNNER, *(f"{PACKAGE}.specs.{name}" for name in ASSIGNMENTS)]
    seen: set[Path] = set()
    pending = [path for name in roots for path in _package_chain(name, repo)]
    pending += [source.relative_to(repo) for source in sandbox_files(repo)]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _grader_imports(repo, path):
            pending.extend(_package_chain(name, repo))
    return sorted(seen)


def sandbox_files(repo: Path = REPO) -> list[Path]:
    """The files the sandbox runs by path at /grader (the harness, the zygote and their helpers)."""
    files = [*HARNESS_FILES.values(), ZYGOTE_FILE]
    return sorted({repo / path.resolve().relative_to(REPO) for path in files})


def outside_imports(files: list[Path]) -> set[str]:
    """Top-level names the files import that are neither the grader's nor the standard library's."""
    inside_names = {path.stem for path in sandbox_files()}  # `import codec` at /grader
    names = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - {PACKAGE, "__future__"} - inside_names - set(sys.stdlib_module_names)


def requirements(modules: set[str], pins_file: Path = REPO / "requirements.txt") -> list[str]:
    """`name==version` lines for the distributions providing `modules` and all they depend on,
    at the versions pinned in pins_file. ContentsError names anything missing."""
    pins = read_pins(pins_file)
    providers = metadata.packages_distributions()
    wanted = []
    for module in sorted(modules):
        if module not in providers:
            raise ContentsError(f"no installed distribution provides the module {module!r}")
        wanted.extend(providers[module])
    lines, seen = [], set()
    while wanted:
        name = canonicalize_name(wanted.pop())
        if name in seen:
            continue
        seen.add(name)
        if name not in pins:
            raise ContentsError(f"{name} is needed for grading but not pinned in {pins_file.name}")
        lines.append(f"{pins[name][0]}=={pins[name][1]}")
        wanted.extend(_dependencies(name))
    return sorted(lines, key=str.lower)


def read_pins(pins_file: Path) -> dict[str, tuple[str, str]]:
    """canonical name -> (name as written, version) of every `name==version` line."""
    pins = {}
    for line in pins_file.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = (match.group(1), match.group(2))
    return pins


def _dependencies(distribution: str) -> list[str]:
    """The distribution's own requirements that apply here (markers evaluated, no extras)."""
    found = []
    for text in metadata.requires(distribution) or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            found.append(requirement.name)
    return found


def _grader_imports(repo: Path, path: Path) -> set[str]:
    """Dotted names of the grader's modules that a file (path, relative to repo) imports, absolute
    or relative; for `from package import name` also `package.name`, which may be a module."""
    names = set()
    for node in ast.walk(ast.parse((repo / path).read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to the file's package
                package = path.parent.parts[: len(path.parent.parts) - node.level + 1]
                base = ".".join(filter(None, [*package, base]))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == PACKAGE or name.startswith(PACKAGE + ".")}


def _package_chain(dotted: str, repo: Path) -> list[Path]:
    """The module's file and every package __init__.py above it (a namespace package has none);
    [] if the name is no module (an attribute in `from package import attribute`)."""
    parts = dotted.split(".")
    as_module = Path(*parts).with_suffix(".py")
    as_package = Path(*parts, "__init__.py")
    target = as_module if (repo / as_module).is_file() else as_package if (repo / as_package).is_file() else None
    if target is None:
        return []
    packages = (Path(*parts[:depth], "__init__.py") for depth in range(1, len(parts)))
    return [*(path for path in packages if (repo / path).is_file()), target]
