"""`python -m autograder export --format canvas`: final scores -> a CSV Canvas's gradebook imports.

Canvas's gradebook import reads the layout of its own export:
    Student,ID,SIS User ID,SIS Login ID,Section,<Assignment> (<Canvas assignment id>),...
    "    Points Possible",,,,,10,...
    "Doe, Jane",1234,jd001,jdoe,Section A,7.5,...
It matches rows to students by ID, SIS User ID or SIS Login ID; a column whose header has no
"(id)" creates a new assignment. Inputs, one column per assignment:
- `--db-url URL` (export_gradebook.py): the nbgrader gradebook, the source of truth: final scores,
  manual scores set in formgrader and late penalties included, as `nbgrader export` computes them;
- or `--grades OUT/grades.csv` (repeatable), as `grade` wrote them;
- `--roster`: optional, Canvas's own gradebook export, for names, Canvas ids and sections; the
  student_id is looked up in the roster column chosen by `--match`, or, for a student graded from
  Canvas's download, their Canvas user id in its ID column;
- `--canvas-id ASSIGNMENT=ID`: the existing Canvas assignment to fill (else Canvas creates one).
Without a roster, a student graded from Canvas's download goes in by Canvas user id (ID), any other
by student_id in the `--match` column. An assignment given twice is an error: Canvas would get two
columns of the same name.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from autograder.wording import number

IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MATCH_COLUMNS = {"id": "ID", "sis_user_id": "SIS User ID", "sis_login_id": "SIS Login ID"}
POINTS_ROW = "    Points Possible"


class ExportError(Exception):
    """Bad input for the export (plain words)."""


@dataclass
class GradeTable:
    """One assignment's final scores: one Canvas column."""
    assignment: str
    max_score: float
    scores: dict[str, str]  # student_id -> score as text
    canvas_user_ids: dict[str, str] = field(default_factory=dict)  # student_id -> Canvas user id
    source: str = ""  # where it was read, for messages


def read_grades(path: Path) -> GradeTable:
    """One grades.csv written by `grade`."""
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
        max_score = float(rows[0]["max_score"])
    except ValueError:
        raise ExportError(f"{path} has a max_score that is not a number") from None
    return GradeTable(assignments.pop(), max_score, {r["student_id"]: r["score"] for r in rows},
                      {r["student_id"]: r["canvas_user_id"] for r in rows if r.get("canvas_user_id")},
                      str(path))


def read_roster(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ExportError(f"{path} does not exist")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not set(IDENTITY) <= set(rows[0]):
        raise ExportError(f"{path} is not a Canvas gradebook export (it needs the columns {', '.join(IDENTITY)})")
    # Canvas's export has a "Points Possible" row and sometimes a test student.
    return [row for row in rows if row["Student"].strip() not in ("Points Possible", "Student, Test")]


def write_canvas_csv(tables: list[GradeTable], output: Path, *, roster: Path | None = None,
                     canvas_ids: dict[str, str] | None = None, match: str = "sis_user_id") -> int:
    canvas_ids = canvas_ids or {}
    _refuse_duplicates(tables)
    unknown = set(canvas_ids) - {table.assignment for table in tables}
    if unknown:
        raise ExportError(f"--canvas-id names an assignment that is not exported: {', '.join(sorted(unknown))}")
    columns = [f"{t.assignment} ({canvas_ids[t.assignment]})" if canvas_ids.get(t.assignment) else t.assignment
               for t in tables]
    key = MATCH_COLUMNS[match]
    canvas_user = {student: user for t in tables for student, user in t.canvas_user_ids.items()}
    graded = sorted(set().union(*(t.scores for t in tables)))
    if roster is not None:
        people = read_roster(roster)
        by_key = {row[key]: row for row in people}
        by_canvas_id = {row["ID"]: row for row in people}
        student_of = {}
        for student in graded:
            row = by_canvas_id.get(canvas_user.get(student, "")) or by_key.get(student)
            if row is not None:
                student_of[id(row)] = student
        missing = [s for s in graded if s not in student_of.values()]
        if missing:
            raise ExportError(f"{len(missing)} graded student(s) are not in the roster's {key!r} column"
                              f"{' (nor by Canvas user id)' if canvas_user else ''}: {', '.join(missing[:5])}")
        rows = [([row[column] for column in IDENTITY], student_of.get(id(row))) for row in people]
    else:
        rows = []
        for student in graded:
            person = {**dict.fromkeys(IDENTITY, ""), "Student": student}
            if student in canvas_user:
                person["ID"] = canvas_user[student]
            else:
                person[key] = student
            rows.append(([person[column] for column in IDENTITY], student))
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*IDENTITY, *columns])
        writer.writerow([POINTS_ROW, "", "", "", "", *(number(t.max_score) for t in tables)])
        for identity, student in rows:
            # A student with no grade in an assignment gets an empty cell: Canvas leaves it unchanged.
            writer.writerow(identity + [t.scores.get(student, "") if student else "" for t in tables])
    return len(rows)


def _refuse_duplicates(tables: list[GradeTable]) -> None:
    seen: dict[str, str] = {}
    for table in tables:
        if table.assignment in seen:
            raise ExportError(f"{table.assignment} is given twice ({seen[table.assignment]} and "
                              f"{table.source}): Canvas would get two columns for it; export each "
                              "assignment once")
        seen[table.assignment] = table.source
