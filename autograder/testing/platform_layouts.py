"""Submissions shaped exactly as the platforms hand them to an instructor, built from the course's
own notebooks (submission_builder.py), never committed binaries.

- Canvas's "Download submissions" zip: flat files `<name>[_LATE]_<user id>_<submission id>_<file>`,
  `-1`, `-2` before the extension for a file name the student uploaded again;
- nbgrader's course layout `submitted/<student>/<assignment>/<assignment>.ipynb` with the
  `timestamp.txt` nbgrader writes next to it (`%Y-%m-%d %H:%M:%S.%f %Z`, as nbgrader's exchange does);
- helpers to read what formgrader and nbgrader's own commands see of a graded course.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.course import REPO
from autograder.testing.submission_builder import build_from_fixture, build_submission

ASSIGNMENT = "dot_product"
WRONG = REPO / "autograder" / "tests" / "submissions" / "wrong" / ASSIGNMENT
NBGRADER_TIMESTAMP = "2026-12-01 09:30:00.000000 UTC"


def notebook_bytes(kind: str, assignment: str = ASSIGNMENT) -> bytes:
    """A notebook as a student hands it in: "correct" (the master's solutions in the released
    notebook), "blank" (the release untouched) or a plausible wrong one (a fixture's name)."""
    if kind == "correct":
        notebook = build_submission(assignment, {})
    elif kind == "blank":
        notebook = build_submission(assignment, {}, base="released")
    else:
        notebook = build_from_fixture(assignment, WRONG / f"{kind}.py")
    return json.dumps(notebook, indent=1).encode()


@dataclass(frozen=True)
class CanvasUpload:
    name: str  # Canvas's sortable name part: "smithalice"
    user_id: int
    submission_id: int
    file_name: str  # what the student uploaded, with Canvas's -N suffix if any
    content: bytes
    late: bool = False

    @property
    def canvas_name(self) -> str:
        late = "_LATE" if self.late else ""
        return f"{self.name}{late}_{self.user_id}_{self.submission_id}_{self.file_name}"


def canvas_zip(path: Path, uploads: list[CanvasUpload]) -> Path:
    """Canvas's bulk download: one flat zip of every upload, named as Canvas names them."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for upload in uploads:
            bundle.writestr(upload.canvas_name, upload.content)
    return path


def nbgrader_submission(submitted: Path, student: str, content: bytes, assignment: str = ASSIGNMENT,
                        timestamp: str = NBGRADER_TIMESTAMP) -> Path:
    """One student's folder as `nbgrader collect` leaves it in the course's submitted/ folder."""
    folder = submitted / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{assignment}.ipynb").write_bytes(content)
    (folder / "timestamp.txt").write_text(timestamp, encoding="utf-8")
    return folder


def zip_folder(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(folder.rglob("*")):
            bundle.write(path, path.relative_to(folder.parent))
    return archive


def course_environment(grading: Path, **extra: str) -> dict[str, str]:
    """The environment an instructor's nbgrader commands and formgrader run with to see `grading`
    (the OUT of `grade --out`, or a course's grading folder): the venv's bin first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_DB_URL", "NBGRADER_GRADING_DIR")}
    env.update(NBGRADER_GRADING_DIR=str(grading), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}",
               **extra)
    return env


FORMGRADER_VIEW = """
import json
from traitlets.config.loader import PyFileConfigLoader
from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
assignment = api.get_assignment(ASSIGNMENT)
print(json.dumps({
    "num_submissions": assignment["num_submissions"],
    "submissions": {s["student"]: {"score": s["score"], "autograded": s["autograded"]}
                    for s in api.get_submissions(ASSIGNMENT)},
    "manual_grading": sorted(n["student"] for n in api.get_notebook_submissions(ASSIGNMENT, ASSIGNMENT)),
}))
"""


def formgrader_view(grading: Path, assignment: str = ASSIGNMENT) -> dict:
    """What formgrader shows of an assignment, through nbgrader's own API (NbGraderAPI, which its
    pages and REST handlers call): Manage Assignments' submission count, Manage Submissions'
    students with their scores, and the submissions listed under Manual Grading."""
    code = FORMGRADER_VIEW.replace("ASSIGNMENT", repr(assignment))
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=course_environment(grading),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def nbgrader(grading: Path, *args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """nbgrader's own command on the course, seeing `grading`."""
    proc = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=cwd,
                          env=env or course_environment(grading), capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-3000:]}"
    return proc
