"""Which of a student's files is the notebook to grade: one rule, however the submission arrived.

`grade`'s intake (a student's folder, a Canvas download) and a Gradescope upload use it alike:
- `exact`: `<assignment>.ipynb` itself, or `nbgrader`: nbgrader's `<assignment>/<assignment>.ipynb`;
  other notebooks beside it are named in a note and not graded;
- `renamed`: the only notebook, whatever its name (`Copy of dot_product.ipynb` from Colab,
  `dot_product (1).ipynb`, `Untitled.ipynb`), graded with a note naming it, unless the name is
  another assignment's of the course (`norms.ipynb`);
- nothing is guessed: several other notebooks, none at all, or a notebook that is a symbolic link
  (it could point at any file the grader can read, a master solution say) give no notebook and the
  reason in plain words, for the student and the instructor alike.

Hidden files and folders, macOS's `__MACOSX` and Jupyter's `.ipynb_checkpoints` are not the
student's work; a linked folder is never followed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from autograder import settings
from autograder.course import ASSIGNMENTS, notebook_name

IGNORED = {"__MACOSX", ".ipynb_checkpoints", ".DS_Store", ".git"}


@dataclass(frozen=True)
class Place:
    """How messages speak of where the files are."""
    within: str  # "the only notebook in the folder"
    seen: str  # "also found x.ipynb: not graded"
    gone_from: str  # "is missing from the folder"


FOLDER = Place("in the folder", "found", "from the folder")
UPLOAD = Place("uploaded", "uploaded", "from the upload")


@dataclass(frozen=True)
class Choice:
    notebook: PurePosixPath | None  # relative to the folder (a file name for a flat upload)
    rule: str  # exact, nbgrader or renamed; "none" when there is nothing to grade
    problem: str | None = None  # why there is nothing to grade
    kind: str | None = None  # missing, ambiguous, link or other_assignment
    notes: tuple[str, ...] = ()


def in_folder(folder: Path, assignment: str, place: Place = FOLDER) -> Choice:
    """The rule applied to every file under a folder."""
    notebooks, links, others = _files(folder)
    return choose(notebooks, assignment, place, links, others)


def choose(notebooks: list[PurePosixPath], assignment: str, place: Place,
           links: list[PurePosixPath] = (), others: list[PurePosixPath] = ()) -> Choice:
    """The rule itself: `notebooks` are the regular notebook files, `links` the notebooks and
    folders that are symbolic links, `others` the remaining files (named when nothing is found)."""
    expected = notebook_name(assignment)
    for rule, path in (("exact", PurePosixPath(expected)), ("nbgrader", PurePosixPath(assignment, expected))):
        if path in links:
            return _nothing("link", f"{path} is a symbolic link (the grader never follows one): hand in the "
                                    "notebook itself")
        if path in notebooks:
            rest = [n for n in notebooks if n != path]
            return Choice(path, rule, notes=(f"also {place.seen} {_listing(rest)}: not graded",) if rest else ())
    if len(notebooks) == 1:
        notebook = notebooks[0]
        other = other_assignment(notebook.name, assignment)
        if other:
            return _nothing("other_assignment", f"the only notebook, {notebook}, is the {other} assignment's, "
                                                f"not {expected}")
        return Choice(notebook, "renamed",
                      notes=(f"graded {notebook}, the only notebook {place.within} (expected {expected})",))
    if notebooks:
        return _nothing("ambiguous", f"no {expected} and {len(notebooks)} other notebooks, so none was graded: "
                                     f"{_listing(notebooks)}; keep only the one to grade, or rename it {expected}")
    if links:
        return _nothing("link", f"{_listing(links)} is a symbolic link (the grader never follows one): hand in "
                                "the notebook itself")
    found = f"found: {_listing(others)}" if others else "it is empty"
    return _nothing("missing", f"no notebook: {expected} is missing {place.gone_from} ({found})")


def other_assignment(file_name: str, assignment: str) -> str | None:
    """The course's other assignment a notebook's name says it is (norms.ipynb), if any."""
    stem = PurePosixPath(file_name).stem
    return stem if stem != assignment and stem in ASSIGNMENTS else None


def _nothing(kind: str, problem: str) -> Choice:
    return Choice(None, "none", problem, kind)


def _files(folder: Path) -> tuple[list[PurePosixPath], list[PurePosixPath], list[PurePosixPath]]:
    """(regular notebooks, notebooks and folders that are links, other files), relative, sorted."""
    notebooks, links, others = [], [], []
    for directory, folders, names in os.walk(folder):  # never into a linked folder
        base = PurePosixPath(Path(directory).relative_to(folder).as_posix())
        kept = sorted(name for name in folders if name not in IGNORED and not name.startswith("."))
        links += [base / name for name in kept if os.path.islink(os.path.join(directory, name))]
        folders[:] = [name for name in kept if not os.path.islink(os.path.join(directory, name))]
        for name in sorted(names):
            path = os.path.join(directory, name)
            if name in IGNORED or name.startswith("."):
                continue
            if name.endswith(".ipynb"):
                (links if os.path.islink(path) else notebooks if os.path.isfile(path) else others).append(base / name)
            elif os.path.isfile(path) and not os.path.islink(path):
                others.append(base / name)
    return sorted(notebooks), sorted(links), sorted(others)


def _listing(paths) -> str:
    at_most = settings.REPORTS.names_shown
    shown = ", ".join(str(path) for path in list(paths)[:at_most])
    return shown + (f" and {len(paths) - at_most} more" if len(paths) > at_most else "")
