"""A top-level `nohup ... &` through os.system, with a marked command line, to outlive the grading."""
import os
import sys

os.system(f"nohup {sys.executable} -c 'import time; time.sleep(600)' corpus-daemon-nohup >/dev/null 2>&1 &")
