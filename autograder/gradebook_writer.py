"""The gradebook of a class run, written by a helper process at low priority.

Opening nbgrader's gradebook (importing nbgrader, recording the assignment) and staging each
result through its ORM take the grader's process about 2 s of CPU per 200 notebooks. In this
process that time is taken from the workers on a machine whose cores they fill; a helper process
at nice 10 does the same work in the moments the workers leave a core free (a notebook that
sleeps, a sandbox starting). It is still only the grader that writes the gradebook: the helper is
started by it, never by student code, and gets results from it alone.

Protocol over one pipe: the helper answers "opened" (or an error) once the gradebook is open; it
then stages every (result, intake entry) it is sent; on None it commits and answers "committed"
with what it kept (the manual scores set in formgrader), or an error.
"""
from __future__ import annotations

import multiprocessing
import os

from autograder import settings
from autograder.errors import GradebookError
from autograder.grading import SubmissionResult
from autograder.intake import StudentFolder


class GradebookWriter:
    """Like `CourseGradebook` (`stage`, `commit`, `close`), run by a helper process."""

    def __init__(self, db_url: str, assignment: str):
        # spawn, not fork: the caller may already run threads (a Dask client, the pool's manager).
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, db_url, assignment),
                                        name="autograder-gradebook", daemon=True)
        self._process.start()
        theirs.close()

    def wait_opened(self) -> None:
        """Block until the gradebook is open; GradebookError if it cannot be."""
        self._answer("opened")

    def stage(self, result: SubmissionResult, entry: StudentFolder | None = None) -> None:
        self._pipe.send((result, entry))

    def commit(self):
        """Commit everything staged; returns the `gradebook.Recorded` (manual scores kept)."""
        self._pipe.send(None)
        return self._answer("committed")

    def close(self) -> None:
        try:
            self._pipe.close()
        finally:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()

    def _answer(self, expected: str):
        try:
            kind, message = self._pipe.recv()
        except (EOFError, OSError):
            raise GradebookError(f"the gradebook writer ended unexpectedly (exit code "
                                 f"{self._process.exitcode})") from None
        if kind != expected:
            raise GradebookError(message)
        return message


def _serve(pipe, db_url: str, assignment: str) -> None:
    try:
        os.nice(settings.GRADEBOOK.niceness)
    except OSError:
        pass
    try:
        from autograder.gradebook import CourseGradebook

        gradebook = CourseGradebook(db_url, assignment)
    except GradebookError as error:
        pipe.send(("error", str(error)))
        return
    except Exception as error:  # noqa: BLE001 - reported as plain words by the parent
        pipe.send(("error", f"cannot open the gradebook: {type(error).__name__}: {error}"))
        return
    try:
        pipe.send(("opened", ""))
        failure = None
        while (item := pipe.recv()) is not None:
            if failure is None:
                try:
                    gradebook.stage(*item)
                except Exception as error:  # noqa: BLE001 - keep reading; report at commit
                    failure = error
        if failure is not None:
            raise failure
        pipe.send(("committed", gradebook.commit()))  # a plain `overrides.Recorded`
    except EOFError:
        pass  # the grader stopped (an error, Ctrl-C): nothing is committed
    except Exception as error:  # noqa: BLE001
        message = str(error) if isinstance(error, GradebookError) else f"{type(error).__name__}: {error}"
        pipe.send(("error", f"cannot write the gradebook: {message}"))
    finally:
        gradebook.close()
    # Everything is written: skip the interpreter's slow tear-down of nbgrader and SQLAlchemy
    # (half a second the grader would wait for in `close`).
    pipe.close()
    os._exit(0)
