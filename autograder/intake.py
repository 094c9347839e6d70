"""From SUBMISSIONS (a folder or a zip) to one entry per student, whatever layout it came in.

The layouts instructors really get, each a rule (the entry's `rule` says which one matched):

- `canvas`: Canvas's "Download submissions", flat files `<name>[_LATE]_<user id>_<submission id>_<file>`
  (see canvas_files.py): the student is <name>, late work is flagged, the latest resubmission
  (`-1`, `-2`) is graded and the others are noted, the Canvas user id is kept for the export;
- `single`: `SUBMISSIONS/<assignment>.ipynb` itself, one student (`--student`, or the folder's name);
- one folder per student (a zip of them may wrap everything in one top folder), in which
  - `exact`: `<student>/<assignment>.ipynb`;
  - `nbgrader`: `<student>/<assignment>/<assignment>.ipynb`, nbgrader's course layout (`nbgrader
    collect`, the course's grading/submitted/), with the `timestamp.txt` nbgrader keeps there;
  - `renamed`: the folder's only notebook under another name (`Copy of dot_product.ipynb` from
    Colab, `dot_product (1).ipynb`, `Untitled.ipynb`), graded with a note naming it.

Which notebook of a student's files is graded is one rule, `notebook_choice` (Gradescope's uploads
follow it too). Nothing is guessed: no notebook, two candidate notebooks, a notebook that is a
symbolic link or that is another assignment's are a 0 with the reason (`problem`, and
`problem_kind` to tell whether a whole class failed the same way). Every student folder becomes an
entry.
"""
from __future__ import annotations

import shutil
import zipfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from dateutil.parser import parse as parse_date

from autograder import canvas_files, notebook_choice, settings
from autograder.safe_zip import UnsafeZip, extract_zip

IGNORED = notebook_choice.IGNORED
TIMESTAMP_FILE = "timestamp.txt"  # nbgrader's submission time, kept next to the notebook
RULES = {
    "exact": "<student>/{assignment}.ipynb",
    "nbgrader": "nbgrader's course layout",
    "renamed": "the folder's only notebook, renamed",
    "canvas": "Canvas download",
    "single": "one student's folder",
    "none": "nothing to grade",
}
STUDENT_ID_FORBIDDEN = set("/\\+*")  # path separators; nbgrader's exchange forbids + and *


class IntakeError(Exception):
    """SUBMISSIONS cannot be used at all (missing, not a folder or zip, unsafe)."""


@dataclass(frozen=True)
class StudentFolder:
    student_id: str
    folder: Path  # the student's files as their notebook sees them (copied into the sandbox)
    notebook: Path | None
    problem: str | None  # why there is nothing to grade
    rule: str = "exact"  # which layout rule matched (RULES)
    notes: tuple[str, ...] = ()  # what intake noticed: a renamed notebook, uploads left out
    source: str = ""  # what was graded, as found under SUBMISSIONS
    problem_kind: str | None = None  # missing, ambiguous, link, other_assignment
    late: bool = False  # Canvas marked the upload late
    canvas_user_id: str | None = None
    timestamp: str | None = None  # nbgrader's timestamp.txt, when the submission has one


def collect(submissions: Path, assignment: str, scratch: Path,
            student: str | None = None) -> tuple[list[StudentFolder], list[str]]:
    """Students sorted by id, and warnings (skipped zip members, stray files). `student` names the
    one student of a single-notebook SUBMISSIONS."""
    warnings: list[str] = []
    name = submissions.name
    if not submissions.exists():
        raise IntakeError(f"{submissions} does not exist")
    if submissions.is_file():
        if not zipfile.is_zipfile(submissions):
            raise IntakeError(f"{submissions} is neither a folder nor a zip file")
        root = scratch / "submissions"
        try:
            warnings += extract_zip(submissions, root)
        except UnsafeZip as error:
            raise IntakeError(str(error)) from None
        root = _unwrap(root, assignment)
        name = root.name if root != scratch / "submissions" else submissions.stem
    elif not submissions.is_dir():
        raise IntakeError(f"{submissions} is neither a folder nor a zip file")
    else:
        root = submissions
    entries = [e for e in sorted(root.iterdir()) if e.name not in IGNORED and not e.name.startswith(".")]
    if any(e.is_file() and e.suffix == ".ipynb" and canvas_files.parse(e.name) for e in entries):
        return _canvas(entries, assignment, scratch / "canvas", warnings)
    if _holds_assignment(root, assignment):
        return [_single(root, assignment, student or name)], warnings
    students = []
    for entry in entries:
        if not entry.is_dir():
            warnings.append(f"ignored {entry.name}: not a student folder")
            continue
        students.append(student_folder(entry, assignment))
    return students, warnings


def student_folder(folder: Path, assignment: str, student_id: str | None = None) -> StudentFolder:
    """One student's folder (`exact`, `nbgrader` or `renamed`), as `collect` lists it."""
    student_id = student_id or folder.name
    choice = notebook_choice.in_folder(folder, assignment)
    if choice.notebook is None:
        return _nothing(student_id, folder, choice.kind, choice.problem)
    notebook = folder / choice.notebook
    return _graded(student_id, notebook, choice.rule, choice.notes, _rel(notebook, folder.parent))


def describe(entry: StudentFolder, assignment: str) -> str:
    """The one intake line printed for a student: what was graded and by which rule."""
    rule = RULES[entry.rule].format(student=entry.student_id, assignment=assignment)
    if entry.notebook is None:
        return f"{entry.student_id}: nothing graded ({entry.problem})"
    extra = "".join(f"; {flag}" for flag in (("LATE" if entry.late else ""),
                                              (f"Canvas user {entry.canvas_user_id}" if entry.canvas_user_id else ""))
                    if flag)
    return f"{entry.student_id}: {entry.source} [{rule}{extra}]"


