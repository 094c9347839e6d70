"""`python -m autograder grade ...`, `python -m autograder serve ...` and `python -m autograder export ...`.

Bad input (unknown assignment, missing or unreadable SUBMISSIONS, bad options) exits 2 with one
clear line; a failure of the grader itself exits 1 with a message; never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
    grade.add_argument("--dask-scheduler", metavar="tcp://HOST:PORT",
                       help="grade on this Dask distributed cluster instead of local worker processes "
                            "(its workers need this repository at the same path, this venv and "
                            "bubblewrap, and must see SUBMISSIONS at the same path)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    grade.set_defaults(run=run_grade)

    serve = commands.add_parser("serve", help="stay warm and grade one submission per line of stdin")
    serve.add_argument("assignment", help="e.g. dot_product")
    serve.add_argument("--out", type=Path, required=True, help="where feedback/ (and autograded/) go")
    serve.add_argument("--db-url", help="also record each grade in this nbgrader gradebook")
    serve.set_defaults(run=run_serve)

    from autograder.similarity import DEFAULT_THRESHOLD as SIMILARITY_THRESHOLD  # a constant, no heavy import

    similarity = commands.add_parser("similarity", help="which submissions share code that the rest of the class does not")
    similarity.add_argument("assignment", help="e.g. dot_product")
    similarity.add_argument("submissions", type=Path, help="a folder (or zip) of submissions, as for grade")
    similarity.add_argument("--out", type=Path, required=True, help="where similarity.csv and similarity.html go")
    similarity.add_argument("--threshold", type=float, default=SIMILARITY_THRESHOLD,
                            help=f"list pairs scoring at least this, from 0 to 1 (default: {SIMILARITY_THRESHOLD})")
    similarity.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    similarity.set_defaults(run=run_similarity)

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
    from autograder.cluster import ClusterError
    from autograder.errors import GradebookError
    from autograder.intake import IntakeError

    try:
        if args.dask_scheduler:
            return _grade_on_cluster(args, grade_folder)
        with tempfile.TemporaryDirectory(prefix="autograder-") as scratch, _local_pool(args.workers) as executor:
            return grade_folder(args.assignment, args.submissions, args.out, args.db_url, executor,
                                Path(scratch), progress=not args.no_progress, outputs_in_workers=True)
    except (IntakeError, GradebookError, ClusterError) as error:
        raise UsageError(str(error)) from None
    except GraderFailure as error:
        print(f"error: cannot grade: {error}", file=sys.stderr)
        return GRADER_ERROR


@contextmanager
def _local_pool(workers: int):
    """Worker processes, each starting its warm sandbox at once (see sandbox/warm.py). Interrupted
    (Ctrl-C), the jobs not started yet are dropped instead of waited for."""
    from autograder.sandbox.warm import prestart

    executor = ProcessPoolExecutor(max_workers=workers, initializer=prestart)
    try:
        yield executor
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _grade_on_cluster(args, grade_folder) -> int:
    import shutil

    from autograder.cluster import dask_executor, intake_scratch

    args.out.mkdir(parents=True, exist_ok=True)
    scratch = intake_scratch(args.out)
    try:
        with dask_executor(args.dask_scheduler) as executor:
            return grade_folder(args.assignment, args.submissions, args.out, args.db_url, executor,
                                scratch, progress=not args.no_progress)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_serve(args) -> int:
    from autograder.specs import SPECS

    if args.assignment not in SPECS:
        raise UsageError(f"unknown assignment {args.assignment!r}; known: {', '.join(SPECS)}")
    from autograder.errors import GradebookError
    from autograder.service import Grader, serve

    try:
        grader = Grader(args.assignment, args.out, db_url=args.db_url)
    except GradebookError as error:
        raise UsageError(str(error)) from None
    with grader:
        serve(grader, sys.stdin)
    return 0


def run_similarity(args) -> int:
    from autograder.similarity.command import SimilarityError, run, summary

    try:
        outcome = run(args.assignment, args.submissions, args.out, args.threshold, progress=not args.no_progress)
    except SimilarityError as error:
        raise UsageError(str(error)) from None
    print(summary(outcome, args.threshold))
    return 0


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

