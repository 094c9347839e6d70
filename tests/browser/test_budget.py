"""Weight and speed of the playground pages, measured in Chromium against the loopback server.

Budget: a playground page transfers at most 5 MB in all (asserted) and becomes interactive within
2 s on loopback (measured and printed, not asserted: speed goals are not timed tests; only a
generous sanity bound is checked). "Interactive" is the moment every playground of the page has
drawn its figure and numbers. The figures go to test-output/browser-budget.txt and to the end of
the pytest output.
"""
from __future__ import annotations

import pytest

from browser_support import BUDGET_LINES, PLAYGROUND_PAGES, wait_until_settled

pytestmark = pytest.mark.browser

MAX_TRANSFER_BYTES = 5_000_000
SANITY_SECONDS = 10.0
REPORT_NAME = "browser-budget.txt"

# Records when the last playground of the page has drawn (performance.now(): ms since navigation).
READY_PROBE = """(() => {
    const wanted = %d;
    const check = () => {
        if (window.__playgroundsReadyAt !== undefined) return;
        if (document.querySelectorAll("[data-playground][data-inputs]").length >= wanted) {
            window.__playgroundsReadyAt = performance.now();
            observer.disconnect();
        }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-inputs"]});
})();"""


# The page's own bytes, after decompression, from the browser's resource timing.
DECODED_BYTES = """performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
    .reduce((sum, entry) => sum + (entry.decodedBodySize || 0), 0)"""


@pytest.mark.parametrize("page_name", list(PLAYGROUND_PAGES))
def test_playground_page_budget(book_server, chromium, test_output, page_name):
    wanted = len(PLAYGROUND_PAGES[page_name])
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # empty cache
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        # One CDP event per finished request (not per received chunk: thousands of Python
        # callbacks during the load would take CPU from the page being timed).
        transferred: dict[str, int] = {}
        cdp.on("Network.loadingFinished",
               lambda event: transferred.__setitem__(event["requestId"], event["encodedDataLength"]))
        page.add_init_script(READY_PROBE % wanted)
        page.goto(book_server.url(f"book/{page_name}.html"), wait_until="networkidle")
        wait_until_settled(page, wanted)
        ready_seconds = page.evaluate("window.__playgroundsReadyAt") / 1000
        decoded = page.evaluate(DECODED_BYTES)
    finally:
        context.close()

    total = sum(transferred.values())
    line = (f"book/{page_name}.html: {total / 1e6:.2f} MB transferred in {len(transferred)} requests "
            f"({decoded / 1e6:.2f} MB uncompressed), "
            f"{wanted} playground(s) interactive after {ready_seconds:.2f} s")
    BUDGET_LINES.append(line)
    report = test_output / REPORT_NAME
    report.write_text("\n".join(BUDGET_LINES) + "\n", encoding="utf-8")
    print(line)

    assert total <= MAX_TRANSFER_BYTES, line
    assert ready_seconds <= SANITY_SECONDS, line
