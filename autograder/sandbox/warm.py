"""Warm sandboxes: one bubblewrap zygote per grading thread, one fresh forked child per notebook.

A cold `Sandbox` starts bubblewrap, Python and numpy for every notebook (about 0.2 s of CPU). A
`Zygote` is started once per worker (per thread that grades) with the same bubblewrap command line
as a cold sandbox (same mounts, namespaces, no network), and forks a child per notebook; see
`sandbox/inside/zygote.py` for what each child gets before student code runs: new pid, mount, IPC,
network and UTS namespaces, fresh tmpfs scratch mounts, its own pool uid (root mode) and no
capabilities. The child then runs the same harness with the same protocol and limits, so a
`WarmSandbox` is a drop-in `Sandbox`. Student data (the cells, the files, the calls) goes only over
the child's own pipes: the zygote never holds any, so no child can find another student's data in
memory it inherited.

When the notebook is done, the child's input is closed and its harness exits; a child that does not
(or misbehaves) is SIGKILLed by the zygote. Either way the child is pid 1 of its own pid namespace,
so its end takes every process it started with it, and the zygote answers only once all are gone.

`new_sandbox()` picks warm or cold: warm unless AUTOGRADER_SANDBOX=cold, or unless the zygote cannot
start on this machine (then cold, with one warning on stderr).
"""
from __future__ import annotations

import os
import selectors
import signal
import sys
import time

from autograder.sandbox.limits import Limits
from autograder.sandbox.process import Sandbox, SandboxUnavailable, exit_reason
from autograder.sandbox.uid_pool import UidLease
from autograder.sandbox.zygote_pool import Zygote, ZygoteFailed, close_pool, pool

CLOSE_GRACE_SECONDS = 0.05  # for a harness to exit on its own once its input ends
_cold_reason: str | None = None  # why this process fell back to cold sandboxes


def prestart() -> None:
    """Start this process's first zygote now (a worker pool's initializer), not at its first job.
    It is closed when the worker process exits (multiprocessing runs its finalizers then)."""
    from multiprocessing.util import Finalize

    Finalize(pool(), close_pool, exitpriority=10)
    if warm_enabled():
        try:
            pool().release(pool().acquire(Limits().tmpfs_bytes))
        except SandboxUnavailable as error:
            if os.environ.get("AUTOGRADER_SANDBOX") == "warm":
                raise
            _fall_back(str(error))


def warm_enabled() -> bool:
    return os.environ.get("AUTOGRADER_SANDBOX", "warm") != "cold" and _cold_reason is None


def _fall_back(reason: str) -> None:
    global _cold_reason
    if _cold_reason is None:
        _cold_reason = reason
        print(f"warning: warm sandboxes are not available here ({reason[:300]}); "
              "starting a new sandbox for each notebook instead (slower)", file=sys.stderr)


def new_sandbox(limits: Limits) -> Sandbox:
    """A sandbox to `start(config)`: a child of this thread's zygote, or a cold one when warm
    sandboxes are switched off (AUTOGRADER_SANDBOX=cold) or cannot start on this machine."""
    if warm_enabled():
        try:
            return WarmSandbox(limits, pool().acquire(limits.tmpfs_bytes))
        except SandboxUnavailable as error:
            if os.environ.get("AUTOGRADER_SANDBOX") == "warm":
                raise
            _fall_back(str(error))
    return Sandbox(limits)


class WarmSandbox(Sandbox):
    """A `Sandbox` whose process is a child forked by a zygote instead of a new bubblewrap."""

    def __init__(self, limits: Limits, zygote: Zygote):
        super().__init__(limits)
        self.zygote: Zygote | None = zygote  # held from here until close()
        self.pid: int | None = None  # the child's pid in the zygote's namespace
        self._status: tuple[int, bool] | None = None

    def start(self, config: dict) -> None:
        """Fork the child, then send the harness its configuration."""
        deadline = time.monotonic() + self.limits.start_seconds
        try:
            if self.zygote.root_mode:
                self.lease = UidLease()  # a uid of its own while it runs, as a cold sandbox has
            try:
                self._fork()
            except ZygoteFailed:  # it broke since its last child: once more with a new one
                self._release_zygote()
                try:
                    self.zygote = pool().acquire(self.limits.tmpfs_bytes)
                    self._fork()
                except ZygoteFailed as failed:
                    raise SandboxUnavailable(f"the warm sandbox failed: {failed}") from None
        except BaseException:
            self.close()
            raise
        self._handshake(config, deadline)  # closes the sandbox itself if that fails

    def _fork(self) -> None:
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        try:
            self.pid = self.zygote.fork(self.lease.uid if self.lease else None, self.limits.tmpfs_bytes,
                                        stdin_read, stdout_write)
        except BaseException:
            os.close(stdin_write)
            os.close(stdout_read)
            raise
        finally:
            os.close(stdin_read)
            os.close(stdout_write)
        self._attach(stdin_write, stdout_read)

    def _release_zygote(self) -> None:
        zygote, self.zygote = self.zygote, None
        if zygote is not None:
            pool().release(zygote)

    @property
    def alive(self) -> bool:
        return self.pid is not None and self._status is None

    def _reap(self, grace: float) -> tuple[int, bool] | None:
        if self._status is None and self.pid is not None and self.zygote is not None:
            try:
                self._status = self.zygote.reap(self.pid, grace)
            except ZygoteFailed:
                self._release_zygote()  # closed: its namespace, the child's inside it, is gone
                self._status = (128 + signal.SIGKILL, False)
        return self._status

    def close(self) -> None:
        """End the child without waiting for it: the harness ends at the end of its input, and
        whatever is left after a short grace is killed with the child's namespace. Its uid goes
        back to the pool only once all of that is gone."""
        for fd in (self._write_fd, self._read_fd):
            if fd is not None:
                os.close(fd)
        self._write_fd = self._read_fd = None
        self._selector.close()
        self._selector = selectors.DefaultSelector()
        lease, self.lease = self.lease, None
        if self._status is None and self.pid is not None and self.zygote is not None:
            self.zygote.reap_later(self.pid, CLOSE_GRACE_SECONDS, lambda ended: _release(lease))
        else:
            _release(lease)
        self._status = self._status or (128 + signal.SIGKILL, False)
        self._release_zygote()
        self.pid = None

    def _death_reason(self) -> str:
        status = self._reap(2.0)
        if status is None:
            return "ended"
        code, by_itself = status
        return exit_reason(code) if by_itself else "closed its channel to the grader"

    def _stderr_text(self) -> str:
        return ""  # a child's stderr is /dev/null: the harness reports set-up errors itself


def _release(lease: UidLease | None) -> None:
    if lease is not None:
        lease.release()

