"""`python -m autograder grade | serve | watch | export | check | settings ...`: one `add_parser` block per command.

Exit codes (exit_codes.py): 0 every student graded, 1 the grader failed, 2 bad input, 3 some
students had nothing gradable, 4 nothing to grade; each non-zero one with one clear line on
stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from autograder.exit_codes import GRADER_ERROR, USAGE_ERROR


class UsageError(Exception):
    """Bad input from the command line: exit 2 with this message."""


class GraderUnavailable(Exception):
    """The grader cannot grade on this machine (no sandbox, workers that cannot warm up): exit 1."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except GraderUnavailable as error:
        print(f"error: cannot grade: {error}", file=sys.stderr)
        return GRADER_ERROR
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
    grade.add_argument("submissions", type=Path, nargs="?",
                       help="a folder or zip: <student>/<assignment>.ipynb, nbgrader's "
                            "<student>/<assignment>/<assignment>.ipynb, Canvas's download, or one "
                            "student's <assignment>.ipynb (default with --course: the course's "
                            "submitted folder)")
    grade.add_argument("--out", type=Path,
                       help="where grades.csv, results.json, feedback/, autograded/, submitted/ and "
                            "the gradebook go (with --course: only the two reports; default "
                            "grading/reports/ASSIGNMENT)")
    grade.add_argument("--course", action="store_true",
                       help="grade into the course's own nbgrader folders and gradebook "
                            "(autograder/nbgrader_config.py: grading/autograded, grading/feedback, "
                            "grading/gradebook.db), so formgrader and nbgrader's commands see it")
    grade.add_argument("--student", help="the student id when SUBMISSIONS holds one student's notebook "
                                         "(default: the folder's name)")
    grade.add_argument("--db-url", help="SQLAlchemy URL of the nbgrader gradebook "
                                        "(default: sqlite:///OUT/gradebook.db, or the course's)")
    grade.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="submissions graded in parallel (default: the number of cores)")
    grade.add_argument("--dask-scheduler", metavar="tcp://HOST:PORT",
                       help="grade on this Dask distributed cluster instead of local worker processes "
                            "(its workers need this repository at the same path, this venv and "
                            "bubblewrap, and must see SUBMISSIONS at the same path)")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    grade.set_defaults(run=run_grade)

    from autograder.settings import ON_SUBMIT as on_submit, SIMILARITY  # no heavy import

    serve = commands.add_parser("serve", help="stay warm and grade one submission per line of stdin")
    serve.add_argument("assignment", help="e.g. dot_product")
    serve.add_argument("--out", type=Path, required=True,
                       help="where feedback/, autograded/ and submitted/ go, as for grade")
    serve.add_argument("--db-url", help="also record each grade in this nbgrader gradebook")
    serve.add_argument("--workers", type=int, default=on_submit.workers,
                       help=f"submissions graded at once, each by a warm worker (default: {on_submit.workers})")
    serve.set_defaults(run=run_serve)

    watch = commands.add_parser("watch", help="grade each nbgrader submit as it arrives in the exchange "
                                              "and release its feedback (grading on submit)")
    watch.add_argument("assignments", nargs="+", metavar="ASSIGNMENT", help="e.g. dot_product norms")
    watch.add_argument("--exchange-root", type=Path, required=True,
                       help="nbgrader's exchange (Exchange.root, e.g. /usr/local/share/nbgrader/exchange)")
    watch.add_argument("--course-id", required=True, help="the course's id on the exchange (CourseDirectory.course_id)")
    watch.add_argument("--out", type=Path, required=True,
                       help="where feedback/, autograded/, submitted/, the gradebook and watch's own state "
                            "(.watch/) go: one grading folder for the course (NBGRADER_GRADING_DIR for formgrader)")
    watch.add_argument("--once", action="store_true",
                       help="grade what is waiting now, then exit (for scripts, cron and tests)")
    watch.add_argument("--db-url", help="SQLAlchemy URL of the nbgrader gradebook (default: sqlite:///OUT/gradebook.db)")
    watch.add_argument("--workers", type=int, default=on_submit.workers,
                       help=f"submissions graded at once; a slow one holds only its own (default: {on_submit.workers})")
    watch.add_argument("--per-hour", type=int, default=on_submit.per_hour,
                       help="graded submissions per student and assignment in any hour; more wait, and the "
                            f"student is told until when (default: {on_submit.per_hour}; 0: no limit)")
    watch.add_argument("--poll-seconds", type=float, default=on_submit.poll_seconds,
                       help=f"how often the inbound folder is looked at (default: {on_submit.poll_seconds:g})")
    watch.add_argument("--task-seconds", type=float, default=on_submit.task_seconds,
                       help="a worker still grading one submission after this long is stopped and replaced "
                            f"(default: {on_submit.task_seconds:g}; the sandbox stops any notebook before)")
    watch.set_defaults(run=run_watch)

    similarity = commands.add_parser("similarity", help="which submissions share code that the rest of the class does not")
    similarity.add_argument("assignment", help="e.g. dot_product")
    similarity.add_argument("submissions", type=Path, help="a folder (or zip) of submissions, as for grade")
    similarity.add_argument("--out", type=Path, required=True, help="where similarity.csv and similarity.html go")
    similarity.add_argument("--threshold", type=float, default=SIMILARITY.threshold,
                            help=f"list pairs scoring at least this, from 0 to 1 (default: {SIMILARITY.threshold})")
    similarity.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    similarity.set_defaults(run=run_similarity)

    export = commands.add_parser("export", help="export grades for an LMS")
    export.add_argument("--format", choices=["canvas"], required=True)
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("--db-url", help="read final scores (manual overrides included) from this "
                                         "nbgrader gradebook (SQLAlchemy URL)")
    source.add_argument("--grades", type=Path, action="append",
                        help="a grades.csv written by `grade` (repeat for several assignments)")
    export.add_argument("--assignment", action="append", default=[],
                        help="with --db-url: export this assignment (repeatable; default: all of them)")
    export.add_argument("--roster", type=Path,
                        help="Canvas gradebook export (CSV) to take names, ids and sections from")
    export.add_argument("--canvas-id", action="append", default=[], metavar="ASSIGNMENT=ID",
                        help="the Canvas assignment id of an assignment (repeatable)")
    export.add_argument("--match", choices=["sis_user_id", "sis_login_id", "id"], default="sis_user_id",
                        help="which Canvas column holds the student_id (default: sis_user_id); a "
                             "student graded from Canvas's download is matched by Canvas user id")
    export.add_argument("--output", type=Path, default=Path("grading/canvas_grades.csv"),
                        help="the CSV to write (default: grading/canvas_grades.csv)")
    export.set_defaults(run=run_export)

    check = commands.add_parser("check", help="check that this machine can grade: the sandbox "
                                              "starts and every master solution gets full marks")
    check.set_defaults(run=run_check)

    gradescope = commands.add_parser("gradescope", help="write an autograder zip for Gradescope")
    gradescope.add_argument("assignment", help="e.g. dot_product")
    gradescope.add_argument("--out", type=Path, required=True, help="the zip to write, e.g. dot_product.zip")
    gradescope.set_defaults(run=run_gradescope)

    listing = commands.add_parser("settings", help="list the grader's tunables with their values and help "
                                                   "(autograder/settings.py)")
    listing.set_defaults(run=run_settings)
    return parser


