"""The instructors' documentation keeps student data out of git and says what the grader does:
every path its commands use for submissions, grades, feedback or gradebooks is under grading/,
which git ignores; the exit codes it lists are the grader's; `make grader` prepares a machine."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from autograder import exit_codes
from autograder.course import REPO
from autograder.specs import ASSIGNMENTS

DOCS = [REPO / "book" / "for_instructors.md", REPO / "README.md", REPO / "autograder" / "README.md"]
PATH_OPTIONS = {"--out", "--output", "--grades", "--roster"}
FLAGS = {"--course", "--no-progress"}  # grade's options without a value
SQLITE = re.compile(r"^sqlite:///(?:\$PWD/)?(?P<path>.+)$")


def commands(doc: Path) -> list[list[str]]:
    """The shell commands of a page's ```bash blocks, continuation lines joined, comments dropped."""
    found = []
    for block in re.findall(r"```bash\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
        text = re.sub(r"\\\n\s*", " ", block)
        for line in text.splitlines():
            line = line.split(" #")[0].strip()
            if line and not line.startswith("#"):
                found.append(shlex.split(line.replace("$PWD/", "")))
    return found


def student_data_paths(words: list[str]) -> list[str]:
    """What a command reads or writes about students: SUBMISSIONS, OUT, exported files, gradebooks."""
    paths = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in PATH_OPTIONS:
            paths.append(following)
        elif word == "--db-url" and SQLITE.match(following):
            paths.append(SQLITE.match(following)["path"])
        elif word.startswith("NBGRADER_GRADING_DIR="):
            paths.append(word.partition("=")[2])
    if "grade" in words and "autograder" in words:
        positional, rest = [], iter(words[words.index("grade") + 1:])
        for word in rest:
            if word.startswith("--"):
                if word not in FLAGS:
                    next(rest, None)  # the option's value
            else:
                positional.append(word)
        paths += positional[1:2]  # SUBMISSIONS
    return [p for p in paths if p and not p.isupper()]


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(REPO)))
def test_every_documented_student_data_path_is_under_gitignored_grading(doc):
    checked = []
    for words in commands(doc):
        for path in student_data_paths(words):
            assert path.startswith("grading/"), f"{doc.name}: {' '.join(words)}\n  uses {path}, not under grading/"
            ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=REPO)
            assert ignored.returncode == 0, f"{doc.name}: git does not ignore {path}"
            checked.append(path)
    if doc.name == "for_instructors.md":
        assert {"grading/downloads/submissions.zip", "grading/dot_product", "grading/canvas_grades.csv"} <= set(checked)
    assert checked, f"{doc.name}: no command with a student data path found"


def test_the_instructors_page_lists_the_graders_exit_codes():
    page = (REPO / "book" / "for_instructors.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", page, re.M))
    codes = {value for name, value in vars(exit_codes).items() if name.isupper()}
    assert {int(code) for code in rows} == codes
    assert "nothing is written" in rows[str(exit_codes.NOTHING_GRADED)]
    assert "git-ignored" in page and "never end up in a commit" in page


def test_make_grader_prepares_and_checks_a_grading_machine():
    done = subprocess.run(["make", "grader"], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: bubblewrap starts a sandbox" in done.stdout
    assert done.stdout.count("master solution scored") == len(ASSIGNMENTS) and "FAILED" not in done.stdout
    no_bwrap = subprocess.run([sys.executable, "-m", "autograder", "check"], cwd=REPO, capture_output=True,
                              text=True, env={"PATH": str(Path(sys.executable).parent)}, timeout=120)
    assert no_bwrap.returncode == 1 and "bubblewrap (bwrap) is not installed" in no_bwrap.stderr
