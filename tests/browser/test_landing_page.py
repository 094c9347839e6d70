"""The course's path on the landing page, as readers meet it: the drawing that fits the screen is
shown (the winding one on a desktop, the vertical one on a phone), its text is at least 12 px
tall on screen, and a stop opens its chapter, by mouse or by keyboard."""
from __future__ import annotations

import pytest

from browser_support import chapter_pages, toc_pages, wait_until_settled

pytestmark = pytest.mark.browser

ROOT = toc_pages()[0]
SHOWN = """() => [...document.querySelectorAll("nav.course-path svg")]
    .filter((svg) => svg.checkVisibility()).map((svg) => svg.getAttribute("class"))"""
# Smallest on-screen size of the drawing's text: its font size times the drawing's scale.
SMALLEST_TEXT_PX = """() => {
    const svg = [...document.querySelectorAll("nav.course-path svg")].find((s) => s.checkVisibility());
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll("text")].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


@pytest.mark.parametrize("width, drawing", [(1366, "course-path__wide"), (390, "course-path__narrow")])
def test_the_drawing_that_fits_is_shown_and_readable(chromium, book_server, width, drawing):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(book_server.url(f"{ROOT}.html"), wait_until="networkidle")
        wait_until_settled(page)
        assert page.evaluate(SHOWN) == [drawing]
        assert page.evaluate(SMALLEST_TEXT_PX) >= 12
    finally:
        context.close()


def test_a_stop_opens_its_chapter_by_mouse_and_by_keyboard(browser_context, book_server):
    page = browser_context.new_page()
    first, second = chapter_pages()[:2]
    stops = "nav.course-path svg.course-path__wide a.course-path__stop"
    page.goto(book_server.url(f"{ROOT}.html"), wait_until="networkidle")
    page.locator(stops).first.click()
    page.wait_for_url(f"**/{first}.html")
    page.go_back(wait_until="networkidle")
    stop = page.locator(stops).nth(1)
    stop.focus()
    assert stop.evaluate("el => el === document.activeElement"), "a stop cannot take the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{second}.html")