def run_settings(args) -> int:
    from autograder.settings import described

    print("\n".join(described()))
    return 0


def run_grade(args) -> int:
    # Imported here so that `--help` and usage errors stay instant.
    from autograder.specs import SPECS

    if args.assignment not in SPECS:
        raise UsageError(f"unknown assignment {args.assignment!r}; known: {', '.join(SPECS)}")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.submissions is None and not args.course:
        raise UsageError("give SUBMISSIONS (a folder or zip), or --course to grade the course's submitted folder")
    if args.out is None and not args.course:
        raise UsageError("give --out (a folder under grading/, which git ignores), or --course")
    if args.student is not None:
        from autograder.intake import valid_student_id

        problem = valid_student_id(args.student)
        if problem:
            raise UsageError(f"--student {args.student!r} cannot be a student id: {problem}")
    layout, submissions, db_url = _layout(args)
    if not submissions.exists():
        raise UsageError(f"{submissions} does not exist")
    from autograder.preflight import sandbox_problem

    problem = sandbox_problem()  # before anything is written
    if problem:
        print(f"error: cannot grade: {problem}; nothing was written", file=sys.stderr)
        return GRADER_ERROR
    from autograder.batch import GraderFailure, grade_folder
    from autograder.cluster import ClusterError
    from autograder.errors import GradebookError
    from autograder.intake import IntakeError

    try:
        if args.dask_scheduler:
            return _grade_on_cluster(args, grade_folder, layout, submissions, db_url)
        with tempfile.TemporaryDirectory(prefix="autograder-") as scratch, _local_pool(args.workers) as executor:
            return grade_folder(args.assignment, submissions, layout, db_url, executor, Path(scratch),
                                progress=not args.no_progress, outputs_in_workers=True, student=args.student)
    except (IntakeError, GradebookError, ClusterError) as error:
        raise UsageError(str(error)) from None
    except GraderFailure as error:
        print(f"error: cannot grade: {error}", file=sys.stderr)
        return GRADER_ERROR


