"""A cell at the end fills its working folder with 1 MB files until the disk is full, then raises
the last error; the functions are correct. (Only the working folder: under stock nbgrader, which
runs this on the grading machine itself, that is a throwaway copy.)"""
# %%
import os

_block = b"x" * (1 << 20)
_last_error = None
for _i in range(100):
    try:
        with open(f"fill-{_i}.bin", "wb") as _handle:
            _handle.write(_block)
    except OSError as _error:
        _last_error = _error
if _last_error is not None:
    raise _last_error
