"""Fast grading keeps every guarantee: warm sandboxes (one zygote per worker, one forked child per
notebook) isolate students from each other as a new bubblewrap does, the zygote never holds a
student's data, a broken zygote is replaced, and the grades do not depend on the sandbox kind,
the number of workers or the warm `Grader` API. (Speed itself is measured by
benchmarks/grading.py, never by a test.)"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from autograder.batch import run_jobs
from autograder.course import REPO
from autograder.grading import GradingJob, grade_submission
from autograder.sandbox import launch, pool, warm
from autograder.sandbox.inside.codec import encode
from autograder.sandbox.session import NotebookSession
from autograder.service import Grader
from autograder.settings import Limits
from autograder.testing.processes import processes_with
from autograder.testing.submission_builder import build_from_fixture, build_submission, write_submission

FAST = Limits(cell_seconds=3, load_seconds=10, call_seconds=1, function_seconds=4, notebook_seconds=40)
WRONG = REPO / "autograder" / "tests" / "submissions" / "wrong" / "dot_product"


def run_probe(source: str, *args, submission: Path | None = None):
    """Load one cell defining probe(...) in a fresh sandbox and return what probe returns,
    decoded from a list of character codes (the sandbox returns numbers only)."""
    cells = [{"index": 0, "source": source}]
    with NotebookSession(cells, ["probe"], FAST, forbidden=[], forbidden_methods=[],
                         submission=submission) as running:
        report = running.ensure_loaded()
        assert "probe" in report.defined, report
        outcome = running.call("probe", [[encode(arg) for arg in args]])[0]
    assert outcome.failure is None and "value" in outcome.reply, outcome
    return json.loads("".join(chr(int(code)) for code in outcome.reply["value"]))


LEAVE_TRACES = textwrap.dedent('''\
    import json, os, subprocess
    def probe(marker):
        marker = str(int(marker))
        pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        for folder in ("/tmp", ".", "/dev/shm", "/dev"):
            try:
                with open(os.path.join(folder, "trace-" + marker), "w") as handle:
                    handle.write(marker)
            except OSError:
                pass
        subprocess.Popen(["sleep", "4242" + marker], start_new_session=True)
        status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines())
        seen = {
            "files": sorted(os.listdir("/tmp")) + sorted(os.listdir(".")),
            "shm": sorted(os.listdir("/dev/shm")), "dev": sorted(os.listdir("/dev")),
            "pids": pids,
            "uid": os.getuid(), "pid": os.getpid(),
            "caps": [status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")],
            "no_new_privs": status["NoNewPrivs"].strip(),
            "uploaded": open("data.txt").read() if os.path.exists("data.txt") else None,
            "init": open("/proc/1/cmdline", "rb").read().decode().split("\\0"),
        }
        return [float(ord(c)) for c in json.dumps(seen)]
    ''')


def test_each_student_gets_a_fresh_warm_sandbox(tmp_path):
    folder = tmp_path / "alice"
    folder.mkdir()
    (folder / "data.txt").write_text("alice's upload")
    first = run_probe(LEAVE_TRACES, 1, submission=folder)
    second = run_probe(LEAVE_TRACES, 2)
    assert pool.pool().size == 1  # both came from this process's one zygote

    assert first["uploaded"] == "alice's upload" and second["uploaded"] is None
    assert not any("trace-1" in name for name in second["files"] + second["shm"] + second["dev"])
    for seen in (first, second):
        assert "/grader/zygote.py" in seen["init"], "this sandbox was not forked from a zygote"
        assert seen["pid"] == 2 and seen["pids"] == [1, 2]  # its own pid namespace, no one else's
        assert seen["caps"] == ["0000000000000000"] * 5 and seen["no_new_privs"] == "1"
        assert seen["uid"] != 0
    deadline = time.monotonic() + 5
    while processes_with("sleep 4242") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with("sleep 4242") == [], "a student's process outlived its sandbox"


def _my_zygotes() -> list[int]:
    """This process's zygotes: started by bubblewrap (the children they fork run the same file)."""
    return [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
            and b"/grader/zygote.py" in _read(p / "cmdline") and _is_descendant(int(p.name), os.getpid())
            and _read(Path(f"/proc/{_parent(int(p.name))}/comm")).strip() == b"bwrap"]


