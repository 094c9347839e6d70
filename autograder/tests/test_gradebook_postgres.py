"""The gradebook on a real PostgreSQL server: `grade --db-url postgresql://...` records students,
submissions and auto scores that nbgrader reads back, and a manual override made in formgrader
survives grading again. The test starts its own server on 127.0.0.1 (Debian's postgresql package,
installed by scripts/ensure_system_packages.sh) in a temp dir and stops it afterwards."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from autograder.course import REPO
from autograder.testing.grader_cli import grade, read_grades
from autograder.testing.submission_builder import build_from_fixture, write_submission

pytestmark = pytest.mark.slow
WRONG = Path(__file__).resolve().parent / "submissions" / "wrong" / "dot_product"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as the `postgres` system user."""
    if os.geteuid() != 0:
        return command
    return [shutil.which("runuser") or "/usr/sbin/runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="module")
def postgres_url():
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert binaries, "PostgreSQL is not installed (make test runs scripts/ensure_system_packages.sh)"
    bin_dir = Path(binaries[-1])
    root = Path(tempfile.mkdtemp(prefix="autograder-pg-"))  # not under pytest's 0700 tmp dirs
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
    data, port = root / "data", _free_port()
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres",
                                        "--auth=trust", "-E", "UTF8"]),
                       check=True, capture_output=True, cwd=root)
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
                                        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"]),
                       check=True, capture_output=True, cwd=root)
        subprocess.run(_as_server_user([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port),
                                        "-U", "postgres", "gradebook"]), check=True, capture_output=True, cwd=root)
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, cwd=root)
        shutil.rmtree(root, ignore_errors=True)


def test_grades_go_to_postgres_and_manual_overrides_survive(postgres_url, tmp_path):
    from nbgrader.api import Gradebook

    from autograder.gradebook import with_installed_driver

    submissions = tmp_path / "submissions"
    shutil.copytree(REPO / "solutions" / "dot_product", submissions / "ada", ignore=lambda *_: ["__pycache__"])
    for name in ("off_by_one_loop", "no_length_check"):
        write_submission(submissions, name, "dot_product", build_from_fixture("dot_product", WRONG / f"{name}.py"))
    (submissions / "ghost").mkdir()  # no notebook: listed with 0; a student without a submission
    grade("dot_product", submissions, tmp_path / "out", "--db-url", postgres_url, expect=3)  # ghost
    csv_grades = read_grades(tmp_path / "out")
    assert not (tmp_path / "out" / "gradebook.db").exists()

    with Gradebook(with_installed_driver(postgres_url), course_id="linear-algebra-for-ai") as gradebook:
        assert {s.id for s in gradebook.students} == set(csv_grades)
        for student, row in csv_grades.items():
            if student == "ghost":  # no notebook: a student, but no submission, as nbgrader autograde does
                assert not gradebook.find_student(student).submissions
                continue
            submission = gradebook.find_submission("dot_product", student)
            assert submission.score == pytest.approx(float(row["score"]))
            assert submission.max_score == pytest.approx(float(row["max_score"]))
            for function in ("dot", "cosine_similarity", "project"):
                grade_row = gradebook.find_grade(f"test_{function}", "dot_product", "dot_product", student)
                assert grade_row.auto_score == pytest.approx(float(row[function]))
        # An instructor overrides a score in formgrader: nbgrader stores it as the manual score.
        override = gradebook.find_grade("test_dot", "dot_product", "dot_product", "off_by_one_loop")
        override.manual_score = 2.5
        gradebook.db.commit()

    again = grade("dot_product", submissions, tmp_path / "again", "--db-url", postgres_url, expect=3)
    assert "Kept 1 manual score(s) set in formgrader" in again.stdout
    with Gradebook(with_installed_driver(postgres_url), course_id="linear-algebra-for-ai") as gradebook:
        kept = gradebook.find_grade("test_dot", "dot_product", "dot_product", "off_by_one_loop")
        assert kept.manual_score == 2.5 and kept.auto_score == 0.0 and kept.score == 2.5
        assert kept.needs_manual_grade  # flagged for review, as nbgrader autograde does
        assert len(gradebook.students) == len(csv_grades)  # grading again adds nothing
