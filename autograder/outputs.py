"""Where a grading run's outputs go, and how they get there whole or not at all.

Every run writes nbgrader's own layout, so that formgrader, `nbgrader generate_feedback`,
`release_feedback` and `export` work on what `grade` wrote:

    <submitted>/<student>/<assignment>/<assignment>.ipynb   what was graded (+ timestamp.txt)
    <autograded>/<student>/<assignment>/<assignment>.ipynb  the notebook formgrader opens
    <feedback>/<student>/<assignment>/<assignment>.html     the student's feedback
    <reports>/grades.csv, results.json                      the class's grades

With `--out OUT` all four are in OUT (and the gradebook is OUT/gradebook.db unless `--db-url`).
With `--course` the first three are the course's own folders, read from its nbgrader
configuration (grading/... in this repository), SUBMISSIONS is its `submitted` folder (which is
then not written), and the reports go to `--out` (default: reports/<assignment> beside submitted/,
so grading/reports/<assignment>).

Nothing is half-written: outputs go first to a staging folder next to the reports folder and are
moved into place by `publish()` only once the whole class is graded and the gradebook committed;
a failed run leaves every output as it was (`discard()`).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder import settings

REPORT_FILES = ("grades.csv", "results.json")
EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")  # nbgrader's own submission files


@dataclass(frozen=True)
class OutputLayout:
    assignment: str
    reports: Path
    autograded: Path
    feedback: Path
    submitted: Path | None  # None: SUBMISSIONS already is the course's submitted folder

    def student_dir(self, root: Path, student_id: str) -> Path:
        return root / student_id / self.assignment

    def feedback_file(self, student_id: str) -> Path:
        return self.student_dir(self.feedback, student_id) / f"{self.assignment}.html"

    def autograded_file(self, student_id: str) -> Path:
        return self.student_dir(self.autograded, student_id) / f"{self.assignment}.ipynb"

    def submitted_file(self, student_id: str) -> Path | None:
        if self.submitted is None:
            return None
        return self.student_dir(self.submitted, student_id) / f"{self.assignment}.ipynb"

    def per_student_roots(self) -> dict[str, Path]:
        roots = {"autograded": self.autograded, "feedback": self.feedback}
        if self.submitted is not None:
            roots["submitted"] = self.submitted
        return roots


def out_layout(out: Path, assignment: str) -> OutputLayout:
    """`--out OUT`: everything in OUT, in nbgrader's layout."""
    return OutputLayout(assignment, out, out / "autograded", out / "feedback", out / "submitted")


def course_layout(assignment: str, reports: Path | None = None):
    """`--course`: the course's folders and gradebook URL, as its nbgrader configuration says
    (environment variables included). Returns (layout, submitted folder, gradebook URL)."""
    from autograder.gradebook import course_directory

    course = course_directory()

    def folder(step: str) -> Path:
        return Path(course.format_path(step, ".", ".")).resolve()

    submitted = folder(course.submitted_directory)
    reports = reports or submitted.parent / "reports" / assignment  # grading/reports/<assignment>
    layout = OutputLayout(assignment, reports, folder(course.autograded_directory),
                          folder(course.feedback_directory), None)
    return layout, submitted, course.db_url


class StagedOutputs:
    """A staging folder shaped like the layout; `publish()` moves each piece into its place."""

    def __init__(self, final: OutputLayout):
        self.final = final
        final.reports.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{final.reports.name}.incomplete-",
                                          dir=final.reports.parent))
        self.layout = OutputLayout(final.assignment, self.root / "reports", self.root / "autograded",
                                   self.root / "feedback",
                                   self.root / "submitted" if final.submitted is not None else None)
        self.layout.reports.mkdir()

    def publish(self) -> None:
        """Move everything staged into the final layout, replacing what an earlier run wrote there
        (the per-student folders of the students graded now, and the reports)."""
        self.final.reports.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.layout.reports.iterdir()):
            _replace(path, self.final.reports / path.name)
        finals = self.final.per_student_roots()
        for step, staged_root in self.layout.per_student_roots().items():
            if not staged_root.is_dir():
                continue
            for student in sorted(staged_root.iterdir()):
                staged = student / self.final.assignment
                if staged.is_dir():
                    _replace(staged, self.final.student_dir(finals[step], student.name))
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _replace(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif target.exists() or target.is_symlink():
        target.unlink()
    try:
        os.rename(source, target)
    except OSError:  # another filesystem (a course folder mounted elsewhere): copy, then remove
        shutil.move(str(source), str(target))


def copy_exchange_files(source_folder: Path, *targets: Path) -> None:
    """nbgrader's timestamp.txt and submission_secret.txt of a submission, copied next to its
    autograded notebook and feedback, as nbgrader does (`release_feedback` reads them there).
    Regular small files only: the folder is the student's."""
    for name in EXCHANGE_FILES:
        path = source_folder / name
        if path.is_symlink() or not path.is_file() or path.stat().st_size > settings.INTAKE.exchange_file_bytes:
            continue
        data = path.read_bytes()
        for target in targets:
            target.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
