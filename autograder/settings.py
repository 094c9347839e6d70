"""Every tunable of the grader, declared once with its help text (as nbgrader declares its options as
traitlets with help). `python -m autograder settings` lists them with their values.

Each group is a frozen dataclass with one instance here. Code reads a setting where it uses it
(`settings.INTAKE.notebook_bytes`), so a script or a test can swap a whole group with
`dataclasses.replace`. The sandbox's limits travel with each job (`GradingJob.limits`); the harness
inside the sandbox imports nothing of the grader and gets its part in its start-up message.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any

KIB, MIB, GIB = 1024, 1024**2, 1024**3


def setting(default: Any, help: str) -> Any:  # noqa: A002 - named as traitlets names it
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Limits:
    """What one submission's sandbox may use before it is stopped."""

    # Enforced by the kernel inside the sandbox (rlimits the harness sets before student code).
    memory_bytes: int = setting(2 * GIB, "address space of the sandbox's Python (torch's import alone maps "
                                         "about 1 GiB)")
    cpu_seconds: int = setting(60, "CPU time of the sandbox's process (SIGXCPU, then SIGKILL a second later)")
    output_bytes: int = setting(MIB, "stdout and stderr of one call or cell, and any file the student writes")
    open_files: int = setting(256, "open files of the sandbox's process")
    processes: int = setting(32, "processes and threads of one sandbox (see README: user namespaces, uid pool)")
    tmpfs_bytes: int = setting(64 * MIB, "size of each of /tmp and the working directory, where the student's "
                                         "own files go (what does not fit is not sent)")
    # Wall time, enforced by the harness (an exception in student code) and, as a backstop the
    # student cannot catch, by the grader killing the sandbox.
    cell_seconds: float = setting(10.0, "wall time of one cell")
    load_seconds: float = setting(30.0, "wall time of all the cells of one run of the notebook; the later "
                                        "cells are skipped")
    call_seconds: float = setting(5.0, "wall time of one call of a graded function")
    function_seconds: float = setting(20.0, "wall time of all the calls of one graded function")
    notebook_seconds: float = setting(90.0, "wall time of everything for one submission, restarts after "
                                            "crashes included")
    start_seconds: float = setting(20.0, "wall time for the sandbox's Python and numpy to come up")
    # What the sandbox may send back.
    result_chars: int = setting(8_000_000, "JSON characters of one call's result; a larger result does not count")
    message_chars: int = setting(400, "characters of an error message the sandbox reports")

    def harness_config(self) -> dict:
        """The part the harness enforces itself (it cannot read this module)."""
        return {key: value for key, value in asdict(self).items()
                if key in ("memory_bytes", "cpu_seconds", "output_bytes", "open_files", "processes",
                           "cell_seconds", "load_seconds", "call_seconds", "result_chars", "message_chars")}


@dataclass(frozen=True)
class Sandbox:
    """How the grader runs and waits for its sandboxes."""

    zygote_start_seconds: float = setting(30.0, "wall time for a warm sandbox's zygote to come up")
    control_seconds: float = setting(10.0, "a zygote that does not answer its control channel in this time is "
                                           "replaced")
    grace_seconds: float = setting(2.0, "past a cell's or a call's time limit, the grader waits this long for "
                                        "the harness's own alarm before it kills the sandbox")
    close_grace_seconds: float = setting(0.05, "wall time for a warm harness to exit on its own once its input ends")
    death_grace_seconds: float = setting(2.0, "wall time for a process whose channel closed to tell how it ended")
    line_bytes: int = setting(32 * MIB, "bytes of one message from a sandbox; more ends the sandbox")
    first_uid: int = setting(61000, "first uid of the pool that sandboxes run as when the grader is root")
    uids: int = setting(1000, "size of that pool: sandboxes running at once on one machine")


@dataclass(frozen=True)
class Intake:
    """What the grader accepts as a submission."""

    notebook_bytes: int = setting(20 * MIB, "a larger notebook is not graded (0, with the reason)")
    code_cells: int = setting(1000, "a notebook with more code cells is not graded")
    zip_files: int = setting(20_000, "a SUBMISSIONS zip with more files is refused")
    zip_file_bytes: int = setting(50 * MIB, "a file of a SUBMISSIONS zip larger than this is left out, with a "
                                            "warning")
    zip_bytes: int = setting(2 * GIB, "a SUBMISSIONS zip that expands to more is refused")
    exchange_file_bytes: int = setting(4 * KIB, "nbgrader's timestamp.txt and submission_secret.txt larger than "
                                                "this are ignored")


