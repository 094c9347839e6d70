"""benchmarks/similarity.py works end to end on a small class: it generates the submissions, runs
the command, and finds the planted copies at the top. (Nothing here checks a speed: the figures
mean something at N=500, printed by the benchmark itself.)"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from autograder.course import REPO


@pytest.mark.slow
def test_the_benchmark_runs_on_a_small_class():
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "similarity.py"), "--n", "30", "--repeat", "1"],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert re.search(r"^similarity, 30 submissions: best [0-9.]+ s, median [0-9.]+ s of 1 runs; "
                     r"CPU [0-9.]+ s per run; peak memory \d+ MiB$", out, re.MULTILINE), out
    assert "Compared 30 submissions (435 pairs); 4 pair(s) at or above 0.3." in out
    assert "planted copies ranked [1, 2, 3, 4] of 435 pairs" in out
