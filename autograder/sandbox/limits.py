"""The resource limits of one sandbox: what a student's notebook may use before it is stopped."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Limits:
    # Enforced by the kernel inside the sandbox (rlimits set by the harness before student code).
    memory_bytes: int = 2 * 1024**3  # address space; torch's import alone maps about 1 GiB
    cpu_seconds: int = 60  # per sandbox process (SIGXCPU, then SIGKILL)
    output_bytes: int = 1024**2  # stdout+stderr per call or cell, and any file the student writes
    open_files: int = 256
    processes: int = 32  # threads included; per sandbox (see README: user namespaces, uid pool)
    tmpfs_bytes: int = 64 * 1024**2  # each of /tmp and the working directory
    # Wall time, enforced by the harness (an exception in student code) and, as a backstop the
    # student cannot catch, by the grader killing the sandbox.
    cell_seconds: float = 10.0
    load_seconds: float = 30.0  # all cells of one run of the notebook; later cells are skipped
    call_seconds: float = 5.0
    function_seconds: float = 20.0  # all calls of one function
    notebook_seconds: float = 90.0  # everything for one submission, restarts included
    start_seconds: float = 20.0  # the sandbox's Python and numpy coming up

    def harness_config(self) -> dict:
        """The part the harness needs (it cannot read this module)."""
        return {key: value for key, value in asdict(self).items()
                if key in ("memory_bytes", "cpu_seconds", "output_bytes", "open_files", "processes",
                           "cell_seconds", "load_seconds", "call_seconds")}
