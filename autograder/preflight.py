"""Is this a grading machine? Checked by `grade` before it touches anything, and by `make grader`.

Every notebook runs in a bubblewrap sandbox (sandbox/command.py), so grading without bubblewrap,
or where the kernel refuses it the namespaces it needs, would only fail later for every student.
`sandbox_problem()` starts one minimal bubblewrap sandbox with new namespaces (about 40 ms).
`python -m autograder check` goes further: it grades each assignment's master solution in the real
sandbox and says whether each gets full marks.
"""
from __future__ import annotations

import shutil
import subprocess

SET_UP = "run `make grader` (it installs bubblewrap, Debian package `bubblewrap`)"


def sandbox_problem() -> str | None:
    """Why no sandbox can start on this machine (one line), or None."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return f"bubblewrap (bwrap) is not installed, and every notebook is graded in its sandbox: {SET_UP}"
    try:
        probe = subprocess.run([bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/",
                                "--", "/bin/true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap ({bwrap}) cannot be run: {error}"
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or [f"exit code {probe.returncode}"])[0]
        return (f"bubblewrap cannot create a sandbox here ({reason}); it needs unprivileged user "
                "namespaces, or root (see autograder/README.md, 'How isolation works')")
    return None


def check_grading(assignments: list[str]) -> list[str]:
    """Grade each assignment's master solution in the real sandbox: one line per assignment,
    starting with "ok" or "FAILED"."""
    from autograder.grading import GradingJob, grade_submission
    from autograder.course import master_notebook
    from autograder.specs import load_spec
    from autograder.specs.base import secret_seed

    lines = []
    for assignment in assignments:
        spec = load_spec(assignment)
        master = master_notebook(assignment)
        result = grade_submission(GradingJob(assignment, "check", str(master), seed=secret_seed()))
        ok = result.score == spec.max_score
        lines.append(f"{'ok' if ok else 'FAILED'}: {assignment} master solution scored "
                     f"{result.score:g} / {spec.max_score:g}")
    return lines
