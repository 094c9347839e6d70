"""Builds the attack corpus (`autograder/tests/corpus/manifest.toml`) into a folder of student submissions.

Every entry is a student folder `<name>/` for the `dot_product` assignment, made from the released
notebook (what a student downloads) with every solution cell filled in by `corpus/base.py`: correct
functions written independently of the master solution, so that a line of the master found in an
output is a leak, never the student's own code. Then, per the entry's fields:

- `code`: a file in `corpus/code/`. Its top-level `def dot/cosine_similarity/project` replace those
  solution cells; its other top-level statements go into a new cell before the first solution cell;
  each later section opened by a line `# %%` becomes a new code cell at the end of the notebook.
- `base = "released"`: the solution cells the code does not replace keep the released stub.
- `edits`: changes to the notebook itself, applied in order, by cell grade_id (see `EDITS`).
- `files`: a folder in `corpus/files/` copied into the student folder (shadowing modules...).
- `notebook`: the notebook's file name (default `dot_product.ipynb`; "" = no notebook).
- `raw`: the notebook file's exact text instead of a built notebook (invalid JSON...).
- `symlink = true`: the notebook is a symbolic link to the master solution.

`honest/*.py` are complete honest submissions (same format as `code`), graded with the corpus.
"""
from __future__ import annotations

import copy
import json
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import REPO, master_notebook
from autograder.testing.submission_builder import build_submission, code_cell, split_fixture

CORPUS = REPO / "autograder" / "tests" / "corpus"
ASSIGNMENT = "dot_product"
FUNCTIONS = ("dot", "cosine_similarity", "project")
CELL_MARKER = "# %%"
# Message kinds: an entry's feedback must contain one of the phrases of each of its kinds.
KINDS = {
    "none": (),  # honest: no problem, no note, full marks
    "wrong": ("expected ", "should raise", "modified its input"),
    "error": ("raised ",),
    "not plain": ("not a number or a list/array of numbers",),
    "forbidden": ("which this assignment forbids",),
    "hidden": ("(rule: hidden or dynamic code)",),
    "timeout": ("did not return in time", "time limit", "ran past"),
    "memory": ("MemoryError",),
    "crashed": ("the Python process running",),
    "output": ("of output during the call",),
    "stopped": ("was stopped",),
    "skipped": ("was skipped",),
    "tampered": ("test cells changed",),
    "missing notebook": ("no notebook",),
    "misnamed notebook": ("the only notebook in the folder",),
    "invalid notebook": ("not a valid notebook", "is damaged"),
    "not a file": ("symbolic link",),
}
CLASSES = ("tampered", "in-process", "outside", "resources", "shortcut", "honest")


@dataclass(frozen=True)
class Entry:
    name: str
    kind_of_attack: str  # the threat class (CLASSES)
    description: str
    scores: dict[str, float]
    kinds: tuple[str, ...]
    code: str | None = None
    base: str = "corpus"
    edits: tuple[dict, ...] = ()
    files: str | None = None
    notebook: str = f"{ASSIGNMENT}.ipynb"
    raw: str | None = None
    symlink: bool = False
    stock: str | None = None  # why stock nbgrader must not run it (it would harm the machine)
    markers: tuple[str, ...] = field(default=())  # command-line markers of processes it starts

    @property
    def total(self) -> float:
        return round(sum(self.scores.values()), 2)


def load_manifest() -> dict[str, Entry]:
    data = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))
    entries = {}
    for name, table in data.items():
        table = dict(table)
        entries[name] = Entry(
            name, table.pop("class"), table.pop("description"),
            {k: float(v) for k, v in table.pop("scores").items()}, tuple(table.pop("kinds")),
            edits=tuple(table.pop("edits", ())), markers=tuple(table.pop("markers", ())), **table)
    return entries


def honest_students() -> dict[str, Path]:
    return {f"honest-{path.stem}": path for path in sorted((CORPUS / "honest").glob("*.py"))}


def read_code(path: Path) -> tuple[dict[str, str], str, list[str]]:
    """(replacement functions, preamble, cells appended at the end) of a code file."""
    sections = _sections(path.read_text(encoding="utf-8"))
    replacements, preamble = split_fixture(sections[0], set(FUNCTIONS))
    return replacements, preamble, [section.strip("\n") + "\n" for section in sections[1:]]