def _layout(args):
    """(output layout, SUBMISSIONS, gradebook URL or None for OUT/gradebook.db)."""
    from autograder.outputs import course_layout, out_layout

    if not args.course:
        return out_layout(args.out, args.assignment), args.submissions, args.db_url
    layout, submitted, course_db = course_layout(args.assignment, args.out)
    return layout, args.submissions or submitted, args.db_url or course_db


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


def _grade_on_cluster(args, grade_folder, layout, submissions, db_url) -> int:
    import shutil

    from autograder.cluster import dask_executor

    # A zip is extracted next to OUT, which the workers must see as well.
    layout.reports.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{layout.reports.name}.intake-", dir=layout.reports.parent))
    try:
        with dask_executor(args.dask_scheduler) as executor:
            return grade_folder(args.assignment, submissions, layout, db_url, executor, scratch,
                                progress=not args.no_progress, student=args.student)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_serve(args) -> int:
    _check_assignments([args.assignment])
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    from autograder.errors import GradebookError
    from autograder.outputs import out_layout
    from autograder.service import serve

    layout = out_layout(args.out, args.assignment)
    gradebook = None
    try:
        if args.db_url:
            from autograder.gradebook import CourseGradebook

            gradebook = CourseGradebook(args.db_url, args.assignment)
        with _started_pool([args.assignment], args.out, args.workers) as (pool, warm_up):
            serve(pool, args.assignment, layout, sys.stdin, gradebook=gradebook, warm_up_seconds=warm_up)
    except GradebookError as error:
        raise UsageError(str(error)) from None
    finally:
        if gradebook is not None:
            gradebook.close()
    return 0


def run_watch(args) -> int:
    _check_assignments(args.assignments)
    for option, value, least in (("--workers", args.workers, 1), ("--per-hour", args.per_hour, 0)):
        if value < least:
            raise UsageError(f"{option} must be at least {least}")
    for option, value in (("--poll-seconds", args.poll_seconds), ("--task-seconds", args.task_seconds)):
        if not value > 0:
            raise UsageError(f"{option} must be more than 0")
    if len(set(args.assignments)) != len(args.assignments):
        raise UsageError("an assignment is given twice")
    from autograder.watch.exchange import ExchangeError, open_course

    try:
        exchange = open_course(args.exchange_root, args.course_id)
    except ExchangeError as error:
        raise UsageError(str(error)) from None
    for assignment in args.assignments:
        if not exchange.released(assignment):
            print(f"warning: {assignment} is not released on the exchange yet ({exchange.course / 'outbound'})",
                  file=sys.stderr)
    from autograder.errors import GradebookError
    from autograder.gradebook import CourseGradebook
    from autograder.watch.loop import Watcher, summary
    from autograder.watch.state import STATE_FOLDER, State

    args.out.mkdir(parents=True, exist_ok=True)
    db_url = args.db_url or f"sqlite:///{(args.out / 'gradebook.db').resolve()}"
    gradebooks = {}
    try:
        for assignment in args.assignments:
            gradebooks[assignment] = CourseGradebook(db_url, assignment)
        state = State(args.out / STATE_FOLDER / "state.sqlite3")
        with _started_pool(args.assignments, args.out, args.workers, args.task_seconds) as (pool, warm_up):
            watcher = Watcher(exchange, args.assignments, args.out, pool, gradebooks, state, per_hour=args.per_hour)
            print(f"watch: ready: {', '.join(args.assignments)} from {exchange.inbound}, {pool.size} worker(s) "
                  f"warm in {warm_up:.1f} s", flush=True)
            if args.once:
                watcher.run_once()
            else:
                with _stop_on_sigterm() as stopped:
                    watcher.run(stopped, args.poll_seconds)
            print(summary(watcher), flush=True)
        state.close()
    except GradebookError as error:
        raise UsageError(str(error)) from None
    finally:
        for gradebook in gradebooks.values():
            gradebook.close()
    return GRADER_ERROR if watcher.tally["failed"] else 0


