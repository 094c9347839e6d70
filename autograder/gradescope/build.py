"""The autograder zip for Gradescope: `python -m autograder gradescope ASSIGNMENT --out FILE.zip`.

At the zip's root, as Gradescope's specification asks: `setup.sh` (run once when the image is built)
and `run_autograder` (run for each submission), plus what they use:
  autograder/...                     the grader modules grading imports (see `contents`)
  autograder/.secret_seed            the course's seed, so the hidden cases are those of `grade`
  exercises/<a>/<a>.ipynb            the released notebook (its test cells are recognised, never run)
  requirements.txt                   the Python packages grading imports, at the course's pins
  grader_error_results.json          what run_autograder reports if Python cannot start the grader
Never solutions/, the book, nbgrader or torch. The zip is the same bytes for the same sources and
seed (sorted entries, fixed timestamps).
"""
from __future__ import annotations

import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.gradescope.contents import ContentsError, grader_modules, outside_imports, requirements
from autograder.gradescope.results import grader_error_json
from autograder.course import REPO, released_notebook
from autograder.specs import load_spec
from autograder.specs.base import SEED_FILE, secret_seed

TEMPLATES = Path(__file__).resolve().parent / "templates"
EXECUTABLE = ("setup.sh", "run_autograder")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
NO_PYTHON = ("the grader's Python environment did not start; the autograder's output says why "
             "(was setup.sh run, did its pip install succeed?)")


@dataclass(frozen=True)
class Built:
    path: Path
    files: int
    requirements: list[str]

    def __str__(self) -> str:
        return (f"Wrote {self.path} ({self.files} files). On Gradescope: Configure Autograder, upload "
                f"it as a zip; setup.sh installs bubblewrap and {', '.join(self.requirements)}.")


def build_zip(assignment: str, out: Path, repo: Path = REPO) -> Built:
    spec = load_spec(assignment)
    released = released_notebook(assignment, repo).relative_to(repo)
    if not (repo / released).is_file():
        raise ContentsError(f"{released} is missing: release it first (scripts/release_exercises.py {assignment})")
    modules = grader_modules(repo)
    pins = requirements(outside_imports([repo / path for path in modules]), repo / "requirements.txt")
    entries = {path.as_posix(): (repo / path).read_bytes() for path in modules}
    entries[released.as_posix()] = (repo / released).read_bytes()
    entries[SEED_FILE.relative_to(REPO).as_posix()] = f"{secret_seed()}\n".encode()
    entries["requirements.txt"] = ("# What grading imports, at the course's pins (written by "
                                   "`python -m autograder gradescope`).\n" + "\n".join(pins) + "\n").encode()
    entries["setup.sh"] = (TEMPLATES / "setup.sh").read_bytes()
    entries["run_autograder"] = _run_autograder(assignment)
    entries["grader_error_results.json"] = json.dumps(grader_error_json(spec, NO_PYTHON), indent=1).encode()
    _write_zip(out, entries)
    return Built(out, len(entries), pins)


def _run_autograder(assignment: str) -> bytes:
    template = (TEMPLATES / "run_autograder").read_text(encoding="utf-8")
    if template.count("__ASSIGNMENT__") != 1:
        raise ContentsError("templates/run_autograder must name __ASSIGNMENT__ exactly once")
    return template.replace("__ASSIGNMENT__", assignment).encode()


def _write_zip(out: Path, entries: dict[str, bytes]) -> None:
    """All or nothing: a half-written zip never takes the place of a good one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the modes below are read by unzip
            info.external_attr = _mode(name) << 16
            bundle.writestr(info, entries[name])
    os.replace(partial, out)


def _mode(name: str) -> int:
    if name in EXECUTABLE:
        return 0o100755
    return 0o100600 if name == SEED_FILE.relative_to(REPO).as_posix() else 0o100644
