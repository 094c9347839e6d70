"""The attack corpus (corpus/manifest.toml), graded in ONE `python -m autograder grade` batch together
with honest students, as an instructor would grade a class:

- every entry gets exactly its expected score per function and in total, and its feedback says
  what went wrong in the expected words (corpus_builder.KINDS); honest students keep full marks;
- no output (grades.csv, feedback, results.json, autograded notebooks, the command's own output)
  shows a line of the hidden tests, the reference code, the specs or the master solutions;
- no file of the course (solutions/, autograder/, exercises/) is created or changed, the gradebook
  keeps its max_score and the scores the grader gave, no process the attacks start survives, no
  connection reaches a port the test listens on;
- grading the same batch again gives an identical grades.csv.
The batch's wall time is printed and written to test-output/corpus-batch.txt.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder.specs import load_spec
from autograder.testing.corpus_builder import (ASSIGNMENT, CLASSES, CORPUS, EDITS, KINDS, build_corpus,
                                             honest_students, load_manifest, read_code)
from autograder.testing.grader_cli import REPO, read_grades, read_results, run_grader

MANIFEST = load_manifest()
SPEC = load_spec(ASSIGNMENT)
POINTS = {f.name: float(f.points) for f in SPEC.functions}
SEED = "271828"  # fixed: the same hidden cases in both runs, and no secret seed file is written
LISTEN_PORT = 47321  # network_localhost.py tries this port
COURSE_FOLDERS = ("solutions", "autograder", "exercises")
MIN_LINE = 20
BATCH_REPORT = REPO / "test-output" / "corpus-batch.txt"


# --- the manifest itself (fast) -------------------------------------------------------------------
def test_manifest_covers_every_class_with_several_variants():
    assert len(MANIFEST) >= 45
    for name, entry in MANIFEST.items():
        assert entry.kind_of_attack in CLASSES, name
        assert set(entry.scores) == set(POINTS), name
        assert all(0 <= entry.scores[f] <= POINTS[f] for f in POINTS), name
        assert entry.kinds and set(entry.kinds) <= set(KINDS), name
        assert entry.description.strip(), name
        assert all(edit["op"] in EDITS for edit in entry.edits), name
        if "none" in entry.kinds:
            assert entry.scores == POINTS, f"{name}: an entry that says nothing must score full marks"
    for kind_of_attack in CLASSES:
        assert sum(e.kind_of_attack == kind_of_attack for e in MANIFEST.values()) >= 5, kind_of_attack


def test_every_corpus_file_is_used_and_parses():
    used = {entry.code for entry in MANIFEST.values() if entry.code}
    assert used == {path.name for path in (CORPUS / "code").glob("*.py")}
    assert {e.files for e in MANIFEST.values() if e.files} == {p.name for p in (CORPUS / "files").iterdir()}
    for name in used:
        replacements, _, _ = read_code(CORPUS / "code" / name)
        assert set(replacements) <= set(POINTS), name
    assert len(honest_students()) >= 3


def test_no_corpus_file_contains_a_secret_line():
    """Otherwise a student's own code in an output could pass for a leak (and the scan below would
    have to ignore it)."""
    secret = secret_lines()
    for path in CORPUS.rglob("*"):
        if path.is_file():
            shared = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()} & secret
            assert not shared, f"{path} shares {sorted(shared)[:3]} with the hidden files"


# --- the batch --------------------------------------------------------------------------------------
@dataclass
class Batch:
    out: Path
    seconds: float
    grades: dict[str, dict[str, str]]
    results: dict[str, dict]
    logs: str
    grades_csv: tuple[str, str]  # first and second run
    files: tuple[dict[str, str], dict[str, str]]  # course files before and after
    processes: tuple[list[str], list[str]]  # marked processes before and after
    connections: int | None  # reached the listening port (None: the port was not free)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Batch:
    root = tmp_path_factory.mktemp("corpus")
    submissions, out = root / "submissions", root / "out"
    build_corpus(submissions)
    files_before, processes_before = course_files(), marked_processes()
    listener = listen(LISTEN_PORT)
    logs, csvs = [], []
    started = time.monotonic()
    for run in range(2):  # the second run grades the same batch into the same OUT and gradebook
        result = run_grader("grade", ASSIGNMENT, str(submissions), "--out", str(out), "--no-progress",
                            env={"AUTOGRADER_SEED": SEED}, timeout=900)
        # 3: graded, but the corpus's missing, linked and unreadable notebooks could not be
        assert result.returncode == 3, f"run {run + 1} failed:\n{result.stdout}\n{result.stderr[-3000:]}"
        assert "had no notebook that could be graded" in result.stderr, result.stderr[-3000:]
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        logs.append(result.stdout + result.stderr)
        csvs.append((out / "grades.csv").read_text(encoding="utf-8"))
        if run == 0:
            seconds = time.monotonic() - started
    connections = accepted(listener)
    time.sleep(0.5)  # a daemon that escaped would be running by now
    count = len(list(submissions.iterdir()))
    message = f"corpus batch: {count} submissions graded in {seconds:.1f} s (one run of the command)"
    print(message)
    BATCH_REPORT.parent.mkdir(exist_ok=True)
    BATCH_REPORT.write_text(message + "\n", encoding="utf-8")
    return Batch(out, seconds, read_grades(out), read_results(out), "\n".join(logs), tuple(csvs),
                 (files_before, course_files()), (processes_before, marked_processes()), connections)


@pytest.mark.slow
def test_every_entry_gets_exactly_its_expected_scores(batch):
    wrong = []
    for name, entry in MANIFEST.items():
        row = batch.grades[name]
        got = {function: float(row[function]) for function in POINTS}
        if got != entry.scores or float(row["score"]) != pytest.approx(entry.total):
            wrong.append(f"{name}: expected {entry.scores} (total {entry.total}), got {got} "
                         f"(total {row['score']}); notes: {row['notes'][:300]}")
        assert float(row["max_score"]) == SPEC.max_score
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_feedback_says_what_went_wrong(batch):
    wrong = []
    for name, entry in MANIFEST.items():
        page = html.unescape((batch.out / "feedback" / name / ASSIGNMENT / f"{ASSIGNMENT}.html")
                             .read_text(encoding="utf-8"))
        result = batch.results[name]
        if "none" in entry.kinds:
            said = result["notes"] + [p for f in result["functions"] for p in f["problems"]]
            if said:
                wrong.append(f"{name}: honest code, yet the feedback says {said[:2]}")
            continue
        for kind in entry.kinds:
            if not any(phrase in page for phrase in KINDS[kind]):
                wrong.append(f"{name}: no {kind!r} message ({' / '.join(KINDS[kind])}) in its feedback")
        for function in result["functions"]:  # every lost point is explained
            failures = [x for group in function["groups"] for x in group["failures"]]
            if function["score"] < function["points"] and not (function["problems"] or failures):
                wrong.append(f"{name}: {function['name']} lost points without a word why")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_honest_students_keep_full_marks(batch):
    honest = [*honest_students(), *(n for n, e in MANIFEST.items() if e.kind_of_attack == "honest")]
    for name in honest:
        assert float(batch.grades[name]["score"]) == SPEC.max_score, (name, batch.grades[name]["notes"])


@pytest.mark.slow
def test_no_output_reveals_hidden_tests_or_solutions(batch):
    secret = secret_lines()
    outputs = {"the command's output": batch.logs}
    for path in batch.out.rglob("*"):
        # The gradebook is the instructor's nbgrader database: like stock nbgrader's, it holds the
        # master's test cells (that is how autograde restores them); it is not an output to students.
        if path.is_file() and path.name != "gradebook.db":
            outputs[str(path.relative_to(batch.out))] = readable_text(path)
    leaks = {name: sorted(line for line in secret if line in text)[:3] for name, text in outputs.items()}
    leaks = {name: lines for name, lines in leaks.items() if lines}
    assert not leaks, leaks


@pytest.mark.slow
def test_no_file_of_the_course_was_created_or_changed(batch):
    before, after = batch.files
    assert sorted(set(after) - set(before)) == [], "created"
    assert sorted(set(before) - set(after)) == [], "deleted"
    assert [path for path in before if before[path] != after[path]] == [], "changed"


@pytest.mark.slow
def test_gradebook_keeps_max_score_and_the_graders_scores(batch):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{batch.out / 'gradebook.db'}") as gradebook:
        assignment = gradebook.find_assignment(ASSIGNMENT)
        assert assignment.max_score == SPEC.max_score
        cells = {cell.name: cell.max_score for cell in gradebook.find_notebook(ASSIGNMENT, ASSIGNMENT).grade_cells}
        assert cells == {**{f"test_{name}": points for name, points in POINTS.items()},
                         **{f"test_{name}_rules": 0.0 for name in POINTS}}  # the rule tests: 0 points
        for student, row in batch.grades.items():
            if not row["submitted"]:  # no notebook handed in: no submission, as nbgrader autograde does
                assert not gradebook.find_student(student).submissions, student
                continue
            submission = gradebook.find_submission(ASSIGNMENT, student)
            assert submission.max_score == SPEC.max_score, student
            assert submission.score == pytest.approx(float(row["score"])), student


@pytest.mark.slow
def test_grading_the_batch_twice_gives_identical_grades(batch):
    first, second = batch.grades_csv
    assert first == second


@pytest.mark.slow
def test_no_process_outlives_the_grading(batch):
    before, after = batch.processes
    assert [process for process in after if process not in before] == []


@pytest.mark.slow
def test_no_connection_reaches_the_grading_machine(batch):
    assert batch.connections in (0, None)


# --- helpers ------------------------------------------------------------------------------------------
def secret_lines() -> set[str]:
    """Non-trivial lines (>= 20 characters, stripped) of the reference code, the specs, and the
    solutions and hidden tests of the master notebooks, minus those the released notebooks show."""
    secret: set[str] = set()
    for folder in ("reference", "specs"):
        for path in (REPO / "autograder" / folder).glob("*.py"):
            secret |= {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    for path in (REPO / "solutions").glob("*/*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = _source(cell)
            for begin, end in (("### BEGIN SOLUTION", "### END SOLUTION"),
                               ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")):
                for part in text.split(begin)[1:]:
                    secret |= {line.strip() for line in part.split(end)[0].splitlines()}
    public = {line.strip() for path in (REPO / "exercises").glob("*/*.ipynb")
              for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
              for line in _source(cell).splitlines()}
    return {line for line in secret - public if len(line) >= MIN_LINE}


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def readable_text(path: Path) -> str:
    """A file's text as a reader sees it: HTML unescaped, JSON and CSV strings unquoted."""
    raw = path.read_bytes().decode("utf-8", errors="replace")
    parts = [raw]
    if path.suffix == ".html":
        parts.append(html.unescape(raw))
    elif path.suffix in (".json", ".ipynb"):
        try:
            parts.extend(_strings(json.loads(raw)))
        except ValueError:
            pass
    elif path.suffix == ".csv":
        parts.extend(cell for row in csv.reader(io.StringIO(raw)) for cell in row)
    return "\n".join(parts)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def course_files() -> dict[str, str]:
    """sha256 of every file of solutions/, autograder/ and exercises/ (bytecode caches aside)."""
    digests = {}
    for folder in COURSE_FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digests[str(path.relative_to(REPO))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def marked_processes() -> list[str]:
    """Command lines of running processes that carry a marker of the corpus's process attacks."""
    markers = {marker for entry in MANIFEST.values() for marker in entry.markers} | {"corpus-daemon"}
    pattern = re.compile("|".join(map(re.escape, sorted(markers))))
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if pattern.search(command):
            found.append(f"{entry.name}: {command.strip()}")
    return found


def listen(port: int) -> socket.socket | None:
    server = socket.socket()
    try:
        server.bind(("127.0.0.1", port))
    except OSError:
        server.close()
        return None  # taken by something else: the attack's own result still shows it got nowhere
    server.listen(16)
    server.setblocking(False)
    return server


def accepted(server: socket.socket | None) -> int | None:
    if server is None:
        return None
    count = 0
    try:
        while True:
            connection, _ = server.accept()
            connection.close()
            count += 1
    except BlockingIOError:
        pass
    finally:
        server.close()
    return count
