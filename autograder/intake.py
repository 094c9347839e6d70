"""From SUBMISSIONS (a folder or a zip) to one entry per student folder.

Layout: `<student_id>/<assignment>.ipynb` plus whatever else the student uploaded. A zip may also
wrap everything in one top folder. Every student folder becomes an entry, with a reason when there
is nothing to grade (no notebook, a misnamed one). Zips are extracted defensively: no absolute
paths or `..`, no symlinks or devices, capped member count and sizes (counted while extracting,
not trusted from the header).
"""
from __future__ import annotations

import shutil
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 50 * 1024**2
MAX_TOTAL_BYTES = 2 * 1024**3
PATH_REASONS = ("no file name", "absolute path", "path leaves")
IGNORED = {"__MACOSX", ".ipynb_checkpoints", ".DS_Store", ".git"}


class IntakeError(Exception):
    """SUBMISSIONS cannot be used at all (missing, not a folder or zip, unsafe)."""


@dataclass(frozen=True)
class StudentFolder:
    student_id: str
    folder: Path
    notebook: Path | None
    problem: str | None  # why there is nothing to grade


def collect(submissions: Path, assignment: str, scratch: Path) -> tuple[list[StudentFolder], list[str]]:
    """Student folders sorted by id, and warnings (skipped zip members, stray files)."""
    warnings: list[str] = []
    if not submissions.exists():
        raise IntakeError(f"{submissions} does not exist")
    if submissions.is_file():
        if not zipfile.is_zipfile(submissions):
            raise IntakeError(f"{submissions} is neither a folder nor a zip file")
        root = scratch / "submissions"
        warnings += extract_zip(submissions, root)
        submissions = _unwrap(root, assignment)
    elif not submissions.is_dir():
        raise IntakeError(f"{submissions} is neither a folder nor a zip file")
    students = []
    for entry in sorted(submissions.iterdir()):
        if entry.name in IGNORED or entry.name.startswith("."):
            continue
        if not entry.is_dir():
            warnings.append(f"ignored {entry.name}: not a student folder")
            continue
        students.append(_student(entry, assignment))
    return students, warnings


def student_folder(folder: Path, assignment: str) -> StudentFolder:
    """One student's folder, as `collect` lists it (for grading a single submission)."""
    return _student(folder, assignment)


def _student(folder: Path, assignment: str) -> StudentFolder:
    expected = f"{assignment}.ipynb"
    notebook = folder / expected
    if notebook.is_symlink():  # it could point at any file the grader can read (a master, say)
        return StudentFolder(folder.name, folder, None, "the notebook is a symbolic link, not a file")
    if notebook.is_file():
        return StudentFolder(folder.name, folder, notebook, None)
    others = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.ipynb")
                    if ".ipynb_checkpoints" not in p.parts)
    if others:
        problem = f"the notebook is misnamed: found {', '.join(others[:3])}, expected {expected}"
    else:
        problem = f"no notebook: {expected} is missing from the folder"
    return StudentFolder(folder.name, folder, None, problem)


def _unwrap(root: Path, assignment: str) -> Path:
    """A zip of one folder that holds the student folders: use that folder."""
    entries = [e for e in root.iterdir() if e.name not in IGNORED]
    if len(entries) == 1 and entries[0].is_dir() and not (entries[0] / f"{assignment}.ipynb").exists():
        return entries[0]
    return root


def extract_zip(archive: Path, target: Path) -> list[str]:
    warnings, total = [], 0
    target.mkdir(parents=True)
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            if len(members) > MAX_MEMBERS:
                raise IntakeError(f"{archive} holds more than {MAX_MEMBERS} files")
            for member in members:
                parts = PurePosixPath(member.filename.replace("\\", "/")).parts
                reason = _unsafe(member)
                if reason:
                    warnings.append(f"skipped {member.filename!r} in the zip: {reason}")
                    if not reason.startswith(PATH_REASONS) and len(parts) > 1:
                        # the student still uploaded something: their folder is listed
                        target.joinpath(*parts[:-1]).mkdir(parents=True, exist_ok=True)
                    continue
                destination = target.joinpath(*parts)
                if member.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                written = _copy_capped(bundle, member, destination, MAX_TOTAL_BYTES - total)
                if written is None:
                    destination.unlink(missing_ok=True)
                    warnings.append(f"skipped {member.filename!r} in the zip: larger than "
                                    f"{MAX_MEMBER_BYTES // 1024**2} MB")
                    continue
                total += written
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
        raise IntakeError(f"{archive} cannot be read as a zip file ({error})") from None
    return warnings


def _unsafe(member: zipfile.ZipInfo) -> str | None:
    name = member.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if not path.parts:
        return "no file name"
    if name.startswith("/") or ":" in path.parts[0]:
        return "absolute path"
    if any(part == ".." for part in path.parts):
        return "path leaves the folder (..)"
    mode = member.external_attr >> 16  # Unix mode, when the zip was made on Unix and says so
    if member.create_system == 3 and stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file (symlink or device)"
    if member.file_size > MAX_MEMBER_BYTES:
        return f"larger than {MAX_MEMBER_BYTES // 1024**2} MB"
    return None


def _copy_capped(bundle: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path,
                 room: int) -> int | None:
    """Copy one member, counting real bytes; None when over the member cap. IntakeError when the
    whole archive goes over its cap (a zip bomb)."""
    written = 0
    with bundle.open(member) as source, open(destination, "wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > room:
                raise IntakeError(f"the zip expands to more than {MAX_TOTAL_BYTES // 1024**3} GB")
            if written > MAX_MEMBER_BYTES:
                return None
            sink.write(chunk)
    return written


def cleanup(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
