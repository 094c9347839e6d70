"""builtins reached through a module that re-exports sys (os.sys.modules), from inside dot, to
make abs() lie; dot is wrong. The route is recognised as sys.modules: dot scores 0, the others
are graded normally."""
import os


def dot(a, b):
    os.sys.modules["builtins"].abs = lambda x: 0.0
    return 0.0
