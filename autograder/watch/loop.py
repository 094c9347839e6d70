"""The watch loop: look at the inbound folder, decide, grade on the pool, record, release.

Each turn: `scan` copies every new complete submission and notes it in the state; `schedule`
decides, per student and assignment, what to do with what waits (one at a time per student and
assignment, so grades are recorded in the order submitted): only the latest submission is graded
(older ones waiting are superseded), within the per-hour limit, else deferred with a page saying
until when; `collect` takes what the workers finished, records it in the gradebook (manual scores
kept), and releases the feedback through the exchange. `run_once` does this until nothing it can
grade now is left; `run` goes on until stopped.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections import Counter
from pathlib import Path

from autograder.feedback import render
from autograder.grader_pool import Done, GraderPool, Task
from autograder.outputs import out_layout
from autograder.report import notes_of
from autograder.service import record_final
from autograder import settings
from autograder.watch import inbound, notices
from autograder.watch.exchange import CourseExchange
from autograder.watch.rate_limit import next_slot
from autograder.watch.state import OPEN, STATE_FOLDER, Row, State


class Watcher:
    def __init__(self, exchange: CourseExchange, assignments: list[str], out: Path, pool: GraderPool,
                 gradebooks: dict, state: State, *, per_hour: int | None = None,
                 window: float | None = None, max_attempts: int | None = None,
                 clock=time.time, say=print):
        self.exchange, self.assignments, self.pool, self.state = exchange, list(assignments), pool, state
        self.gradebooks = gradebooks
        self.layouts = {assignment: out_layout(out, assignment) for assignment in assignments}
        self.copies = out / STATE_FOLDER / "submissions"
        tunables = settings.ON_SUBMIT  # what is not given
        self.per_hour = tunables.per_hour if per_hour is None else per_hour
        self.window = tunables.window_seconds if window is None else window
        self.max_attempts = tunables.max_attempts if max_attempts is None else max_attempts
        self.clock, self._say = clock, say
        self.tally: Counter = Counter()  # what this run did: graded, deferred, superseded, failed
        self._known = state.names()
        self._skipped: set[str] = set()  # folders that can never be graded, said once
        self._me = inbound.user_name(os.geteuid())
        resumed = state.resume()
        if resumed:
            self.say(f"{resumed} submission(s) were being graded when watch last stopped: grading them again")

    def say(self, line: str) -> None:
        self._say(line, flush=True)

    # --- the turns ------------------------------------------------------------------------------
    def run_once(self) -> Counter:
        """Everything waiting that may be graded now, graded; returns what this run did."""
        self.scan()
        self.schedule()
        while self.pool.busy:
            self.collect(settings.ON_SUBMIT.poll_seconds)
            self.schedule()
        return self.tally

    def run(self, stopped, poll: float | None = None) -> None:
        """Until `stopped()`: look every `poll` seconds (default: the setting), and record what
        finishes as it finishes."""
        poll = settings.ON_SUBMIT.poll_seconds if poll is None else poll
        while not stopped():
            self.scan()
            self.schedule()
            self.collect(poll)

    def scan(self) -> None:
        for submission in inbound.scan(self.exchange.inbound, set(self.assignments)):
            if submission.name in self._known or submission.name in self._skipped:
                continue
            problem = inbound.problem_with(submission)
            if problem:
                self._skipped.add(submission.name)
                self.say(f"warning: skipped {submission.name!r}: {problem}")
                continue
            secret = inbound.read_secret(submission.path)
            if secret is None:
                continue  # nbgrader submit is still writing it
            self._add(submission, secret)

    def schedule(self) -> None:
        in_flight = {row.key for row in self.state.with_status("grading")}
        waiting: dict[tuple[str, str], list[Row]] = {}
        for row in self.state.with_status(*OPEN):
            waiting.setdefault(row.key, []).append(row)
        for key, rows in waiting.items():
            if key in in_flight:
                continue  # one at a time per student and assignment: recorded in submission order
            latest = rows[-1]
            for row in rows[:-1]:
                self._supersede(row, latest.timestamp)
            graded = [r for r in self.state.of_student(*key) if r.status == "graded" and r.timestamp > latest.timestamp]
            if graded:
                self._supersede(latest, graded[-1].timestamp)
            else:
                self._grade_or_defer(latest)

    def collect(self, timeout: float) -> None:
        for done in self.pool.wait(timeout):
            self._finish(done)

    # --- one submission -------------------------------------------------------------------------
    def _add(self, submission: inbound.Submission, secret: str) -> None:
        copy = self.copies / hashlib.sha256(submission.name.encode()).hexdigest()[:32]
        shutil.rmtree(copy, ignore_errors=True)
        left_out = inbound.copy_submission(submission.path, copy, settings.ON_SUBMIT.submission_bytes)
        notebooks = sorted(path.stem for path in copy.glob("*.ipynb"))  # as fetch_feedback looks for them
        self.state.add(submission.name, submission.student_id, submission.assignment, submission.timestamp,
                       secret, notebooks, copy, self.clock())
        self._known.add(submission.name)
        self.say(f"submitted: {submission.student_id} {submission.assignment} at {submission.timestamp}")
        owner = inbound.owner_name(submission.path)
        if owner not in (submission.student_id, self._me):
            self.say(f"warning: {submission.name!r} claims to be submitted by {submission.student_id} but is "
                     f"owned by {owner}")
        if left_out:
            self.say(f"warning: {submission.name!r}: not copied (links, special or too large files): "
                     + ", ".join(left_out[:5]))

    def _grade_or_defer(self, row: Row) -> None:
        now = self.clock()
        counted = self.state.counted_since(row.student_id, row.assignment, now - self.window)
        slot = next_slot(counted, now, self.per_hour, self.window)
        if slot is None:
            self.state.update(row.name, status="grading", counted_at=now, not_before=None)
            self.pool.submit(Task(row.name, row.assignment, row.copy, row.student_id))
            return
        if row.status == "deferred" and row.not_before is not None and abs(row.not_before - slot) < 1:
            return  # the student was told already
        self._release(row, notices.deferred(row.assignment, row.student_id, row.timestamp, len(counted),
                                            self.per_hour, slot, now))
        self.state.update(row.name, status="deferred", not_before=slot)
        self.tally["deferred"] += row.status != "deferred"
        self.say(f"deferred: {row.student_id} {row.assignment} (submitted {row.timestamp}): {len(counted)} "
                 f"graded in the last hour, the limit is {self.per_hour}; grading it at {notices.clock(slot)}")

    def _finish(self, done: Done) -> None:
        row = self.state.get(done.task.key)
        if done.result is None:
            self._failed(row, done.problem or done.failure or "unknown")
            return
        try:
            final = record_final(self.gradebooks[row.assignment], self.layouts[row.assignment], done.result,
                                 done.entry)
        except Exception as error:  # noqa: BLE001 - the gradebook: a server down, a locked file
            self._failed(row, f"cannot record it in the gradebook: {type(error).__name__}: {error}")
            return
        self._release(row, render(final))
        self.state.update(row.name, status="graded", finished_at=self.clock(), score=final.score,
                          max_score=final.max_score, note=notes_of(final))
        shutil.rmtree(row.copy, ignore_errors=True)
        self.tally["graded"] += 1
        self.say(f"graded: {row.student_id} {row.assignment} (submitted {row.timestamp}): "
                 f"{final.score:g} / {final.max_score:g} in {done.seconds:.2f} s")

    def _failed(self, row: Row, reason: str) -> None:
        attempts = row.attempts + 1
        if attempts < self.max_attempts:
            self.state.update(row.name, status="waiting", counted_at=None, attempts=attempts, note=reason)
            self.say(f"warning: {row.student_id} {row.assignment} (submitted {row.timestamp}) not graded: "
                     f"{reason}; trying again")
            return
        self._release(row, notices.failed(row.assignment, row.student_id, row.timestamp))
        self.state.update(row.name, status="failed", counted_at=None, attempts=attempts, note=reason,
                          finished_at=self.clock())
        self.tally["failed"] += 1
        self.say(f"error: {row.student_id} {row.assignment} (submitted {row.timestamp}) could not be graded: "
                 f"{reason}; the submission is kept in {row.copy}, the student was told you will grade it")

    def _supersede(self, row: Row, later: str) -> None:
        self._release(row, notices.superseded(row.assignment, row.student_id, row.timestamp, later))
        self.state.update(row.name, status="superseded", finished_at=self.clock())
        shutil.rmtree(row.copy, ignore_errors=True)
        self.tally["superseded"] += 1
        self.say(f"superseded: {row.student_id} {row.assignment} (submitted {row.timestamp}): "
                 f"submitted again at {later}")

    def _release(self, row: Row, page: str) -> None:
        for notebook in row.notebooks or (row.assignment,):
            self.exchange.release(row.secret, notebook, page)


def summary(watcher: Watcher) -> str:
    waiting = len(watcher.state.with_status("deferred"))
    tally = watcher.tally
    return (f"watch: graded {tally['graded']}, waiting for the per-hour limit {waiting}, "
            f"superseded {tally['superseded']}, failed {tally['failed']}")
