"""The warm sandbox's zygote: Python and numpy loaded once, one fresh child per student notebook.

Started by `autograder.sandbox.pool` under bubblewrap (`command.bwrap_command(zygote=True)`), it
imports what every harness imports (numpy, codec, values, tripwires, the harness itself) and then
only forks (`ForkServer`). It never runs or receives student code or data: a child's harness gets
the cells, the student's files and the calls on its own pipes, straight from the grader. So a child
starts in a few milliseconds instead of the ~0.2 s that a new Python with numpy costs, and holds
nothing of any other student.

Each child, before any student code, gets:
- new pid, mount, IPC, network and UTS namespaces: it is the init (pid 1) of its own pid namespace
  and runs the harness as pid 2, as bubblewrap does; killing it kills everything it started, and
  it sees no other process; its own /proc;
- fresh tmpfs mounts on /tmp, its working directory and /dev/shm, and /dev read-only (nothing
  written by an earlier child is visible; the rest of the filesystem is read-only as for the cold
  sandbox);
- no privileges: in root mode the pool uid the grader leased for it (setresuid drops every
  capability), in user namespace mode every capability dropped; bounding and inheritable sets
  emptied, no_new_privs;
- a session keyring of its own and its uid's keyrings emptied (keyrings are not namespaced);
- every descriptor of the zygote closed, the modules only the zygote needed forgotten, a fresh
  seed for `random`; then it runs `harness.main()` exactly as a cold sandbox does.

Control protocol: newline-delimited JSON on fd 0, a Unix stream socket; a "fork" carries the
child's two pipe ends as SCM_RIGHTS. The zygote answers each fork at once; a reap is answered
when the child is gone, which may be after later requests were answered.

  grader -> zygote  {"op": "fork", "uid": int | null, "tmpfs_bytes": int} + [stdin_r, stdout_w]
  zygote -> grader  {"event": "forked", "pid": int}  (pid as the zygote sees it)
  grader -> zygote  {"op": "reap", "pid": int, "grace": seconds}: the child may end by itself
                    within grace, then it is SIGKILLed (and so its whole pid namespace)
  zygote -> grader  {"event": "reaped", "pid": int, "status": exit code or 128 + signal,
                     "by_itself": bool}
  grader -> zygote  {"op": "exit"}: every child is killed, the zygote ends
"""
import os
import re
import signal
import sys
import time

GRADER_DIR = os.path.dirname(os.path.abspath(__file__))
WORK_DIR = "/home/student"
MAX_REQUEST_BYTES = 1 << 16

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 0x1, 0x2, 0x4, 0x8, 0x20
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 0x1000, 0x2000, 0x4000, 0x40000
PROC_READ_ONLY = ("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus")
PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 4, 24, 36, 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522
KEYCTL_SYSCALL = {"x86_64": 250, "aarch64": 219, "riscv64": 219}
KEYCTL_JOIN_SESSION_KEYRING, KEYCTL_CLEAR = 1, 7
KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING = -4, -5

# Imported in main(), after the snapshot of the harness's modules: a child forgets them again.
ctypes = select = socket = LIBC = None


def _load_zygote_modules() -> None:
    global ctypes, select, socket, LIBC
    import ctypes
    import select
    import socket
    LIBC = ctypes.CDLL(None, use_errno=True)
    for name in ("unshare", "mount", "prctl", "capset"):
        getattr(LIBC, name).restype = ctypes.c_int
    LIBC.syscall.restype = ctypes.c_long
    LIBC.syscall.argtypes = [ctypes.c_long] * 6
    LIBC.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                           ctypes.c_char_p]
    LIBC.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source, target, kind, flags=0, options=None) -> None:
    encode = lambda value: value.encode() if isinstance(value, str) else value  # noqa: E731
    _check(LIBC.mount(encode(source), encode(target), encode(kind), flags, encode(options)),
           f"mount {target}")


def _prctl(option: int, arg2: int = 0, arg3: int = 0) -> None:
    _check(LIBC.prctl(option, arg2, arg3, 0, 0), f"prctl {option}")


