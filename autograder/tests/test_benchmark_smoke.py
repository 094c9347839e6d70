"""benchmarks/grading.py works end to end on a tiny class, stock nbgrader included: it generates the
submissions, runs both graders, and finds the same score for every student. (Its figures are only
meaningful at N >= 200; nothing here checks a speed.)"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from autograder.course import REPO


@pytest.mark.slow
def test_the_benchmark_compares_both_graders_on_a_tiny_class():
    env = {k: v for k, v in os.environ.items() if k not in ("AUTOGRADER_SEED", "NBGRADER_DB_URL")}
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "grading.py"), "--n", "4",
                          "--latency-samples", "2", "--repeat", "1"], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert re.search(r"^Machine: \d+ cores", out, re.MULTILINE)
    for label in ("hardened, 2 worker(s), N=4", "hardened, 1 worker(s), N=4", "stock nbgrader, N=4"):
        assert re.search(re.escape(label) + r"\s+[0-9.]+ nb/s\s+[0-9.]+ s/nb .* CPU\s+[0-9.]+ s/nb\s+peak\s+\d+ MiB",
                         out), out
    assert re.search(r"Warm latency .* median [0-9.]+ s, max [0-9.]+ s", out), out
    assert re.search(r"Scaling \(best of 1\): 1 -> 2 workers .* = [0-9.]+x end to end", out), out
    assert re.search(r"Memory: peak \d+ MiB at N=1, \d+ MiB at N=4", out), out
    assert re.search(r"Ratio \(hardened / stock notebooks per second\): [0-9.]+x \(CPU time", out), out
    assert re.search(r"Machine ceiling: .* get [0-9.]+x the throughput of one alone", out), out
    assert "Scores: identical for all 4 students" in out, out
    assert re.search(r"^Targets: warm latency under 1 s: (met|NOT met); .*; at least 20x stock's notebooks "
                     r"per second: (met|NOT met)$", out, re.MULTILINE), out
