"""Every page of _toc.yml at a desktop width (1366 px), at a phone's width (390 px) and in dark mode.

One load per page and view checks:
- no console error, failed request or request to another host, in every view (PageProbe);
- exactly one search control in sight: the sidebar's search field on a desktop, the header's search
  icon on a phone (the theme used to add a second field in a header bar);
- at 390 px, nothing is wider than the screen unless it sits in a sideways scroller that itself fits
  on the screen (display maths, an inline formula too wide for its line, a wide table, code); the
  page itself never scrolls sideways, and nothing is cut off by a box that hides its overflow;
- in dark mode, the theme is dark.
The landing page and every chapter are saved as full-page screenshots for a reviewer to read:
test-output/screenshots/layout/<page>--<view>.png.
"""
from __future__ import annotations

import pytest

from browser_support import PLAYGROUND_PAGES, PageProbe, chapter_pages, toc_pages, wait_until_settled

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWS = {
    "1366": {"viewport": {"width": 1366, "height": 900}},
    "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "dark": {"viewport": {"width": 1366, "height": 900}, "color_scheme": "dark"},
}
ROOT = toc_pages()[0]
SCREENSHOT_PAGES = {ROOT, *chapter_pages()}

# Outermost visible elements that stick out of the screen sideways and are not inside a scroller
# (overflow-x auto or scroll) that fits on the screen. Visually hidden text (clipped to a pixel for
# screen readers, such as MathJax's copy of each formula) does not count.
OFF_SCREEN = """() => {
    const width = document.documentElement.clientWidth;
    const fits = (box) => box.left >= -1 && box.right <= width + 1;
    const scrollsSideways = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const visuallyHidden = (el) => {
        for (let node = el; node && node !== document.body; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (["absolute", "fixed"].includes(style.position) && style.clip !== "auto") return true;
        }
        return false;
    };
    const offenders = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        const box = el.getBoundingClientRect();
        if ((box.width === 0 && box.height === 0) || fits(box) || visuallyHidden(el)) continue;
        let scroller = el.parentElement;
        while (scroller && scroller !== document.body && !scrollsSideways(scroller)) scroller = scroller.parentElement;
        if (scroller && scroller !== document.body && fits(scroller.getBoundingClientRect())) continue;
        offenders.push(el);
    }
    const describe = (el) => {
        const box = el.getBoundingClientRect();
        const classes = el.classList.length ? "." + [...el.classList].join(".") : "";
        const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
        return `${el.tagName.toLowerCase()}${classes} from x=${Math.round(box.left)} to ${Math.round(box.right)}: ${text}`;
    };
    return {
        pageWidth: document.documentElement.scrollWidth,
        screenWidth: width,
        offenders: offenders.filter((el) => !offenders.some((o) => o !== el && o.contains(el))).map(describe),
    };
}"""

# Search controls a reader can see (the theme's search field, search icon, or a search form).
VISIBLE_SEARCH_CONTROLS = """() => [...document.querySelectorAll(
        ".search-button-field, .search-button, form.bd-search")]
    .filter((el) => el.checkVisibility({visibilityProperty: true}) && !el.closest("dialog:not([open])"))
    .filter((el) => { const box = el.getBoundingClientRect();
                      return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight; })
    .map((el) => el.className)"""


@pytest.fixture
def view_page(chromium, request):
    """A fresh context in the requested view, and a probed page in it."""
    context = chromium.new_context(**VIEWS[request.param])
    page = context.new_page()
    probe = PageProbe()
    probe.attach(page)
    yield page, probe
    context.close()


@pytest.mark.parametrize("view_page", list(VIEWS), indirect=True, ids=lambda view: view)
@pytest.mark.parametrize("page_name", toc_pages())
def test_page_in_each_view(book_server, view_page, screenshot_dir, page_name, request):
    page, probe = view_page
    view = request.node.callspec.params["view_page"]
    playgrounds = len(PLAYGROUND_PAGES.get(page_name.removeprefix("book/"), []))
    response = page.goto(book_server.url(f"{page_name}.html"), wait_until="networkidle")
    assert response is not None and response.ok, f"{page_name}.html: HTTP {response and response.status}"
    wait_until_settled(page, playgrounds)
    # site.js marks sideways scrollers 100 ms after the last change to the page.
    page.wait_for_timeout(300)

    problems = probe.problems()
    assert not problems, f"{page_name} ({view}):\n" + "\n".join(problems)

    searches = page.evaluate(VISIBLE_SEARCH_CONTROLS)
    assert len(searches) == 1, f"{page_name} ({view}): {len(searches)} search controls in sight: {searches}"

    if view == "390":
        layout = page.evaluate(OFF_SCREEN)
        assert layout["pageWidth"] <= layout["screenWidth"], (
            f"{page_name}: the page scrolls sideways ({layout['pageWidth']} px on a "
            f"{layout['screenWidth']} px screen)")
        assert not layout["offenders"], (
            f"{page_name}: wider than the {layout['screenWidth']} px screen and not in a sideways "
            "scroller:\n" + "\n".join(layout["offenders"]))
    if view == "dark":
        assert page.evaluate("document.documentElement.dataset.theme") == "dark", (
            f"{page_name}: the theme ignores the reader's dark colour scheme")

    if page_name in SCREENSHOT_PAGES:
        folder = screenshot_dir / "layout"
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / f"{page_name.replace('/', '-')}--{view}.png"), full_page=True)
