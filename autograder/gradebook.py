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
import re
import sys
import warnings
from pathlib import Path

# jsonschema (imported by nbformat, imported by nbgrader) loads rfc3987_syntax when it is installed,
# and that builds a parser at import: about 6 s of the grader's start-up. No notebook schema uses
# the IRI formats it checks, so this process does without it.
sys.modules.setdefault("rfc3987_syntax", None)


def _nbgrader_without_server_extensions() -> None:
    """nbgrader's package __init__ only loads its Jupyter server extensions (tornado, jupyter_server:
    about 2 s). The gradebook API and the preprocessors used here do not need them, so when nbgrader
    is not loaded yet, the package is registered without running its __init__ (with its version)."""
    if "nbgrader" in sys.modules:
        return
    spec = importlib.util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        return
    package = importlib.util.module_from_spec(spec)
    sys.modules["nbgrader"] = package
    from nbgrader._version import __version__
    package.__version__ = __version__


_nbgrader_without_server_extensions()

import nbgrader.api  # noqa: E402
from nbgrader.api import (Comment, Grade, Gradebook, MissingEntry, Student,  # noqa: E402
                          SubmittedAssignment, SubmittedNotebook)
from sqlalchemy.exc import SAWarning  # noqa: E402
from sqlalchemy.orm import selectinload  # noqa: E402
from traitlets.config.loader import PyFileConfigLoader  # noqa: E402

from autograder.errors import GradebookError  # noqa: E402
from autograder.grading import SubmissionResult  # noqa: E402
from autograder.notebook import REPO  # noqa: E402


FLUSH_EVERY = 50  # staged results sent to the database at a time (within the one transaction)


def _alembic_head() -> str:
    """The schema version nbgrader stamps on a new gradebook. nbgrader asks the `alembic` command,
    which imports all of nbgrader and Jupyter first (seconds); its migration scripts say the same:
    the one revision that no other revision follows."""
    from nbgrader.dbutil import ALEMBIC_DIR

    revisions, followed = set(), set()
    for script in Path(ALEMBIC_DIR, "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = re.search(r"^revision\s*=\s*['\"](\w+)['\"]", text, re.MULTILINE)
        down = re.search(r"^down_revision\s*=\s*(.+)$", text, re.MULTILINE)
        if revision:
            revisions.add(revision.group(1))
        if down:
            followed.update(re.findall(r"['\"](\w+)['\"]", down.group(1)))
    heads = revisions - followed
    return heads.pop() if len(heads) == 1 else _nbgrader_alembic_version()


_nbgrader_alembic_version = nbgrader.api.get_alembic_version
nbgrader.api.get_alembic_version = _alembic_head


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
        self._staged: dict | None = None  # student_id -> submission, while a transaction is open
        try:
            _ensure_assignment(self.gradebook, db_url, assignment, repo, config)
            notebook = self.gradebook.find_notebook(assignment, assignment)
            self.grade_cells = {cell.name for cell in notebook.grade_cells}
        except BaseException:
            self.close()
            raise

    def record(self, results: list[SubmissionResult]) -> None:
        """All results in one transaction."""
        for result in results:
            self.stage(result)
        self.commit()

    def stage(self, result: SubmissionResult) -> None:
        """Add one result to the open transaction (nothing is written before `commit`), so a
        class's results can be staged while the others are still being graded. Students and
        submissions are created as nbgrader's `add_student`/`add_submission` create them (a
        submission mirrors the assignment's cells); only a student graded before is looked up."""
        if self._staged is None:
            self._begin()
        cells = self._cells
        for function in result.functions:
            if grade_cell_name(function.name) not in cells:
                raise GradebookError(f"the gradebook's {self.assignment} has no grade cell "
                                     f"{grade_cell_name(function.name)}; it was released from a "
                                     "different master notebook")
        db, notebook, student_id = self.gradebook.db, self._notebook, result.student_id
        with warnings.catch_warnings(), db.no_autoflush:
            warnings.simplefilter("ignore", SAWarning)  # nbgrader's relationships overlap
            submission = self._staged.get(student_id)
            if submission is None and student_id in self._submitted:
                submission = (db.query(SubmittedAssignment)
                              .filter(SubmittedAssignment.assignment_id == notebook.assignment_id,
                                      SubmittedAssignment.student_id == student_id)
                              .options(selectinload(SubmittedAssignment.notebooks)
                                       .selectinload(SubmittedNotebook.grades)).one())
            elif submission is None:
                student = db.get(Student, student_id) if student_id in self._students else None
                if student is None:
                    student = Student(id=student_id)
                    db.add(student)
                submission = _new_submission(notebook.assignment, student)
                db.add(submission)
            self._staged[student_id] = submission
            grades = {grade.cell_id: grade for mine in submission.notebooks
                      if mine.notebook_id == notebook.id or mine.notebook is notebook
                      for grade in mine.grades}
            for function in result.functions:
                cell = cells[grade_cell_name(function.name)]
                grade = grades[cell.id]
                grade.auto_score = min(function.score, cell.max_score)
                grade.needs_manual_grade = grade.manual_score is not None
            for cell in cells.values():  # the 0-point rule tests: graded, as nbgrader autograde does
                if not cell.max_score:
                    grades[cell.id].auto_score = 0.0
            if len(self._staged) % FLUSH_EVERY == 0:
                db.flush()  # the rows go out while grading goes on; still one transaction

    def _begin(self) -> None:
        """What the transaction needs to know: the grade cells, who is already in the gradebook."""
        db = self.gradebook.db
        self._notebook = self.gradebook.find_notebook(self.assignment, self.assignment)
        self._cells = {cell.name: cell for cell in self._notebook.grade_cells}
        self._students = {student_id for (student_id,) in db.query(Student.id)}
        self._submitted = {student_id for (student_id,) in db.query(SubmittedAssignment.student_id)
                           .filter(SubmittedAssignment.assignment_id == self._notebook.assignment_id)}
        self._staged = {}

    def commit(self) -> None:
        """Write everything staged, in one transaction."""
        if self._staged is not None:
            self.gradebook.db.commit()
            self._staged = None

    def close(self) -> None:
        self.gradebook.close()


def _new_submission(assignment, student) -> SubmittedAssignment:
    """What nbgrader's `Gradebook.add_submission` builds: the assignment's structure, empty."""
    submission = SubmittedAssignment(assignment=assignment, student=student)
    for notebook in assignment.notebooks:
        mine = SubmittedNotebook(notebook=notebook, assignment=submission)
        for cell in notebook.grade_cells:
            Grade(cell_id=cell.id, notebook=mine)
        for cell in notebook.solution_cells:
            Comment(cell_id=cell.id, notebook=mine)
        for cell in notebook.task_cells:
            Comment(cell_id=cell.id, notebook=mine)
            Grade(cell_id=cell.id, notebook=mine)
    return submission


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
