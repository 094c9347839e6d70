"""Grade the attack corpus with stock `nbgrader autograde` and with `python -m autograder grade`, and
print both results side by side per submission.

    .venv/bin/python scripts/compare_with_stock_nbgrader.py            # the whole corpus (slow)
    .venv/bin/python scripts/compare_with_stock_nbgrader.py --only ipython_input_transformer,honest_prints

The stock side runs in a temporary copy of the course (nbgrader_config.py, autograder/, solutions/)
with its own gradebook, default nbgrader settings, the copy's root on PYTHONPATH (the hidden tests
import autograder.checks) and the venv's bin first on PATH: attacks that write files, rewrite the
gradebook or read the solutions do it to that copy, never to the repository. Entries marked `stock`
in the manifest (a fork bomb...) are not run there, since stock nbgrader has no process limit.
Processes the attacks leave running after stock grading are listed and then ended.

Stock grades one student at a time (one that hangs it is stopped after --stock-seconds).
Markers: `FOOLED` stock gave more than the submission deserves; `LOST` stock gave less (honest work
or collateral damage); `CRASHED` stock recorded no grade, or hung. Exit code 1 if the hardened grader
does not give an entry exactly its expected score, 2 for bad options.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.course import REPO
from autograder.testing.corpus_builder import (ASSIGNMENT, FUNCTIONS, Entry, honest_students, load_manifest,
                                               write_entry, write_honest)
from autograder.testing.processes import processes_with

BIN = Path(sys.executable).parent
SEED = "271828"
STOCK_SECONDS = 300  # per student: stock's own limit is 30 s per cell


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated entry names (default: the whole corpus)")
    parser.add_argument("--no-honest", action="store_true", help="leave out the honest students")
    parser.add_argument("--keep", type=Path, help="keep the work folder here (must not exist)")
    parser.add_argument("--stock-seconds", type=int, default=STOCK_SECONDS,
                        help=f"stop stock grading of one student after this long (default {STOCK_SECONDS})")
    args = parser.parse_args(argv)
    if args.stock_seconds < 1:
        print("error: --stock-seconds must be at least 1", file=sys.stderr)
        return 2
    entries = load_manifest()
    names = list(entries)
    if args.only:
        names = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in names if name not in entries]
        if unknown:
            print(f"error: not in the corpus: {', '.join(unknown)}", file=sys.stderr)
            return 2
    if args.keep and args.keep.exists():
        print(f"error: {args.keep} already exists", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="stock-vs-hardened-"))
    try:
        return compare(work, [entries[n] for n in names], {} if args.no_honest else honest_students(),
                       args.stock_seconds)
    except CommandFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            shutil.move(str(work), args.keep)
            print(f"Work folder kept in {args.keep}")
        else:
            shutil.rmtree(work, ignore_errors=True)


class CommandFailed(RuntimeError):
    pass


def compare(work: Path, entries: list[Entry], honest: dict[str, Path], stock_seconds: int) -> int:
    course = copy_course(work / "course")
    hardened_in = work / "hardened-submissions"
    stock_in = course / "grading" / "submitted"
    for entry in entries:  # hardened: <student>/<notebook>; stock: <student>/<assignment>/<notebook>
        write_entry(entry, hardened_in / entry.name)
        if entry.stock is None:
            write_entry(entry, stock_in / entry.name / ASSIGNMENT)
    for name, path in honest.items():
        write_honest(path, hardened_in / name)
        write_honest(path, stock_in / name / ASSIGNMENT)

    started = time.monotonic()
    run([str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"], course, course)
    before = marked_processes()
    hung = stock_autograde(course, sorted(p.name for p in stock_in.iterdir()), stock_seconds)
    stock_time = time.monotonic() - started
    stray = [p for p in marked_processes() if p not in before]
    stock = stock_scores(course)

    started = time.monotonic()
    graded = run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, str(hardened_in), "--out",
                  str(work / "hardened"), "--no-progress"], REPO, REPO, check=False)
    if graded.returncode not in (0, 3):  # 3: a missing or unreadable notebook in the corpus
        raise CommandFailed(f"python -m autograder grade failed ({graded.returncode}):\n{graded.stderr[-2000:]}")
    hardened_seconds = time.monotonic() - started
    with open(work / "hardened" / "grades.csv", newline="", encoding="utf-8") as handle:
        hardened = {row["student_id"]: row for row in csv.DictReader(handle)}

    rows = [(e.name, e.kind_of_attack, e.scores, e.stock) for e in entries]
    rows += [(name, "honest", {f: points for f, points in max_scores().items()}, None) for name in honest]
    mismatches = print_table(rows, stock, hardened, hung)
    print()
    print(f"stock nbgrader: {stock_time:.0f} s (release + autograde); hardened: {hardened_seconds:.0f} s")
    print_collateral(course, stock, stray)
    end_processes(stray)
    if mismatches:
        print(f"\nThe hardened grader missed the expected score of: {', '.join(mismatches)}")
        return 1
    return 0


def copy_course(course: Path) -> Path:
    course.mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", course)
    shutil.copytree(REPO / "solutions", course / "solutions")
    shutil.copytree(REPO / "autograder", course / "autograder",
                    ignore=shutil.ignore_patterns("__pycache__", "tests", ".secret_seed"))
    return course


def environment(root: Path) -> dict[str, str]:
    """`root` on PYTHONPATH, the venv first on PATH, the fixed seed of the hidden cases."""
    env = {k: v for k, v in os.environ.items() if k not in ("NBGRADER_DB_URL", "NBGRADER_GRADING_DIR")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", AUTOGRADER_SEED=SEED, PYTHONPATH=str(root))
    return env


def run(command: list[str], cwd: Path, root: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(command, cwd=cwd, env=environment(root), capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise CommandFailed(f"{' '.join(command[:3])} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc


def stock_autograde(course: Path, students: list[str], seconds: int) -> dict[str, str]:
    """`nbgrader autograde` one student at a time, so that a submission that hangs stock grading
    (its kernel's channels written over, say) is stopped after `seconds` and the rest still run.
    Returns why a student's grading was stopped. Kernels left running are ended."""
    hung = {}
    for student in students:
        proc = subprocess.Popen([str(BIN / "nbgrader"), "autograde", ASSIGNMENT, f"--student={student}",
                                 "--create", "--force"], cwd=course, env=environment(course),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            hung[student] = f"stock grading hung; stopped after {seconds} s"
        end_processes(processes_with(str(course)))  # its kernels (they run in their own session)
    return hung


def max_scores() -> dict[str, float]:
    from autograder.specs import load_spec

    return {f.name: float(f.points) for f in load_spec(ASSIGNMENT).functions}


def stock_scores(course: Path) -> dict[str, dict[str, float] | None]:
    """Per student: the stock auto score of each function's grade cell, None if nothing recorded."""
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[str, dict[str, float] | None] = {}
    with Gradebook(f"sqlite:///{course / 'grading' / 'gradebook.db'}") as gradebook:
        for folder in sorted((course / "grading" / "submitted").iterdir()):
            try:
                notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, folder.name)
            except MissingEntry:
                scores[folder.name] = None
                continue
            by_cell = {grade.name: grade.score for grade in notebook.grades}
            scores[folder.name] = {f: float(by_cell.get(f"test_{f}") or 0.0) for f in FUNCTIONS}
    return scores


def print_table(rows, stock, hardened, hung) -> list[str]:
    header = f"{'submission':34} {'class':10} {'expected':>14} {'hardened':>14} {'stock':>14}  marker"
    print(header)
    print("-" * len(header))
    mismatches = []
    for name, kind, expected, unsafe in rows:
        row = hardened.get(name)
        hard = {f: float(row[f]) for f in FUNCTIONS} if row else None
        if hard != expected:
            mismatches.append(name)
        old = stock.get(name)
        if unsafe:
            marker, old_text = f"not run on stock: {unsafe}", "-"
        elif name in hung:
            marker, old_text = f"CRASHED ({hung[name]})", "none" if old is None else _scores(old)
        elif old is None:
            marker, old_text = "CRASHED (stock recorded no grade)", "none"
        else:
            old_text = _scores(old)
            gained = sum(old.values()) - sum(expected.values())
            marker = (f"FOOLED (+{gained:g})" if gained > 1e-9 else f"LOST ({gained:g})" if gained < -1e-9
                      else "")
        if hard != expected:
            marker = f"HARDENED != EXPECTED; {marker}"
        print(f"{name[:34]:34} {kind[:10]:10} {_scores(expected):>14} "
              f"{_scores(hard) if hard else 'none':>14} {old_text:>14}  {marker}")
    return mismatches


def _scores(scores: dict[str, float]) -> str:
    return f"{sum(scores.values()):g} ({'/'.join(f'{scores[f]:g}' for f in FUNCTIONS)})"


def print_collateral(course: Path, stock: dict, stray: list[str]) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'grading' / 'gradebook.db'}") as gradebook:
        cells = {cell.name: cell.max_score for cell in gradebook.find_notebook(ASSIGNMENT, ASSIGNMENT).grade_cells}
        total = gradebook.find_assignment(ASSIGNMENT).max_score
    expected = max_scores()
    if cells != {**{f"test_{f}": p for f, p in expected.items()}, **{f"test_{f}_rules": 0.0 for f in expected}}:
        print(f"stock gradebook: grade cells' max_score rewritten to {cells} (total {total})")
    written = sorted(str(p.relative_to(course)) for p in course.rglob("owned-by-corpus-attack.txt"))
    if written:
        print(f"stock: files written into the course by student code: {', '.join(written[:6])}")
    if stray:
        print(f"stock: {len(stray)} process(es) left running by student code, ended now: "
              + "; ".join(s[:80] for s in stray[:5]))
    crashed = [name for name, value in stock.items() if value is None]
    if crashed:
        print(f"stock: no grade recorded for {len(crashed)} submission(s)")


def marked_processes() -> list[str]:
    markers = {marker for entry in load_manifest().values() for marker in entry.markers} | {"corpus-daemon"}
    return list(dict.fromkeys(line for marker in sorted(markers) for line in processes_with(marker)))


def end_processes(stray: list[str]) -> None:
    """End the processes stock grading left behind (started by this run's student code)."""
    for line in stray:
        try:
            os.kill(int(line.split(":")[0]), signal.SIGKILL)
        except (ValueError, ProcessLookupError, PermissionError):
            pass


if __name__ == "__main__":
    sys.exit(main())