@dataclass(frozen=True)
class Reports:
    """How much the feedback, the reports and the messages show."""

    failures_shown: int = setting(3, "failed cases shown per group of cases (feedback page, autograded "
                                     "notebook, Gradescope, stock nbgrader's report)")
    error_chars: int = setting(120, "characters of a student's error message quoted in feedback")
    arguments_chars: int = setting(150, "characters of a call's arguments quoted in feedback")
    note_chars: int = setting(400, "characters of one student's notes in grades.csv")
    names_shown: int = setting(5, "files named in one message; the rest are counted")
    histogram_bins: int = setting(10, "bins of the score histogram printed after grading")
    histogram_width: int = setting(40, "characters of the histogram's longest bar")


@dataclass(frozen=True)
class Judging:
    """How a returned value is read."""

    plain_numbers: int = setting(2_000_000, "numbers in one returned value; a larger value does not count")


@dataclass(frozen=True)
class Gradebook:
    """Writing the nbgrader gradebook."""

    flush_every: int = setting(50, "staged results sent to the database at a time (all in one transaction)")
    niceness: int = setting(10, "niceness of the process that writes the gradebook while workers grade")


@dataclass(frozen=True)
class Cluster:
    """Grading on a Dask cluster (`grade --dask-scheduler`)."""

    connect_seconds: float = setting(20.0, "wall time to reach the Dask scheduler")


@dataclass(frozen=True)
class OnSubmit:
    """Grading on submit: `serve` and `watch`, on one pool of warm workers (`grader_pool`)."""

    workers: int = setting(max(2, os.cpu_count() or 1), "worker processes, each with a warm grader (--workers); at "
                                                        "least two, so one slow submission never holds up the others")
    start_seconds: float = setting(300.0, "wall time for the workers to warm up (every assignment's master "
                                          "solution graded once)")
    restart_pause_seconds: float = setting(5.0, "pause before starting a replacement worker again after one "
                                                "failed to start")
    task_seconds: float = setting(2 * Limits().notebook_seconds,
                                  "a worker still grading one submission after this long is stopped and replaced "
                                  "(--task-seconds); the sandbox stops any notebook before, so only a fault of "
                                  "the grader itself gets here")
    serve_tick_seconds: float = setting(0.05, "how often `serve` looks for new lines while submissions are graded")
    poll_seconds: float = setting(0.5, "how often `watch` lists the exchange's inbound folder (--poll-seconds)")
    per_hour: int = setting(10, "graded submissions per student and assignment in any hour; more wait, and the "
                                "student is told until when (--per-hour; 0: no limit)")
    window_seconds: float = setting(3600.0, "the \"hour\" of per_hour")
    max_attempts: int = setting(2, "tries of one submission when the grader fails on it (not the student's fault)")
    submission_bytes: int = setting(Limits().tmpfs_bytes, "what `watch` copies of one submission (the sandbox "
                                                          "gets no more)")


@dataclass(frozen=True)
class Similarity:
    """`python -m autograder similarity`."""

    threshold: float = setting(0.3, "pairs scoring at least this are listed (--threshold); honest pairs of "
                                    "the test class stay near 0.2 at most")
    pairs_shown: int = setting(100, "listed pairs shown side by side in the HTML report (the CSV lists all)")
    pairs_for_comparison: int = setting(2, "the highest pairs below the threshold, shown to say what ordinary "
                                           "overlap looks like")
    passages_shown: int = setting(6, "shared passages shown per pair in the HTML report")
    passages_listed: int = setting(3, "shared passages listed per pair in the CSV")
    rare_weight: float = setting(0.5, "a shared line whose rarest fingerprint weighs at least this is marked rare")
    code_chars: int = setting(200_000, "characters of a student's code compared; the rest is left out, with a "
                                       "warning")
    kgram: int = setting(25, "characters of normalised code per fingerprint (copydetect's noise threshold)")
    window: int = setting(1, "winnowing window (1: every k-gram is kept; notebooks are short)")


LIMITS = Limits()
SANDBOX = Sandbox()
INTAKE = Intake()
REPORTS = Reports()
JUDGING = Judging()
GRADEBOOK = Gradebook()
CLUSTER = Cluster()
ON_SUBMIT = OnSubmit()
SIMILARITY = Similarity()
GROUPS = {"LIMITS": LIMITS, "SANDBOX": SANDBOX, "INTAKE": INTAKE, "REPORTS": REPORTS, "JUDGING": JUDGING,
          "GRADEBOOK": GRADEBOOK, "CLUSTER": CLUSTER, "ON_SUBMIT": ON_SUBMIT,
          "SIMILARITY": SIMILARITY}


def described() -> list[str]:
    """Every setting with its value and help, group by group (`python -m autograder settings`)."""
    lines = []
    for name in GROUPS:
        group = globals()[name]  # the current instance, if a script swapped it
        lines.append(f"{name}: {type(group).__doc__}")
        for item in fields(group):
            lines.append(f"  {item.name} = {getattr(group, item.name)!r}")
            lines.append(f"      {item.metadata['help']}")
    return lines
