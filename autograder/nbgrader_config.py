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
# Student work and grading output stay under grading/, which git ignores. To review the output of
# `python -m autograder grade ... --out OUT` in formgrader, set NBGRADER_AUTOGRADED_DIR=OUT/autograded
# (absolute) and NBGRADER_DB_URL to that run's gradebook.
c.CourseDirectory.submitted_directory = "grading/submitted"
c.CourseDirectory.autograded_directory = os.environ.get("NBGRADER_AUTOGRADED_DIR", "grading/autograded")
c.CourseDirectory.feedback_directory = "grading/feedback"
# The gradebook: SQLite under grading/ unless NBGRADER_DB_URL (any SQLAlchemy URL) says otherwise.
if "NBGRADER_DB_URL" in os.environ:
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]
else:
    (ROOT / "grading").mkdir(exist_ok=True)  # SQLite does not create the folder
    c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'grading' / 'gradebook.db'}"

# The hidden tests import autograder.checks: the kernels autograde starts put the course root first
# on sys.path (a kernel argument, so this file changes nothing in the process that loads it).
c.Execute.extra_arguments = [f"--IPKernelApp.exec_lines=import sys; sys.path.insert(0, {str(ROOT)!r})"]

# Releasing adds the assignment to the gradebook, so that autograde and formgrader know it.
c.GenerateAssignment.create_assignment = True
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
