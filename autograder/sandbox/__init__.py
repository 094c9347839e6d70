"""Running a student's code in isolation: bubblewrap namespaces, rlimits, a JSON-only channel.

`process.Sandbox` is one running sandbox; `session.NotebookSession` loads a notebook's cells into
it, restarts it after a crash, and serves the grader's batched calls. The files under `inside/` are
the only code of the grader the sandbox can see (no secrets in them).
"""
