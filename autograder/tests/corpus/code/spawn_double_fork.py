"""A classic daemon at the top level: fork, setsid, fork again, and sleep for ten minutes under a
marked command line, to outlive the grading. Starting processes counts against every function."""
import os
import sys

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(600)", "corpus-daemon-fork"])
    os._exit(0)
