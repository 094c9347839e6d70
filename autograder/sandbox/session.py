"""A student's notebook loaded in a sandbox, serving the grader's calls, restarted after a crash.

The normal case is one sandbox per submission: start, run the cells, one batched request per graded
function. When the sandbox dies or runs out of time:
- while running cell i: cell i is skipped and a fresh sandbox runs the cells again;
- while calling function F: F's remaining calls fail with the reason, and the next function gets a
  fresh sandbox (the cells are run again, the skipped ones stay skipped).
Every wait is bounded by the per-cell/per-call/per-function limits and by the notebook's deadline.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder import settings
from autograder.sandbox.process import Sandbox, SandboxDied
from autograder.sandbox.uploads import read_uploads
from autograder.sandbox.warm import new_sandbox
from autograder.settings import Limits


@dataclass
class CellRun:
    index: int
    error: dict | None = None  # as reported by the harness: type, message, line
    skipped: str | None = None  # why the cell was not run (it crashed or hung the sandbox)


@dataclass
class LoadReport:
    cells: dict[int, CellRun] = field(default_factory=dict)
    defined: list[str] = field(default_factory=list)
    problem: str | None = None  # the notebook could not be loaded at all (time budget)


@dataclass
class CallOutcome:
    """What one call did, as the sandbox reported it (untrusted: the grader re-validates)."""

    reply: dict | None = None  # the harness's "result" message
    failure: str | None = None  # set when there is no reply: the sandbox died or hung
    not_run: bool = False  # never made: an earlier call of the batch stopped the sandbox


class NotebookSession:
    def __init__(self, cells: list[dict], graded: list[str], limits: Limits, *, forbidden: list[str],
                 forbidden_methods: list[str], submission: Path | None = None):
        """submission: the student's folder, whose files the sandbox gets in its working directory."""
        self.cells = cells
        self.limits = limits
        files = read_uploads(submission, limits.tmpfs_bytes) if submission is not None else []
        self.config = {"op": "load", **limits.harness_config(), "graded": graded,
                       "forbidden": forbidden, "forbidden_methods": forbidden_methods, "files": files}
        self.deadline = time.monotonic() + limits.notebook_seconds
        self.skipped: dict[int, str] = {}
        self.sandbox: Sandbox | None = None
        self.report: LoadReport | None = None

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
            self.sandbox = None

    def __enter__(self) -> NotebookSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def time_left(self) -> float:
        return self.deadline - time.monotonic()

    # --- loading ------------------------------------------------------------------------------
    def ensure_loaded(self) -> LoadReport:
        """A live sandbox with the cells run; restarts it (skipping crashing cells) if needed."""
        while self.sandbox is None:
            if self.time_left() <= 0:
                return self._out_of_time()
            self.report = self._load_once()
        return self.report

    def _out_of_time(self) -> LoadReport:
        report = self.report or LoadReport()
        report.defined = []
        report.problem = (f"the notebook used up its time budget of {self.limits.notebook_seconds:g} s "
                          "(restarts after crashes included)")
        self.report = report
        return report

    def _load_once(self) -> LoadReport:
        sandbox = new_sandbox(self.limits)
        sandbox.start({**self.config, "cells": self.cells, "skip": sorted(self.skipped)})
        report = LoadReport(cells={i: CellRun(i, skipped=why) for i, why in self.skipped.items()})
        current = last = None
        deadline = self.deadline
        try:
            while True:
                message = sandbox.receive(deadline)
                event = message.get("event")
                # While a cell runs only its own cell_done may come: anything else (a "loaded" the
                # cell wrote to the channel itself, say) is the cell's fault, and it is skipped.
                if event == "cell" and current is None:
                    current = _int(message.get("index"))
                    deadline = min(self.deadline,
                                   time.monotonic() + self.limits.cell_seconds + settings.SANDBOX.grace_seconds)
                elif event == "cell_done" and current is not None and _int(message.get("index")) == current:
                    report.cells[current] = CellRun(current, error=_dict_or_none(message.get("error")))
                    current, last, deadline = None, current, self.deadline
                elif event == "cell_done" and isinstance(message.get("skipped"), str):
                    index = _int(message.get("index"))
                    if index is not None:
                        report.cells[index] = CellRun(index, skipped=message["skipped"][:200])
                elif event == "loaded" and current is None:
                    defined = message.get("defined")
                    report.defined = [n for n in defined if isinstance(n, str)] if isinstance(defined, list) else []
                    self.sandbox = sandbox
                    return report
                else:
                    raise SandboxDied("broke the protocol while running the cells")
        except SandboxDied as died:
            sandbox.close()
            culprit = current if current is not None else last  # a thread it started, say
            if culprit is None:  # before any student code: retrying cannot help
                self.deadline = time.monotonic()
                return self._out_of_time()
            self.skipped[culprit] = ("it ran past the time limit" if died.timed_out
                                     else f"the Python process running it {died.reason}")
            return report

    # --- calling ------------------------------------------------------------------------------
    def call(self, function: str, calls: list[list[Any]]) -> list[CallOutcome]:
        """One batch of calls of a loaded function; one outcome per call, in order."""
        sandbox = self.sandbox
        outcomes: list[CallOutcome] = []
        function_deadline = min(self.deadline, time.monotonic() + self.limits.function_seconds)
        try:
            request = '{"op": "call", "function": %s, "calls": %s}\n' % (json.dumps(function),
                                                                         _calls_json(calls))
            sandbox.send_bytes(request.encode(), function_deadline)
            while len(outcomes) < len(calls):
                deadline = min(function_deadline,
                               time.monotonic() + self.limits.call_seconds + settings.SANDBOX.grace_seconds)
                message = sandbox.receive(deadline)
                if message.get("event") != "result" or message.get("index") != len(outcomes):
                    raise SandboxDied("broke the protocol while answering calls")
                outcomes.append(CallOutcome(reply=message))
            if sandbox.receive(function_deadline).get("event") != "batch_done":
                raise SandboxDied("broke the protocol after answering calls")
        except SandboxDied as died:
            self.close()
            if died.timed_out:
                reason = (f"your function did not return within the time limit "
                          f"({self.limits.call_seconds:g} s per call, {self.limits.function_seconds:g} s "
                          "for all calls); the sandbox was stopped")
            else:
                reason = f"the Python process running your function {died.reason}"
            outcomes.append(CallOutcome(failure=reason))
            while len(outcomes) < len(calls):
                outcomes.append(CallOutcome(not_run=True))
        return outcomes


_CALLS_JSON: dict[int, tuple[list, str]] = {}


def _calls_json(calls: list) -> str:
    """The calls as JSON, computed once per list: a worker sends the same cases (the same list,
    which must not change) to every submission. The cache keeps each list alive, so its id stays
    its own."""
    cached = _CALLS_JSON.get(id(calls))
    if cached is None or cached[0] is not calls:
        if len(_CALLS_JSON) >= 256:
            _CALLS_JSON.clear()
        cached = _CALLS_JSON[id(calls)] = (calls, json.dumps(calls))
    return cached[1]


def _int(value: Any) -> int | None:
    return value if type(value) is int else None


def _dict_or_none(value: Any) -> dict | None:
    return value if isinstance(value, dict) else None