def _check_assignments(assignments: list[str]) -> None:
    from autograder.specs import SPECS

    for assignment in assignments:
        if assignment not in SPECS:
            raise UsageError(f"unknown assignment {assignment!r}; known: {', '.join(SPECS)}")


@contextmanager
def _started_pool(assignments: list[str], out: Path, workers: int, task_seconds: float | None = None):
    """Warm graders in `workers` processes (grader_pool.py), after the sandbox check: (pool, warm-up seconds)."""
    from autograder.grader_pool import GraderPool, PoolError
    from autograder.preflight import sandbox_problem

    problem = sandbox_problem()
    if problem:
        raise GraderUnavailable(problem)
    pool = GraderPool(assignments, out, workers=workers, task_seconds=task_seconds)
    try:
        warm_up = pool.start()
    except PoolError as error:
        raise GraderUnavailable(str(error)) from None
    try:
        yield pool, warm_up
    finally:
        pool.close()


@contextmanager
def _stop_on_sigterm():
    """A `stopped()` that turns true on SIGTERM (systemctl stop) or Ctrl-C: the loop ends cleanly."""
    import signal

    stop = []
    previous = {number: signal.signal(number, lambda *_: stop.append(True))
                for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield lambda: bool(stop)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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
    if args.assignment and not args.db_url:
        raise UsageError("--assignment goes with --db-url (a grades.csv holds one assignment)")
    try:
        if args.db_url:
            from autograder.errors import GradebookError
            from autograder.export_gradebook import read_gradebook

            try:
                tables = read_gradebook(args.db_url, args.assignment)
            except GradebookError as error:
                raise ExportError(str(error)) from None
        else:
            from autograder.export import read_grades

            tables = [read_grades(path) for path in args.grades]
        count = write_canvas_csv(tables, args.output, roster=args.roster, canvas_ids=ids, match=args.match)
    except ExportError as error:
        raise UsageError(str(error)) from None
    print(f"Wrote {args.output} ({count} student row(s)).")
    return 0


def run_check(args) -> int:
    from autograder.preflight import check_grading, sandbox_problem
    from autograder.specs import SPECS

    problem = sandbox_problem()
    if problem:
        print(f"error: cannot grade: {problem}", file=sys.stderr)
        return GRADER_ERROR
    print("ok: bubblewrap starts a sandbox")
    lines = check_grading(list(SPECS))
    print("\n".join(lines))
    if any(line.startswith("FAILED") for line in lines):
        print("error: a master solution does not get full marks on this machine", file=sys.stderr)
        return GRADER_ERROR
    return 0


def run_gradescope(args) -> int:
    from autograder.specs import SPECS

    if args.assignment not in SPECS:
        raise UsageError(f"unknown assignment {args.assignment!r}; known: {', '.join(SPECS)}")
    if args.out.is_dir():
        raise UsageError(f"--out {args.out} is a folder: give the name of the zip to write")
    from autograder.gradescope.build import build_zip
    from autograder.gradescope.contents import ContentsError

    try:
        print(build_zip(args.assignment, args.out))
    except ContentsError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"cannot write {args.out}: {error.strerror or error}") from None
    return 0
