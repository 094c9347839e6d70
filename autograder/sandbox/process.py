"""One running sandbox: the harness's process, started cold or warm, and the channel to it.

The process is started one of two ways; everything else is shared (`Sandbox`):
- `ColdProcess`: a bubblewrap of its own (`launch.Bwrap`): a new Python and numpy, about 0.2 s of CPU;
- `WarmProcess`: a child forked by this thread's zygote (`pool.Zygote`), in a few milliseconds,
  with the same mounts, namespaces, limits and harness (see `inside/zygote.py`).
Either way the harness reads its stdin and writes its stdout, two pipes that are the `Channel`;
in root mode it runs as a pool uid of its own, leased until everything it started is gone; and
closing it kills its whole pid namespace.

Everything that comes back is untrusted: a late, missing or malformed answer ends the sandbox
with `SandboxDied` (the caller decides what that costs).
"""
from __future__ import annotations

import os
import time
from typing import Callable

from autograder import settings
from autograder.sandbox.channel import Channel, ChannelBroken
from autograder.sandbox.command import python_paths
from autograder.sandbox.launch import Bwrap, SandboxUnavailable, exit_reason
from autograder.sandbox.pool import Zygote, ZygoteFailed, pool
from autograder.sandbox.uid_pool import UidLease
from autograder.settings import Limits

__all__ = ["ColdProcess", "Sandbox", "SandboxDied", "SandboxUnavailable", "WarmProcess"]


class SandboxDied(Exception):
    """The sandbox ended, timed out or broke the protocol; `reason` says which in plain words."""

    def __init__(self, reason: str, timed_out: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


class ColdProcess:
    """The harness under a bubblewrap of its own."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.bwrap: Bwrap | None = None

    def start(self, uid: int | None, stdin: int, stdout: int) -> None:
        self.bwrap = Bwrap(self.limits, uid=uid, zygote=False, stdin=stdin, stdout=stdout)

    def exit_status(self, grace: float) -> int | None:
        return self.bwrap.wait(grace) if self.bwrap is not None else None

    def stderr_text(self) -> str:
        return self.bwrap.stderr_text() if self.bwrap is not None else ""

    def close(self, when_gone: Callable[[], None]) -> None:
        if self.bwrap is not None:
            self.bwrap.end()
        when_gone()


class WarmProcess:
    """The harness in a child of a zygote, which this sandbox holds from here until close()."""

    def __init__(self, limits: Limits, zygote: Zygote):
        self.limits = limits
        self.zygote: Zygote | None = zygote
        self.pid: int | None = None  # the child's pid in the zygote's namespace
        self._status: tuple[int, bool] | None = None

    def start(self, uid: int | None, stdin: int, stdout: int) -> None:
        try:
            self.pid = self.zygote.fork(uid, self.limits.tmpfs_bytes, stdin, stdout)
        except ZygoteFailed:  # it broke since its last child: once more with a new one
            self._release_zygote()
            try:
                self.zygote = pool().acquire(self.limits.tmpfs_bytes)
                self.pid = self.zygote.fork(uid, self.limits.tmpfs_bytes, stdin, stdout)
            except ZygoteFailed as failed:
                raise SandboxUnavailable(f"the warm sandbox failed: {failed}") from None

    def exit_status(self, grace: float) -> int | None:
        if self._status is None and self.pid is not None and self.zygote is not None:
            try:
                self._status = self.zygote.reap(self.pid, grace)
            except ZygoteFailed:  # closed: its namespace, the child's inside it, is gone
                self._release_zygote()
        if self._status is None or not self._status[1]:
            return None  # it was killed: it did not end by itself
        return self._status[0]

    def stderr_text(self) -> str:
        return ""  # a child's stderr is /dev/null: the harness reports set-up errors itself

    def close(self, when_gone: Callable[[], None]) -> None:
        """Without waiting: the harness ends at the end of its input, and whatever is left after
        a short grace is killed with the child's namespace; then `when_gone` runs."""
        if self._status is None and self.pid is not None and self.zygote is not None:
            self.zygote.reap_later(self.pid, settings.SANDBOX.close_grace_seconds, lambda ended: when_gone())
        else:
            when_gone()
        self._release_zygote()
        self.pid = None

    def _release_zygote(self) -> None:
        zygote, self.zygote = self.zygote, None
        if zygote is not None:
            pool().release(zygote)


class Sandbox:
    """A harness process (cold or warm) and its channel: `start(config)`, then JSON both ways."""

    def __init__(self, limits: Limits, process: ColdProcess | WarmProcess):
        self.limits = limits
        self.process = process
        self.channel: Channel | None = None
        self.lease: UidLease | None = None

    def start(self, config: dict) -> None:
        """Start the process, send the harness its configuration and wait for "ready"."""
        deadline = time.monotonic() + self.limits.start_seconds
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        self.channel = Channel(stdout_read, stdin_write)
        try:
            uid = None
            if os.geteuid() == 0:
                self.lease = UidLease()  # a uid of its own while it runs
                uid = self.lease.uid
            self.process.start(uid, stdin_read, stdout_write)
        except BaseException:
            self.close()
            raise
        finally:
            os.close(stdin_read)
            os.close(stdout_write)
        try:
            self.send({**config, "site_dirs": python_paths()[2]}, deadline)
            event = self.receive(deadline)
        except SandboxDied as died:
            detail = self.process.stderr_text()
            self.close()
            raise SandboxUnavailable(f"the sandbox did not start ({died.reason}). {detail}".strip()) from None
        if event.get("event") != "ready":
            self.close()
            why = str(event.get("error", event))[:300]  # "setup_failed": the harness says why
            raise SandboxUnavailable(f"the sandbox did not start: {why}")

    def close(self) -> None:
        """Kill everything in the sandbox; its uid goes back to the pool once all of it is gone."""
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        lease, self.lease = self.lease, None
        self.process.close(lease.release if lease is not None else lambda: None)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- protocol -----------------------------------------------------------------------------
    def send(self, message: dict, deadline: float) -> None:
        self._checked(self.channel.send, message, deadline)

    def send_bytes(self, data: bytes, deadline: float) -> None:
        self._checked(self.channel.send_bytes, data, deadline)

    def receive(self, deadline: float) -> dict:
        """The next JSON object from the harness, or SandboxDied."""
        return self._checked(self.channel.receive, deadline)

    def _checked(self, exchange, *args):
        try:
            return exchange(*args)
        except ChannelBroken as broken:
            if not broken.ended:
                raise SandboxDied(broken.reason, timed_out=broken.timed_out) from None
        code = self.process.exit_status(settings.SANDBOX.death_grace_seconds)
        raise SandboxDied(exit_reason(code) if code is not None else "closed its channel to the grader")
