"""Every page of the built book loads offline: no console error (sphinx-thebe's "Identifier
'THEBE_JS_URL' has already been declared" included), no failed request, no request to another host
(the probe aborts those), whether or not the page holds playgrounds or maths; and every page names
a favicon that the book serves (the root redirect page an inline empty one), so no browser asks
for a missing /favicon.ico."""
from __future__ import annotations

import urllib.request
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

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


@pytest.mark.parametrize("page_name", PAGES)
def test_page_names_a_favicon_the_book_serves(book_server, page_name):
    # Read as served, not in the browser: the root page redirects at once.
    url = book_server.url(f"{page_name}.html")
    with urllib.request.urlopen(url, timeout=10) as response:
        link = BeautifulSoup(response.read(), "html.parser").find("link", rel="icon")
    assert link is not None, f"{page_name}.html names no favicon: browsers ask for /favicon.ico (404)"
    if page_name == "index":
        # The redirect page is left at once: an inline empty icon, so that nothing is requested.
        assert link["href"] == "data:,", f"index.html: favicon {link['href']}"
        return
    with urllib.request.urlopen(urljoin(url, link["href"]), timeout=10) as icon:
        assert icon.status == 200 and icon.headers["Content-Type"].startswith("image/"), (
            f"{page_name}.html: favicon {link['href']} served as {icon.headers['Content-Type']}")