def _sections(text: str) -> list[str]:
    sections, current = [], []
    for line in text.splitlines(keepends=True):
        if line.startswith(CELL_MARKER):
            sections.append("".join(current))
            current = []
        else:
            current.append(line)
    sections.append("".join(current))
    return sections


def build_notebook(code: Path | None, base: str = "corpus", edits: tuple[dict, ...] = ()) -> dict:
    replacements, preamble, extra = read_code(code) if code else ({}, "", [])
    if base == "corpus":
        replacements = {**read_code(CORPUS / "base.py")[0], **replacements}
    notebook = build_submission(ASSIGNMENT, replacements, base="released", preamble=preamble,
                                extra_cells=tuple(extra))
    for edit in edits:
        notebook = apply_edit(notebook, edit)
    return notebook


def write_entry(entry: Entry, folder: Path) -> Path:
    """The entry as the student folder `folder` (created)."""
    folder.mkdir(parents=True)
    if entry.files:
        shutil.copytree(CORPUS / "files" / entry.files, folder, dirs_exist_ok=True)
    if not entry.notebook:
        return folder
    target = folder / entry.notebook
    if entry.symlink:
        target.symlink_to(master_notebook(ASSIGNMENT))
    elif entry.raw is not None:
        target.write_text(entry.raw, encoding="utf-8")
    else:
        notebook = build_notebook(CORPUS / "code" / entry.code if entry.code else None, entry.base, entry.edits)
        target.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return folder


def write_honest(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(build_notebook(path), indent=1), encoding="utf-8")
    return folder


def build_corpus(submissions: Path, names: list[str] | None = None, honest: bool = True) -> list[str]:
    """Write the entries (all, or `names`) and the honest students; returns the student ids."""
    entries = load_manifest()
    written = []
    for name in names or list(entries):
        write_entry(entries[name], submissions / name)
        written.append(name)
    if honest:
        for name, path in honest_students().items():
            write_honest(path, submissions / name)
            written.append(name)
    return written


# --- notebook edits ----------------------------------------------------------------------------------
def _find(notebook: dict, grade_id: str) -> int:
    for index, cell in enumerate(notebook["cells"]):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return index
    raise KeyError(f"no cell with grade_id {grade_id!r}")


def apply_edit(notebook: dict, edit: dict) -> dict:
    """One change to a notebook: {"op": name, "cell": grade_id, ...} (see EDITS)."""
    notebook = copy.deepcopy(notebook)
    op = edit["op"]
    cells = notebook["cells"]
    if op == "notebook_metadata":
        notebook["metadata"][edit["key"]] = edit["value"]
        return notebook
    index = _find(notebook, edit["cell"])
    cell = cells[index]
    if op == "source":  # any JSON value: text, or something that is not text at all
        cell["source"] = edit["value"]
    elif op == "delete":
        del cells[index]
    elif op == "markdown":
        cells[index] = {"cell_type": "markdown", "metadata": cell["metadata"], "source": cell["source"]}
    elif op == "duplicate":
        twin = copy.deepcopy(cell)
        twin["id"] = f"{cell.get('id', 'cell')}-copy"
        if "value" in edit:
            twin["source"] = edit["value"]
        cells.insert(index if edit.get("before", True) else index + 1, twin)
    elif op == "metadata":
        cell["metadata"]["nbgrader"][edit["key"]] = edit["value"]
    elif op == "outputs":
        cell["execution_count"] = 1
        cell["outputs"] = [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                            "data": {"text/plain": edit["value"]}}]
    elif op == "insert_markdown":
        cells.insert(index + 1, {"cell_type": "markdown", "metadata": {}, "source": edit["value"]})
    elif op == "insert_code":
        cells.insert(index + 1, code_cell(edit["value"]))
    else:
        raise ValueError(f"unknown edit {op!r}")
    return notebook


EDITS = ("notebook_metadata", "source", "delete", "markdown", "duplicate", "metadata", "outputs",
         "insert_markdown", "insert_code")

