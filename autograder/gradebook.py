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
import json
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
from nbgrader.utils import compute_checksum, parse_utc  # noqa: E402
from sqlalchemy.exc import SAWarning  # noqa: E402
from sqlalchemy.orm import selectinload  # noqa: E402
from traitlets.config.loader import PyFileConfigLoader  # noqa: E402

from autograder import settings  # noqa: E402
from autograder.errors import GradebookError  # noqa: E402
from autograder.grading import SubmissionResult  # noqa: E402
from autograder.intake import StudentFolder  # noqa: E402
from autograder.overrides import Recorded  # noqa: E402
from autograder.course import REPO, grade_cell_id, master_notebook  # noqa: E402


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


def course_directory(repo: Path = REPO):
    """nbgrader's CourseDirectory of this course (its folders and gradebook URL), as nbgrader's
    own commands see it, environment variables such as NBGRADER_GRADING_DIR included."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=course_config(repo))


def open_gradebook(db_url: str, course_id: str, create: bool = False) -> Gradebook:
    """nbgrader's Gradebook at any SQLAlchemy URL; GradebookError in plain words when it cannot be
    opened. Without `create`, a SQLite file that does not exist is an error, not a new gradebook."""
    db_url = with_installed_driver(db_url)
    if not create and db_url.startswith("sqlite:///") and not Path(db_url[len("sqlite:///"):]).is_file():
        raise GradebookError(f"there is no gradebook at {db_url} (grade first, or give the URL `grade` printed)")
    _alembic_on_path()
    try:
        return Gradebook(db_url, course_id=course_id)
    except Exception as error:  # noqa: BLE001 - SQLAlchemy/driver errors: bad URL, server down
        raise GradebookError(f"cannot open the gradebook {_hide_password(db_url)}: "
                             f"{type(error).__name__}: {str(error).splitlines()[0]}") from None


class CourseGradebook:
    """The gradebook, opened once per run: checked (and the assignment recorded) before grading,
    written after. `record(result, entry)` records one graded submission exactly as
    `nbgrader autograde` does; `stage` + `commit` record a class in one transaction."""

    def __init__(self, db_url: str, assignment: str, repo: Path = REPO):
        self.assignment = assignment
        db_url = with_installed_driver(db_url)
        config = course_config(repo)
        self.config = config
        self.gradebook = open_gradebook(db_url, str(config.CourseDirectory.get("course_id", "default_course")),
                                        create=True)
        self._staged: dict | None = None  # student_id -> submission, while a transaction is open
        try:
            _ensure_assignment(self.gradebook, db_url, assignment, repo, config)
            notebook = self.gradebook.find_notebook(assignment, assignment)
            self.grade_cells = {cell.name for cell in notebook.grade_cells}
        except BaseException:
            self.close()
            raise

    def record(self, result: SubmissionResult, entry: StudentFolder | None = None) -> Recorded:
        """Record one graded submission as `nbgrader autograde` would, in its own transaction: the
        student (created if new, with the Canvas user id as nbgrader's lms_user_id), the
        submission with nbgrader's timestamp, each grade cell's auto score (a manual score set in
        formgrader is kept and flagged for review), "No response." on unchanged solution cells,
        and the late penalty of the course's LateSubmissionPlugin."""
        self.stage(result, entry)
        return self.commit()

    def stage(self, result: SubmissionResult, entry: StudentFolder | None = None) -> None:
        """Add one result to the open transaction (nothing is written before `commit`), so a
        class's results can be staged while the others are still being graded. Students and
        submissions are created as nbgrader's `add_student`/`add_submission` create them (a
        submission mirrors the assignment's cells); only a student graded before is looked up.
        `entry` (from intake) says whether a notebook was handed in at all (else only the student
        is recorded, as nbgrader records no submission for a folder without the notebook), its
        nbgrader timestamp and the Canvas user id."""
        if self._staged is None:
            self._begin()
        cells = self._cells
        for function in result.functions:
            if grade_cell_id(function.name) not in cells:
                raise GradebookError(f"the gradebook's {self.assignment} has no grade cell "
                                     f"{grade_cell_id(function.name)}; it was released from a "
                                     "different master notebook")
        db, notebook, student_id = self.gradebook.db, self._notebook, result.student_id
        with warnings.catch_warnings(), db.no_autoflush:
            warnings.simplefilter("ignore", SAWarning)  # nbgrader's relationships overlap
            student = self._student(student_id, entry)
            if entry is not None and entry.notebook is None:
                return  # nothing handed in: no submission, as `nbgrader autograde` leaves it
            submission = self._staged.get(student_id)
            if submission is None and student_id in self._submitted:
                submission = (db.query(SubmittedAssignment)
                              .filter(SubmittedAssignment.assignment_id == notebook.assignment_id,
                                      SubmittedAssignment.student_id == student_id)
                              .options(selectinload(SubmittedAssignment.notebooks)
                                       .selectinload(SubmittedNotebook.grades),
                                       selectinload(SubmittedAssignment.notebooks)
                                       .selectinload(SubmittedNotebook.comments)).one())
            elif submission is None:
                submission = _new_submission(notebook.assignment, student)
                db.add(submission)
            self._staged[student_id] = submission
            if entry is not None and entry.timestamp:
                submission.timestamp = parse_utc(entry.timestamp)
            mine = next(n for n in submission.notebooks if n.notebook_id == notebook.id or n.notebook is notebook)
            grades = {grade.cell_id: grade for grade in mine.grades}
            score = 0.0
            for function in result.functions:
                cell = cells[grade_cell_id(function.name)]
                grade = grades[cell.id]
                _set_auto_score(grade, min(function.score, cell.max_score))
                if grade.manual_score is not None:
                    self._recorded.overrides.setdefault(student_id, {})[function.name] = grade.manual_score
                score += grade.auto_score if grade.manual_score is None else grade.manual_score
            for cell in cells.values():  # the 0-point rule tests: graded, as nbgrader autograde does
                if not cell.max_score:
                    _set_auto_score(grades[cell.id], 0.0)
            self._comment(mine, entry)
            self._late_penalty(submission, mine, score)
            if len(self._staged) % settings.GRADEBOOK.flush_every == 0:
                db.flush()  # the rows go out while grading goes on; still one transaction

    def _student(self, student_id: str, entry: StudentFolder | None) -> Student:
        student = self._students.get(student_id)
        if student is None and student_id in self._student_ids:
            student = self._students[student_id] = self.gradebook.db.get(Student, student_id)
        if student is None:
            student = self._students[student_id] = Student(id=student_id)
            self.gradebook.db.add(student)
        if entry is not None and entry.canvas_user_id and not student.lms_user_id:
            student.lms_user_id = entry.canvas_user_id
        return student

    def _comment(self, mine: SubmittedNotebook, entry: StudentFolder | None) -> None:
        """nbgrader's automatic comment: "No response." on a solution cell left as released."""
        if entry is None or entry.notebook is None:
            return
        unanswered = _unanswered_cells(entry.notebook, self._solution_checksums)
        by_cell = {cell.id: cell.name for cell in self._notebook.solution_cells}
        for comment in mine.comments:
            if comment.cell_id in by_cell:
                comment.auto_comment = "No response." if by_cell[comment.cell_id] in unanswered else None

    def _late_penalty(self, submission: SubmittedAssignment, mine: SubmittedNotebook, score: float) -> None:
        """As nbgrader's AssignLatePenalties: none unless submitted after the due date (and any
        extension), then what the course's LateSubmissionPlugin says, between 0 and the score."""
        mine.late_submission_penalty = None
        if submission.timestamp is None or self._notebook.assignment.duedate is None:
            return
        if submission.total_seconds_late <= 0:
            return
        penalty = self._late_plugin.late_submission_penalty(submission.student_id, score,
                                                            submission.total_seconds_late)
        if penalty is not None:
            mine.late_submission_penalty = min(max(penalty, 0), score)
            self._recorded.penalties[submission.student_id] = mine.late_submission_penalty

    def _begin(self) -> None:
        """What the transaction needs to know: the grade cells, who is already in the gradebook."""
        from nbgrader.plugins import LateSubmissionPlugin

        db = self.gradebook.db
        self._notebook = self.gradebook.find_notebook(self.assignment, self.assignment)
        self._cells = {cell.name: cell for cell in self._notebook.grade_cells}
        self._solution_checksums = {cell.name: cell.checksum for cell in self._notebook.source_cells
                                    if cell.name in {c.name for c in self._notebook.solution_cells}}
        self._student_ids = {student_id for (student_id,) in db.query(Student.id)}
        self._students: dict[str, Student] = {}
        self._submitted = {student_id for (student_id,) in db.query(SubmittedAssignment.student_id)
                           .filter(SubmittedAssignment.assignment_id == self._notebook.assignment_id)}
        self._late_plugin = LateSubmissionPlugin(config=self.config)
        self._recorded = Recorded()
        self._staged = {}

    def commit(self) -> Recorded:
        """Write everything staged, in one transaction; returns the manual scores it kept."""
        if self._staged is None:
            return Recorded()
        self.gradebook.db.commit()
        recorded, self._staged = self._recorded, None
        return recorded

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

    master = master_notebook(assignment, repo)
    gradebook.update_or_create_assignment(assignment)
    notebook = nbformat.read(str(master), as_version=nbformat.NO_CONVERT)
    resources = {"nbgrader": {"db_url": db_url, "assignment": assignment, "notebook": assignment}}
    # The steps generate_assignment runs before it saves the cells.
    for step in (ClearSolutions(config=config), ClearOutput(config=config),
                 ComputeChecksums(config=config), SaveCells(config=config)):
        notebook, resources = step.preprocess(notebook, resources)


def _set_auto_score(grade: Grade, score: float) -> None:
    """As nbgrader's SaveAutoGrades: a grade with a manual score set in formgrader is flagged for review."""
    grade.auto_score = score
    grade.needs_manual_grade = grade.manual_score is not None


def _unanswered_cells(path: Path, checksums: dict[str, str]) -> set[str]:
    """The solution cells (grade_ids) a submission left as released, by nbgrader's own checksum of
    the cell with the master's nbgrader flags (as its OverwriteCells restores them); a cell the
    student deleted is put back as released by nbgrader, so it counts as unanswered too."""
    from nbformat import from_dict

    try:
        cells = json.loads(path.read_bytes().decode("utf-8"))["cells"]
        sources = {}
        for cell in cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in checksums and cell.get("cell_type") == "code":
                source = cell.get("source", "")
                sources[grade_id] = "".join(source) if isinstance(source, list) else str(source)
    except (OSError, ValueError, UnicodeDecodeError, TypeError, AttributeError, KeyError):
        return set()  # not a notebook: nothing to say about its cells
    unanswered = set()
    for grade_id, checksum in checksums.items():
        if grade_id not in sources:
            unanswered.add(grade_id)
            continue
        cell = from_dict({"cell_type": "code", "source": sources[grade_id], "metadata": {"nbgrader": {
            "grade": False, "solution": True, "locked": False, "grade_id": grade_id}}})
        if compute_checksum(cell) == checksum:
            unanswered.add(grade_id)
    return unanswered


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
