"""The bubblewrap command line that starts the harness in an isolated sandbox.

What the sandbox sees: /usr and the loader's directories read-only, the Python installation and the
venv read-only at their own paths, a tiny /etc (the loader cache), its own /proc and /dev, the four
harness files at /grader, and two small tmpfs mounts it may write: /tmp and its working directory
/home/student, where the harness writes the student's own uploaded files (they come over the
channel, see `sandbox/uploads.py`). Nothing else of the host: not the repository (solutions/,
autograder/, the gradebook), not the student's folder, not other students' folders.

Namespaces: new pid (the sandbox dies as a whole), net (no network at all), ipc, uts, cgroup, and
mount. Two modes:
- not root: bwrap creates an unprivileged user namespace; the student's code runs as the grader's
  own uid, with no capabilities, and cannot create further user namespaces.
- root (CI): bwrap runs privileged (needed to read an interpreter under a 0700 home such as
  /root/.pyenv), keeps only CAP_SETUID/SETGID, and `setpriv` switches to a pool uid (see
  `uid_pool`) with no capabilities and no_new_privs before Python starts.

The same command line, with `zygote=True`, starts a warm sandbox's zygote (`sandbox/pool.py`): the
same mounts and namespaces, but the process keeps the capabilities it needs to give each child it
forks new namespaces and fresh scratch mounts, and each child drops them all (and switches to its
own pool uid in root mode) before any student code runs.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy

INSIDE_DIR = Path(__file__).resolve().parent / "inside"
VALUES_FILE = Path(__file__).resolve().parents[1] / "values.py"
HARNESS_FILES = {"harness.py": INSIDE_DIR / "harness.py", "codec.py": INSIDE_DIR / "codec.py",
                 "tripwires.py": INSIDE_DIR / "tripwires.py", "values.py": VALUES_FILE}
# The warm sandboxes' parent process (see `autograder.sandbox.pool`): also at /grader, no secrets.
ZYGOTE_FILE = INSIDE_DIR / "zygote.py"
# What the zygote keeps to give each child fresh namespaces and mounts and then drop every
# capability for good; in root mode also to switch the child to its pool uid and kill it later.
ZYGOTE_CAPABILITIES = ("CAP_SYS_ADMIN", "CAP_SETPCAP")
ZYGOTE_ROOT_CAPABILITIES = ("CAP_SETUID", "CAP_SETGID", "CAP_KILL")
GRADER_DIR = "/grader"
WORK_DIR = "/home/student"

ENVIRONMENT = {
    "PATH": "/usr/bin:/bin", "HOME": WORK_DIR, "LANG": "C.UTF-8", "TMPDIR": "/tmp",
    "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
    # One thread per library: the process limit counts threads, and one core per worker is the plan.
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib",
}


def python_paths() -> tuple[str, list[str], list[str]]:
    """The interpreter, the directories to bind read-only, and the import path for the harness."""
    executable = os.path.abspath(sys.executable)
    site_dir = str(Path(numpy.__file__).resolve().parents[1])  # where numpy (and torch) live
    binds = []
    for path in (os.path.realpath(sys.base_prefix), os.path.abspath(sys.prefix), site_dir):
        if not path.startswith("/usr/") and not any(_inside(path, bound) for bound in binds):
            binds.append(path)
    return executable, binds, [site_dir]


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


def bwrap_command(limits, *, info_fd: int, uid: int | None, zygote: bool = False) -> list[str]:
    """uid: run as this pool uid (root mode) or None (unprivileged user-namespace mode).

    zygote: start the warm sandbox's zygote instead of the harness. It stays privileged inside the
    namespaces (the capabilities above, and root in root mode) and never runs student code; each
    child it forks gets its own namespaces and scratch mounts and drops all of it (uid included)
    before student code runs.
    """
    executable, binds, site_dirs = python_paths()
    command = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
               "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--info-fd", str(info_fd)]
    if uid is None:
        command += ["--unshare-user", "--disable-userns"]
    if zygote:
        command += ["--cap-drop", "ALL"]
        for capability in ZYGOTE_CAPABILITIES + (ZYGOTE_ROOT_CAPABILITIES if uid is not None else ()):
            command += ["--cap-add", capability]
    elif uid is not None:
        command += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    # /tmp first: a Python installation under /tmp is then bound on top of it, not hidden by it.
    command += ["--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", str(limits.tmpfs_bytes), "--tmpfs", "/tmp",
                "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = f"/{name}"
        if os.path.islink(path):
            command += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            command += ["--ro-bind", path, path]
    for path in ("/etc/ld.so.cache", "/etc/localtime"):
        command += ["--ro-bind-try", path, path]
    made = {"/tmp"}
    for path in binds:
        # bwrap would create the missing parents 0700, unreadable once the uid is switched.
        for parent in reversed(Path(path).parents[:-1]):
            if str(parent) not in made:
                made.add(str(parent))
                command += ["--perms", "0755", "--dir", str(parent)]
        command += ["--ro-bind", path, path]
    command += ["--perms", "0755", "--dir", GRADER_DIR]
    for name, source in HARNESS_FILES.items():
        command += ["--ro-bind", str(source), f"{GRADER_DIR}/{name}"]
    if zygote:
        command += ["--ro-bind", str(ZYGOTE_FILE), f"{GRADER_DIR}/{ZYGOTE_FILE.name}"]
    command += ["--perms", "0777", "--size", str(limits.tmpfs_bytes), "--tmpfs", WORK_DIR,
                "--remount-ro", "/", "--chdir", WORK_DIR, "--clearenv"]
    for key, value in ENVIRONMENT.items():
        command += ["--setenv", key, value]
    command.append("--")
    if zygote:  # the pool uid is the children's, set by the zygote when it forks one
        return command + [executable, "-S", "-s", "-P", f"{GRADER_DIR}/{ZYGOTE_FILE.name}", *site_dirs]
    if uid is not None:
        command += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                    "--inh-caps=-all", "--no-new-privs", "--"]
    # -S: no site (the harness sets the path), -s: no user site, -P: no script dir on the path.
    command += [executable, "-S", "-s", "-P", f"{GRADER_DIR}/harness.py"]
    return command
