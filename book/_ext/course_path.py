"""Sphinx extension: the `{course-path}` directive, a picture of the course's path.

The picture is drawn at build time from the table of contents (`_toc.yml`): every chapter of the
numbered parts, in order, as a numbered stop on one line that links to the chapter, and under a
chapter the graded exercise that goes with it. An exercise is a page of an unnumbered part whose
source is a notebook (`.ipynb`); it goes with the chapter whose title its first paragraph names in
bold ("This graded notebook goes with the chapter **The dot product**"). An exercise that names no
chapter is a build warning, so the picture cannot silently drop one.

Two inline SVGs are written: a winding line of four stops per row for wide columns and a vertical
line for phones; `site.css` shows the one that fits the column. Their colours are the theme's CSS
variables, so the picture follows light and dark mode, and its text is real, selectable text.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT = 16  # px in the SVG's own units; see site.css for the widths at which each layout is shown
CHAR_WIDTH = 0.58 * FONT  # a generous average for the theme's sans-serif
LINE = 21
RADIUS = 22
EXERCISE_LABEL = "\u270e Graded exercise"


class course_path(nodes.General, nodes.Element):
    """Placeholder replaced by the picture once every page's title is known."""


class CoursePathDirective(Directive):
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        env.course_path_docs = getattr(env, "course_path_docs", set()) | {env.docname}
        return [course_path()]


