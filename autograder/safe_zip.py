"""Extracting a zip of submissions defensively: no absolute paths or `..`, no symlinks or devices,
capped member count and sizes (counted while extracting, never trusted from the header)."""
from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from autograder import settings

PATH_REASONS = ("no file name", "absolute path", "path leaves")


class UnsafeZip(Exception):
    """The archive cannot be used at all (unreadable, too many files, a zip bomb): plain words."""


def extract_zip(archive: Path, target: Path) -> list[str]:
    """Extract into `target` (created); returns a warning per member left out."""
    warnings, total = [], 0
    target.mkdir(parents=True)
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            if len(members) > settings.INTAKE.zip_files:
                raise UnsafeZip(f"{archive} holds more than {settings.INTAKE.zip_files} files")
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
                written = _copy_capped(bundle, member, destination, settings.INTAKE.zip_bytes - total)
                if written is None:
                    destination.unlink(missing_ok=True)
                    warnings.append(f"skipped {member.filename!r} in the zip: larger than "
                                    f"{settings.INTAKE.zip_file_bytes // 1024**2} MB")
                    continue
                total += written
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
        raise UnsafeZip(f"{archive} cannot be read as a zip file ({error})") from None
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
    if member.file_size > settings.INTAKE.zip_file_bytes:
        return f"larger than {settings.INTAKE.zip_file_bytes // 1024**2} MB"
    return None


def _copy_capped(bundle: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path,
                 room: int) -> int | None:
    """Copy one member, counting real bytes; None when over the member cap. UnsafeZip when the
    whole archive goes over its cap (a zip bomb)."""
    written = 0
    with bundle.open(member) as source, open(destination, "wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > room:
                raise UnsafeZip(f"the zip expands to more than {settings.INTAKE.zip_bytes // 1024**3} GB")
            if written > settings.INTAKE.zip_file_bytes:
                return None
            sink.write(chunk)
    return written
