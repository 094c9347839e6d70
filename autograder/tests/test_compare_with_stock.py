"""scripts/compare_with_stock_nbgrader.py on three corpus entries (the whole corpus is slow): stock
nbgrader is fooled by an IPython input transformer and zeroes honest code that warns on stderr, the
hardened grader gives both their expected scores, and the repository is left alone."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from autograder.testing.grader_cli import REPO
from autograder.tests.test_corpus import course_files

SCRIPT = REPO / "scripts" / "compare_with_stock_nbgrader.py"
ENTRIES = ("ipython_input_transformer", "honest_warnings_stderr", "sqlite_gradebook_write")


@pytest.mark.slow
def test_side_by_side_on_three_entries():
    before = course_files()
    proc = subprocess.run([sys.executable, str(SCRIPT), "--only", ",".join(ENTRIES), "--no-honest"],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines() if line.split()[:1] and
            line.split()[0] in ENTRIES}
    assert set(rows) == set(ENTRIES), proc.stdout
    # columns: expected, hardened, stock as "total (dot/cosine_similarity/project)", then the marker
    columns = {name: re.findall(r"(\S+) \((\S+)\)", line)[:3] for name, line in rows.items()}
    assert columns["ipython_input_transformer"] == [("0", "0/0/0"), ("0", "0/0/0"), ("10", "4/3/3")]
    assert "FOOLED" in rows["ipython_input_transformer"]
    assert columns["honest_warnings_stderr"][:2] == [("10", "4/3/3"), ("10", "4/3/3")]
    assert "LOST" in rows["honest_warnings_stderr"]  # stock scores a cell with stderr output 0
    assert columns["sqlite_gradebook_write"][:2] == [("6", "0/3/3"), ("6", "0/3/3")]
    assert "HARDENED" not in proc.stdout
    assert course_files() == before


def test_bad_option_exits_2_without_traceback():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--only", "no_such_entry"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "not in the corpus: no_such_entry" in proc.stderr and "Traceback" not in proc.stderr
