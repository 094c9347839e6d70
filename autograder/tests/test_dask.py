"""`grade --dask-scheduler`: the same grading on a Dask distributed cluster (here a LocalCluster on
127.0.0.1 with two worker processes, started by the test) gives the same grades and feedback as a
local run."""
from __future__ import annotations

import sys

import distributed
import pytest

from autograder.course import REPO
from autograder.testing.grader_cli import feedback_page, grade, read_grades, read_results
from autograder.testing.submission_builder import build_from_fixture, build_submission, write_submission

WRONG = REPO / "autograder" / "tests" / "submissions" / "wrong" / "dot_product"


@pytest.fixture(scope="module")
def cluster():
    # The workers are spawned with this process's sys.path, which holds the repository.
    assert str(REPO) in sys.path or any(str(REPO) == p.rstrip("/") for p in sys.path)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_grades_as_a_local_run(cluster, tmp_path):
    submissions = tmp_path / "class"
    write_submission(submissions, "correct", "dot_product", build_submission("dot_product", {}))
    write_submission(submissions, "blank", "dot_product", build_submission("dot_product", {}, base="released"))
    for name in ("off_by_one_loop", "no_length_check", "uses_numpy_dot"):
        write_submission(submissions, name, "dot_product", build_from_fixture("dot_product", WRONG / f"{name}.py"))
    (submissions / "empty").mkdir()

    local = grade("dot_product", submissions, tmp_path / "local", "--workers", "2", expect=3)
    remote = grade("dot_product", submissions, tmp_path / "dask", "--dask-scheduler", cluster.scheduler_address,
                   expect=3)  # 3: "empty" had no notebook
    assert "Graded 5 notebook(s) of 6 student(s)" in local.stdout
    assert "Graded 5 notebook(s) of 6 student(s)" in remote.stdout

    assert read_grades(tmp_path / "dask") == read_grades(tmp_path / "local")
    assert read_results(tmp_path / "dask") == read_results(tmp_path / "local")
    scores = {student: float(row["score"]) for student, row in read_grades(tmp_path / "dask").items()}
    assert scores["correct"] == 10 and scores["blank"] == 0 and scores["empty"] == 0
    assert 0 < scores["off_by_one_loop"] < 10
    for student in scores:
        assert feedback_page(tmp_path / "dask", student, "dot_product").read_text() == \
            feedback_page(tmp_path / "local", student, "dot_product").read_text()
    # The cluster really did the work: its scheduler saw one finished task per student.
    prefix = cluster.scheduler.task_prefixes["grade_submission"]
    assert prefix.state_counts["memory"] == len(scores), dict(prefix.state_counts)
