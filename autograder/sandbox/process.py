"""One running sandbox: start it, exchange JSON lines with deadlines, and kill it completely.

Everything that comes back is untrusted: lines are length-capped, must parse as JSON objects, and a
late, missing or malformed answer ends the sandbox (the caller decides what that costs).
"""
from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import tempfile
import time

from autograder.sandbox.command import bwrap_command, python_paths
from autograder.sandbox.limits import Limits
from autograder.sandbox.uid_pool import UidLease

MAX_LINE_BYTES = 32 * 1024**2


class SandboxUnavailable(RuntimeError):
    """The sandbox could not start at all (bubblewrap missing or refused): a set-up problem."""


class SandboxDied(Exception):
    """The sandbox ended, timed out or broke the protocol; `reason` says which in plain words."""

    def __init__(self, reason: str, timed_out: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out


class Sandbox:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.process: subprocess.Popen | None = None
        self.lease: UidLease | None = None
        self.child_pid: int | None = None  # the sandbox's pid 1, as the host sees it
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        # The protocol's two pipe ends on this side: to the harness's stdin, from its stdout.
        self._write_fd: int | None = None
        self._read_fd: int | None = None

    # --- life cycle ---------------------------------------------------------------------------
    def start(self, config: dict) -> None:
        """Start bwrap and the harness, send the configuration and wait for "ready"."""
        uid = None
        if os.geteuid() == 0:
            self.lease = UidLease()
            uid = self.lease.uid
        info_read, info_write = os.pipe()
        self._stderr = tempfile.TemporaryFile()
        command = bwrap_command(self.limits, info_fd=info_write, uid=uid)
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                pass_fds=(info_write,), start_new_session=True)
        except FileNotFoundError as error:
            os.close(info_read)
            os.close(info_write)
            self.close()
            raise SandboxUnavailable(f"cannot start the sandbox: {error.filename} not found "
                                     "(install bubblewrap: apt-get install bubblewrap)") from None
        os.close(info_write)
        self._read_child_pid(info_read)
        self._attach(self.process.stdin.fileno(), self.process.stdout.fileno())
        self._handshake(config, time.monotonic() + self.limits.start_seconds)

    def _attach(self, write_fd: int, read_fd: int) -> None:
        self._write_fd, self._read_fd = write_fd, read_fd
        os.set_blocking(read_fd, False)
        self._selector.register(read_fd, selectors.EVENT_READ)

    def _handshake(self, config: dict, deadline: float) -> None:
        """Send the harness its configuration and wait for "ready"."""
        _, _, site_dirs = python_paths()
        try:
            self.send({**config, "site_dirs": site_dirs}, deadline)
            event = self.receive(deadline)
        except SandboxDied as died:
            detail = self._stderr_text()
            self.close()
            raise SandboxUnavailable(f"the sandbox did not start ({died.reason}). {detail}".strip()) from None
        if event.get("event") != "ready":
            self.close()
            raise SandboxUnavailable(f"the sandbox did not start: {str(event.get('error', event))[:300]}")

    def _read_child_pid(self, info_read: int) -> None:
        """bwrap writes {"child-pid": N} once the namespaces exist; N is the sandbox's pid 1."""
        with os.fdopen(info_read, "rb") as info:
            data = info.read(4096)  # EOF when bwrap closes it (or dies)
        try:
            self.child_pid = int(json.loads(data)["child-pid"])
        except (ValueError, KeyError, TypeError):
            self.child_pid = None

    def close(self) -> None:
        """Kill everything in the sandbox and wait until it is gone."""
        process, self.process = self.process, None
        if process is not None:
            end_sandbox(process, self.child_pid)
            for stream in (process.stdin, process.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
        self._write_fd = self._read_fd = None
        self._selector.close()
        self._selector = selectors.DefaultSelector()
        if getattr(self, "_stderr", None) is not None:
            self._stderr.close()
            self._stderr = None
        if self.lease is not None:
            self.lease.release()
            self.lease = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    # --- protocol -----------------------------------------------------------------------------
    def send(self, message: dict, deadline: float) -> None:
        self.send_bytes((json.dumps(message) + "\n").encode(), deadline)

    def send_bytes(self, data: bytes, deadline: float) -> None:
        stdin = self._write_fd
        view = memoryview(data)
        with selectors.DefaultSelector() as writable:
            writable.register(stdin, selectors.EVENT_WRITE)
            os.set_blocking(stdin, False)
            while view:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SandboxDied("did not read its input in time", timed_out=True)
                if not writable.select(remaining):
                    continue
                try:
                    view = view[os.write(stdin, view):]
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    raise SandboxDied(self._death_reason()) from None

    def receive(self, deadline: float) -> dict:
        """The next JSON object from the harness, or SandboxDied."""
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE_BYTES:
                raise SandboxDied(f"sent more than {MAX_LINE_BYTES // 1024**2} MB in one answer")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SandboxDied("ran past its time limit", timed_out=True)
            if not self._selector.select(remaining):
                continue
            try:
                chunk = os.read(self._read_fd, 1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                raise SandboxDied(self._death_reason())
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except ValueError:
            raise SandboxDied("answered with something that is not valid JSON") from None
        if not isinstance(message, dict):
            raise SandboxDied("answered with something that is not a JSON object")
        return message

    def _death_reason(self) -> str:
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "closed its channel to the grader"
        return exit_reason(code)

    def _stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read(2000).decode(errors="replace").strip()


def end_sandbox(process: subprocess.Popen, child_pid: int | None) -> None:
    """Kill everything in a bwrap sandbox and wait until it is gone. SIGKILL to the namespace's
    pid 1 (`child_pid`, as bwrap reports it) kills every process in it; bwrap then exits once they
    are all gone, so waiting for bwrap waits for the whole sandbox."""
    if child_pid is not None and process.poll() is None:
        _kill(child_pid)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        _kill(process.pid)
        process.wait()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def exit_reason(code: int) -> str:
    """How the sandbox's process ended, in plain words, from its status as bubblewrap reports it."""
    if code > 128:  # bwrap reports a signal death as 128 + the signal's number
        name = _signal_name(code - 128)
        why = {"SIGXCPU": "the CPU time limit", "SIGKILL": "a resource limit or a crash",
               "SIGSEGV": "a crash"}.get(name, "a signal")
        return f"was killed by {name} ({why})"
    return f"exited (exit code {code})"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
