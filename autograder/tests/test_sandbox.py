"""The sandbox: student code cannot read the course's files or the gradebook, reach the network or
leave a process behind; a hard exit, a hung loop, a memory bomb, a huge output or a fork bomb costs
the function it happens in and nothing else; run-time tripwires catch forbidden routines, also in
modules imported later. Runs as the CI does (root: privileged bwrap + pool uid) and, when a system
Python of the same version exists, as an unprivileged instructor (user namespace)."""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from autograder.batch import run_jobs
from autograder.course import REPO
from autograder.grading import GradingJob, grade_submission
from autograder.sandbox.inside.codec import encode
from autograder.sandbox.session import NotebookSession
from autograder.settings import Limits
from autograder.testing.processes import processes_with
from autograder.testing.submission_builder import build_submission, write_submission

FAST = Limits(cell_seconds=3, load_seconds=10, call_seconds=1, function_seconds=4, notebook_seconds=40)

# Correct, self-contained dot_product functions: a fault planted in one cannot reach the others.
CORRECT = {
    "dot": textwrap.dedent('''\
        def dot(a, b):
            if len(a) != len(b):
                raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
            return float(sum(x * y for x, y in zip(a, b)))
        '''),
    "cosine_similarity": textwrap.dedent('''\
        def cosine_similarity(a, b):
            if len(a) != len(b):
                raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
            ab = sum(x * y for x, y in zip(a, b))
            aa, bb = sum(x * x for x in a), sum(y * y for y in b)
            if aa == 0 or bb == 0:
                raise ValueError("zero vector")
            return ab / (math.sqrt(aa) * math.sqrt(bb))
        '''),
    "project": textwrap.dedent('''\
        def project(a, b):
            if len(a) != len(b):
                raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
            bb = sum(y * y for y in b)
            if bb == 0:
                raise ValueError("cannot project onto the zero vector")
            scale = sum(x * y for x, y in zip(a, b)) / bb
            return [scale * y for y in b]
        '''),
}
POINTS = {"dot": 4.0, "cosine_similarity": 3.0, "project": 3.0}


def session(cells: list[str], graded: list[str], limits: Limits = FAST) -> NotebookSession:
    return NotebookSession([{"index": i, "source": s} for i, s in enumerate(cells)], graded, limits,
                           forbidden=["numpy.dot", "numpy.linalg", "torch.matmul", "operator.matmul"],
                           forbidden_methods=["dot"])


def call_one(cells: list[str], function: str, *args) -> dict:
    with session(cells, [function]) as running:
        report = running.ensure_loaded()
        assert function in report.defined, report
        outcome = running.call(function, [[encode(arg) for arg in args]])[0]
    assert outcome.failure is None, outcome.failure
    return outcome.reply


# --- isolation ---------------------------------------------------------------------------------
PROBE_OPEN = textwrap.dedent('''\
    def probe(paths, mode):
        opened = []
        for path in paths:
            try:
                with open(path, mode) as handle:
                    handle.read(1) if "r" in mode else handle.write("x")
                opened.append(1.0)
            except OSError:
                opened.append(0.0)
        return opened
    ''')


def test_student_code_cannot_read_the_course_the_gradebook_or_other_students(tmp_path):
    other = write_submission(tmp_path / "class", "bob", "dot_product", build_submission("dot_product", {}))
    gradebook = tmp_path / "out" / "gradebook.db"
    gradebook.parent.mkdir()
    gradebook.write_bytes(b"SQLite format 3\0")
    secrets = [REPO / "solutions" / "dot_product" / "dot_product.ipynb",
               REPO / "autograder" / "reference" / "dot_product.py",
               REPO / "autograder" / "specs" / "dot_product.py",
               REPO / "autograder" / "nbgrader_config.py", REPO / "autograder" / ".secret_seed",
               gradebook, other, Path("/etc/shadow"), Path.home() / ".bashrc"]
    visible = [Path("/usr/bin/env"), Path("/grader/values.py")]  # controls: the probe works
    reply = call_one([PROBE_OPEN], "probe", [str(p) for p in secrets + visible], "rb")
    assert reply.get("value") == [0.0] * len(secrets) + [1.0] * len(visible)


