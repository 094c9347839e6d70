"""The Gradescope autograder zip, used the way Gradescope uses it.

`python -m autograder gradescope` builds the zip; each run unpacks it into a temporary
/autograder/source, copies run_autograder to /autograder/run_autograder as Gradescope's image build
does, puts an upload into /autograder/submission and runs /autograder/run_autograder with
/autograder as its working directory inside a bubblewrap "container": /autograder is the temporary
folder, the repository is not there at all (only this project's venv, the stand-in for what
setup.sh installs, first on PATH), and the grader inside starts its own sandboxes (nested bubblewrap).
results.json is checked against the fields Gradescope documents, and every score against what
`python -m autograder grade` gives the same notebook.

setup.sh cannot run here against Gradescope's Ubuntu image (apt and pip would need the network and
that image): it is checked with `bash -n`, run up to its bubblewrap version check with a stand-in
apt-get, and its requirements are checked against this repository's pins.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from autograder.course import REPO
from autograder.gradescope.build import build_zip
from autograder.gradescope.contents import grader_modules, read_pins, sandbox_files
from autograder.specs import SPECS, load_spec
from autograder.specs.base import SEED_FILE
from autograder.testing.grader_cli import read_results, run_grader
from autograder.testing.submission_builder import (build_submission, released_copy, solution_sources,
                                                 split_fixture)

ASSIGNMENT = "dot_product"
SPEC = load_spec(ASSIGNMENT)
WRONG = Path(__file__).resolve().parent / "submissions" / "wrong" / ASSIGNMENT
VENV = Path(sys.prefix)
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
# Gradescope's results.json fields (gradescope/autograder_samples, docs/specs.md) and their types.
NUMBER = (int, float)
TOP_FIELDS = {"score": NUMBER, "execution_time": NUMBER, "output": str, "output_format": str,
              "test_output_format": str, "test_name_format": str, "visibility": str,
              "stdout_visibility": str, "extra_data": dict, "tests": list, "leaderboard": list}
TEST_FIELDS = {"score": NUMBER, "max_score": NUMBER, "status": str, "name": str, "name_format": str,
               "number": str, "output": str, "output_format": str, "tags": list, "visibility": str,
               "extra_data": dict}
# What Gradescope writes next to the upload (docs/submission_metadata.md); the grader needs none of it.
SUBMISSION_METADATA = {
    "id": 123456, "created_at": "2026-12-03T14:22:32.365935-08:00", "submission_method": "upload",
    "assignment": {"id": 25828, "course_id": 1234, "title": "Dot products", "total_points": "10.0",
                   "due_date": "2026-12-10T23:00:00.000000-08:00", "late_due_date": None,
                   "release_date": "2026-12-01T00:00:00.000000-08:00", "group_size": None,
                   "group_submission": False},
    "users": [{"email": "student@example.com", "id": 1234, "name": "Student User"}],
    "previous_submissions": [],
}
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def without_seed_override() -> dict:
    """The environment of an instructor who keeps the course's seed file (no AUTOGRADER_SEED)."""
    return {key: value for key, value in os.environ.items() if key != "AUTOGRADER_SEED"}


