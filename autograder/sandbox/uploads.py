"""The student's uploaded files (a CSV next to the notebook, say): how they reach the sandbox.

One way for cold and warm sandboxes alike: the grader reads them here and sends them in the
harness's "load" message; the harness writes them into its fresh working directory before any
student code runs (`inside/harness.py`, `write_files`). No host path of the student's folder is
mounted into a sandbox, and a zygote never sees them.
"""
from __future__ import annotations

import base64
import os
import stat
from pathlib import Path


def read_uploads(folder: Path, budget: int) -> list[list[str]]:
    """Regular files only (no links, devices or pipes), up to `budget` bytes (the size of the
    working directory: what does not fit is not sent), as [relative path, base64]."""
    files, total = [], 0
    for root, directories, names in os.walk(folder):
        directories[:] = sorted(d for d in directories if not os.path.islink(os.path.join(root, d)))
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue  # a link, or unreadable
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    continue
                data = handle.read(budget - total + 1)
            if total + len(data) > budget:
                return files
            total += len(data)
            files.append([os.path.relpath(path, folder), base64.b64encode(data).decode()])
    return files
