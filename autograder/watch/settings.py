"""The tunables of grading on submit, in one place: `watch`'s options default to these."""
from __future__ import annotations

import os

from autograder.sandbox.limits import Limits

POLL_SECONDS = 0.5  # how often the exchange's inbound folder is listed
# Worker processes, each with a warm grader: at least two, so that one slow or hanging submission
# (stopped by the sandbox after Limits.notebook_seconds) never holds up the others.
WORKERS = max(2, os.cpu_count() or 1)
PER_HOUR = 10  # graded submissions per student and assignment in any hour (0: no limit)
WINDOW_SECONDS = 3600.0  # the "hour" of PER_HOUR
# A worker still grading one submission after this long is stopped and replaced: the sandbox
# stops any notebook before, so only a fault of the grader itself gets here.
TASK_SECONDS = 2 * Limits().notebook_seconds
MAX_ATTEMPTS = 2  # the grader failing on one submission (not the student's fault): tried again once
SUBMISSION_BYTES = Limits().tmpfs_bytes  # what is copied of one submission (the sandbox gets no more)
STATE_FOLDER = ".watch"  # in OUT: what was processed (state.sqlite3) and the submissions' copies
