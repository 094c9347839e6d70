"""The grader's tunables live in one place (`autograder/settings.py`), each with its help text, and
the code reads them from there when it runs: swapping a group changes what the grader does."""
from __future__ import annotations

import ast
from dataclasses import fields, replace
from pathlib import Path

from autograder import judging, settings
from autograder.testing.grader_cli import run_grader

PACKAGE = Path(settings.__file__).resolve().parent
# Module-level numbers that are not tunables: a contract (exit codes), the kernel's ABI, the width
# of generated text, the file modes nbgrader's release_feedback gives, where shipped modules' findings
# sort, and the zygote's request cap (the zygote runs inside the sandbox and imports
# nothing of the grader).
# What an assignment states (a reference's tolerance for a singular matrix, a spec's sizes) is the
# assignment's content, written where the assignment is, not a setting of the grader.
ASSIGNMENT_CONTENT = ("reference", "specs")
NOT_TUNABLES = {("exit_codes.py", "OK"), ("exit_codes.py", "GRADER_ERROR"), ("exit_codes.py", "USAGE_ERROR"),
                ("exit_codes.py", "SOME_UNGRADED"), ("exit_codes.py", "NOTHING_GRADED"),
                ("zygote.py", "LINUX_CAPABILITY_VERSION_3"), ("zygote.py", "MAX_REQUEST_BYTES"),
                ("rule_text.py", "WIDTH"), ("exchange.py", "FEEDBACK_FOLDER_MODE"), ("exchange.py", "FEEDBACK_FILE_MODE"),
                ("shipped.py", "FIRST_CELL")}


def test_the_settings_command_lists_every_tunable_with_its_help():
    listed = run_grader("settings", timeout=60)
    assert listed.returncode == 0 and not listed.stderr, listed.stderr
    for name, group in settings.GROUPS.items():
        assert f"{name}: {type(group).__doc__}" in listed.stdout
        for item in fields(group):
            assert item.metadata["help"].strip(), f"{name}.{item.name} has no help text"
            assert f"  {item.name} = {getattr(group, item.name)!r}\n      {item.metadata['help']}\n" in listed.stdout


def test_the_grader_reads_a_setting_when_it_runs(monkeypatch):
    long_message = "word " * 100
    assert len(judging.short(long_message)) == settings.REPORTS.error_chars
    monkeypatch.setattr(settings, "REPORTS", replace(settings.REPORTS, error_chars=20))
    assert judging.short(long_message) == "word word word wo..."


def module_numbers(path: Path) -> list[str]:
    """Names bound at module level to a number or to arithmetic on numbers."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            numeric = all(isinstance(part, (ast.Constant, ast.BinOp, ast.operator, ast.UnaryOp, ast.unaryop))
                          and not (isinstance(part, ast.Constant) and not isinstance(part.value, (int, float)))
                          for part in ast.walk(value))
            if numeric and not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
                names.append(node.targets[0].id)
    return names


def test_no_tunable_is_a_module_constant_elsewhere():
    scattered = [f"{path.relative_to(PACKAGE)}: {name}"
                 for path in sorted(PACKAGE.rglob("*.py"))
                 if not {"tests", *ASSIGNMENT_CONTENT} & set(path.relative_to(PACKAGE).parts)
                 and path != PACKAGE / "settings.py"
                 for name in module_numbers(path) if (path.name, name) not in NOT_TUNABLES]
    assert not scattered, f"declare these in autograder/settings.py, with help: {scattered}"
