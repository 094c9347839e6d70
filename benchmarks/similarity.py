"""Benchmark: `python -m autograder similarity` on a generated class.

    .venv/bin/python benchmarks/similarity.py [--n 500] [--repeat 3]

Generates N dot_product notebooks the way students fill in the released notebook: honest students
writing the common idioms (autograder/testing/similarity_class.py), plus the fixture's unusual
students and their disguised copies. Runs the command as an instructor does (a fresh process,
progress bar off) --repeat times and prints the wall time (best and median), the CPU time and the
peak memory of the run, and where the planted copies ranked. Target: 500 submissions in under a
minute on 2 cores. Exit code 1 if a planted copy is not among the top pairs.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.course import REPO
from autograder.testing.similarity_class import ASSIGNMENT, COPIES, build_class, common_class, write_class

TARGET_SECONDS, TARGET_N = 60.0, 500


def make_class(n: int, root: Path) -> Path:
    """The fixture's unusual students and copies, and common students up to n in all."""
    planted = [s for s in build_class(common=0) if s.kind in ("unusual", "copy")]
    return write_class(common_class(n - len(planted)) + planted, root / "submissions")


def run_once(submissions: Path, out: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "autograder", "similarity", ASSIGNMENT, str(submissions),
                             "--out", str(out), "--no-progress"], cwd=REPO, capture_output=True, text=True)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"similarity failed ({result.returncode}): {result.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, result.stdout


def copy_ranks(out: Path) -> list[int]:
    planted = {frozenset((copier, original)) for copier, (original, _) in COPIES.items()}
    with open(out / "similarity.csv", newline="", encoding="utf-8") as handle:
        return [int(row["rank"]) for row in csv.DictReader(handle)
                if frozenset((row["student_a"], row["student_b"])) in planted]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=TARGET_N, help=f"submissions (default {TARGET_N})")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best and the median are shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="similarity-benchmark-") as scratch:
        root = Path(scratch)
        started = time.monotonic()
        submissions = make_class(args.n, root)
        print(f"Generated {args.n} submissions of {ASSIGNMENT} in {time.monotonic() - started:.1f} s "
              f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
        runs = [run_once(submissions, root / f"out-{index}") for index in range(args.repeat)]
        walls = [wall for wall, _, _ in runs]
        best = min(walls)
        print(f"similarity, {args.n} submissions: best {best:.1f} s, median {statistics.median(walls):.1f} s "
              f"of {args.repeat} runs; CPU {statistics.median(cpu for _, cpu, _ in runs):.1f} s per run; "
              f"peak memory {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MiB")
        print(runs[0][2].splitlines()[0])
        ranks = copy_ranks(root / "out-0")
        pairs = args.n * (args.n - 1) // 2
        print(f"planted copies ranked {sorted(ranks)} of {pairs} pairs")
        if args.n >= TARGET_N:
            verdict = "met" if best < TARGET_SECONDS else "NOT met"
            print(f"target: {TARGET_N} submissions in under {TARGET_SECONDS:.0f} s: {verdict}")
        return 0 if sorted(ranks) == list(range(1, len(COPIES) + 1)) else 1


if __name__ == "__main__":
    sys.exit(main())
