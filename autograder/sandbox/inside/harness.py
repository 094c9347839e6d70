"""The process that runs a student's notebook code inside the sandbox and serves the grader's calls.

Started as `python -S -s -P /grader/harness.py` under a bubblewrap of its own (a cold sandbox,
`autograder.sandbox.launch`) or in a child of a zygote (a warm one, `inside/zygote.py`). The
protocol is newline-delimited JSON on the process's original stdin/stdout, which are moved to private
descriptors before any student code runs; the student's own stdout/stderr go to a capped file.

  grader -> harness  {"op": "load", ...config, "files": [[relative path, base64], ...],
                     "cells": [{"index", "source"}], "skip": [...]}
                     (a cell's index is its code cell number, the `In [k]` the student sees; the
                     cell is compiled as the file `<code cell k>`, the name errors then show)
  harness -> grader  {"event": "ready"} once the files are written and the limits set
  harness -> grader  {"event": "cell", "index"} before each cell, {"event": "cell_done", "index",
                     "error"} after it, then {"event": "loaded", "defined": [graded names]}
  grader -> harness  {"op": "call", "function", "calls": [[encoded args], ...]}
  harness -> grader  {"event": "result", "index", "value" | "error" | "not_plain", "args_after",
                     "tripwires", "output_exceeded", "timeout"} per call, then {"event": "batch_done"}

Only plain data goes back: results through `values.to_plain`, arguments through `codec.encode`. The
grader re-validates all of it and compares with the reference in its own process.
"""
import builtins
import json
import os
import resource
import signal
import sys
import time

GRADER_DIR = os.path.dirname(os.path.abspath(__file__))
OUTPUT_FILE = "/tmp/student-output.txt"
CELL_FILE_PREFIX = "<code cell "  # + "k>": the file name each cell is compiled as


class _Timeout(BaseException):
    """Raised into student code when its time is up (a BaseException, so `except Exception` misses it)."""


