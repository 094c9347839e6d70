"""The grader's side of warm sandboxes: a `Zygote` (one bubblewrap sandbox whose process only forks
children, see `sandbox/inside/zygote.py`) and this process's `ZygotePool` (one zygote per thread
that grades at the same time, reused from one notebook to the next).

A fork is answered at once; a child's end is answered when it is gone, so `reap_later` lets the
grader go on with the next notebook while the last one's namespace is torn down (its uid lease is
given back only then). A zygote that breaks, is interrupted half way through an exchange, or does
not answer its control channel in time is killed with its whole pid namespace (every child's
namespace is nested in it) and replaced by the next `acquire`.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from typing import Callable

from autograder import settings
from autograder.sandbox.channel import Channel, ChannelBroken
from autograder.sandbox.launch import Bwrap, SandboxUnavailable
from autograder.settings import Limits

KILLED = (128 + signal.SIGKILL, False)  # a child that went with its zygote: (status, by itself)


class ZygoteFailed(RuntimeError):
    """The zygote broke or did not answer; it has been killed (with every child)."""


class Zygote:
    """One bubblewrap sandbox whose process only forks children for notebooks."""

    def __init__(self, tmpfs_bytes: int = Limits().tmpfs_bytes):
        self._reaped: dict[int, tuple[int, bool]] = {}  # children gone, nobody asked yet
        self._callbacks: dict[int, Callable] = {}  # pid -> what to do once that child is gone
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            # Only the mounts' shape comes from these limits; each child's tmpfs sizes come per fork.
            # In root mode the zygote stays root; each child switches to a pool uid of its own.
            uid = settings.SANDBOX.first_uid if os.geteuid() == 0 else None
            self.bwrap = Bwrap(Limits(tmpfs_bytes=tmpfs_bytes), uid=uid, zygote=True,
                               stdin=theirs.fileno(), stdout=subprocess.DEVNULL)
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.channel = Channel.over_socket(ours)
        try:
            ready = self._receive(time.monotonic() + settings.SANDBOX.zygote_start_seconds)
            if ready.get("event") != "ready":
                raise ZygoteFailed(f"it answered {str(ready)[:200]}")
        except ZygoteFailed as failed:
            self.close()
            raise SandboxUnavailable(f"the warm sandbox did not start ({failed})") from None

    # --- control channel ----------------------------------------------------------------------
    def _receive(self, deadline: float) -> dict:
        try:
            return self.channel.receive(deadline)
        except ChannelBroken as broken:
            raise self._failed(broken) from None

    def _send(self, message: dict, fds: list[int] = ()) -> None:
        if self.bwrap.process is None:
            raise ZygoteFailed("it is closed")
        try:
            self.channel.send(message, time.monotonic() + settings.SANDBOX.control_seconds, fds)
        except ChannelBroken as broken:
            raise self._failed(broken) from None

    def _failed(self, broken: ChannelBroken) -> ZygoteFailed:
        self.close()
        what = "ended" if broken.ended else broken.reason
        return ZygoteFailed(f"it {what}. {self.bwrap.stderr_text()[-300:]}".strip())

    def _next(self, deadline: float) -> dict:
        """The next answer that is not a "reaped" event (those are handled on the way)."""
        while True:
            message = self._receive(deadline)
            if message.get("event") == "error":
                self.close()
                raise ZygoteFailed(str(message.get("message"))[:200])
            if message.get("event") != "reaped":
                return message
            self._on_reaped(message)

    def _on_reaped(self, message: dict) -> None:
        status = message.get("status")
        if type(message.get("pid")) is not int or type(status) is not int:
            self.close()
            raise ZygoteFailed(f"a malformed reaped event: {str(message)[:200]}")
        ended = (status, bool(message.get("by_itself")))
        callback = self._callbacks.pop(message["pid"], None)
        if callback is not None:
            callback(ended)
        else:
            self._reaped[message["pid"]] = ended

    @contextmanager
    def _exchange(self):
        """A request and its answer, whole: interrupted half way (Ctrl-C, say), the channel's
        state is unknown, so the zygote is closed rather than reused."""
        try:
            yield
        except ZygoteFailed:
            raise
        except BaseException:
            self.close()
            raise

    # --- requests -----------------------------------------------------------------------------
    def fork(self, uid: int | None, tmpfs_bytes: int, stdin_read: int, stdout_write: int) -> int:
        """A new child running as `uid` (root mode; None: user namespace mode), reading stdin_read
        and writing stdout_write; returns its pid as the zygote sees it."""
        with self._exchange():
            self._send({"op": "fork", "uid": uid, "tmpfs_bytes": tmpfs_bytes}, [stdin_read, stdout_write])
            reply = self._next(time.monotonic() + settings.SANDBOX.control_seconds)
        if reply.get("event") != "forked" or type(reply.get("pid")) is not int:
            self.close()
            raise ZygoteFailed(f"unexpected answer to fork: {str(reply)[:200]}")
        return reply["pid"]

    def reap(self, pid: int, grace: float = 0.0) -> tuple[int, bool]:
        """Wait up to `grace` s for the child to end by itself, else kill it and all it started.
        Returns (exit status as bwrap reports it: code, or 128 + signal; whether it ended by itself)."""
        with self._exchange():
            self._send({"op": "reap", "pid": pid, "grace": grace})
            deadline = time.monotonic() + grace + settings.SANDBOX.control_seconds
            while pid not in self._reaped:
                message = self._receive(deadline)
                if message.get("event") != "reaped":
                    self.close()
                    raise ZygoteFailed(f"unexpected answer to reap: {str(message)[:200]}")
                self._on_reaped(message)
        return self._reaped.pop(pid)

    def reap_later(self, pid: int, grace: float, when_gone: Callable) -> None:
        """Like `reap`, without waiting: `when_gone((status, by_itself))` runs once the child and
        everything it started are gone (while this zygote answers a later request, or when it is
        closed)."""
        self._callbacks[pid] = when_gone
        try:
            with self._exchange():
                self._send({"op": "reap", "pid": pid, "grace": grace})
        except ZygoteFailed:
            pass  # closed: the callback ran, the child's namespace is gone with the zygote's

    @property
    def alive(self) -> bool:
        return self.bwrap.process is not None and self.bwrap.process.poll() is None

    def close(self) -> None:
        """End the zygote: it exits when asked, else its whole pid namespace (every child's is
        nested in it) is killed. Waits until it is gone."""
        if self.bwrap.process is not None:
            try:  # politely first: an idle zygote exits at once
                self.channel.send({"op": "exit"}, time.monotonic() + 0.5)
                self.bwrap.wait(0.5)
            except ChannelBroken:
                pass
            self.bwrap.end()
        self.channel.close()
        # Every child died with the zygote's namespace: whoever waits for one is told now.
        callbacks, self._callbacks = self._callbacks, {}
        for callback in callbacks.values():
            callback(KILLED)


class ZygotePool:
    """The zygotes of this process: one per thread grading at the same time, reused."""

    def __init__(self):
        self._idle: list[Zygote] = []
        self._all: list[Zygote] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()

    def acquire(self, tmpfs_bytes: int) -> Zygote:
        with self._lock:
            while self._idle:
                zygote = self._idle.pop()
                if zygote.alive:
                    return zygote
                self._forget(zygote)
        zygote = Zygote(tmpfs_bytes)
        with self._lock:
            self._all.append(zygote)
        return zygote

    def release(self, zygote: Zygote) -> None:
        with self._lock:
            if zygote.alive:
                self._idle.append(zygote)
            else:
                self._forget(zygote)

    def _forget(self, zygote: Zygote) -> None:
        zygote.close()
        if zygote in self._all:
            self._all.remove(zygote)

    def close(self) -> None:
        with self._lock:
            zygotes, self._all, self._idle = self._all, [], []
        if os.getpid() != self._pid:
            return  # a forked copy of the pool: the zygotes are the parent's to close
        for zygote in zygotes:
            zygote.close()

    @property
    def size(self) -> int:
        return len(self._all)


_pool: ZygotePool | None = None
_pool_lock = threading.Lock()


def pool() -> ZygotePool:
    """This process's pool (a process forked from another gets its own, empty)."""
    global _pool
    with _pool_lock:
        if _pool is None or _pool._pid != os.getpid():
            _pool = ZygotePool()
        return _pool


def close_pool() -> None:
    global _pool
    with _pool_lock:
        current, _pool = _pool, None
    if current is not None:
        current.close()
