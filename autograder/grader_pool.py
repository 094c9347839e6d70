"""Warm graders in worker processes, for grading on submit (`watch` and `serve`).

Each worker is a process (spawned, so it starts clean) holding one warm `service.Grader` per
assignment. The pool hands each task to an idle worker, in the order given; results come back as
they finish, in any order. So a slow or hanging submission holds only its own worker (the sandbox
stops it after `Limits.notebook_seconds`) while the others go on.

A worker still busy after `task_seconds` (a fault of the grader itself: the sandbox's own limits
come first) is killed with its sandboxes (bubblewrap runs with --die-with-parent) and replaced; so
is a worker that dies. Workers write each submission's outputs into OUT (feedback, autograded and
submitted notebooks), as `grade`'s workers do; the gradebook is the caller's, in one process.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for
from pathlib import Path

from autograder.grading import SubmissionResult
from autograder.intake import StudentFolder
from autograder import settings
from autograder.settings import Limits


class PoolError(RuntimeError):
    """The workers cannot start (the sandbox does not start, a master notebook is missing)."""


@dataclass(frozen=True)
class Task:
    key: str  # the caller's name for it (an inbound folder's name, a line of stdin)
    assignment: str
    folder: str  # one student's folder, by intake's folder rules
    student_id: str | None = None  # default: the folder's name


@dataclass
class Done:
    task: Task
    result: SubmissionResult | None = None  # graded, outputs written into OUT
    entry: StudentFolder | None = None  # what intake found (for the gradebook)
    problem: str | None = None  # the folder cannot be graded at all (a bad student id)
    failure: str | None = None  # the grader failed: an error, a crash, over time
    seconds: float = 0.0


class _Worker:
    def __init__(self, context, arguments):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, *arguments), name="autograder-worker",
                                       daemon=True)
        self.process.start()
        theirs.close()
        self.ready = False
        self.task: Task | None = None
        self.started = 0.0
        self.warm_up_seconds = 0.0

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class GraderPool:
    """`start()`, then `submit(task)` and `wait(timeout) -> [Done]`; `close()` ends the workers."""

    def __init__(self, assignments: list[str], out: Path, *, workers: int, seed: int | None = None,
                 limits: Limits = Limits(), task_seconds: float | None = None):
        self._context = multiprocessing.get_context("spawn")  # no threads or connections inherited
        self._arguments = (list(assignments), str(out), seed, limits)
        self.size = workers
        self.task_seconds = task_seconds or settings.ON_SUBMIT.task_seconds
        self._workers: list[_Worker] = []
        self._queue: deque[Task] = deque()
        self._restart_after = 0.0

    def start(self) -> float:
        """Start every worker and wait until each is warm; returns the slowest warm-up in seconds."""
        self._workers = [_Worker(self._context, self._arguments) for _ in range(self.size)]
        start_seconds = settings.ON_SUBMIT.start_seconds
        deadline = time.monotonic() + start_seconds
        while not all(worker.ready for worker in self._workers):
            waiting = [w for w in self._workers if not w.ready]
            if not wait_for([w.connection for w in waiting], timeout=max(0.0, deadline - time.monotonic())):
                self.close()
                raise PoolError(f"the workers did not warm up within {start_seconds:g} s")
            for worker in waiting:
                if worker.connection.poll():
                    problem = self._hello(worker)
                    if problem:
                        self.close()
                        raise PoolError(problem)
        return max(worker.warm_up_seconds for worker in self._workers)

    @property
    def busy(self) -> int:
        """Tasks queued or being graded."""
        return len(self._queue) + sum(worker.task is not None for worker in self._workers)

    def submit(self, task: Task) -> None:
        self._queue.append(task)
        self._dispatch()

    def wait(self, timeout: float) -> list[Done]:
        """The tasks finished within `timeout` seconds (at least one if any finishes by then)."""
        finished: list[Done] = []
        deadline = time.monotonic() + timeout
        while not finished:
            self._dispatch()
            now = time.monotonic()
            running = [w for w in self._workers if w.task is not None]
            overdue = min((w.started + self.task_seconds for w in running), default=deadline)
            remaining = min(deadline, overdue) - now
            if remaining > 0:
                wait_for([w.connection for w in self._workers] + [w.process.sentinel for w in self._workers],
                         timeout=remaining)
            for worker in list(self._workers):
                done = self._check(worker)
                if done is not None:
                    finished.append(done)
            if time.monotonic() >= deadline:
                break
        self._dispatch()
        return finished

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.connection.send(None)  # finish and close the graders
            except OSError:
                pass
        ends = time.monotonic() + 10
        for worker in self._workers:
            worker.process.join(timeout=max(0.0, ends - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self._workers = []

    def __enter__(self) -> GraderPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- inside -------------------------------------------------------------------------------
    def _hello(self, worker: _Worker) -> str | None:
        """Read a new worker's first message: None when it is warm, else why it is not."""
        try:
            kind, detail = worker.connection.recv()
        except (EOFError, OSError):
            return "a worker ended while warming up (see its messages above)"
        if kind != "ready":
            return detail
        worker.ready, worker.warm_up_seconds = True, detail
        return None

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.task is None:
                worker.task, worker.started = self._queue.popleft(), time.monotonic()
                worker.connection.send(worker.task)

    def _check(self, worker: _Worker) -> Done | None:
        """A finished task of this worker, if any; a dead or overdue worker is replaced."""
        if not worker.ready:
            if worker.connection.poll() or not worker.process.is_alive():
                problem = self._hello(worker)
                if problem:
                    print(f"error: a replacement worker could not start: {problem}", flush=True)
                    self._replace(worker, pause=True)
            return None
        task = worker.task
        if task is not None and worker.connection.poll():
            try:
                done = worker.connection.recv()
            except (EOFError, OSError):
                done = None
            if done is not None:
                worker.task = None
                return done
        if not worker.process.is_alive():
            self._replace(worker)
            return Done(task, failure="the grader's worker process ended while grading") if task else None
        if task is not None and time.monotonic() - worker.started > self.task_seconds:
            self._replace(worker)
            return Done(task, failure=f"grading took more than {self.task_seconds:g} s, so it was stopped",
                        seconds=self.task_seconds)
        return None

    def _replace(self, worker: _Worker, pause: bool = False) -> None:
        worker.kill()
        index = self._workers.index(worker)
        if pause:
            self._restart_after = time.monotonic() + settings.ON_SUBMIT.restart_pause_seconds
        if time.monotonic() < self._restart_after:
            time.sleep(max(0.0, self._restart_after - time.monotonic()))
        self._workers[index] = _Worker(self._context, self._arguments)