class Harness:
    def __init__(self, proto_in, proto_out: int, config: dict, wires, codec, values):
        self.proto_in = proto_in
        self.proto_out = proto_out
        self.config = config
        self.wires = wires
        # Private references, taken before student code runs: patching the modules later changes
        # nothing here (and would gain nothing anyway, the grader re-checks everything).
        self.dumps, self.loads = json.dumps, json.loads
        self.decode, self.encode = codec.decode, codec.encode
        self.to_plain, self.NotPlain = values.to_plain, values.NotPlain
        self.result_chars, self.message_chars = config["result_chars"], config["message_chars"]
        self.in_student_code = False
        self.namespace = {"__name__": "__main__", "__builtins__": builtins,
                          "display": lambda *objects, **options: None}

    # --- protocol -----------------------------------------------------------------------------
    def send(self, message: dict) -> None:
        data = (self.dumps(message) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[os.write(self.proto_out, view):]

    def receive(self) -> dict | None:
        line = self.proto_in.readline()
        return self.loads(line) if line else None

    # --- time limits --------------------------------------------------------------------------
    def _on_alarm(self, signum, frame):
        if self.in_student_code:
            raise _Timeout()

    def run_student(self, seconds: float, function, *args):
        """Call student code with a wall-time alarm; returns (result, error)."""
        signal.setitimer(signal.ITIMER_REAL, seconds)
        self.in_student_code = True
        try:
            return function(*args), None
        except _Timeout:
            return None, {"type": "Timeout", "mro": [], "message": f"took longer than {seconds:g} s",
                          "timeout": True}
        except BaseException as error:  # noqa: BLE001 - any student error is reported, not fatal
            return None, self.describe_error(error)
        finally:
            self.in_student_code = False
            signal.setitimer(signal.ITIMER_REAL, 0)

    def describe_error(self, error: BaseException) -> dict:
        kind = type(error)
        try:
            message = str(error)[:self.message_chars]
        except BaseException:  # noqa: BLE001 - a student's __str__ may raise anything
            message = "<the error message could not be printed>"
        line = None
        trace = error.__traceback__
        while trace is not None:  # the last line of student code in the traceback
            if trace.tb_frame.f_code.co_filename.startswith(CELL_FILE_PREFIX):
                line = [trace.tb_frame.f_code.co_filename, trace.tb_lineno]
            trace = trace.tb_next
        return {"type": kind.__name__, "message": message, "line": line,
                "mro": [f"{c.__module__}.{c.__qualname__}" for c in kind.__mro__]}

    # --- output -------------------------------------------------------------------------------
    def reset_output(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001 - over the cap already; the data is dropped
                pass
        os.ftruncate(1, 0)

    def output_exceeded(self) -> bool:
        failed = False
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:  # noqa: BLE001
                failed = True
        return failed or os.fstat(1).st_size >= self.config["output_bytes"]

    # --- loading the notebook -----------------------------------------------------------------
    def load(self, cells: list, skip: set) -> None:
        budget = self.config["load_seconds"]
        started = time.monotonic()
        for cell in cells:
            index = cell["index"]
            if index in skip:
                continue
            left = budget - (time.monotonic() - started)
            if left <= 0:
                self.send({"event": "cell_done", "index": index, "error": None,
                           "skipped": f"the notebook's cells used up their time budget ({budget:g} s)"})
                continue
            self.send({"event": "cell", "index": index})
            self.reset_output()
            error = None
            try:
                code = compile(cell["source"], f"{CELL_FILE_PREFIX}{index}>", "exec")
            except BaseException as problem:  # noqa: BLE001 - SyntaxError and friends
                error = self.describe_error(problem)
            else:
                seconds = min(self.config["cell_seconds"], left)
                _, error = self.run_student(seconds, exec, code, self.namespace)
                if error is not None and error.get("timeout") and seconds < self.config["cell_seconds"]:
                    # cut off by what the earlier cells left: say so without a measured time, so
                    # that grading the same notebook twice gives the same words
                    error["message"] = f"the notebook's cells used up their time budget ({budget:g} s)"
            self.send({"event": "cell_done", "index": index, "error": error})
        defined = [name for name in self.config["graded"] if callable(self.namespace.get(name))]
        self.send({"event": "loaded", "defined": defined})

    # --- serving calls ------------------------------------------------------------------------
    def call_batch(self, name: str, calls: list) -> None:
        function = self.namespace.get(name)
        for index, encoded in enumerate(calls):
            args = [self.decode(item) for item in encoded]
            self.reset_output()
            self.wires.take_hits()
            self.wires.armed = True
            result, error = self.run_student(self.config["call_seconds"], function, *args)
            self.wires.armed = False
            reply = {"event": "result", "index": index, "tripwires": self.wires.take_hits(),
                     "output_exceeded": self.output_exceeded()}
            if error is not None:
                reply["error"] = error
            else:
                try:
                    plain = self.to_plain(result)
                    if len(self.dumps(plain)) > self.result_chars:
                        reply["not_plain"] = "a result too large to check"
                    else:
                        reply["value"] = plain
                except self.NotPlain as problem:
                    reply["not_plain"] = str(problem)[:self.message_chars]
                except BaseException as problem:  # noqa: BLE001 - a lying object may raise anything
                    reply["not_plain"] = f"a value that could not be read ({type(problem).__name__})"
            try:
                reply["args_after"] = [self.encode(arg) for arg in args]
            except BaseException:  # noqa: BLE001 - an argument replaced by something unreadable
                reply["args_after"] = None
            self.send(reply)
        self.send({"event": "batch_done"})

    def serve(self) -> None:
        while True:
            request = self.receive()
            if request is None or request.get("op") == "exit":
                return
            if request.get("op") == "call":
                self.call_batch(request["function"], request["calls"])


def set_limits(config: dict) -> None:
    soft_hard = {
        resource.RLIMIT_NPROC: config["processes"],
        resource.RLIMIT_NOFILE: config["open_files"],
        resource.RLIMIT_FSIZE: config["output_bytes"],
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_AS: config["memory_bytes"],
    }
    for limit, value in soft_hard.items():
        resource.setrlimit(limit, (value, value))
    # SIGXCPU at the soft limit, SIGKILL at the hard one.
    resource.setrlimit(resource.RLIMIT_CPU, (config["cpu_seconds"], config["cpu_seconds"] + 1))


def set_up(config: dict, proto_in, proto_out: int) -> "Harness":
    """Imports, the student's own files, tripwires and limits: everything before student code."""
    sys.path[:] = [GRADER_DIR, *config["site_dirs"], *sys.path]
    sys.dont_write_bytecode = True
    import numpy  # noqa: F401 - loaded once here, before the limits, for codec and values

    import codec
    import tripwires
    import values

    write_files(config.pop("files", []), os.getcwd())
    sys.path.remove(GRADER_DIR)  # student imports must not find the harness modules
    for name in ("codec", "tripwires", "values", "harness"):  # nor get the loaded ones by name
        sys.modules.pop(name, None)
    wires = tripwires.Tripwires(config["forbidden"], config["forbidden_methods"])
    wires.install()
    harness = Harness(proto_in, proto_out, config, wires, codec, values)
    signal.signal(signal.SIGALRM, harness._on_alarm)
    set_limits(config)
    return harness


def write_files(files: list, target: str) -> None:
    """The student's uploaded files, as the grader read them (`sandbox/uploads.py`), into the
    fresh working directory; nothing outside it."""
    import base64
    for relative, content in files:
        path = os.path.normpath(os.path.join(target, relative))
        if not path.startswith(target + "/"):
            continue
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "xb") as handle:
                handle.write(base64.b64decode(content))
        except OSError:
            pass  # the working directory is full: the rest is not written


def main() -> None:
    # The protocol moves to private descriptors; stdin becomes empty, stdout/stderr a capped file.
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.dup(1)
    config = json.loads(proto_in.readline())
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    output = os.open(OUTPUT_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(null)
    os.close(output)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the cap fail instead of killing

    try:
        harness = set_up(config, proto_in, proto_out)
    except BaseException as error:  # noqa: BLE001 - tell the grader why, then stop
        message = f"{type(error).__name__}: {error}"[:config["message_chars"]]
        os.write(proto_out, (json.dumps({"event": "setup_failed", "error": message}) + "\n").encode())
        raise SystemExit(1)
    harness.send({"event": "ready"})
    harness.load(config["cells"], set(config["skip"]))
    harness.serve()


if __name__ == "__main__":
    main()
    os._exit(0)  # do not wait for threads the student left running
