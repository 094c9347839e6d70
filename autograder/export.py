"""`python -m autograder export --format canvas`: grades.csv files -> a CSV Canvas's gradebook imports.

Canvas's gradebook import reads the layout of its own export:
    Student,ID,SIS User ID,SIS Login ID,Section,<Assignment> (<Canvas assignment id>),...
    "    Points Possible",,,,,10,...
    "Doe, Jane",1234,jd001,jdoe,Section A,7.5,...
It matches rows to students by ID, SIS User ID or SIS Login ID; a column whose header has no
"(id)" creates a new assignment. Inputs:
- `--grades OUT/grades.csv` (repeatable: one column per assignment);
- `--roster`: optional, Canvas's own gradebook export, for names, Canvas ids and sections; the
  grader's student_id is looked up in the roster column chosen by `--match`;
- `--canvas-id ASSIGNMENT=ID`: the existing Canvas assignment to fill (else Canvas creates one).
Without a roster the student_id goes into the `--match` column and the name is the student_id.
"""
from __future__ import annotations

import csv
from pathlib import Path

from autograder.report import number

IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MATCH_COLUMNS = {"id": "ID", "sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID"}
POINTS_ROW = "    Points Possible"


class ExportError(Exception):
    """Bad input for the export (plain words)."""


def read_grades(path: Path) -> tuple[str, float, dict[str, str]]:
    """(assignment, max score, {student_id: score}) from one grades.csv written by `grade`."""
    if not path.is_file():
        raise ExportError(f"{path} does not exist")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"student_id", "assignment", "score", "max_score"} <= set(rows[0]):
        raise ExportError(f"{path} is not a grades.csv written by `python -m autograder grade`")
    assignments = {row["assignment"] for row in rows}
    if len(assignments) != 1:
        raise ExportError(f"{path} mixes assignments: {', '.join(sorted(assignments))}")
    try:
        return assignments.pop(), float(rows[0]["max_score"]), {r["student_id"]: r["score"] for r in rows}
    except ValueError:
        raise ExportError(f"{path} has a max_score that is not a number") from None


def read_roster(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ExportError(f"{path} does not exist")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not set(IDENTITY) <= set(rows[0]):
        raise ExportError(f"{path} is not a Canvas gradebook export (it needs the columns {', '.join(IDENTITY)})")
    # Canvas's export has a "Points Possible" row and sometimes a test student.
    return [row for row in rows if row["Student"].strip() not in ("Points Possible", "Student, Test")]


def write_canvas_csv(grades: list[Path], output: Path, *, roster: Path | None = None,
                     canvas_ids: dict[str, str] | None = None, match: str = "sis_user_id") -> int:
    canvas_ids = canvas_ids or {}
    columns, maxima, scores = [], [], []
    for path in grades:
        assignment, max_score, by_student = read_grades(path)
        canvas_id = canvas_ids.get(assignment, "")
        columns.append(f"{assignment} ({canvas_id})" if canvas_id else assignment)
        maxima.append(number(max_score))
        scores.append(by_student)
    unknown = set(canvas_ids) - {read_grades(path)[0] for path in grades}
    if unknown:
        raise ExportError(f"--canvas-id names an assignment with no --grades file: {', '.join(sorted(unknown))}")
    key = MATCH_COLUMNS[match]
    graded = sorted(set().union(*scores))
    if roster is not None:
        people = read_roster(roster)
        known = {row[key] for row in people}
        missing = [student for student in graded if student not in known]
        if missing:
            raise ExportError(f"{len(missing)} graded student(s) are not in the roster's {key!r} column: "
                              f"{', '.join(missing[:5])}")
    else:
        people = [{**dict.fromkeys(IDENTITY, ""), "Student": student, key: student} for student in graded]
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*IDENTITY, *columns])
        writer.writerow([POINTS_ROW, "", "", "", "", *maxima])
        for person in people:
            # A student with no grade in an assignment gets an empty cell: Canvas leaves it unchanged.
            writer.writerow([person[column] for column in IDENTITY]
                            + [by_student.get(person[key], "") for by_student in scores])
    return len(people)
