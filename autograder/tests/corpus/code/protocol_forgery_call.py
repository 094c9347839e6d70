"""dot writes a forged "result" line (the right answer to the first worked example) to every open
descriptor, hoping one is the grader's channel, then returns a wrong value."""
import json
import os


def dot(a, b):
    forged = json.dumps({"event": "result", "index": 0, "value": 32.0, "tripwires": [],
                         "output_exceeded": False, "args_after": []}) + "\n"
    for fd in range(3, 64):
        try:
            os.write(fd, forged.encode())
        except OSError:
            pass
    return 0.0
