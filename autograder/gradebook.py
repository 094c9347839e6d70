"""Recording the grades in the course's nbgrader gradebook, so formgrader shows them.

The assignment's structure (notebook, grade cells with their points, solution and source cells) is
recorded from the master notebook exactly as `nbgrader generate_assignment` does (nbgrader's own
preprocessors), unless the gradebook already has it. Then each student gets a submission whose
grade cells `test_<function>` carry the function's score as nbgrader's `auto_score`. A manual score
set in formgrader is kept (nbgrader shows it instead of the auto score) and flagged for review, as
`nbgrader autograde` does. Only the grader's process writes here, never student code.
"""
from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning
from traitlets.config.loader import PyFileConfigLoader

from autograder.grading import SubmissionResult
from autograder.notebook import REPO


class GradebookError(Exception):
    """The gradebook cannot be opened or does not fit the assignment (plain words)."""


def course_config(repo: Path = REPO):
    """The course's nbgrader configuration (course id, code stub), as nbgrader itself reads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(repo / "autograder")).load_config()


def grade_cell_name(function: str) -> str:
    return f"test_{function}"


class CourseGradebook:
    """The gradebook, opened once per run: checked (and the assignment recorded) before grading,
    written after."""

    def __init__(self, db_url: str, assignment: str, repo: Path = REPO):
        self.assignment = assignment
        db_url = with_installed_driver(db_url)
        config = course_config(repo)
        _alembic_on_path()
        try:
            self.gradebook = Gradebook(db_url, course_id=str(config.CourseDirectory.get("course_id",
                                                                                        "default_course")))
        except Exception as error:  # noqa: BLE001 - SQLAlchemy/driver errors: bad URL, server down
            raise GradebookError(f"cannot open the gradebook {_hide_password(db_url)}: "
                                 f"{type(error).__name__}: {str(error).splitlines()[0]}") from None
        try:
            _ensure_assignment(self.gradebook, db_url, assignment, repo, config)
            notebook = self.gradebook.find_notebook(assignment, assignment)
            self.grade_cells = {cell.name for cell in notebook.grade_cells}
        except BaseException:
            self.close()
            raise

    def record(self, results: list[SubmissionResult]) -> None:
        gradebook, assignment = self.gradebook, self.assignment
        with warnings.catch_warnings():
            # nbgrader's add_submission trips SQLAlchemy's autoflush warnings; they are harmless.
            warnings.simplefilter("ignore", SAWarning)
            for result in results:
                gradebook.update_or_create_student(result.student_id)
                try:
                    gradebook.find_submission(assignment, result.student_id)
                except MissingEntry:
                    gradebook.add_submission(assignment, result.student_id)
                for function in result.functions:
                    name = grade_cell_name(function.name)
                    if name not in self.grade_cells:
                        raise GradebookError(f"the gradebook's {assignment} has no grade cell {name}; "
                                             "it was released from a different master notebook")
                    grade = gradebook.find_grade(name, assignment, assignment, result.student_id)
                    grade.auto_score = min(function.score, grade.max_score)
                    grade.needs_manual_grade = grade.manual_score is not None
                gradebook.db.commit()

    def close(self) -> None:
        self.gradebook.close()


def _ensure_assignment(gradebook: Gradebook, db_url: str, assignment: str, repo: Path, config) -> None:
    try:
        gradebook.find_notebook(assignment, assignment)
        return
    except MissingEntry:
        pass
    import nbformat  # slow imports (jsonschema), needed only the first time
    from nbgrader.preprocessors import ClearOutput, ClearSolutions, ComputeChecksums, SaveCells

    master = repo / "solutions" / assignment / f"{assignment}.ipynb"
    gradebook.update_or_create_assignment(assignment)
    notebook = nbformat.read(str(master), as_version=nbformat.NO_CONVERT)
    resources = {"nbgrader": {"db_url": db_url, "assignment": assignment, "notebook": assignment}}
    # The steps generate_assignment runs before it saves the cells.
    for step in (ClearSolutions(config=config), ClearOutput(config=config),
                 ComputeChecksums(config=config), SaveCells(config=config)):
        notebook, resources = step.preprocess(notebook, resources)


def with_installed_driver(url: str) -> str:
    """`postgresql://` means psycopg 3 to this SQLAlchemy; the course installs psycopg2."""
    scheme, separator, rest = url.partition("://")
    if scheme == "postgresql" and separator and importlib.util.find_spec("psycopg") is None \
            and importlib.util.find_spec("psycopg2") is not None:
        return f"postgresql+psycopg2://{rest}"
    return url


def _alembic_on_path() -> None:
    """nbgrader runs `alembic` from PATH when it creates a gradebook: use the venv's."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])


def _hide_password(url: str) -> str:
    head, at, tail = url.rpartition("@")
    if not at or "://" not in head:
        return url
    scheme, _, credentials = head.partition("://")
    return f"{scheme}://{credentials.split(':')[0]}:***@{tail}" if ":" in credentials else url