@pytest.fixture(scope="module")
def autograder_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gradescope-zip") / f"{ASSIGNMENT}.zip"
    result = subprocess.run([sys.executable, "-m", "autograder", "gradescope", ASSIGNMENT, "--out", str(out)],
                            cwd=REPO, env=without_seed_override(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"Wrote {out}" in result.stdout and "numpy==" in result.stdout
    return out


# --- the zip --------------------------------------------------------------------------------------
def test_zip_layout_and_scripts(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as bundle:
        infos = {info.filename: info for info in bundle.infolist()}
        for script in ("setup.sh", "run_autograder"):
            assert script in infos, "Gradescope wants both scripts at the zip's root"
            assert (infos[script].external_attr >> 16) & 0o777 == 0o755
            text = bundle.read(script)
            assert text.startswith(b"#!/usr/bin/env bash\n") and b"\r" not in text
        assert f"ASSIGNMENT={ASSIGNMENT}\n" in bundle.read("run_autograder").decode()
        assert bundle.read(f"exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb") == \
            (REPO / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes()
        assert int(bundle.read("autograder/.secret_seed")) == int(SEED_FILE.read_text())  # the course's own
        assert (infos["autograder/.secret_seed"].external_attr >> 16) & 0o777 == 0o600
        # What run_autograder falls back to is itself a valid result that no one takes for a grade.
        validate_results(json.loads(bundle.read("grader_error_results.json")))
    for script in ("setup.sh", "run_autograder"):
        check = subprocess.run(["bash", "-n"], input=zipfile.ZipFile(autograder_zip).read(script),
                               capture_output=True, timeout=30)
        assert check.returncode == 0, check.stderr


def test_zip_holds_the_grader_and_no_solution(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as bundle:
        names = set(bundle.namelist())
        texts = {name: bundle.read(name).decode("utf-8") for name in names}
    python_files = {name for name in names if name.endswith(".py")}
    assert python_files == {path.as_posix() for path in grader_modules()}
    assert not any(name.startswith(("solutions/", "book/", "linalg_ai/")) for name in names)
    assert [name for name in names if name.endswith(".ipynb")] == [f"exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"]
    solutions = solution_lines()
    assert len(solutions) > 50
    for name, text in texts.items():
        assert not any(marker in text for marker in SOLUTION_MARKERS), name
        if name.startswith("autograder/reference/"):
            continue  # the grader's reference implementations compute the expected values
        if name.endswith(".ipynb"):
            text = "\n".join(cell_sources(json.loads(text)))
        leaked = solutions & {line.strip() for line in text.splitlines()}
        assert not leaked, f"{name} holds solution lines: {sorted(leaked)[:3]}"


def test_requirements_are_what_grading_imports_at_the_course_pins(autograder_zip):
    lines = [line for line in zipfile.ZipFile(autograder_zip).read("requirements.txt").decode().splitlines()
             if line and not line.startswith("#")]
    pins = read_pins(REPO / "requirements.txt")
    required = {}
    for line in lines:
        name, _, version = line.partition("==")
        required[name.lower()] = version
        assert pins[name.lower()][1] == version, f"{line} is not this repository's pin"
        assert metadata.version(name) == version, "the tests ran with another version than the zip installs"
    for name in required:  # resolvable: whatever a requirement needs here is pinned in the zip too
        for text in metadata.requires(name) or []:
            dependency = Requirement(text)
            if dependency.marker is None or dependency.marker.evaluate({"extra": ""}):
                assert dependency.name.lower() in required, text
    assert set(required) == {"numpy"}
    for heavy in ("torch", "jupyter-book", "nbgrader", "jupyterlab", "matplotlib"):
        assert heavy not in required


def test_the_seed_in_the_zip_is_the_one_grade_would_use(tmp_path):
    env = dict(os.environ, AUTOGRADER_SEED="4242")
    result = run_grader("gradescope", ASSIGNMENT, "--out", str(tmp_path / "seeded.zip"), env=env)
    assert result.returncode == 0, result.stderr
    assert zipfile.ZipFile(tmp_path / "seeded.zip").read("autograder/.secret_seed") == b"4242\n"


def test_bad_input_exits_2_with_one_line(tmp_path):
    for args, words in ((["nope", "--out", str(tmp_path / "x.zip")], "unknown assignment 'nope'"),
                        ([ASSIGNMENT, "--out", str(tmp_path)], "is a folder")):
        result = run_grader("gradescope", *args)
        assert result.returncode == 2
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.zip").exists()


# --- setup.sh ---------------------------------------------------------------------------------------
def test_setup_refuses_an_image_whose_bubblewrap_is_too_old(autograder_zip, tmp_path):
    """Ubuntu 22.04 ships bubblewrap 0.6.1, without --size: the image build must fail, saying so."""
    root = unpack(autograder_zip, tmp_path)
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    (stubs / "apt-get").write_text('#!/bin/sh\necho "apt-get $*" >> /autograder/apt.log\n')
    (stubs / "bwrap").write_text('#!/bin/sh\necho "bubblewrap 0.6.1"\n')
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    result = in_container(root, ["bash", "/autograder/source/setup.sh"],
                          path=f"/stubs:{VENV}/bin:/usr/bin:/bin", binds=[(stubs, "/stubs")])
    assert result.returncode == 1
    assert "bubblewrap is 0.6.1" in result.stderr and "0.7.0 or newer" in result.stderr
    asked = (root / "apt.log").read_text()
    assert "install" in asked and "bubblewrap" in asked and "python3-venv" in asked
    assert not (root / "venv").exists()


def test_setup_and_run_autograder_agree_on_the_environment(autograder_zip):
    with zipfile.ZipFile(autograder_zip) as bundle:
        setup, run = bundle.read("setup.sh").decode(), bundle.read("run_autograder").decode()
    venv = re.search(r"^VENV=(\S+)$", setup, re.M).group(1)  # where setup.sh makes the environment
    assert re.search(r'^"\$VENV/bin/python" -m pip install .*-r "\$SOURCE/requirements.txt"$', setup, re.M)
    assert re.search(r"^SOURCE=/autograder/source$", setup, re.M) and re.search(r"^SOURCE=/autograder/source$", run, re.M)
    assert f'PATH="{venv}/bin:$PATH"' in run  # and where run_autograder looks for it


# --- running it as Gradescope does ----------------------------------------------------------------------
def unpack(autograder_zip: Path, tmp_path: Path) -> Path:
    """/autograder as Gradescope's image build leaves it (the zip in source/, run_autograder copied)."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(autograder_zip) as bundle:
        bundle.extractall(root / "source")
        for info in bundle.infolist():
            (root / "source" / info.filename).chmod((info.external_attr >> 16) & 0o777)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    (root / "results").mkdir()
    (root / "submission_metadata.json").write_text(json.dumps(SUBMISSION_METADATA))
    return root


def in_container(root: Path, command: list[str], *, path: str | None = None, cap_drop: bool = False,
                 binds: list[tuple[Path, str]] = ()) -> subprocess.CompletedProcess:
    """`command` with `root` at /autograder, in a bubblewrap container holding the system, this
    venv and its Python, and nothing of the repository."""
    bwrap = ["bwrap", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--dev", "/dev",
             "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-pid", "--die-with-parent"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        if os.path.islink(f"/{name}"):
            bwrap += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
        elif os.path.isdir(f"/{name}"):
            bwrap += ["--ro-bind", f"/{name}", f"/{name}"]
    for directory in {os.path.realpath(sys.base_prefix), str(VENV)}:
        if not directory.startswith("/usr/"):
            bwrap += ["--ro-bind", directory, directory]
    # Sandboxes on this machine outside the container must not be given the same pool uid.
    locks = Path("/tmp/autograder-sandbox-uids")
    locks.mkdir(mode=0o700, exist_ok=True)
    bwrap += ["--bind", str(locks), str(locks), "--bind", str(root), "/autograder"]
    for source, target in binds:
        bwrap += ["--ro-bind", str(source), target]
    if cap_drop:  # what Docker's defaults do to root: no CAP_SYS_ADMIN, so no new namespaces
        bwrap += ["--cap-drop", "ALL"]
    bwrap += ["--clearenv", "--setenv", "PATH", path or f"{VENV}/bin:/usr/bin:/bin", "--setenv", "HOME", "/root",
              "--setenv", "LANG", "C.UTF-8", "--chdir", "/autograder", "--", *command]
    return subprocess.run(bwrap, capture_output=True, text=True, timeout=300)


def run_as_gradescope(autograder_zip: Path, tmp_path: Path, upload: dict[str, bytes | str], **options):
    """(exit code, results.json, stdout and stderr, /autograder) of one submission."""
    root = unpack(autograder_zip, tmp_path)
    for name, content in upload.items():
        target = root / "submission" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = in_container(root, ["/autograder/run_autograder"], **options)
    assert "Traceback" not in result.stdout
    text = (root / "results" / "results.json").read_text(encoding="utf-8")
    return result.returncode, json.loads(text, parse_constant=_no_constants), result.stdout + result.stderr, root


def _no_constants(name: str):
    raise AssertionError(f"results.json holds {name}, which is not JSON")


def validate_results(data: dict, spec=SPEC) -> None:
    """results.json against Gradescope's documented fields: names, types, visibility values, one
    test per graded function, and score = the sum of the tests' scores."""
    assert set(data) <= set(TOP_FIELDS), set(data) - set(TOP_FIELDS)
    for key, kind in TOP_FIELDS.items():
        if key in data:
            assert isinstance(data[key], kind) and not isinstance(data[key], bool), key
    for key in ("score", "execution_time", "tests"):
        assert key in data
    assert data["execution_time"] >= 0
    for key in ("visibility", "stdout_visibility"):
        assert data.get(key, "visible") in VISIBILITIES
    assert data.get("stdout_visibility") == "hidden", "stdout holds the hidden cases: staff only"
    assert data.get("output_format", "text") in FORMATS
    assert [test["name"] for test in data["tests"]] == [f.signature for f in spec.functions]
    for test, function in zip(data["tests"], spec.functions):
        assert set(test) <= set(TEST_FIELDS), set(test) - set(TEST_FIELDS)
        for key, kind in TEST_FIELDS.items():
            if key in test:
                assert isinstance(test[key], kind) and not isinstance(test[key], bool), key
        for key in ("name", "score", "max_score", "output", "visibility"):
            assert key in test
        assert test["visibility"] in VISIBILITIES and test.get("status", "passed") in {"passed", "failed"}
        assert test["max_score"] == function.points and 0 <= test["score"] <= test["max_score"]
    assert data["score"] == pytest.approx(sum(test["score"] for test in data["tests"]), abs=1e-9)


def student_visible_text(data: dict) -> str:
    return "\n".join([data.get("output", "")] + [f"{t['name']}\n{t.get('output', '')}" for t in data["tests"]])


def notebook_bytes(notebook: dict) -> bytes:
    return json.dumps(notebook, indent=1).encode()


def wrong_notebook() -> dict:
    """dot forgets the length check (hidden 'errors' cases fail), cosine_similarity forgets the
    square roots (a worked example of the notebook fails)."""
    names = set(solution_sources(ASSIGNMENT))
    replacements = {}
    for fixture, function in (("no_length_check", "dot"), ("forgotten_sqrt", "cosine_similarity")):
        replacements[function] = split_fixture((WRONG / f"{fixture}.py").read_text(), names)[0][function]
    return build_submission(ASSIGNMENT, replacements)


def forbidden_notebook() -> dict:
    replacements, preamble = split_fixture((WRONG / "uses_numpy_dot.py").read_text(), set(solution_sources(ASSIGNMENT)))
    return build_submission(ASSIGNMENT, replacements, preamble=preamble)


SUBMISSIONS = {
    # Gradescope uploads as students make them: a renamed copy next to stray files, a zip of a
    # folder, the plain file.
    "honest": lambda: {f"Copy of {ASSIGNMENT}.ipynb": notebook_bytes(build_submission(ASSIGNMENT, {})),
                       "notes.txt": "my notes\n", f"__MACOSX/._Copy of {ASSIGNMENT}.ipynb": b"\0\1junk"},
    "wrong": lambda: {f"hw1/{ASSIGNMENT}.ipynb": notebook_bytes(wrong_notebook())},
    "forbidden": lambda: {f"{ASSIGNMENT}.ipynb": notebook_bytes(forbidden_notebook())},
}


@pytest.fixture(scope="module")
def graded_both_ways(autograder_zip, tmp_path_factory):
    """Each submission through run_autograder, and the same notebooks through `grade` in one class."""
    class_folder = tmp_path_factory.mktemp("class") / "submissions"
    runs = {}
    for student, upload in SUBMISSIONS.items():
        files = upload()
        notebook = next(content for name, content in files.items()
                        if name.endswith(".ipynb") and not name.startswith("__MACOSX"))
        (class_folder / student).mkdir(parents=True)
        (class_folder / student / f"{ASSIGNMENT}.ipynb").write_bytes(notebook)
        runs[student] = run_as_gradescope(autograder_zip, tmp_path_factory.mktemp(student), files)
    out = class_folder.parent / "out"
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, str(class_folder),
                             "--out", str(out), "--no-progress"], cwd=REPO, env=without_seed_override(),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return runs, read_results(out)


@pytest.mark.slow
def test_results_validate_and_every_score_matches_grade(graded_both_ways):
    runs, graded = graded_both_ways
    for student, (code, data, *_) in runs.items():
        assert code == 0, student
        validate_results(data)
        expected = {f["name"]: f["score"] for f in graded[student]["functions"]}
        got = {function.name: test["score"] for function, test in zip(SPEC.functions, data["tests"])}
        assert got == expected, student
        assert data["score"] == graded[student]["score"], student
    assert runs["honest"][1]["score"] == SPEC.max_score
    assert 0 < runs["wrong"][1]["score"] < SPEC.max_score
    assert runs["forbidden"][1]["tests"][0]["score"] == 0
    assert "numpy.dot" in runs["forbidden"][1]["tests"][0]["output"]
    assert f"graded Copy of {ASSIGNMENT}.ipynb, the only notebook uploaded" in runs["honest"][1]["output"]


@pytest.mark.slow
def test_hidden_case_details_never_shown_worked_examples_are(graded_both_ways):
    runs, graded = graded_both_ways
    _, data, stdout, _ = runs["wrong"]
    shown = student_visible_text(data)
    hidden, visible = [], []
    for function in graded["wrong"]["functions"]:
        for group in function["groups"]:
            (visible if group["group"] == "visible" else hidden).extend(group["failures"])
    assert hidden and visible, "the wrong submission must fail hidden and visible cases"
    for failure in hidden:
        assert failure not in shown
        assert failure.splitlines()[0] not in shown  # not even the case's description
    assert "\n      input: " not in shown  # how the grader labels a hidden case's arguments
    for failure in visible:
        assert failure in shown
    assert "hidden case(s)" in shown
    assert hidden[0] in stdout.replace("\n    ", "\n")  # the instructor's log has everything


@pytest.mark.slow
def test_a_sandbox_that_cannot_start_is_reported_not_graded(autograder_zip, tmp_path):
    files = SUBMISSIONS["honest"]()
    code, data, stdout, _ = run_as_gradescope(autograder_zip, tmp_path, files, cap_drop=True)
    assert code == 1
    validate_results(data)
    assert data["score"] == 0 and data["output"].startswith("NOT GRADED: the autograder itself failed")
    assert "namespace" in data["extra_data"]["grader_error"]
    assert all(test["status"] == "failed" for test in data["tests"])
    assert "AUTOGRADER ERROR" in stdout


@pytest.mark.slow
def test_without_the_python_environment_results_still_say_so(autograder_zip, tmp_path):
    code, data, stdout, _ = run_as_gradescope(autograder_zip, tmp_path, SUBMISSIONS["honest"](),
                                           path="/usr/bin:/bin")  # a python3 without numpy
    assert code != 0
    validate_results(data)
    assert data["output"].startswith("NOT GRADED") and "Python environment did not start" in data["output"]
    assert "AUTOGRADER ERROR" in stdout


@pytest.mark.slow
def test_an_upload_without_a_notebook_scores_0_with_the_reason(autograder_zip, tmp_path):
    code, data, _, root = run_as_gradescope(autograder_zip, tmp_path, {"answers.py": "def dot(a, b): ...\n"})
    assert code == 0
    validate_results(data)
    assert data["score"] == 0
    # run_autograder closed the grader's folder to everyone but root
    assert (root / "source").stat().st_mode & 0o777 == 0o700
    assert (root / "source" / "autograder" / ".secret_seed").stat().st_mode & 0o777 == 0o600
    assert f"no notebook: {ASSIGNMENT}.ipynb is missing from the upload (found: answers.py)" in data["output"]


@pytest.mark.slow
def test_the_zip_imports_exactly_what_it_holds(autograder_zip, tmp_path):
    """Grading from the unpacked zip imports every Python file it holds (the sandbox's own files
    aside, which run inside the sandbox) and, outside the standard library, only its requirements."""
    root = unpack(autograder_zip, tmp_path)
    (root / "submission" / f"{ASSIGNMENT}.ipynb").write_bytes(notebook_bytes(build_submission(ASSIGNMENT, {})))
    probe = ("import json, sys\n"
             "before = set(sys.modules)\n"
             "from autograder.gradescope import run\n"
             f"code = run.main(['{ASSIGNMENT}'])\n"
             "files = sorted(m.__file__ for m in list(sys.modules.values()) if getattr(m, '__file__', None))\n"
             "json.dump({'code': code, 'before': sorted(before), 'files': files,\n"
             "           'modules': sorted(sys.modules)}, open('/autograder/modules.json', 'w'))\n")
    result = in_container(root, ["bash", "-c", f"cd /autograder/source && python3 -E -s -c \"$0\"", probe])
    assert result.returncode == 0, result.stderr
    seen = json.loads((root / "modules.json").read_text())
    assert seen["code"] == 0
    source = "/autograder/source/"
    imported = {path[len(source):] for path in seen["files"] if path.startswith(source)}
    inside = {path.relative_to(REPO).as_posix() for path in sandbox_files()}
    with zipfile.ZipFile(autograder_zip) as bundle:
        held = {name for name in bundle.namelist() if name.endswith(".py")}
    assert imported | inside == held
    outside = {name.split(".")[0] for name in set(seen["modules"]) - set(seen["before"])}
    outside -= set(sys.stdlib_module_names) | {"autograder"}
    providers = metadata.packages_distributions()
    distributions = {d.lower() for name in outside for d in providers.get(name, [])}
    assert distributions == {"numpy"}, outside


@pytest.mark.slow
@pytest.mark.parametrize("assignment", list(SPECS))
def test_every_assignment_solution_full_marks_release_zero(assignment, tmp_path):
    out = build_zip(assignment, tmp_path / f"{assignment}.zip").path  # the command is tested above
    spec = SPECS[assignment]
    for upload, expected in ((build_submission(assignment, {}), spec.max_score),
                             (released_copy(assignment), 0.0)):
        files = {f"{assignment}.ipynb": notebook_bytes(upload)}
        code, data, _, _ = run_as_gradescope(out, tmp_path / str(expected), files)
        assert code == 0
        validate_results(data, spec)
        assert data["score"] == expected


def solution_lines() -> set[str]:
    """Every line written between the masters' BEGIN and END SOLUTION markers, of every assignment."""
    lines = set()
    for master in (REPO / "solutions").glob("*/*.ipynb"):
        inside = False
        for line in "\n".join(cell_sources(json.loads(master.read_text(encoding="utf-8")))).splitlines():
            if "BEGIN SOLUTION" in line or "END SOLUTION" in line:
                inside = "BEGIN" in line
            elif inside and line.strip():
                lines.add(line.strip())
    return lines


def cell_sources(notebook: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in notebook["cells"]]
