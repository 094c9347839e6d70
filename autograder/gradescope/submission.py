"""Which file of a Gradescope upload is the notebook to grade.

Gradescope puts whatever one student uploaded into /autograder/submission/: the notebook, maybe
misnamed by a download or a copy ("Copy of dot_product.ipynb", "dot_product (1).ipynb",
"dot_product-Copy1.ipynb"), maybe inside a folder of a zip, maybe next to other files. The upload
is one student's, so a single notebook is theirs whatever its name. Chosen, in order: the notebook
named <assignment>.ipynb (the least deep one); else the only notebook; else the only one whose name
contains the assignment's name. Anything else (none, or several with no way to choose) is a
problem in plain words, and the student scores 0 with that reason, as with `grade`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Not the student's work: macOS zip metadata, Jupyter's autosaves, version control.
IGNORED_DIRS = {"__MACOSX", ".ipynb_checkpoints", ".git"}
MAX_NAMES_SHOWN = 5


@dataclass(frozen=True)
class Upload:
    notebook: Path | None  # the notebook to grade, None when there is none to grade
    problem: str | None = None  # why there is none (for the student, plain words)
    note: str | None = None  # what was chosen when the name was not the expected one


def find_notebook(folder: Path, assignment: str) -> Upload:
    expected = f"{assignment}.ipynb"
    notebooks, links = _notebooks(folder)
    exact = [path for path in notebooks if path.name == expected]
    if exact:
        return Upload(min(exact, key=lambda path: (len(path.parts), str(path))))
    named = [path for path in notebooks if assignment in path.name]
    chosen = notebooks if len(notebooks) == 1 else named if len(named) == 1 else []
    if chosen:
        shown = chosen[0].relative_to(folder).as_posix()
        return Upload(chosen[0], note=f"graded {shown} (the notebook is expected to be named {expected})")
    if notebooks:
        names = ", ".join(path.relative_to(folder).as_posix() for path in notebooks[:MAX_NAMES_SHOWN])
        return Upload(None, f"several notebooks were uploaded and none is named {expected} ({names}): "
                            f"upload only your {expected}")
    if links:
        return Upload(None, f"{links[0].relative_to(folder).as_posix()} is a symbolic link, not a file: "
                            "upload the notebook itself")
    others = sorted(path.relative_to(folder).as_posix() for path in _files(folder))
    found = f" (found: {', '.join(others[:MAX_NAMES_SHOWN])})" if others else " (the upload is empty)"
    return Upload(None, f"no notebook was uploaded: expected {expected}{found}")


def _notebooks(folder: Path) -> tuple[list[Path], list[Path]]:
    """(regular .ipynb files, .ipynb symbolic links), sorted; a link could point at any file
    the grader can read, so it is never graded."""
    files, links = [], []
    for path in _files(folder, with_links=True):
        if path.suffix == ".ipynb":
            (links if path.is_symlink() else files).append(path)
    return sorted(files), sorted(links)


def _files(folder: Path, with_links: bool = False) -> list[Path]:
    """The upload's files, hidden ones and folders aside."""
    found = []
    for directory, subdirectories, names in os.walk(folder):  # does not follow linked folders
        subdirectories[:] = sorted(d for d in subdirectories if d not in IGNORED_DIRS and not d.startswith("."))
        for name in names:
            path = Path(directory) / name
            if not name.startswith(".") and (path.is_file() or (with_links and path.is_symlink())):
                found.append(path)
    return found
