"""Running a student's code in isolation: bubblewrap namespaces, rlimits, a JSON-only channel.

The pieces, each used by cold and warm sandboxes alike:
- `command`: the bubblewrap command line; `uid_pool`: a uid of its own per running sandbox (root
  mode); what a sandbox may use is `autograder.settings.Limits`;
- `launch`: one bubblewrap process, started (a missing bubblewrap explained) and ended with its
  whole pid namespace;
- `channel`: newline-delimited JSON with deadlines and a line cap;
- `pool`: the zygotes (a bubblewrap sandbox that only forks, `inside/zygote.py`) of this process;
- `process`: one running sandbox, `Sandbox`, whose harness is started cold (`ColdProcess`, a
  bubblewrap of its own) or warm (`WarmProcess`, a zygote's child); `warm` chooses which;
- `uploads`: the student's files, sent in the harness's load message (one way for both kinds);
- `session`: `NotebookSession` loads a notebook's cells into a sandbox, restarts it after a crash,
  and serves the grader's batched calls.
The files under `inside/` are the only code of the grader a sandbox can see (no secrets in them).
"""
