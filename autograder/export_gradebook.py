"""Final scores from the nbgrader gradebook, for `export --db-url URL`.

The gradebook is the source of truth: a score set in formgrader (a manual score) replaces the
automatic one, and the late penalty is taken off, exactly as `nbgrader export` computes a score:
max(0, submission score - late penalty); a student in the gradebook with no submission of an
assignment gets 0. A student graded from Canvas's download carries their Canvas user id
(nbgrader's lms_user_id), so the Canvas CSV can match them without a roster.
"""
from __future__ import annotations

from autograder.errors import GradebookError
from autograder.export import GradeTable
from autograder.wording import number


def read_gradebook(db_url: str, assignments: list[str]) -> list[GradeTable]:
    """One table per assignment (all of the gradebook's, in its order, unless named)."""
    from autograder.gradebook import course_config, open_gradebook

    config = course_config()
    course_id = str(config.CourseDirectory.get("course_id", "default_course"))
    with open_gradebook(db_url, course_id) as gradebook:
        known = [assignment.name for assignment in gradebook.assignments]
        missing = [name for name in assignments if name not in known]
        if missing:
            raise GradebookError(f"the gradebook has no assignment {', '.join(missing)}; it has: "
                                 f"{', '.join(known) or 'none'}")
        students = list(gradebook.students)
        tables = []
        for name in assignments or known:
            assignment = gradebook.find_assignment(name)
            submissions = {s.student.id: s for s in assignment.submissions}
            scores = {}
            for student in students:
                submission = submissions.get(student.id)
                score = 0.0 if submission is None else max(0.0, submission.score - submission.late_submission_penalty)
                scores[student.id] = number(score)
            tables.append(GradeTable(name, assignment.max_score, scores,
                                     {s.id: s.lms_user_id for s in students if s.lms_user_id},
                                     f"the gradebook's {name}"))
        return tables
