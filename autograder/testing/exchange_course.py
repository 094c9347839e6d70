"""A course on nbgrader's real exchange in a temporary folder, driven by nbgrader's own commands.

The instructor releases from the repository (the course's nbgrader configuration); each student
has their own HOME (so their own nbgrader cache, where `submit` keeps the copy and secret that
`fetch_feedback` later looks feedback up by) and runs `nbgrader fetch_assignment`, `submit` and
`fetch_feedback` in it, as on a JupyterHub. `python -m autograder watch` runs as the instructor.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.testing.grader_cli import run_grader
from autograder.testing.platform_layouts import course_environment, nbgrader

COURSE_ID = "linear-algebra-for-ai"  # autograder/nbgrader_config.py


@dataclass(frozen=True)
class ExchangeCourse:
    root: Path  # a temporary folder holding everything

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def grading(self) -> Path:
        """The instructor's grading folder (NBGRADER_GRADING_DIR), and watch's OUT."""
        return self.root / "grading"

    def release(self, *assignments: str) -> None:
        self.exchange.mkdir(parents=True, exist_ok=True)
        for assignment in assignments:
            nbgrader(self.grading, "release_assignment", assignment, f"--Exchange.root={self.exchange}")

    def student(self, name: str) -> Student:
        home = self.root / "students" / name
        home.mkdir(parents=True, exist_ok=True)
        return Student(self, name, home)

    def watch(self, *assignments: str, extra: tuple[str, ...] = ("--once",), timeout: float = 600) -> subprocess.CompletedProcess:
        """`python -m autograder watch` as the instructor runs it; asserts no traceback."""
        done = run_grader("watch", *assignments, *self.watch_options(), *extra, timeout=timeout)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def watch_options(self) -> list[str]:
        return ["--exchange-root", str(self.exchange), "--course-id", COURSE_ID, "--out", str(self.grading)]


@dataclass(frozen=True)
class Student:
    course: ExchangeCourse
    name: str
    home: Path

    def environment(self) -> dict[str, str]:
        env = course_environment(self.home, HOME=str(self.home))
        del env["NBGRADER_GRADING_DIR"]  # a student has no course configuration
        return env

    def nbgrader(self, *args: str, background: bool = False):
        command = [*args, "--course", COURSE_ID, f"--Exchange.root={self.course.exchange}", f"--student={self.name}"]
        if background:
            return subprocess.Popen([str(Path(sys.executable).parent / "nbgrader"), *command], cwd=self.home,
                                    env=self.environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True)
        return nbgrader(self.course.grading, *command, cwd=self.home, env=self.environment())

    def fetch(self, assignment: str) -> None:
        self.nbgrader("fetch_assignment", assignment)

    def write(self, assignment: str, notebook: bytes) -> None:
        """The student's work, saved over the fetched notebook."""
        (self.home / assignment / f"{assignment}.ipynb").write_bytes(notebook)

    def submit(self, assignment: str, notebook: bytes) -> str:
        """Save the work and `nbgrader submit` it; returns nbgrader's timestamp of the submission."""
        self.write(assignment, notebook)
        before = set(self.submissions(assignment))
        self.nbgrader("submit", assignment)
        (made,) = set(self.submissions(assignment)) - before
        return made

    def submissions(self, assignment: str) -> dict[str, Path]:
        """The student's own record of each submission (nbgrader's cache): timestamp -> folder."""
        cache = self.home / ".local" / "share" / "jupyter" / "nbgrader_cache" / COURSE_ID
        found = {}
        for folder in cache.glob(f"{self.name}+{assignment}+*"):
            found[folder.name.split("+")[2]] = folder
        return found

    def feedback_on_exchange(self, assignment: str, timestamp: str) -> Path:
        """Where fetch_feedback looks for this submission's feedback: nbgrader's hash of the secret in
        the student's cache and the notebook's name (exchange/default/fetch_feedback.py)."""
        import autograder.gradebook  # noqa: F401 - nbgrader without its server extensions
        from nbgrader.utils import notebook_hash

        secret = (self.submissions(assignment)[timestamp] / "submission_secret.txt").read_text()
        return (self.course.exchange / COURSE_ID / "feedback"
                / f"{notebook_hash(secret=secret, notebook_id=assignment)}.html")

    def fetch_feedback(self, assignment: str) -> dict[str, str]:
        """`nbgrader fetch_feedback`, then every page the student has: timestamp -> HTML."""
        self.nbgrader("fetch_feedback", assignment)
        folder = self.home / assignment / "feedback"
        return {page.parent.name: page.read_text(encoding="utf-8")
                for page in sorted(folder.glob(f"*/{assignment}.html"))}

    def listed(self, assignment: str) -> str:
        """What `nbgrader list --cached` says of the student's submissions (feedback ready or fetched)."""
        done = self.nbgrader("list", "--cached", assignment)
        return done.stdout + done.stderr


def run_in_parallel(*students_and_work) -> None:
    """Several students' `nbgrader submit` at once (each takes seconds to start): [(student, assignment, notebook)]."""
    running = []
    for student, assignment, notebook in students_and_work:
        student.write(assignment, notebook)
        running.append(student.nbgrader("submit", assignment, background=True))
    for process in running:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output[-3000:]

