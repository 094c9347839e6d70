"""Benchmark: from `nbgrader submit` to feedback a student can fetch, with `watch` running.

    .venv/bin/python benchmarks/submit_latency.py [--n 10] [--burst 4] [--workers 2]

Sets up a course on nbgrader's exchange in a temporary folder (`nbgrader release_assignment`), with
students who each `nbgrader fetch_assignment` in their own HOME; starts `python -m autograder
watch` (warm workers, no per-hour limit) and waits until it is ready. Then, one after another, N
real `nbgrader submit`s (correct and plausible wrong notebooks in turn), and after that a burst of
B students submitting at once. For each it polls, every few milliseconds, the exchange file that
the student's `nbgrader fetch_feedback` would look for (nbgrader's hash of the secret in the
student's own cache and the notebook's name), and prints the time from the moment the submission
was complete in the inbound folder (nbgrader writes the secret last: that file's time) to the
moment its feedback page was released (that page's time). It also prints how long `nbgrader submit`
itself takes (its own start-up, before the submission exists), checks with a real `nbgrader
fetch_feedback` that every student finds their pages, and says whether the median meets the target
(under 2 s). Figures vary with what else runs on the machine: run it on a quiet one.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from autograder.course import REPO
from autograder.testing.exchange_course import COURSE_ID, ExchangeCourse, Student
from autograder.testing.platform_layouts import notebook_bytes

ASSIGNMENT = "dot_product"
KINDS = ("correct", "no_length_check", "off_by_one_loop", "uses_numpy_dot")
TARGET_SECONDS = 2.0
POLL_SECONDS = 0.005
WAIT_SECONDS = 120.0


def start_watch(course: ExchangeCourse, workers: int) -> tuple[subprocess.Popen, list[str]]:
    """`python -m autograder watch` in the background, once it says it is ready; its output lines."""
    watch = subprocess.Popen([sys.executable, "-m", "autograder", "watch", ASSIGNMENT, *course.watch_options(),
                              "--per-hour", "0", "--workers", str(workers)], cwd=REPO, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in watch.stdout:
            lines.append(line.rstrip())
            if line.startswith("watch: ready"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(300) or watch.poll() is not None:
        watch.kill()
        sys.exit("watch did not start:\n" + "\n".join(lines[-20:]))
    return watch, lines


def submission_secret(course: ExchangeCourse, student: Student, timestamp: str) -> Path:
    (folder,) = (course.exchange / COURSE_ID / "inbound").glob(f"{student.name}+{ASSIGNMENT}+{timestamp}+*")
    return folder / "submission_secret.txt"


def latency(course: ExchangeCourse, student: Student, timestamp: str) -> float:
    """Seconds from the submission being complete in inbound to its feedback being released."""
    page = student.feedback_on_exchange(ASSIGNMENT, timestamp)
    deadline = time.monotonic() + WAIT_SECONDS
    while not page.exists():
        if time.monotonic() > deadline:
            sys.exit(f"no feedback for {student.name}'s submission of {timestamp} after {WAIT_SECONDS:g} s")
        time.sleep(POLL_SECONDS)
    return page.stat().st_mtime - submission_secret(course, student, timestamp).stat().st_mtime


def sequential(course: ExchangeCourse, students: list[Student], n: int) -> tuple[list[float], list[float]]:
    latencies, submit_seconds = [], []
    for index in range(n):
        student = students[index % len(students)]
        notebook = notebook_bytes(KINDS[index % len(KINDS)])
        started = time.monotonic()
        timestamp = student.submit(ASSIGNMENT, notebook)
        submit_seconds.append(time.monotonic() - started)
        latencies.append(latency(course, student, timestamp))
    return latencies, submit_seconds


def burst(course: ExchangeCourse, students: list[Student]) -> list[float]:
    """Every student submits at the same moment."""
    before = {student.name: set(student.submissions(ASSIGNMENT)) for student in students}
    running = []
    for index, student in enumerate(students):
        student.write(ASSIGNMENT, notebook_bytes(KINDS[index % len(KINDS)]))
        running.append(student.nbgrader("submit", ASSIGNMENT, background=True))
    for process in running:
        process.communicate(timeout=300)
    return [latency(course, student, timestamp) for student in students
            for timestamp in set(student.submissions(ASSIGNMENT)) - before[student.name]]


def describe(seconds: list[float]) -> str:
    return (f"median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, max {max(seconds):.2f} s "
            f"(n={len(seconds)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10, help="submissions one after another (default 10)")
    parser.add_argument("--burst", type=int, default=4, help="students submitting at once afterwards (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="watch's workers (default 2)")
    args = parser.parse_args(argv)
    print(f"Machine: {os.cpu_count()} cores; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="submit-latency-") as root:
        course = ExchangeCourse(Path(root))
        course.release(ASSIGNMENT)
        students = [course.student(f"student{index:02d}") for index in range(max(args.burst, 1))]
        for student in students:
            student.fetch(ASSIGNMENT)
        watch, lines = start_watch(course, args.workers)
        try:
            latencies, submit_seconds = sequential(course, students, args.n)
            at_once = burst(course, students) if args.burst else []
        finally:
            watch.terminate()
            watch.wait(timeout=60)
        fetched = sum(len(student.fetch_feedback(ASSIGNMENT)) for student in students)
        expected = args.n + len(at_once)
        print(f"{lines[0]}")
        print(f"nbgrader submit itself (start-up to exit): {describe(submit_seconds)}")
        print(f"Submit -> feedback available, one at a time: {describe(latencies)}")
        if at_once:
            print(f"Submit -> feedback available, {len(at_once)} students at once: {describe(at_once)}")
        print(f"nbgrader fetch_feedback found {fetched} of {expected} feedback pages")
        print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        met = statistics.median(latencies) < TARGET_SECONDS
        print(f"Target: median submit -> feedback under {TARGET_SECONDS:g} s with a warm grader: "
              f"{'met' if met else 'NOT met'}")
        return 0 if fetched == expected else 1


if __name__ == "__main__":
    sys.exit(main())
