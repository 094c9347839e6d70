"""OUT/similarity.html: one self-contained page (inline CSS and SVG, no script, nothing fetched).

It says first that similarity is a reason to look, not evidence; then the distribution of every
pair's score, the ranked pairs, and for each pair the passages that drove its score and both
students' code side by side, shared lines highlighted by how rare they are.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pygments.formatters import HtmlFormatter
from pygments.token import STANDARD_TYPES

from autograder import settings
from autograder.similarity.csv_report import shared_line_count, span_text
from autograder.similarity.extract import StudentCode
from autograder.similarity.fingerprint import cell_tokens
from autograder.similarity.passages import PairDetail

TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class Line:
    number: int
    html: Markup
    shade: str  # rare, uncommon, common (shared but counted as nothing), own, given (template)
    marks: tuple[int, ...]  # numbers of the driving passages that start on this line


@dataclass(frozen=True)
class CellView:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PairView:
    rank: int
    anchor: str
    detail: PairDetail
    shared_a: int
    shared_b: int
    drivers: tuple[str, ...]
    common: tuple[str, ...]
    cells_a: tuple[CellView, ...]
    cells_b: tuple[CellView, ...]
    below_threshold: bool


@dataclass(frozen=True)
class ReportFacts:
    assignment: str
    students: int  # student folders found
    compared: int  # students with code of their own
    pairs: int
    threshold: float
    flagged: int
    typical_size: float
    nothing_own: tuple[str, ...]  # students whose notebook holds nothing beyond the template
    not_compared: tuple[tuple[str, str], ...]  # (student, why)
    warnings: tuple[str, ...]


def write_html(path: Path, facts: ReportFacts, pairs: list[PairDetail], code: dict[str, StudentCode],
               distribution_svg: str) -> None:
    views = [pair_view(rank, pair, code, facts) for rank, pair in enumerate(pairs, 1)]
    environment = Environment(loader=FileSystemLoader(Path(__file__).parent),
                              autoescape=select_autoescape(["j2"]), trim_blocks=True, lstrip_blocks=True)
    page = environment.get_template(TEMPLATE).render(
        facts=facts, pairs=views, plot=Markup(distribution_svg), code_style=Markup(_code_style()))
    path.write_text(page, encoding="utf-8")


def pair_view(rank: int, pair: PairDetail, code: dict[str, StudentCode], facts: ReportFacts) -> PairView:
    a, b = code[pair.a], code[pair.b]
    drivers = pair.drivers[:settings.SIMILARITY.passages_shown]
    marks_a: dict[tuple[int, int], list[int]] = {}
    marks_b: dict[tuple[int, int], list[int]] = {}
    texts = []
    for number, passage in enumerate(drivers, 1):
        marks_a.setdefault((passage.in_a.cell, passage.in_a.first), []).append(number)
        for span in passage.in_b:
            marks_b.setdefault((span.cell, span.first), []).append(number)
        where_b = ", ".join(span_text(span, b) for span in passage.in_b)
        texts.append(f"{span_text(passage.in_a, a)} ↔ {where_b}: {passage.share:.0%} of the score; "
                     f"its rarest part was written by {passage.holders} of {facts.compared} students")
    common = tuple(f"{span_text(p.in_a, a)}, written by {p.holders} of {facts.compared} students"
                   for p in pair.passages if p.weight == 0)[:settings.SIMILARITY.passages_shown]
    return PairView(rank, f"pair-{rank}", pair, shared_line_count(pair.lines_a, a),
                    shared_line_count(pair.lines_b, b), tuple(texts), common,
                    _cells(a, pair.lines_a, marks_a), _cells(b, pair.lines_b, marks_b),
                    pair.score < facts.threshold)


def _cells(code: StudentCode, shared: dict[tuple[int, int], float],
           marks: dict[tuple[int, int], list[int]]) -> tuple[CellView, ...]:
    views = []
    for index, cell in enumerate(code.cells):
        rendered = _highlighted_lines(cell)
        lines = []
        for number, html in enumerate(rendered, 1):
            own = number in cell.own
            if not own and not cell.lines[number - 1].lstrip().startswith("def "):
                continue  # template lines (docstrings, markers) are left out; signatures kept
            weight = shared.get((index, number)) if number in cell.code_lines else None
            lines.append(Line(number, html, _shade(own, weight),
                              tuple(marks.get((index, number), ()))))
        views.append(CellView(cell.title, tuple(lines)))
    return tuple(views)


def _shade(own: bool, weight: float | None) -> str:
    if not own:
        return "given"
    if weight is None:
        return "own"
    if weight >= settings.SIMILARITY.rare_weight:
        return "rare"
    return "uncommon" if weight > 0 else "common"


def _highlighted_lines(cell) -> list[Markup]:
    """Each source line as HTML with pygments' token classes, one line at a time."""
    lines: list[list[str]] = [[]]
    for kind, value, _ in cell_tokens(cell):
        css = _css_class(kind)
        for index, piece in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if piece:
                escaped = Markup.escape(piece)
                lines[-1].append(f'<span class="{css}">{escaped}</span>' if css else str(escaped))
    lines += [[] for _ in range(len(cell.lines) - len(lines))]
    return [Markup("".join(parts)) for parts in lines[:len(cell.lines)]]


def _css_class(kind) -> str:
    while kind not in STANDARD_TYPES:
        kind = kind.parent
    return STANDARD_TYPES[kind]


def _code_style() -> str:
    return HtmlFormatter(style="default").get_style_defs(".code")
