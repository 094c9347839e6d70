"""The pieces cold and warm sandboxes share: the channel's deadlines and caps against real
processes, one way of passing a student's files (the same files reach both kinds), a zygote that
stops answering is replaced, and a missing bubblewrap is one line of explanation."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from autograder import settings
from autograder.course import REPO
from autograder.sandbox import pool
from autograder.sandbox.channel import Channel, ChannelBroken
from autograder.sandbox.session import NotebookSession
from autograder.settings import Limits
from autograder.testing.grader_cli import run_grader

FAST = Limits(cell_seconds=3, load_seconds=10, call_seconds=1, function_seconds=4, notebook_seconds=40)


# --- channel -----------------------------------------------------------------------------------
@pytest.fixture
def peer():
    """Start a Python process running `code` with its stdin/stdout as the other end of a Channel."""
    started = []

    def start(code: str) -> Channel:
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        process = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)],
                                   stdin=stdin_read, stdout=stdout_write)
        os.close(stdin_read)
        os.close(stdout_write)
        started.append((process, Channel(stdout_read, stdin_write)))
        return started[-1][1]

    yield start
    for process, channel in started:
        channel.close()
        process.kill()
        process.wait()


ECHO = '''\
    import sys
    for line in sys.stdin:
        sys.stdout.write(line)
        sys.stdout.flush()
    '''


def soon(seconds: float) -> float:
    return time.monotonic() + seconds


def test_a_channel_carries_json_objects_both_ways(peer):
    channel = peer(ECHO)
    message = {"op": "call", "calls": [[["f", 1.5]], [["s", "é\n"]]], "big": "x" * 300_000}
    channel.send(message, soon(5))  # larger than a pipe's buffer: written as the peer reads
    assert channel.receive(soon(5)) == message


@pytest.mark.parametrize("answer, reason", [
    ("print('not json', flush=True)", "not valid JSON"),
    ("print('[1, 2]', flush=True)", "not a JSON object"),
    ("import sys; sys.stdout.write('x' * 5000); sys.stdout.flush(); input()", "sent more than"),
])
def test_a_garbled_answer_breaks_the_channel(peer, monkeypatch, answer, reason):
    monkeypatch.setattr(settings, "SANDBOX", replace(settings.SANDBOX, line_bytes=4096))
    with pytest.raises(ChannelBroken) as broken:
        peer(answer).receive(soon(5))
    assert reason in broken.value.reason and not broken.value.timed_out and not broken.value.ended


def test_a_silent_peer_costs_its_deadline_and_no_more(peer):
    channel = peer("import time; time.sleep(30)")
    started = time.monotonic()
    with pytest.raises(ChannelBroken) as broken:
        channel.receive(started + 0.3)
    assert broken.value.timed_out and broken.value.reason == "ran past its time limit"
    with pytest.raises(ChannelBroken) as broken:  # nobody reads: the pipe fills, then the deadline
        channel.send_bytes(b"x" * (4 * 2**20), time.monotonic() + 0.3)
    assert broken.value.timed_out and broken.value.reason == "did not read its input in time"
    assert time.monotonic() - started < 3


def test_a_peer_that_closes_its_ends_ends_the_channel(peer):
    channel = peer("import os, time; os.close(0); os.close(1); time.sleep(30)")
    with pytest.raises(ChannelBroken) as broken:
        channel.receive(soon(5))
    assert broken.value.ended
    with pytest.raises(ChannelBroken) as broken:
        channel.send({"op": "call"}, soon(5))
    assert broken.value.ended


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
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "warm")
    warm = _files_seen(folder, limits)
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "cold")
    cold = _files_seen(folder, limits)
    assert warm == cold == expected


# --- pool ----------------------------------------------------------------------------------------
def _zygote_process(zygote: pool.Zygote) -> int:
    """The zygote's Python: the child of the sandbox's pid 1 (bwrap's init inside it)."""
    children = Path(f"/proc/{zygote.bwrap.child_pid}/task/{zygote.bwrap.child_pid}/children")
    return int(children.read_text().split()[0])


def test_a_zygote_that_stops_answering_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "warm")
    monkeypatch.setattr(settings, "SANDBOX", replace(settings.SANDBOX, control_seconds=1.0))
    (tmp_path / "note.txt").write_text("hello")
    assert _files_seen(tmp_path, FAST) == {"note.txt": "hello"}  # the pool holds a zygote now
    stuck = pool.pool()._idle[-1]
    os.kill(_zygote_process(stuck), signal.SIGSTOP)  # alive, but it will never answer a fork
    started = time.monotonic()
    assert _files_seen(tmp_path, FAST) == {"note.txt": "hello"}
    assert time.monotonic() - started < 10
    assert not stuck.alive and stuck not in pool.pool()._all  # killed, namespace and all


# --- launch --------------------------------------------------------------------------------------
def test_without_bubblewrap_grading_stops_with_one_line(tmp_path):
    folder = tmp_path / "submissions" / "alice"
    folder.mkdir(parents=True)
    (folder / "dot_product.ipynb").write_bytes((REPO / "solutions" / "dot_product" / "dot_product.ipynb").read_bytes())
    empty = tmp_path / "bin"  # a PATH with no bwrap on it
    empty.mkdir()
    result = run_grader("grade", "dot_product", str(tmp_path / "submissions"), "--out", str(tmp_path / "out"),
                        "--no-progress", env={"PATH": str(empty)}, timeout=300)
    assert result.returncode == 1
    # The grader checks for the sandbox before it writes anything (autograder/preflight.py).
    assert result.stderr.strip().splitlines() == [
        "error: cannot grade: bubblewrap (bwrap) is not installed, and every notebook is graded in its "
        "sandbox: run `make grader` (it installs bubblewrap, Debian package `bubblewrap`); nothing was written"]
    assert not (tmp_path / "out").exists()
