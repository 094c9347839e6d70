# The course's nbgrader configuration: the repository is the course directory.
# nbgrader reads ./nbgrader_config.py, which loads this file; run nbgrader from the repository root
# with the venv's bin on PATH (creating a gradebook runs `alembic` from PATH).
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

ROOT = Path(__file__).resolve().parents[1]

c.CourseDirectory.course_id = "linear-algebra-for-ai"
c.CourseDirectory.root = str(ROOT)
# Masters with solutions and hidden tests; the released student notebooks (committed).
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# Student work, grades and the gradebook stay under grading/, which git ignores (student data must
# never be committed). NBGRADER_GRADING_DIR points nbgrader and formgrader at another grading
# folder of the same shape, such as the OUT of `python -m autograder grade ... --out OUT`:
#   OUT/submitted, OUT/autograded, OUT/feedback and OUT/gradebook.db.
# (Relative to the course root when unset: nbgrader escapes the root in its path patterns.)
GRADING_SETTING = os.environ.get("NBGRADER_GRADING_DIR")
GRADING = Path(GRADING_SETTING).resolve() if GRADING_SETTING else ROOT / "grading"
FOLDER = str(GRADING) if GRADING_SETTING else "grading"
c.CourseDirectory.submitted_directory = f"{FOLDER}/submitted"
c.CourseDirectory.autograded_directory = f"{FOLDER}/autograded"
c.CourseDirectory.feedback_directory = f"{FOLDER}/feedback"
# The gradebook: SQLite in the grading folder unless NBGRADER_DB_URL (any SQLAlchemy URL) says otherwise.
if "NBGRADER_DB_URL" in os.environ:
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]
else:
    GRADING.mkdir(parents=True, exist_ok=True)  # SQLite does not create the folder
    c.CourseDirectory.db_url = f"sqlite:///{GRADING / 'gradebook.db'}"

# The hidden tests import autograder.checks: the grader is installed in the venv (`make venv`), so
# the kernels autograde starts import it wherever the course and the notebooks are.

# Releasing adds the assignment to the gradebook, so that autograde and formgrader know it.
c.GenerateAssignment.create_assignment = True
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
