"""The landing page's picture of the course's path, drawn at build time from _toc.yml
(book/_ext/course_path.py): both drawings (wide and phone) hold one stop per chapter of the numbered
parts, in the order of _toc.yml, numbered as the sidebar numbers them and titled as the chapter
is, each linking to its chapter; each exercise hangs under the chapter its notebook says it goes
with. The landing page no longer lists the chapters (it did, twice)."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from site_checks import toc_pages

REPO = Path(__file__).resolve().parents[1]
ROOT = toc_pages(REPO)[0]


def href(page: str) -> str:
    """The link to `page` from the landing page."""
    return posixpath.relpath(f"{page}.html", posixpath.dirname(ROOT))


def numbered_chapters() -> list[str]:
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    return [entry["file"] for part in toc.get("parts", []) if part.get("numbered")
            for entry in part["chapters"]]


def chapter_title(built_book: Path, page: str) -> str:
    """The chapter's heading as its page shows it, without its number."""
    page_html = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    heading = page_html.select_one("article h1")
    for extra in heading.select(".section-number, .headerlink"):
        extra.decompose()
    return heading.get_text(" ", strip=True)


def exercises_by_chapter_title() -> dict[str, str]:
    """Each exercise notebook's own statement of its chapter: 'goes with the chapter **Title**'."""
    found = {}
    for page in toc_pages(REPO):
        path = REPO / f"{page}.ipynb"
        if path.is_file():
            first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
            match = re.search(r"goes with the chapter \*\*(.+?)\*\*", first)
            assert match, f"{page} does not say which chapter it goes with"
            found[match.group(1)] = page
    return found


@pytest.fixture(scope="module")
def landing(built_book):
    return BeautifulSoup((built_book / f"{ROOT}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_every_chapter_is_a_stop_in_order(built_book, landing, layout):
    drawing = landing.select_one(f"nav.course-path svg.course-path__{layout}")
    assert drawing is not None, f"no {layout} drawing of the course's path"
    stops = drawing.select("a.course-path__stop")
    chapters = numbered_chapters()
    assert [stop["href"] for stop in stops] == [href(page) for page in chapters]
    for number, (stop, page) in enumerate(zip(stops, chapters), 1):
        assert stop.select_one(".course-path__number").get_text() == str(number)
        title = " ".join(stop.select_one(".course-path__title").stripped_strings)
        expected = chapter_title(built_book, page)
        assert title == expected, f"stop {number}: {title!r}, the chapter is {expected!r}"


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_each_exercise_hangs_under_its_chapter(built_book, landing, layout):
    drawing = landing.select_one(f"nav.course-path svg.course-path__{layout}")
    titles = [chapter_title(built_book, page) for page in numbered_chapters()]
    expected = {href(page): f"Graded exercise of chapter {titles.index(title) + 1}"
                for title, page in exercises_by_chapter_title().items()}
    shown = {link["href"]: link["aria-label"] for link in drawing.select("a.course-path__exercise")}
    assert shown == expected
    assert len(shown) == len(exercises_by_chapter_title()) > 0


def test_the_landing_page_no_longer_lists_the_chapters(landing):
    article = landing.select_one("article")
    # sphinx-external-toc leaves empty (hidden) toctree wrappers; a {tableofcontents} fills one.
    assert article.select(".toctree-wrapper li") == [], "the {tableofcontents} list is still there"
    chapters = {href(page) for page in numbered_chapters()}
    outside = [a["href"] for a in article.select("a[href]")
               if a["href"].split("#")[0] in chapters and not a.find_parent("nav", class_="course-path")]
    assert outside == [], f"chapters linked outside the picture: {outside}"
