"""Starting one bubblewrap sandbox and ending it completely: a cold sandbox's harness, or a zygote.

bwrap reports the pid of the sandbox's pid 1 on --info-fd once the namespaces exist; SIGKILL to
that pid kills every process in the namespace, and bwrap exits once they are all gone, so waiting
for bwrap waits for the whole sandbox. bwrap's own stderr (why it refused to start) is kept for
the message of `SandboxUnavailable`.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import tempfile

from autograder.sandbox.command import bwrap_command
from autograder.settings import Limits

class SandboxUnavailable(RuntimeError):
    """The sandbox could not start at all (bubblewrap missing or refused): a set-up problem."""


class BubblewrapMissing(SandboxUnavailable):
    """No bubblewrap to run: no sandbox of either kind can start."""


class Bwrap:
    """One bubblewrap process running `bwrap_command(limits, uid=..., zygote=...)`."""

    def __init__(self, limits: Limits, *, uid: int | None, zygote: bool, stdin, stdout):
        """stdin, stdout: descriptors (or subprocess.DEVNULL) for the sandboxed process."""
        self.child_pid: int | None = None  # the sandbox's pid 1, as this side sees it
        self._stderr = tempfile.TemporaryFile()
        self._last_words = ""
        info_read, info_write = os.pipe()
        try:
            self.process: subprocess.Popen | None = subprocess.Popen(
                bwrap_command(limits, info_fd=info_write, uid=uid, zygote=zygote),
                stdin=stdin, stdout=stdout, stderr=self._stderr, pass_fds=(info_write,),
                start_new_session=True)
        except OSError as error:
            self.process = None
            os.close(info_read)
            os.close(info_write)
            self.end()
            if isinstance(error, FileNotFoundError):
                raise BubblewrapMissing(f"cannot start the sandbox: {error.filename} not found "
                                        "(install bubblewrap: apt-get install bubblewrap)") from None
            raise SandboxUnavailable(f"cannot start the sandbox: {error}") from None
        os.close(info_write)
        with os.fdopen(info_read, "rb") as info:
            data = info.read(4096)  # EOF when bwrap closes it (or dies)
        try:
            self.child_pid = int(json.loads(data)["child-pid"])
        except (ValueError, KeyError, TypeError):
            self.child_pid = None

    def wait(self, seconds: float) -> int | None:
        """bwrap's exit status once it has ended (within `seconds`), else None."""
        try:
            return self.process.wait(timeout=seconds) if self.process is not None else None
        except subprocess.TimeoutExpired:
            return None

    def end(self) -> None:
        """Kill everything in the sandbox and wait until it is gone."""
        process, self.process = self.process, None
        if process is not None:
            if self.child_pid is not None and process.poll() is None:
                _kill(self.child_pid)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _kill(process.pid)
                process.wait()
        self.stderr_text()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def stderr_text(self) -> str:
        """What bwrap (or the process before its channel was up) wrote on stderr, kept after end()."""
        if self._stderr is not None:
            self._stderr.seek(0)
            self._last_words = self._stderr.read(2000).decode(errors="replace").strip()
        return self._last_words


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def exit_reason(code: int) -> str:
    """How the sandbox's process ended, in plain words, from its status as bubblewrap reports it
    (a zygote's children report theirs the same way)."""
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