# --- the child's side: isolation, then the harness ---------------------------------------------
def _isolate(tmpfs_bytes: int) -> None:
    """Namespaces and fresh scratch mounts (pid 1 of a new pid namespace already)."""
    _check(LIBC.unshare(CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing propagates back to the zygote
    _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in PROC_READ_ONLY:  # as bubblewrap's own --proc does
        if os.path.exists(path):
            _mount(path, path, None, MS_BIND | MS_REC)
            _read_only(path)
    # /dev is the zygote's, shared by its children: nobody may write there (its device nodes
    # are mounts of their own and stay usable); /dev/shm is a fresh one, as unwritable as cold.
    _read_only("/dev")
    _fresh_tmp(tmpfs_bytes)
    for target, mode in ((WORK_DIR, "0777"), ("/dev/shm", "0755")):
        if os.path.isdir(target):
            _tmpfs(target, tmpfs_bytes, mode)
    os.chdir(WORK_DIR)  # the new working directory, not the zygote's under it


def _tmpfs(target: str, size: int, mode: str) -> None:
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode={mode}")


def _fresh_tmp(size: int) -> None:
    """A fresh /tmp that still shows what bubblewrap bound under it (a Python installed under
    /tmp): built on the working directory's mount point, then moved onto /tmp."""
    inside = [point for point in _mount_points() if point.startswith("/tmp/")]
    _tmpfs(WORK_DIR, size, "1777")
    for point in inside:
        if any(point.startswith(other + "/") for other in inside):
            continue  # comes along with the mount above it
        copy = WORK_DIR + point[len("/tmp"):]
        for parent in reversed(_parents(os.path.dirname(copy))):
            if not os.path.isdir(parent):
                os.mkdir(parent, 0o755)
        if os.path.isdir(point):
            os.mkdir(copy, 0o755)
        else:
            open(copy, "x").close()
        _mount(point, copy, None, MS_BIND | MS_REC)
        _read_only(copy)
    _mount(WORK_DIR, "/tmp", None, MS_MOVE)


def _parents(path: str) -> list:
    """path and its ancestors below the working directory, deepest first."""
    found = []
    while path != WORK_DIR and path.startswith(WORK_DIR + "/"):
        found.append(path)
        path = os.path.dirname(path)
    return found


def _mount_points() -> list:
    points = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as table:
        for line in table:
            fields = line.split(" ")
            if len(fields) > 4:  # spaces and the like are written as octal escapes
                points.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[4]))
    return points


def _read_only(path: str) -> None:
    flags = os.statvfs(path).f_flag  # keep nosuid, nodev, atime flags: a user namespace must
    _mount(None, path, None, flags | MS_REMOUNT | MS_BIND | MS_RDONLY)


def _drop_privileges(uid) -> None:
    """For good: no capability can come back, by exec or otherwise."""
    for capability in range(64):
        if LIBC.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 and ctypes.get_errno() == 22:
            break  # EINVAL: past the kernel's last capability
    if uid is not None:  # root mode: a uid of its own; leaving uid 0 clears every capability
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)  # version, pid (0: self)
    nothing = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable; twice (64 bits)
    _check(LIBC.capset(header, nothing), "capset")
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    if uid is not None and (os.getuid(), os.geteuid()) != (uid, uid):
        raise OSError("the child kept its uid")


def _fresh_keyrings() -> None:
    """Kernel keyrings are per uid and per session, not per namespace: a new session keyring of
    its own, and the uid's keyrings emptied of anything an earlier sandbox with this uid stored."""
    number = KEYCTL_SYSCALL.get(os.uname().machine)
    if number is None:
        return
    LIBC.syscall(number, KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0)  # 0: a new, unnamed one
    for keyring in (KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING):
        LIBC.syscall(number, KEYCTL_CLEAR, keyring, 0, 0, 0)


