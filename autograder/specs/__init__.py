"""One spec module per assignment (functions, points, reference, cases); see `base`.

`SPECS` maps an assignment name to its `AssignmentSpec`; `load_spec(name)` raises KeyError for a
name that is not an assignment.
"""
from __future__ import annotations

import importlib

from autograder.specs.base import AssignmentSpec

# In course order; each module exports SPEC.
ASSIGNMENTS = ("dot_product", "norms", "matmul", "linear_systems", "dense_layer", "attention")


SPECS: dict[str, AssignmentSpec] = {
    name: importlib.import_module(f"autograder.specs.{name}").SPEC for name in ASSIGNMENTS}


def load_spec(name: str) -> AssignmentSpec:
    """The spec of one assignment; KeyError naming the known ones if there is none."""
    try:
        return SPECS[name]
    except KeyError:
        raise KeyError(f"unknown assignment {name!r}; known: {', '.join(SPECS)}") from None
