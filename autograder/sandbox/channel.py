"""Newline-delimited JSON with the other side of a sandbox, every wait bounded by a deadline.

One `Channel` carries the harness protocol (`inside/harness.py`, over two pipes) and a zygote's
control protocol (`inside/zygote.py`, over a Unix socket that can also pass descriptors). What
comes back is untrusted: a line is length-capped and must parse as a JSON object; a late, missing
or malformed answer raises `ChannelBroken` (the caller decides what that costs).
"""
from __future__ import annotations

import json
import os
import selectors
import socket
import time

from autograder import settings


class ChannelBroken(Exception):
    """The other side did not keep to the channel; `reason` says how, in plain words after "it".

    timed_out: a deadline passed. ended: the other side closed its end (it probably exited: the
    owner of the channel knows how to ask why)."""

    def __init__(self, reason: str, *, timed_out: bool = False, ended: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out
        self.ended = ended


class Channel:
    """Owns its descriptors: reads lines from read_fd, writes to write_fd (the same one for a socket)."""

    def __init__(self, read_fd: int, write_fd: int, *, fd_socket: socket.socket | None = None):
        self.read_fd, self.write_fd = read_fd, write_fd
        self._socket = fd_socket  # kept open while the channel is, to pass descriptors
        self._buffer = b""
        for fd in {read_fd, write_fd}:
            os.set_blocking(fd, False)
        self._readable = selectors.DefaultSelector()
        self._readable.register(read_fd, selectors.EVENT_READ)
        self._writable = selectors.DefaultSelector()
        self._writable.register(write_fd, selectors.EVENT_WRITE)

    @classmethod
    def over_socket(cls, sock: socket.socket) -> Channel:
        return cls(sock.fileno(), sock.fileno(), fd_socket=sock)

    def close(self) -> None:
        if self._readable is None:
            return
        self._readable.close()
        self._writable.close()
        self._readable = self._writable = None
        if self._socket is not None:
            self._socket.close()
        else:
            for fd in {self.read_fd, self.write_fd}:
                os.close(fd)

    # --- writing ------------------------------------------------------------------------------
    def send(self, message: dict, deadline: float, fds: list[int] = ()) -> None:
        self.send_bytes((json.dumps(message) + "\n").encode(), deadline, fds)

    def send_bytes(self, data: bytes, deadline: float, fds: list[int] = ()) -> None:
        """All of data (descriptors, on a socket, go with its first bytes) before the deadline."""
        view = memoryview(data)
        while view:
            self._wait(self._writable, deadline, "did not read its input in time")
            try:
                if fds:
                    sent = socket.send_fds(self._socket, [view], list(fds))
                    fds = ()
                else:
                    sent = os.write(self.write_fd, view)
            except BlockingIOError:
                continue
            except (BrokenPipeError, ConnectionError):
                raise ChannelBroken("closed its channel", ended=True) from None
            view = view[sent:]

    # --- reading ------------------------------------------------------------------------------
    def receive(self, deadline: float) -> dict:
        """The next JSON object, or ChannelBroken."""
        while b"\n" not in self._buffer:
            if len(self._buffer) > settings.SANDBOX.line_bytes:
                raise ChannelBroken(f"sent more than {settings.SANDBOX.line_bytes // 1024**2} MB in one answer")
            self._wait(self._readable, deadline, "ran past its time limit")
            try:
                chunk = os.read(self.read_fd, 1 << 20)
            except BlockingIOError:
                continue
            except ConnectionError:
                chunk = b""
            if not chunk:
                raise ChannelBroken("closed its channel", ended=True)
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except ValueError:
            raise ChannelBroken("answered with something that is not valid JSON") from None
        if not isinstance(message, dict):
            raise ChannelBroken("answered with something that is not a JSON object")
        return message

    @staticmethod
    def _wait(selector: selectors.BaseSelector, deadline: float, late: str) -> None:
        """Until the descriptor is ready, or ChannelBroken(late) once the deadline has passed."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelBroken(late, timed_out=True)
            if selector.select(remaining):
                return
