"""Every page of the built book loads offline: no console error, no failed request, no request to
another host (the probe aborts those), whether or not the page holds playgrounds or maths."""
from __future__ import annotations

import pytest

from browser_support import PLAYGROUND_PAGES, toc_pages, wait_until_settled

pytestmark = pytest.mark.browser

# The toc pages, the root redirect and Sphinx's generated pages.
PAGES = ["index", *toc_pages(), "genindex", "search"]


@pytest.mark.parametrize("page_name", PAGES)
def test_page_loads_offline_without_errors(book_server, probed_page, page_name):
    page, probe = probed_page
    playgrounds = len(PLAYGROUND_PAGES.get(page_name.removeprefix("book/"), []))
    response = page.goto(book_server.url(f"{page_name}.html"), wait_until="networkidle")
    assert response is not None and response.ok, f"{page_name}.html: HTTP {response and response.status}"
    wait_until_settled(page, playgrounds)
    problems = probe.problems()
    assert not problems, f"{page_name}.html:\n" + "\n".join(problems)