def _child(request: dict, stdin_r: int, stdout_w: int, zygote_modules: set) -> None:
    """Runs in the forked child, pid 1 of its namespace; never returns.

    It isolates and drops privileges, then forks the harness (pid 2, as under bubblewrap) and
    stays as the namespace's init: it reaps orphans and exits with the harness's status."""
    code = 70
    try:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        os.dup2(stdin_r, 0)
        os.dup2(stdout_w, 1)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.closerange(3, os.sysconf("SC_OPEN_MAX") if os.sysconf("SC_OPEN_MAX") > 0 else 4096)
        _isolate(int(request["tmpfs_bytes"]))
        uid = request.get("uid")
        _drop_privileges(int(uid) if uid is not None else None)
        _fresh_keyrings()
        harness_pid = os.fork()
        if harness_pid == 0:
            _run_harness(zygote_modules)
        _prctl(PR_SET_DUMPABLE, 0)
        os.close(0)  # only the harness (and what it starts) holds the channel
        os.close(1)
        code = _reap_until(harness_pid)
    except BaseException:  # noqa: BLE001 - set-up failed; the grader sees the channel close
        code = 71
    finally:
        os._exit(code)


def _reap_until(pid: int) -> int:
    """Reap every child (orphans included) until `pid` ends; its status as bubblewrap gives it."""
    while True:
        try:
            done, status = os.waitpid(-1, 0)
        except ChildProcessError:
            return 71
        except InterruptedError:
            continue
        if done == pid:
            return _status_code(status)


def _status_code(status: int) -> int:
    """A wait status as bubblewrap reports its child's: the exit code, or 128 + the signal."""
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _run_harness(zygote_modules: set) -> None:
    code = 70
    try:
        for name in set(sys.modules) - zygote_modules:  # what only the zygote needed
            sys.modules.pop(name, None)
        if "random" in sys.modules:  # fresh entropy, as a new process has (numpy.random is not
            sys.modules["random"].seed()  # loaded yet: it seeds itself when it is)
        import harness
        code = 0
        harness.main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    except BaseException:  # noqa: BLE001 - set-up failed; the grader sees the channel close
        code = 71
    finally:
        os._exit(code)


# --- the zygote's side ---------------------------------------------------------------------------
class Child:
    """A child the zygote forked: alive, or closing (asked to end, killed at its deadline)."""

    def __init__(self, pid: int, pidfd, middle: int):
        self.pid, self.pidfd, self.middle = pid, pidfd, middle
        self.deadline: float | None = None  # set once the grader asked to reap it
        self.killed = False