def valid_student_id(student_id: str) -> str | None:
    """Why a student id cannot be used (it names folders in nbgrader's layout), or None."""
    if not student_id.strip() or student_id in (".", "..") or student_id.startswith("."):
        return "it is empty or starts with a dot"
    bad = sorted(STUDENT_ID_FORBIDDEN & set(student_id))
    return f"it contains {' '.join(bad)}" if bad else None


# --- the rules --------------------------------------------------------------------------------
def _single(root: Path, assignment: str, student_id: str) -> StudentFolder:
    problem = valid_student_id(student_id)
    if problem:
        raise IntakeError(f"cannot use {student_id!r} as the student id ({problem}): give one with --student")
    entry = student_folder(root, assignment, student_id)
    return replace(entry, rule="single", source=_rel(entry.notebook, root.parent)) if entry.notebook else entry


def _canvas(entries: list[Path], assignment: str, scratch: Path,
            warnings: list[str]) -> tuple[list[StudentFolder], list[str]]:
    uploads: dict[tuple[str, str], list[tuple[canvas_files.CanvasFile, Path]]] = defaultdict(list)
    for entry in entries:
        parsed = canvas_files.parse(entry.name) if entry.is_file() and not entry.is_symlink() else None
        if parsed is None:
            warnings.append(f"ignored {entry.name}: not a file of Canvas's download")
            continue
        uploads[parsed.name, parsed.canvas_user_id].append((parsed, entry))
    users = defaultdict(set)
    for name, user in uploads:
        users[name].add(user)
    students = []
    for (name, user), files in sorted(uploads.items()):
        student_id = name if len(users[name]) == 1 else f"{name}_{user}"
        if student_id != name:
            warnings.append(f"two Canvas users are named {name}: graded as {name}_<Canvas user id>")
        students.append(_canvas_student(student_id, files, assignment, scratch / student_id))
    return sorted(students, key=lambda s: s.student_id), warnings


def _canvas_student(student_id: str, files, assignment: str, folder: Path) -> StudentFolder:
    """One student's uploads: their other files under their original names, the notebook chosen."""
    folder.mkdir(parents=True)
    user = files[0][0].canvas_user_id
    notebooks = [(parsed, path) for parsed, path in files if path.suffix == ".ipynb"]
    for parsed, path in sorted(files, key=lambda item: item[0].order):
        if path.suffix != ".ipynb":
            shutil.copyfile(path, folder / parsed.original)  # the latest upload of a name wins
    others = sorted({PurePosixPath(parsed.original) for parsed, _ in files if parsed.original not in
                     {p.original for p, _ in notebooks}})
    choice = notebook_choice.choose(sorted({PurePosixPath(parsed.original) for parsed, _ in notebooks}),
                                    assignment, notebook_choice.UPLOAD, others=others)
    if choice.notebook is None:
        return replace(_nothing(student_id, folder, choice.kind, choice.problem), canvas_user_id=user,
                       late=any(parsed.late for parsed, _ in files))
    pool = [item for item in notebooks if item[0].original == str(choice.notebook)]
    parsed, path = max(pool, key=lambda item: item[0].order)
    notes = list(choice.notes)
    if len(pool) > 1:
        notes.append(f"graded the latest of {len(pool)} uploads ({path.name}); earlier: "
                     + ", ".join(p.name for q, p in sorted(pool, key=lambda item: item[0].order) if p != path))
    notebook = folder / parsed.original
    shutil.copyfile(path, notebook)
    return StudentFolder(student_id, folder, notebook, None, "canvas", tuple(notes), path.name,
                         late=parsed.late, canvas_user_id=user)


# --- helpers ----------------------------------------------------------------------------------
def _graded(student_id: str, notebook: Path, rule: str, notes: tuple[str, ...], source: str) -> StudentFolder:
    return StudentFolder(student_id, notebook.parent, notebook, None, rule, notes, source,
                         timestamp=_timestamp(notebook.parent))


def _nothing(student_id: str, folder: Path, kind: str, problem: str) -> StudentFolder:
    return StudentFolder(student_id, folder, None, problem, "none", problem_kind=kind)


def _holds_assignment(root: Path, assignment: str) -> bool:
    """SUBMISSIONS is one student's own folder: the notebook sits right in it (or, nbgrader's
    layout of one student, in <assignment>/ with no other folder beside it)."""
    notebook = root / f"{assignment}.ipynb"
    if notebook.is_file() or notebook.is_symlink():
        return True
    folders = [e for e in root.iterdir() if e.is_dir() and e.name not in IGNORED and not e.name.startswith(".")]
    return [f.name for f in folders] == [assignment] and (root / assignment / f"{assignment}.ipynb").is_file()


def _unwrap(root: Path, assignment: str) -> Path:
    """A zip of one folder that holds the student folders (not itself a student's): that folder."""
    while True:
        entries = [e for e in root.iterdir() if e.name not in IGNORED]
        if len(entries) != 1 or not entries[0].is_dir() or _holds_assignment(entries[0], assignment):
            return root
        root = entries[0]


def _timestamp(folder: Path) -> str | None:
    path = folder / TIMESTAMP_FILE
    if path.is_symlink() or not path.is_file() or path.stat().st_size > settings.INTAKE.exchange_file_bytes:
        return None
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    try:
        parse_date(text)
    except (ValueError, OverflowError):
        return None  # as nbgrader would refuse it; the submission is graded without a time
    return text or None


def _rel(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def cleanup(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
