"""Warm or cold: which kind of sandbox this process starts for the next notebook.

Warm (`process.WarmProcess`): a fresh child of this thread's zygote (`pool.py`), started once per
worker with the same bubblewrap command line as a cold sandbox. Cold (`process.ColdProcess`): one
bubblewrap per notebook, slower, same rules. Warm unless AUTOGRADER_SANDBOX=cold, or unless the
zygote cannot start on this machine: then cold, with one warning on stderr
(AUTOGRADER_SANDBOX=warm makes that an error instead). Without bubblewrap neither can start: the
first sandbox says so.
"""
from __future__ import annotations

import os
import sys

from autograder.sandbox.launch import BubblewrapMissing, SandboxUnavailable
from autograder.sandbox.pool import close_pool, pool
from autograder.sandbox.process import ColdProcess, Sandbox, WarmProcess
from autograder.settings import Limits

__all__ = ["SandboxUnavailable", "close_pool", "new_sandbox", "prestart", "warm_enabled"]

_cold_reason: str | None = None  # why this process fell back to cold sandboxes


def prestart() -> None:
    """Start this process's first zygote now (a worker pool's initializer), not at its first job.
    It is closed when the worker process exits (multiprocessing runs its finalizers then)."""
    from multiprocessing.util import Finalize

    Finalize(pool(), close_pool, exitpriority=10)
    if warm_enabled():
        try:
            pool().release(pool().acquire(Limits().tmpfs_bytes))
        except BubblewrapMissing:
            pass  # the first job fails with the reason, a cold sandbox could not start either
        except SandboxUnavailable as error:
            _fall_back(error)


def warm_enabled() -> bool:
    return os.environ.get("AUTOGRADER_SANDBOX", "warm") != "cold" and _cold_reason is None


def _fall_back(error: SandboxUnavailable) -> None:
    if os.environ.get("AUTOGRADER_SANDBOX") == "warm" or isinstance(error, BubblewrapMissing):
        raise error
    global _cold_reason
    if _cold_reason is None:
        _cold_reason = str(error)
        print(f"warning: warm sandboxes are not available here ({_cold_reason[:300]}); "
              "starting a new sandbox for each notebook instead (slower)", file=sys.stderr)


def new_sandbox(limits: Limits) -> Sandbox:
    """A sandbox to `start(config)`: a child of this thread's zygote, or a cold one."""
    if warm_enabled():
        try:
            return Sandbox(limits, WarmProcess(limits, pool().acquire(limits.tmpfs_bytes)))
        except SandboxUnavailable as error:
            _fall_back(error)
    return Sandbox(limits, ColdProcess(limits))
