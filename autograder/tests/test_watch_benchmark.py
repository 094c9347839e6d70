"""benchmarks/submit_latency.py works end to end on two submissions: real `nbgrader submit`s with
watch running, every page found by the students' own fetch_feedback. (Nothing here checks a speed.)"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from autograder.course import REPO


@pytest.mark.slow
def test_the_submit_latency_benchmark_runs_and_prints_its_figures():
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "submit_latency.py"), "--n", "2", "--burst", "0"],
                         cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    figures = r"median [0-9.]+ s, min [0-9.]+ s, max [0-9.]+ s \(n=2\)"
    assert re.search(r"^Submit -> feedback available, one at a time: " + figures, run.stdout, re.MULTILINE), run.stdout
    assert re.search(r"^nbgrader submit itself \(start-up to exit\): " + figures, run.stdout, re.MULTILINE)
    assert "nbgrader fetch_feedback found 2 of 2 feedback pages" in run.stdout
    assert re.search(r"^Target: median submit -> feedback under 2 s with a warm grader: (met|NOT met)$",
                     run.stdout, re.MULTILINE)
