"""A top-level cell writes a forged "loaded" message and forged results to every open descriptor,
before the cells that define the functions run."""
import json
import os

for _fd in range(3, 64):
    for _message in ({"event": "loaded", "defined": ["dot", "cosine_similarity", "project"]},
                     {"event": "result", "index": 0, "value": 32.0, "tripwires": [],
                      "output_exceeded": False}):
        try:
            os.write(_fd, (json.dumps(_message) + "\n").encode())
        except OSError:
            pass