def test_student_code_can_write_only_its_scratch_space():
    targets = [str(REPO / "autograder" / "owned.py"), "/usr/owned", f"{sys.prefix}/owned",
               "/grader/harness.py", "/owned", "/tmp/scratch.txt", "scratch.txt"]
    reply = call_one([PROBE_OPEN], "probe", targets, "w")
    assert reply.get("value") == [0.0] * 5 + [1.0, 1.0]
    assert not (REPO / "autograder" / "owned.py").exists()


def test_student_code_has_no_network():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    port = server.getsockname()[1]
    probe = textwrap.dedent('''\
        import socket
        def probe(port):
            reached = []
            for host in ("127.0.0.1", "10.0.2.2", "1.1.1.1"):
                try:
                    socket.create_connection((host, int(port)), timeout=0.5).close()
                    reached.append(1.0)
                except OSError:
                    reached.append(0.0)
            return reached
        ''')
    try:
        reply = call_one([probe], "probe", port)
        assert reply.get("value") == [0.0, 0.0, 0.0]
        with pytest.raises(socket.timeout):
            server.accept()
    finally:
        server.close()


def test_no_process_survives_the_sandbox():
    cells = [textwrap.dedent('''\
        import os, subprocess
        subprocess.Popen(["sleep", "31337"], start_new_session=True)
        if os.fork() == 0:          # a classic daemon: fork, setsid, fork again
            os.setsid()
            if os.fork() == 0:
                os.execvp("sleep", ["sleep", "31338"])
            os._exit(0)
        def alive():
            return 1.0
        ''')]
    with session(cells, ["alive"]) as running:
        running.ensure_loaded()
        time.sleep(0.3)
        assert processes_with("sleep 3133"), "the test's processes did not start"
    deadline = time.monotonic() + 5
    while processes_with("sleep 3133") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with("sleep 3133") == []


# --- faults cost one function --------------------------------------------------------------------
FAULTS = {
    "hard_exit": ("cosine_similarity", "import os\n\ndef cosine_similarity(a, b):\n    os._exit(3)\n",
                  "exit code 3"),
    "swallowed_interrupts": ("project", textwrap.dedent('''\
        import time
        def project(a, b):
            while True:
                try:
                    time.sleep(0.05)
                except BaseException:
                    pass
        '''), "time limit"),
    "memory_bomb": ("dot", textwrap.dedent('''\
        def dot(a, b):
            hoard = []
            while True:  # address space runs out at the limit, long before the machine's memory
                hoard.append(np.empty(2**24))
        '''), "MemoryError"),
    "huge_output": ("dot", textwrap.dedent('''\
        def dot(a, b):
            print("x" * (5 * 2**20))
            return float(sum(x * y for x, y in zip(a, b)))
        '''), "output"),
    "fork_bomb": ("dot", textwrap.dedent('''\
        import os
        def dot(a, b):
            while True:
                os.fork()
        '''), ""),
    "load_time_exit": ("project", "import os\nos._exit(1)\n", "not defined"),
}


def faulty_submission(name: str) -> dict:
    function, code, _ = FAULTS[name]
    replacements = dict(CORRECT)
    if name == "load_time_exit":  # the cell that defines project also kills the process on load
        replacements["project"] = CORRECT["project"] + "\n" + code
    else:
        replacements[function] = code
    return build_submission("dot_product", replacements)


def test_each_fault_costs_only_its_function(tmp_path):
    jobs = []
    for name in [*FAULTS, "honest"]:
        notebook = build_submission("dot_product", CORRECT) if name == "honest" else faulty_submission(name)
        path = write_submission(tmp_path, name, "dot_product", notebook)
        jobs.append(GradingJob("dot_product", name, str(path), folder=str(path.parent), seed=5, limits=FAST))
    started = time.monotonic()
    with ProcessPoolExecutor(2) as executor:
        results = {r.student_id: r for r in run_jobs(jobs, executor, progress=False)}
    assert time.monotonic() - started < 120
    for name, result in results.items():
        scores = {f.name: f.score for f in result.functions}
        if name == "honest":
            assert scores == POINTS
            continue
        function, _, phrase = FAULTS[name]
        assert scores == {**POINTS, function: 0.0}, (name, scores, result.notes)
        broken = next(f for f in result.functions if f.name == function)
        said = "\n".join(broken.problems + [x for g in broken.groups for x in g.failures] + result.notes)
        assert phrase in said, (name, said[:500])


