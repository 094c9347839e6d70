"""axe-core (vendored from npm, injected by the test) finds no serious or critical violation on
the landing page (with the course's path) and any chapter page, playgrounds and maths included, at
a desktop width and at a phone's width (where maths, tables and code scroll sideways and must
be reachable by keyboard)."""
from __future__ import annotations

import pytest

from browser_support import AXE_JS, PLAYGROUND_PAGES, chapter_pages, toc_pages, wait_until_settled

pytestmark = pytest.mark.browser

# preload: false keeps axe from re-fetching stylesheets itself (it resolves their @imports against
# the page URL, which 404s); the rules that matter here read the live DOM and computed styles.
RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"], preload: false});
    return result.violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => `${v.impact} ${v.id}: ${v.help} -- ` +
                  v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(" | "));
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page_name", [toc_pages()[0], *chapter_pages()])
def test_no_serious_accessibility_violations(book_server, probed_page, page_name, width):
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `python scripts/vendor_web_assets.py`")
    page, _ = probed_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(book_server.url(f"{page_name}.html"), wait_until="networkidle")
    wait_until_settled(page, len(PLAYGROUND_PAGES.get(page_name.removeprefix("book/"), [])))
    page.wait_for_timeout(300)  # site.js makes scrolling formulas keyboard stops 100 ms after the last change
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(RUN_AXE)
    assert not violations, f"{page_name} at {width} px:\n" + "\n".join(violations)
