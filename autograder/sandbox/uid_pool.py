"""Unprivileged user ids for sandboxes started by root, one per running sandbox.

RLIMIT_NPROC counts the processes of a user id, and root is exempt from it. So when the grader runs
as root (CI), each sandbox's code runs under its own unused uid from this pool: a fork bomb then
hits its own limit and cannot starve another student's sandbox, whichever worker or machine slot
runs it. A lease is an exclusive `flock` on a per-uid lock file, so concurrent grader processes on
one machine (a process pool, Dask workers) never share a uid.
"""
from __future__ import annotations

import fcntl
import os
import pwd
import random
from pathlib import Path

from autograder import settings

LOCK_DIR = Path("/tmp/autograder-sandbox-uids")


class PoolExhausted(RuntimeError):
    pass


class UidLease:
    """Holds one uid of the pool until released."""

    def __init__(self) -> None:
        LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
        os.chmod(LOCK_DIR, 0o700)
        taken = {entry.pw_uid for entry in pwd.getpwall()}
        first = settings.SANDBOX.first_uid
        candidates = [uid for uid in range(first, first + settings.SANDBOX.uids) if uid not in taken]
        start = random.randrange(len(candidates))  # spread concurrent grader processes
        for uid in candidates[start:] + candidates[:start]:
            fd = os.open(LOCK_DIR / str(uid), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.uid, self._fd = uid, fd
            return
        raise PoolExhausted(f"all {len(candidates)} sandbox uids are in use")

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