def redraw_with_any_change(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The picture shows every chapter's title: the pages holding it are read and written again
    whenever any page is added, changed or removed."""
    if not (added or changed or removed):
        return []
    return sorted(getattr(env, "course_path_docs", set()) & env.found_docs)


def forget_page(app: Sphinx, env, docname: str) -> None:
    getattr(env, "course_path_docs", set()).discard(docname)


def merge_pages(app: Sphinx, env, docnames, other) -> None:
    env.course_path_docs = getattr(env, "course_path_docs", set()) | getattr(other, "course_path_docs", set())


@dataclass
class Stop:
    number: str
    title: str
    href: str
    exercise_href: str | None = None
    part: str | None = None  # shown above the stop that opens a part, when there are several


def wrap(text: str, width_px: float) -> list[str]:
    """Greedy word wrap for SVG text, which does not wrap by itself."""
    per_line = max(8, int(width_px / CHAR_WIDTH))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= per_line:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text(x: float, y: float, lines: list[str], css: str, anchor: str = "middle") -> str:
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" x="{x:g}" y="{y:g}" text-anchor="{anchor}">{spans}</text>'


def _stop_link(stop: Stop, cx: float, cy: float, title_svg: str) -> str:
    label = html.escape(f"Chapter {stop.number}: {stop.title}")
    return (
        f'<a class="course-path__stop" href="{html.escape(stop.href)}" aria-label="{label}">'
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{RADIUS}"/>'
        f'<text class="course-path__number" x="{cx:g}" y="{cy + FONT * 0.36:g}" '
        f'text-anchor="middle">{html.escape(stop.number)}</text>{title_svg}</a>'
    )


def _exercise_link(stop: Stop, x: float, y: float, anchor: str) -> str:
    if not stop.exercise_href:
        return ""
    label = html.escape(f"Graded exercise of chapter {stop.number}")
    return (
        f'<a class="course-path__exercise" href="{html.escape(stop.exercise_href)}" '
        f'aria-label="{label}">{_text(x, y, [EXERCISE_LABEL], "course-path__exercise-text", anchor)}</a>'
    )


def _svg(width: float, height: float, body: str, layout: str) -> str:
    return (
        f'<svg class="course-path__{layout}" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def wide_svg(stops: list[Stop], columns: int = 4) -> str:
    """A winding line: left to right, then right to left, `columns` stops per row."""
    column_width, margin = 180, 10
    width = 2 * margin + columns * column_width
    rows = [stops[i:i + columns] for i in range(0, len(stops), columns)]
    body, centres, y = [], [], 0.0
    for r, row in enumerate(rows):
        top = y + (LINE + 6 if any(stop.part for stop in row) else 8)
        cy = top + RADIUS
        tallest = 0.0
        for c, stop in enumerate(row):
            column = c if r % 2 == 0 else columns - 1 - c
            cx = margin + column_width * (column + 0.5)
            centres.append((cx, cy))
            lines = wrap(stop.title, column_width - 30)
            title_y = cy + RADIUS + LINE + 2
            title = _text(cx, title_y, lines, "course-path__title")
            part = _text(cx, cy - RADIUS - 10, [stop.part], "course-path__part") if stop.part else ""
            exercise_y = title_y + len(lines) * LINE + 4
            body.append(part + _stop_link(stop, cx, cy, title) + _exercise_link(stop, cx, exercise_y, "middle"))
            tallest = max(tallest, exercise_y - y + (LINE if stop.exercise_href else 0))
        y += tallest + 10
    body.insert(0, _line_path(centres, width, margin))
    return _svg(width, y, "".join(body), "wide")


def _line_path(centres: list[tuple[float, float]], width: float, margin: float) -> str:
    """The line through the stops; between rows it turns outside the outermost column's text."""
    if not centres:
        return ""
    d = [f"M{centres[0][0]:g},{centres[0][1]:g}"]
    bend = 14.0
    for (x0, y0), (x1, y1) in zip(centres, centres[1:]):
        if y1 == y0:
            d.append(f"L{x1:g},{y1:g}")
            continue
        side = width - margin / 2 if x0 > width / 2 else margin / 2
        towards = 1 if side > x0 else -1
        d.append(
            f"L{side - towards * bend:g},{y0:g} Q{side:g},{y0:g} {side:g},{y0 + bend:g} "
            f"L{side:g},{y1 - bend:g} Q{side:g},{y1:g} {side - towards * bend:g},{y1:g} L{x1:g},{y1:g}"
        )
    return f'<path class="course-path__line" aria-hidden="true" d="{" ".join(d)}"/>'


def narrow_svg(stops: list[Stop]) -> str:
    """A vertical line for narrow columns, titles to the right of the stops."""
    width, cx, text_x = 360, 30, 66
    body, centres, y = [], [], 6.0
    for stop in stops:
        if stop.part:
            body.append(_text(text_x, y + LINE - 4, [stop.part], "course-path__part", "start"))
            y += LINE + 4
        lines = wrap(stop.title, width - text_x - 8)
        # The title and the exercise line, as one block centred on the stop.
        block = (len(lines) + (1 if stop.exercise_href else 0)) * LINE
        cy = y + max(RADIUS, block / 2)
        centres.append((cx, cy))
        title_y = cy - block / 2 + 0.75 * LINE
        title = _text(text_x, title_y, lines, "course-path__title", "start")
        exercise_y = title_y + len(lines) * LINE
        body.append(_stop_link(stop, cx, cy, title) + _exercise_link(stop, text_x, exercise_y, "start"))
        y = cy + max(RADIUS, block / 2) + 14
    if centres:
        body.insert(0, f'<path class="course-path__line" aria-hidden="true" '
                       f'd="M{cx},{centres[0][1]:g} L{cx},{centres[-1][1]:g}"/>')
    return _svg(width, y, "".join(body), "narrow")


def _exercise_chapter(app: Sphinx, exercise: str, chapter_titles: dict[str, str]) -> str | None:
    """The chapter an exercise names in bold in its first paragraph."""
    doctree = app.env.get_doctree(exercise)
    paragraph = next(iter(doctree.findall(nodes.paragraph)), None)
    if paragraph is None:
        return None
    named = {strong.astext().strip() for strong in paragraph.findall(nodes.strong)}
    return next((doc for doc, title in chapter_titles.items() if title in named), None)


def course_stops(app: Sphinx, fromdocname: str) -> list[Stop]:
    site_map = app.env.external_site_map
    parts = site_map.root.subtrees
    numbered = [part for part in parts if part.numbered]
    titles = {doc: app.env.titles[doc].astext() for doc in app.env.titles}
    uri = app.builder.get_relative_uri
    stops: list[Stop] = []
    by_doc: dict[str, Stop] = {}
    for part in numbered:
        for i, doc in enumerate(part.files()):
            number = ".".join(map(str, app.env.toc_secnumbers.get(doc, {}).get("", ()))) or str(len(stops) + 1)
            stop = Stop(number, titles[doc], uri(fromdocname, doc),
                        part=part.caption if len(numbered) > 1 and i == 0 else None)
            stops.append(stop)
            by_doc[doc] = stop
    chapter_titles = {doc: titles[doc] for doc in by_doc}
    for part in parts:
        if part.numbered:
            continue
        for doc in part.files():
            if Path(app.env.doc2path(doc)).suffix != ".ipynb":
                continue
            chapter = _exercise_chapter(app, doc, chapter_titles)
            if chapter is None:
                logger.warning(f"course-path: the exercise {doc} names no chapter in bold in its "
                               f"first paragraph, so the course's path cannot show it",
                               location=fromdocname)
            else:
                by_doc[chapter].exercise_href = uri(fromdocname, doc)
    return stops


def render_course_path(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    for placeholder in list(doctree.findall(course_path)):
        stops = course_stops(app, fromdocname)
        picture = (
            '<nav class="course-path" aria-label="The course\'s path, chapter by chapter">'
            f"{wide_svg(stops)}{narrow_svg(stops)}</nav>"
        )
        placeholder.replace_self(nodes.raw("", picture, format="html"))


def setup(app: Sphinx) -> dict:
    app.add_node(course_path)
    app.add_directive("course-path", CoursePathDirective)
    app.connect("doctree-resolved", render_course_path)
    app.connect("env-get-outdated", redraw_with_any_change)
    app.connect("env-purge-doc", forget_page)
    app.connect("env-merge-info", merge_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
