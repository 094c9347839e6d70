"""project loops forever and swallows every interrupt it gets (KeyboardInterrupt, the grader's
own time-limit exception, SystemExit...)."""
import time


def project(a, b):
    while True:
        try:
            time.sleep(0.01)
        except BaseException:
            pass
