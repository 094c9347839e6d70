"""Running `python -m autograder` as the instructor does, for the tests."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from autograder.course import REPO


def run_grader(*args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """`python -m autograder ARGS` from the repository root with this venv's python."""
    environment = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "autograder", *args], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def grade(assignment: str, submissions: Path, out: Path, *extra: str, expect: int = 0) -> subprocess.CompletedProcess:
    """Grade as the instructor does; `expect` is the exit code (3: some students had nothing to grade)."""
    result = run_grader("grade", assignment, str(submissions), "--out", str(out), "--no-progress", *extra)
    assert result.returncode == expect, f"grading exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    return result


def read_grades(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def read_results(out: Path) -> dict[str, dict]:
    return {result["student_id"]: result for result in json.loads((out / "results.json").read_text())}


def feedback_page(out: Path, student: str, assignment: str) -> Path:
    """Where `grade --out OUT` puts a student's feedback: nbgrader's layout."""
    return out / "feedback" / student / assignment / f"{assignment}.html"


def feedback_text(result: dict, function: str) -> str:
    """Everything the grader says about one function of one student (problems and failures)."""
    for item in result["functions"]:
        if item["name"] == function:
            parts = list(item["problems"])
            for group in item["groups"]:
                parts.extend(group["failures"])
            return "\n".join(parts)
    raise KeyError(function)