def _work(connection, assignments: list[str], out: str, seed: int | None, limits: Limits) -> None:
    """A worker: warm graders, then one task at a time until told to stop (None) or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the pool's owner, who ends us
    from autograder.service import Grader

    started = time.monotonic()
    graders = {}
    try:
        for assignment in assignments:
            graders[assignment] = Grader(assignment, Path(out), seed=seed, limits=limits)
    except Exception as error:  # noqa: BLE001 - said to the pool in one line
        connection.send(("failed", f"cannot warm up the grader: {type(error).__name__}: {error}"))
        return
    connection.send(("ready", time.monotonic() - started))
    try:
        while True:
            try:
                task = connection.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            connection.send(_grade(graders[task.assignment], task))
    finally:
        for grader in graders.values():
            grader.close()


def _grade(grader, task: Task) -> Done:
    started = time.monotonic()
    folder = Path(task.folder)
    if not folder.is_dir():
        return Done(task, problem="not a folder")
    try:
        result, entry = grader.grade_entry(folder, task.student_id)
    except ValueError as error:
        return Done(task, problem=str(error), seconds=time.monotonic() - started)
    except Exception as error:  # noqa: BLE001 - the pool's owner decides what to do
        return Done(task, failure=f"internal error of the grader ({type(error).__name__}: {error})",
                    seconds=time.monotonic() - started)
    return Done(task, result, entry, seconds=time.monotonic() - started)
