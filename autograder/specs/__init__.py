"""One spec module per assignment (functions, points, reference, cases); see `base`.

Each module of `ASSIGNMENTS` (autograder.course) exports SPEC. `SPECS` maps an assignment name to its `AssignmentSpec`; `load_spec(name)` raises KeyError for a
name that is not an assignment.
"""
from __future__ import annotations

import importlib

from autograder.course import ASSIGNMENTS
from autograder.specs.base import AssignmentSpec

__all__ = ["ASSIGNMENTS", "SPECS", "load_spec"]


SPECS: dict[str, AssignmentSpec] = {
    name: importlib.import_module(f"autograder.specs.{name}").SPEC for name in ASSIGNMENTS}


def load_spec(name: str) -> AssignmentSpec:
    """The spec of one assignment; KeyError naming the known ones if there is none."""
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(f"unknown assignment {name!r}; known: {', '.join(SPECS)}") from None
