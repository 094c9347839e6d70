"""The visible tests students run before they submit, as students meet them: `nbgrader validate`
(what JupyterLab's Validate button runs) on released notebooks filled in with wrong implementations.

- A notebook with the masters' solutions validates: "Success!".
- Each wrong implementation of `submissions/caught/` fails exactly the test cells its manifest lists
  (a missing error, a mutated input, a wrong shape, a forbidden call), with the expected words.
- Together they catch every rule of every notebook: each shown case of the specs (read from the
  line of the rule cell that failed) and each function's shortcut check.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from autograder.specs import ASSIGNMENTS, load_spec
from autograder.specs.base import cases_for
from autograder.tests.notebook_tools import master
from autograder.testing.submission_builder import build_from_fixture, build_submission, write_submission

pytestmark = pytest.mark.slow
CAUGHT = Path(__file__).resolve().parent / "submissions" / "caught"
MANIFEST = tomllib.loads((CAUGHT / "manifest.toml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
SUCCESS = "Success! Your notebook passes all the tests."


def parse_validate(output: str) -> dict[str, dict]:
    """{notebook path: {"success": bool, "failed": {grade_id: (failing line number, error text)}}}
    from nbgrader validate's output (its log lines mark where each notebook starts)."""
    sections = re.split(r"\[ValidateApp \| INFO\] Validating '([^']+)'", output)
    results = {}
    for path, body in zip(sections[1::2], sections[2::2]):
        failed = {}
        for block in body.split("The following cell failed:")[1:]:
            source, _, error = block.partition("The error was:")
            error = error.split("=" * 40)[0]
            shortcut = re.search(r"check_shortcuts\((\w+)\)", source)
            rules = re.search(r"# Visible tests of the rules for (\w+)", source)
            grade_id = f"test_{shortcut[1]}" if shortcut else f"test_{rules[1]}_rules" if rules else "?"
            line = re.search(r"-+>\s*(\d+)", error)  # "---->  6", "---> 10"
            failed[grade_id] = (int(line[1]) if line else None, " ".join(error.split()))
        results[path] = {"success": SUCCESS in body, "failed": failed}
    return results


@pytest.fixture(scope="module")
def validated(tmp_path_factory) -> dict[tuple[str, str], dict]:
    """Every caught fixture, and the masters' solutions, validated in one `nbgrader validate` run."""
    root = tmp_path_factory.mktemp("validate")
    paths = {}
    for assignment, fixtures in MANIFEST.items():
        for name in fixtures:
            notebook = build_from_fixture(assignment, CAUGHT / assignment / f"{name}.py")
            paths[(assignment, name)] = write_submission(root / assignment, name, assignment, notebook)
    for assignment in ASSIGNMENTS:
        paths[(assignment, "solutions")] = write_submission(root / assignment, "solutions", assignment,
                                                            build_submission(assignment, {}))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NBGRADER_DB_URL")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1")
    # One stream, unbuffered: the log line naming each notebook comes before its results.
    proc = subprocess.run([str(BIN / "nbgrader"), "validate", *map(str, paths.values())], cwd=root, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:]
    parsed = parse_validate(proc.stdout)
    return {key: parsed[str(path)] for key, path in paths.items()}


def test_every_fixture_is_in_the_manifest_and_back():
    files = {(path.parent.name, path.stem) for path in CAUGHT.glob("*/*.py")}
    assert files == {(assignment, name) for assignment, fixtures in MANIFEST.items() for name in fixtures}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_solutions_validate(validated, assignment):
    result = validated[(assignment, "solutions")]
    assert result["success"] and not result["failed"], result


def test_each_wrong_implementation_fails_exactly_its_test_cells(validated):
    wrong = []
    for assignment, fixtures in MANIFEST.items():
        for name, expected in fixtures.items():
            result = validated[(assignment, name)]
            if result["success"] or set(result["failed"]) != set(expected):
                wrong.append(f"{assignment}/{name}: failed {sorted(result['failed'])}, expected {sorted(expected)}")
                continue
            for grade_id, phrase in expected.items():
                if phrase not in result["failed"][grade_id][1]:
                    wrong.append(f"{assignment}/{name}: {grade_id} does not say {phrase!r}:\n"
                                 f"{result['failed'][grade_id][1][-600:]}")
    assert not wrong, "\n".join(wrong)


def _rule_lines(assignment: str, function: str) -> dict[int, str]:
    """{line number: the rule it checks} of a function's rule cell (the comment above each call)."""
    cell = next(c for c in master(assignment).cells if c.get("id") == f"test_{function}_rules")
    lines = cell.source.splitlines()
    return {number: lines[number - 2][2:].rstrip(".") for number in range(2, len(lines) + 1)
            if lines[number - 1].startswith("expect_")}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_rule_of_every_notebook_is_caught_by_a_visible_test(validated, assignment):
    spec = load_spec(assignment)
    for function in spec.functions:
        stated = {f"{c.description[0].upper()}{c.description[1:]}" for c in cases_for(spec, function, 0) if c.shown}
        lines = _rule_lines(assignment, function.name)
        assert set(lines.values()) == stated, f"{function.name}: the rule cell is not the spec's shown cases"
        caught = {lines.get(result["failed"][f"test_{function.name}_rules"][0])
                  for name in MANIFEST[assignment] for result in [validated[(assignment, name)]]
                  if f"test_{function.name}_rules" in result["failed"]}
        assert stated <= caught, f"{function.name}: no wrong implementation is caught by {stated - caught}"
        shortcut = [MANIFEST[assignment][name][f"test_{function.name}"] for name in MANIFEST[assignment]
                    if "forbids" in MANIFEST[assignment][name].get(f"test_{function.name}", "")]
        assert shortcut, f"{function.name}: no fixture is caught by the shortcut check"
