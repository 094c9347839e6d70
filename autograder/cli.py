"""`python -m autograder grade ...` and `python -m autograder export ...`.

Bad input (unknown assignment, missing or unreadable SUBMISSIONS, bad options) exits 2 with one
clear line; a failure of the grader itself exits 1 with a message; never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

USAGE_ERROR = 2
GRADER_ERROR = 1


class UsageError(Exception):
    """Bad input from the command line: exit 2 with this message."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the contract: a message, never a traceback
        print(f"error: the grader failed: {type(error).__name__}: {error}", file=sys.stderr)
        return GRADER_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder",
                                     description="Grade the course's notebooks safely and fast.")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a folder or zip of submissions")
    grade.add_argument("assignment", help="e.g. dot_product")
    grade.add_argument("submissions", type=Path,
                       help="a folder (or zip) holding <student_id>/<assignment>.ipynb")
    grade.add_argument("--out", type=Path, required=True, help="where grades.csv, feedback/ and the gradebook go")
    grade.add_argument("--db-url", help="SQLAlchemy URL of the nbgrader gradebook "
                                        "(default: sqlite:///OUT/gradebook.db)")
    grade.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="submissions graded in parallel (default: the number of cores)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    grade.set_defaults(run=run_grade)

    export = commands.add_parser("export", help="export grades for an LMS")
    export.add_argument("--format", choices=["canvas"], required=True)
    export.add_argument("--grades", type=Path, action="append", required=True,
                        help="a grades.csv written by `grade` (repeat for several assignments)")
    export.add_argument("--roster", type=Path,
                        help="Canvas gradebook export (CSV) to take names, ids and sections from")
    export.add_argument("--canvas-id", action="append", default=[], metavar="ASSIGNMENT=ID",
                        help="the Canvas assignment id of an assignment (repeatable)")
    export.add_argument("--match", choices=["sis_user_id", "sis_login_id", "id"], default="sis_user_id",
                        help="which Canvas column holds the student_id (default: sis_user_id)")
    export.add_argument("--output", type=Path, default=Path("canvas_grades.csv"),
                        help="the CSV to write (default: canvas_grades.csv)")
    export.set_defaults(run=run_export)
    return parser


def run_grade(args) -> int:
    # Imported here so that `--help` and usage errors stay instant.
    from autograder.specs import SPECS

    if args.assignment not in SPECS:
        raise UsageError(f"unknown assignment {args.assignment!r}; known: {', '.join(SPECS)}")
    if not args.submissions.exists():
        raise UsageError(f"{args.submissions} does not exist")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    from autograder.batch import GraderFailure, grade_folder
    from autograder.gradebook import GradebookError
    from autograder.intake import IntakeError

    with tempfile.TemporaryDirectory(prefix="autograder-") as scratch:
        try:
            with ProcessPoolExecutor(max_workers=args.workers) as executor:
                return grade_folder(args.assignment, args.submissions, args.out, args.db_url,
                                    executor, Path(scratch), progress=not args.no_progress)
        except (IntakeError, GradebookError) as error:
            raise UsageError(str(error)) from None
        except GraderFailure as error:
            print(f"error: cannot grade: {error}", file=sys.stderr)
            return GRADER_ERROR


def run_export(args) -> int:
    from autograder.export import ExportError, write_canvas_csv

    ids = {}
    for item in args.canvas_id:
        name, equals, value = item.partition("=")
        if not equals or not name:
            raise UsageError(f"--canvas-id {item!r}: expected ASSIGNMENT=ID")
        ids[name] = value
    try:
        count = write_canvas_csv(args.grades, args.output, roster=args.roster, canvas_ids=ids,
                                 match=args.match)
    except ExportError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {args.output} ({count} student row(s)).")
    return 0

