"""Fingerprints of a student's own code: names normalised, then copydetect's hashing and winnowing.

copydetect (MOSS-style winnowing) hashes every k-gram of a normalised text and keeps the minimum
of each window; its own normalisation turns every name into `V`, so `np.dot(a, b)` and
`math.fsum(a)` read alike and the report could not say which library call two students share.
The normalisation here keeps what a student cannot rename without changing the program and
erases what they can:

- dropped: whitespace and comments (blank lines and comments are the cheapest disguises);
- erased: names the student chose (variables, loop variables, helpers) become `V`, the name in a
  student's own `def` becomes `F`; the parameters of the enclosing `def` become their position
  (①, ②...), so renaming `a` changes nothing but `zip(b, a)` still differs from `zip(a, b)`;
- kept as written: keywords, operators, numbers, strings, builtins (`zip`, `sum`), attributes
  (`np.dot`, `.append`), imported names and the names of the template (`dot`, `np`, `math`).

Only tokens on the student's own lines (see `extract`) are fingerprinted, each cell on its own
(moving a function to another cell changes nothing). Every fingerprint remembers the lines it
covers, for the report.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from copydetect.utils import hashed_kgrams, winnow
from pygments.lexers import PythonLexer
from pygments.token import Comment, Keyword, Name, Text

from autograder import settings
from autograder.similarity.extract import Cell, StudentCode, Template

PARAMETER_MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Token types (with their subtypes: `self` is Name.Builtin.Pseudo) whose text is kept.
KEPT_NAME_TYPES = (Name.Builtin, Name.Exception, Name.Decorator, Name.Namespace)
_LEXER = PythonLexer(stripnl=False, ensurenl=False)


@dataclass(frozen=True)
class Spot:
    """Where a fingerprint occurs: a cell of StudentCode.cells and the lines it spans there."""
    cell: int
    first: int
    last: int


@dataclass
class Fingerprints:
    student_id: str
    spots: dict[int, list[Spot]] = field(default_factory=dict)  # hash -> where it occurs

    @property
    def hashes(self) -> set[int]:
        return set(self.spots)


def fingerprint(code: StudentCode, given: Template) -> Fingerprints:
    """The student's fingerprints. Python's string hash is salted per process: compare only
    fingerprints made by the same process."""
    tokens = [cell_tokens(cell) for cell in code.cells]
    kept = given.names | _imported_names(tokens)
    spots: dict[int, list[Spot]] = defaultdict(list)
    for index, (cell, its_tokens) in enumerate(zip(code.cells, tokens)):
        text, line_of = normalised(cell, its_tokens, kept)
        k = settings.SIMILARITY.kgram  # copydetect's defaults, see settings
        if len(text) < k:
            continue  # too short to be evidence of anything (copydetect's noise threshold)
        hashes, starts = winnow(hashed_kgrams(text, k), settings.SIMILARITY.window, remove_duplicates=False)
        for value, start in zip(hashes.tolist(), starts.tolist()):
            spots[value].append(Spot(index, line_of[start], line_of[start + k - 1]))
    return Fingerprints(code.student_id, dict(spots))


def normalised(cell: Cell, tokens: list[tuple[object, str, int]], kept: frozenset[str]) -> tuple[str, list[int]]:
    """The cell's own lines as normalised text, and the source line of each of its characters."""
    pieces, line_of = [], []
    parameters: dict[str, str] = {}
    previous = ""  # the last significant token, own line or not
    for index, (kind, value, line) in enumerate(tokens):
        if kind in Text or kind in Comment:
            continue
        if kind in Keyword and value == "def":
            parameters = _parameters(tokens, index)
        piece = _normal_form(kind, value, previous, parameters, kept)
        previous = value
        if line in cell.own:
            pieces.append(piece)
            line_of.extend([line] * len(piece))
    return "".join(pieces), line_of


def _normal_form(kind, value: str, previous: str, parameters: dict[str, str], kept: frozenset[str]) -> str:
    if kind not in Name or any(kind in kept_type for kept_type in KEPT_NAME_TYPES):
        return value
    if previous == ".":
        return value  # an attribute: np.dot, list.append
    if kind in Name.Function or kind in Name.Class:
        return "F"
    if value in parameters:
        return parameters[value]
    if value in kept:
        return value
    return "V"


def _parameters(tokens: list[tuple[object, str, int]], def_index: int) -> dict[str, str]:
    """The parameters of the def starting at tokens[def_index], by name -> positional mark."""
    found, depth, previous = {}, 0, ""
    for kind, value, _ in tokens[def_index + 1:]:
        if kind in Text or kind in Comment:
            continue
        if value in ("(", "[", "{"):
            depth += 1
        elif value in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                break
        elif depth == 1 and kind in Name and previous in ("(", ",", "*", "**"):
            found.setdefault(value, PARAMETER_MARKS[min(len(found), len(PARAMETER_MARKS) - 1)])
        previous = value
    return found


def cell_tokens(cell: Cell) -> list[tuple[object, str, int]]:
    """(token type, text, 1-based line) of the whole cell: the template's lines too, since a
    `def` line tells which names are parameters."""
    result, line = [], 1
    for _, kind, value in _LEXER.get_tokens_unprocessed("\n".join(cell.lines)):
        result.append((kind, value, line))
        line += value.count("\n")
    return result


def _imported_names(cells: list[list[tuple[object, str, int]]]) -> frozenset[str]:
    """Names the student's own imports bind or mention (`from math import sqrt as root`)."""
    names, importing = set(), False
    for tokens in cells:
        for kind, value, _ in tokens:
            if kind in Keyword.Namespace and value in ("import", "from"):
                importing = True
            elif "\n" in value:
                importing = False
            elif importing and kind in Name:
                names.add(value)
    return frozenset(names)