class ForkServer:
    """The zygote's loop: forks a child per request, ends children when asked, reports them gone."""

    def __init__(self, control, zygote_modules: set):
        self.control = control
        self.zygote_modules = zygote_modules
        self.buffer = b""
        self.fds: list[int] = []
        _prctl(PR_SET_CHILD_SUBREAPER, 1)  # children's children (see fork) become ours
        self.children: dict[int, Child] = {}
        self.middles: set[int] = set()  # see fork: reaped when convenient

    def send(self, message: dict) -> None:
        import json
        self.control.sendall((json.dumps(message) + "\n").encode())

    # --- requests -----------------------------------------------------------------------------
    def read_requests(self) -> bool:
        """Handle every complete request that has arrived; False once the grader is gone."""
        import json
        data, fds, _, _ = socket.recv_fds(self.control, MAX_REQUEST_BYTES, 4)
        self.fds.extend(fds)
        if not data:
            return False
        self.buffer += data
        if len(self.buffer) > MAX_REQUEST_BYTES:
            raise ValueError("request too long")
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            request = json.loads(line)
            op = request.get("op")
            if op == "exit":
                return False
            if op == "fork":
                self.fork(request)
            elif op == "reap":
                self.reap(request)
            else:
                self.send({"event": "error", "message": "unknown op"})
        return True

    def fork(self, request: dict) -> None:
        fds, self.fds = self.fds, []
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            self.send({"event": "error", "message": "fork needs two descriptors"})
            return
        # Two forks: the middle process enters a new pid namespace, so its child is that
        # namespace's pid 1; the middle then exits and the child is reparented to this
        # (sub)reaper. The answer goes out as soon as the child's pid is known.
        pid_read, pid_write = os.pipe()
        middle = os.fork()
        if middle == 0:
            code = 1
            try:
                os.close(pid_read)
                _check(LIBC.unshare(CLONE_NEWPID), "unshare pid")
                pid = os.fork()
                if pid == 0:
                    _child(request, fds[0], fds[1], self.zygote_modules)
                os.write(pid_write, b"%d" % pid)
                code = 0
            except BaseException:  # noqa: BLE001 - reported on the zygote's stderr
                import traceback
                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(pid_write)
        for fd in fds:
            os.close(fd)
        with os.fdopen(pid_read, "rb") as answer:
            data = answer.read(32)  # the pid, or nothing if the middle process failed
        if not data.isdigit():
            os.waitpid(middle, 0)
            self.send({"event": "error", "message": "the child could not be started"})
            return
        self.middles.add(middle)
        pid = int(data)
        try:
            pidfd = os.pidfd_open(pid)
        except OSError:
            pidfd = None
        self.children[pid] = Child(pid, pidfd, middle)
        self.send({"event": "forked", "pid": pid})

    def reap(self, request: dict) -> None:
        """Start ending a child: it has `grace` seconds to end by itself, then it is killed (and
        so is its whole pid namespace). The "reaped" answer comes once it is gone."""
        child = self.children.get(request.get("pid"))
        if child is None or child.deadline is not None:
            self.send({"event": "error", "message": f"no child {request.get('pid')} to reap"})
            return
        child.deadline = time.monotonic() + max(0.0, float(request.get("grace", 0)))
        self.poll_children()

    # --- children -----------------------------------------------------------------------------
    def poll_children(self) -> None:
        for middle in list(self.middles):
            if os.waitpid(middle, os.WNOHANG)[0]:
                self.middles.discard(middle)
        now = time.monotonic()
        for child in [c for c in self.children.values() if c.deadline is not None]:
            if child.middle in self.middles:  # not ours yet; the middle is about to exit
                os.waitpid(child.middle, 0)
                self.middles.discard(child.middle)
            done, status = os.waitpid(child.pid, os.WNOHANG)
            if done:
                self.report(child, status)
            elif now >= child.deadline and not child.killed:
                self.kill(child)

    def kill(self, child: Child) -> None:
        """SIGKILL to pid 1 of its namespace: everything in the namespace goes."""
        child.killed = True
        try:
            if child.pidfd is not None:
                signal.pidfd_send_signal(child.pidfd, signal.SIGKILL)
            else:
                os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def report(self, child: Child, status: int) -> None:
        del self.children[child.pid]
        if child.pidfd is not None:
            os.close(child.pidfd)
        self.send({"event": "reaped", "pid": child.pid, "status": _status_code(status),
                   "by_itself": not child.killed})

    def wait_seconds(self):
        """How long the event loop may sleep: until the next deadline of a closing child."""
        closing = [c for c in self.children.values() if c.deadline is not None]
        if not closing:
            return None
        if any(c.pidfd is None for c in closing):
            return 0.005  # no pidfd to wake us up: poll
        pending = [c.deadline for c in closing if not c.killed]
        return max(0.0, min(pending) - time.monotonic()) if pending else None

    def serve(self) -> None:
        self.send({"event": "ready"})
        try:
            while True:
                watched = [self.control] + [c.pidfd for c in self.children.values()
                                            if c.deadline is not None and c.pidfd is not None]
                readable, _, _ = select.select(watched, [], [], self.wait_seconds())
                if self.control in readable and not self.read_requests():
                    return
                self.poll_children()
        finally:
            for child in list(self.children.values()):
                self.kill(child)


def main() -> None:
    """argv: the site directories to import numpy from (each child's harness adds them again)."""
    path = list(sys.path)
    sys.path[:0] = [GRADER_DIR, *sys.argv[1:]]
    import json  # noqa: F401 - the harness's own imports, loaded once for every child

    import numpy  # noqa: F401
    import codec  # noqa: F401
    import harness  # noqa: F401
    import tripwires  # noqa: F401
    import values  # noqa: F401
    sys.path[:] = path  # each child's harness sets its path up exactly as a cold one does
    zygote_modules = set(sys.modules)
    _load_zygote_modules()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader's Ctrl-C is the grader's to handle
    control = socket.socket(fileno=os.dup(0))
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    ForkServer(control, zygote_modules).serve()


if __name__ == "__main__":
    main()
    os._exit(0)
