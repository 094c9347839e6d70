"""Grading on a Dask distributed cluster: `grade --dask-scheduler tcp://HOST:PORT`.

The jobs are the same picklable `GradingJob`s a local process pool runs, submitted through the
client's `concurrent.futures` executor (`Client.get_executor()`); results come back as plain data
and this process writes every output and the gradebook, as for a local run. Each Dask worker
process keeps its own warm sandboxes (one per worker thread), so a worker grades at the speed of
a local worker.

What the cluster needs (checked before grading starts, with a clear message if not):
- on the scheduler and every worker: this repository at the same path and this venv, where the
  grader is installed (start them with this venv's `dask scheduler` / `dask worker`: the scheduler
  unpickles the jobs too); bubblewrap on every worker;
- SUBMISSIONS at the same path (a shared filesystem); a zip is extracted next to OUT, so OUT's
  folder must be shared too in that case.
The secret seed travels inside each job: workers need not hold it.
"""
from __future__ import annotations

from contextlib import contextmanager

from autograder import settings
from autograder.course import REPO


class ClusterError(Exception):
    """The cluster cannot be used (unreachable, or workers that cannot grade): plain words."""


def check_node(repo: str, grades: bool) -> str:
    """Runs on the scheduler and on each worker: does it import this grader from the same
    repository, and (a worker) can it run bubblewrap? "" when it can; else what is wrong."""
    import shutil

    where = str(REPO)
    if where != repo:
        return f"imports the grader from {where}, not {repo}"
    if grades and shutil.which("bwrap") is None:
        return "has no bubblewrap (bwrap) on its PATH"
    return ""


@contextmanager
def dask_executor(address: str):
    """A `concurrent.futures` executor on the cluster at `address`, its workers checked."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("the `distributed` package is not installed in this venv") from None
    try:
        client = Client(address, timeout=settings.CLUSTER.connect_seconds, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        repo = str(REPO)
        # The scheduler unpickles the tasks too: it needs the grader on its path as well.
        for who, check in (("scheduler", client.run_on_scheduler), ("workers", client.run)):
            try:
                answers = check(check_node, repo, who == "workers")
            except Exception as error:  # noqa: BLE001 - an import error there arrives as anything
                raise ClusterError(f"the Dask {who} cannot load the grader ({type(error).__name__}: "
                                   f"{error}); start the scheduler and the workers with this "
                                   f"venv, where the grader is installed from {repo}") from None
            if who == "scheduler" and answers:
                raise ClusterError(f"the Dask scheduler {answers}")
        if not answers:
            raise ClusterError(f"the Dask cluster at {address} has no workers")
        problems = [f"worker {name} {problem}" for name, problem in sorted(answers.items()) if problem]
        if problems:
            raise ClusterError("; ".join(problems[:5]))
        with client.get_executor() as executor:
            yield executor
    finally:
        client.close()