def _parent(pid: int) -> int:
    stat = _read(Path(f"/proc/{pid}/stat"))
    return int(stat.rsplit(b")", 1)[1].split()[1]) if stat else 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _memory_holds(pid: int, needle: bytes) -> bool:
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", buffering=0) as memory:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or (len(fields) > 5 and fields[5].startswith("[v")):
                continue
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                memory.seek(start)
                if needle in memory.read(end - start):
                    return True
            except (OSError, OverflowError, ValueError):
                continue
    return False


@pytest.mark.skipif(os.geteuid() != 0, reason="reading another process's memory needs root")
def test_the_zygote_never_holds_a_students_code_or_files(tmp_path):
    secret_code, secret_file = "Zq7-cell-marker-31337", "Zq7-file-marker-27182"
    folder = tmp_path / "mallory"
    folder.mkdir()
    (folder / "data.txt").write_text(secret_file)
    seen = run_probe(LEAVE_TRACES.replace("def probe", f"# {secret_code}\ndef probe"), 3, submission=folder)
    assert seen["uploaded"] == secret_file  # the child did get the file
    zygotes = _my_zygotes()
    assert zygotes, "no zygote process found"
    for pid in zygotes:
        assert _memory_holds(pid, b"harness.py")  # control: the scan reads the zygote's memory
        assert not _memory_holds(pid, secret_code.encode()), "the zygote saw a student's code"
        assert not _memory_holds(pid, secret_file.encode()), "the zygote saw a student's file"


def _is_descendant(pid: int, ancestor: int) -> bool:
    while pid > 1:
        pid = _parent(pid)
        if pid == ancestor:
            return True
    return False


def test_a_killed_zygote_is_replaced():
    run_probe(LEAVE_TRACES, 4)
    zygote = pool.pool()._idle[0]
    os.kill(zygote.bwrap.child_pid, signal.SIGKILL)  # its whole namespace: the zygote is gone
    zygote.bwrap.process.wait(timeout=5)
    seen = run_probe(LEAVE_TRACES, 5)
    assert seen["pids"] == [1, 2]
    assert zygote not in pool.pool()._all


def _class(tmp_path: Path) -> list[GradingJob]:
    """A small class: correct, plausible wrong ones, a crash in one function, a slow cell."""
    notebooks = {"correct": build_submission("dot_product", {}),
                 "crash": build_submission("dot_product", {"project": "import os\ndef project(a, b):\n    os._exit(3)\n"}),
                 "slow": build_submission("dot_product", {}, extra_cells=("import time\ntime.sleep(0.2)\n",))}
    for name in ("off_by_one_loop", "no_length_check", "mutates_input", "uses_numpy_dot"):
        notebooks[name] = build_from_fixture("dot_product", WRONG / f"{name}.py")
    jobs = []
    for student, notebook in notebooks.items():
        path = write_submission(tmp_path, student, "dot_product", notebook)
        jobs.append(GradingJob("dot_product", student, str(path), folder=str(path.parent), seed=11, limits=FAST))
    return jobs


def test_grades_do_not_depend_on_sandbox_kind_or_workers(tmp_path, monkeypatch):
    jobs = _class(tmp_path)
    warm_serial = [grade_submission(job) for job in jobs]
    with ProcessPoolExecutor(2, initializer=warm.prestart) as executor:
        warm_parallel = run_jobs(jobs, executor, progress=False)
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "cold")
    cold = [grade_submission(job) for job in jobs]
    assert warm_serial == warm_parallel == cold
    scores = {r.student_id: r.score for r in cold}
    assert scores["correct"] == scores["slow"] == 10 and scores["crash"] == 7
    assert scores["uses_numpy_dot"] < 10 and scores["off_by_one_loop"] < 10


def test_warm_grader_and_serve_grade_like_a_class_run(tmp_path):
    jobs = _class(tmp_path / "class")
    with Grader("dot_product", tmp_path / "out", seed=11, limits=FAST) as grader:
        for job in jobs[:3]:
            result = grader.grade(Path(job.folder))
            assert result == grade_submission(job)
            assert grader.feedback_path(job.student_id).is_file()
            assert (tmp_path / "out" / "autograded" / job.student_id / "dot_product" / "dot_product.ipynb").is_file()

    lines = "\n".join([jobs[0].folder, str(tmp_path / "nowhere"), jobs[1].folder]) + "\n"
    served = subprocess.run([sys.executable, "-m", "autograder", "serve", "dot_product", "--out",
                             str(tmp_path / "served")], input=lines, capture_output=True, text=True,
                            cwd=REPO, env=dict(os.environ, AUTOGRADER_SEED="11"), timeout=300)
    assert served.returncode == 0, served.stderr
    replies = [json.loads(line) for line in served.stdout.splitlines()]
    assert replies[0]["event"] == "ready"
    by_folder = {reply["folder"]: reply for reply in replies[1:]}  # each as it finishes, in any order
    assert by_folder[jobs[0].folder]["student_id"] == "correct" and by_folder[jobs[0].folder]["score"] == 10
    assert by_folder[str(tmp_path / "nowhere")]["error"] == "not a folder"
    crashed = by_folder[jobs[1].folder]
    assert crashed["student_id"] == jobs[1].student_id and crashed["score"] == 7
    assert Path(crashed["feedback"]).is_file()


def test_without_a_zygote_grading_falls_back_to_cold_sandboxes(monkeypatch, capsys):
    """A machine where the zygote cannot start (an old kernel, say) still grades, one new sandbox
    per notebook, with one warning; AUTOGRADER_SANDBOX=warm makes that an error instead."""
    job = GradingJob("dot_product", "solution", str(REPO / "solutions" / "dot_product" / "dot_product.ipynb"),
                     seed=11, limits=FAST)
    expected = grade_submission(job)
    warm.close_pool()
    command = launch.bwrap_command  # a zygote's bwrap fails at once; a cold one still works
    monkeypatch.setattr(launch, "bwrap_command",
                        lambda *args, **kwargs: ["false"] if kwargs.get("zygote") else command(*args, **kwargs))
    monkeypatch.setattr(warm, "_cold_reason", None)
    monkeypatch.setenv("AUTOGRADER_SANDBOX", "warm")
    with pytest.raises(warm.SandboxUnavailable):
        grade_submission(job)
    monkeypatch.delenv("AUTOGRADER_SANDBOX")
    assert grade_submission(job) == expected
    assert warm._cold_reason is not None and pool.pool().size == 0
    assert capsys.readouterr().err.count("warm sandboxes are not available") == 1
