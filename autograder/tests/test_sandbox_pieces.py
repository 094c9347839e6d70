"""The pieces cold and warm sandboxes share: one way of passing a student's files (the same files
reach both kinds)."""
from __future__ import annotations

import json
import os
import textwrap
from dataclasses import replace
from pathlib import Path

from autograder.sandbox.limits import Limits
from autograder.sandbox.session import NotebookSession

FAST = Limits(cell_seconds=3, load_seconds=10, call_seconds=1, function_seconds=4, notebook_seconds=40)


# --- the student's files -----------------------------------------------------------------------
LIST_FILES = textwrap.dedent('''\
    import json, os
    def probe():
        seen = {}
        for folder, _, names in os.walk("."):
            for name in names:
                path = os.path.join(folder, name)[2:]
                seen[path] = os.path.getsize(path) if name.endswith(".bin") else open(path).read()
        return [float(ord(c)) for c in json.dumps(seen, sort_keys=True)]
    ''')


def _files_seen(folder: Path, limits: Limits) -> dict:
    cells = [{"index": 0, "source": LIST_FILES}]
    with NotebookSession(cells, ["probe"], limits, forbidden=[], forbidden_methods=[],
                         submission=folder) as running:
        assert "probe" in running.ensure_loaded().defined
        outcome = running.call("probe", [[]])[0]
    assert outcome.failure is None and "value" in outcome.reply, outcome
    return json.loads("".join(chr(int(code)) for code in outcome.reply["value"]))


def test_cold_and_warm_sandboxes_get_the_same_files(tmp_path, monkeypatch):
    """Regular files, nested folders included, up to the working directory's size; never a link
    (to a file or a folder outside), a pipe or anything past the size."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "answers.txt").write_text("the solutions")
    folder = tmp_path / "alice"
    (folder / "data" / "raw").mkdir(parents=True)
    (folder / "a.csv").write_text("1,2\n")
    (folder / "data" / "raw" / "b.txt").write_text("nested")
    (folder / "data" / "c.bin").write_bytes(b"\0" * 600_000)
    (folder / "link.txt").symlink_to(secret / "answers.txt")
    (folder / "linked").symlink_to(secret)
    os.mkfifo(folder / "pipe")
    (folder / "zz").mkdir()
    (folder / "zz" / "late.bin").write_bytes(b"\0" * 600_000)  # past the 1 MB the directory holds
    expected = {"a.csv": "1,2\n", "data/c.bin": 600_000, "data/raw/b.txt": "nested"}

    limits = replace(FAST, tmpfs_bytes=2**20)
    warm = _files_seen(folder, limits)
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "cold")
    cold = _files_seen(folder, limits)
    assert warm == cold == expected
