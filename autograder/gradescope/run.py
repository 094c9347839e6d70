"""What Gradescope's `run_autograder` runs for each submission:

    cd /autograder/source && python3 -m autograder.gradescope.run ASSIGNMENT [--root /autograder]

Grades the notebook in ROOT/submission/ exactly as `python -m autograder grade` grades one
student's folder (the same choice of the notebook, `notebook_choice`, and the same
`grade_submission`, sandbox, limits, rules and scores, the cases from the course's secret seed
shipped in the zip) and writes ROOT/results/results.json. If the grader itself
cannot grade (the sandbox does not start on the image, the seed is missing, any internal error),
results.json still says so in plain words with every function at 0 marked failed, the reason goes
to stdout for the instructor, and the exit code is 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from autograder import notebook_choice
from autograder.gradescope.results import grader_error_json, instructor_report, results_json, write_results
from autograder.grading import GradingJob, grade_submission, with_notes
from autograder.sandbox.warm import close_pool
from autograder.specs import SPECS, load_spec
from autograder.specs.base import SEED_FILE

STUDENT_ID = "gradescope"  # one submission per run; Gradescope knows whose it is


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.gradescope.run",
                                     description="Grade one Gradescope submission.")
    parser.add_argument("assignment", choices=list(SPECS))
    parser.add_argument("--root", type=Path, default=Path("/autograder"),
                        help="Gradescope's folder holding submission/ and results/ (default: /autograder)")
    args = parser.parse_args(argv)
    try:
        return _grade(args.assignment, args.root)
    finally:
        close_pool()  # the warm sandbox ends with the run: nothing outlives run_autograder


def _grade(assignment: str, root: Path) -> int:
    started = time.monotonic()
    spec = load_spec(assignment)
    results = root / "results" / "results.json"
    try:
        seed = _course_seed()
        upload = root / "submission"
        choice = notebook_choice.in_folder(upload, assignment, notebook_choice.UPLOAD)
        notebook = upload / choice.notebook if choice.notebook else None
        job = GradingJob(assignment, STUDENT_ID, str(notebook) if notebook else None, choice.problem,
                         str(notebook.parent) if notebook else None, seed)
        result = with_notes(grade_submission(job), choice.notes)
    except Exception as error:  # noqa: BLE001 - whatever it is, the instructor must see it, not a silent 0
        reason = f"{type(error).__name__}: {error}"
        write_results(results, grader_error_json(spec, reason, time.monotonic() - started))
        print(f"AUTOGRADER ERROR: nothing was graded: {reason}\n"
              "Every function got 0 marked as failed, with this message for the student. If the "
              "sandbox did not start, the image must allow bubblewrap's namespaces (see the course's "
              "'Grading on Gradescope' notes); then regrade all submissions.", flush=True)
        return 1
    write_results(results, results_json(result, spec, time.monotonic() - started))
    print(instructor_report(result), flush=True)
    return 0


def _course_seed() -> int:
    """The seed shipped in the zip: never AUTOGRADER_SEED, never a new random one, so every
    submission gets the cases `grade` uses."""
    try:
        return int(SEED_FILE.read_text().strip())
    except (OSError, ValueError) as error:
        raise RuntimeError(f"the course's secret seed is missing from the autograder zip ({error})") from None


if __name__ == "__main__":
    sys.exit(main())
