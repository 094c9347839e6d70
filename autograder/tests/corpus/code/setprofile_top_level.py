"""A profile function installed at the top level (sys.setprofile) to watch every later call, with
wrong functions: hidden code at the top level counts against every function."""
import sys

_calls = []
sys.setprofile(lambda frame, event, arg: _calls.append(event))


def dot(a, b):
    return 32.0