# --- tripwires -------------------------------------------------------------------------------------
def test_tripwires_catch_a_forbidden_routine_however_it_is_reached():
    cells = ["import numpy as np\nimport pickle\n",
             "def sneaky(a, b):\n    f = getattr(np, ''.join(['d', 'o', 't']))\n    return float(f(a, b))\n",
             "def pickled(a, b):\n    f = pickle.loads(pickle.dumps(np.dot))\n    return float(f(a, b))\n",
             "def honest(a, b):\n    return float(np.sum(np.multiply(a, b)))\n"]
    with session(cells, ["sneaky", "pickled", "honest"]) as running:
        running.ensure_loaded()
        args = [encode([1.0, 2.0]), encode([3.0, 4.0])]
        for name, hits in (("sneaky", ["numpy.dot"]), ("pickled", ["numpy.dot"]), ("honest", [])):
            reply = running.call(name, [args])[0].reply
            assert reply.get("value") == 11.0 and reply["tripwires"] == hits, (name, reply)


@pytest.mark.slow
def test_tripwires_reach_modules_imported_later():
    cells = ["def late(a, b):\n    import torch\n    return float(torch.matmul(torch.tensor(a), torch.tensor(b)))\n"]
    with session(cells, ["late"], Limits()) as running:
        running.ensure_loaded()
        reply = running.call("late", [[encode([1.0, 2.0]), encode([3.0, 4.0])]])[0].reply
    assert reply.get("value") == 11.0 and reply["tripwires"] == ["torch.matmul"], reply


# --- an unprivileged instructor --------------------------------------------------------------------
def _system_python() -> str | None:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for folder in ("/usr/bin", "/usr/local/bin"):
        candidate = Path(folder) / version
        if candidate.exists() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


@pytest.mark.skipif(os.geteuid() != 0, reason="not root: every other test here already runs unprivileged")
def test_an_unprivileged_instructor_gets_the_same_grades():
    """Run the grader as `nobody`: bwrap then builds the sandbox in an unprivileged user namespace."""
    python = _system_python()
    if python is None:
        pytest.skip("no system Python of this version that an unprivileged user can run")
    tmp_path = Path(tempfile.mkdtemp(prefix="autograder-nobody-"))  # pytest's tmp dirs are 0700
    try:
        _grade_as_nobody(python, tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _grade_as_nobody(python: str, tmp_path: Path) -> None:
    site_packages = Path(__import__("numpy").__file__).resolve().parents[1]
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", "--without-pip", str(venv)], check=True)
    (next(venv.glob("lib/python3*/site-packages")) / "course.pth").write_text(f"{REPO}\n{site_packages}\n")
    work = tmp_path / "work"
    notebook = write_submission(work, "alice", "dot_product", build_submission("dot_product", CORRECT))
    nobody = pwd.getpwnam("nobody")
    for path in [tmp_path, venv, *venv.rglob("*"), work, *work.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
    script = textwrap.dedent(f'''\
        import os
        from autograder.grading import GradingJob, grade_submission
        result = grade_submission(GradingJob("dot_product", "alice", {str(notebook)!r}, seed=3))
        print(os.geteuid(), [f.score for f in result.functions], result.notes)
        ''')
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    run = subprocess.run([runuser, "-u", "nobody", "--", str(venv / "bin" / "python"), "-c", script],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300,
                         env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split()[0] == str(nobody.pw_uid)
    assert f"[{POINTS['dot']}, {POINTS['cosine_similarity']}, {POINTS['project']}] []" in run.stdout


def test_grade_submission_is_deterministic():
    job = GradingJob("dot_product", "solution", str(REPO / "solutions" / "dot_product" / "dot_product.ipynb"),
                     seed=123)
    first, second = grade_submission(job), grade_submission(job)
    assert first == second and first.score == first.max_score
