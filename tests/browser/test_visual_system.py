"""One visual system, checked in Chromium on the built book:

- every figure of a chapter is an SVG described by its alt text (not named by a file path);
- playgrounds and figures change with the theme's dark mode, and stay readable in both modes;
- no text in a playground is under 12 px, on a desktop or a phone; none in a figure on a desktop;
- drag handles take touches within 44 px, on a phone;
- the labels of a playground or a figure do not overlap each other and are not cut off.
"""
from __future__ import annotations

import re

import pytest

from browser_support import PLAYGROUND_PAGES, REPO, chapter_pages, contrast, wait_until_settled

pytestmark = pytest.mark.browser

MIN_TEXT_PX = 12
TOUCH_PX = 44
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FIGURE_PAGES = [page for page in chapter_pages()
                if "show_figure(" in (REPO / f"{page}.md").read_text(encoding="utf-8")]

# The accessible description of every figure output of the page: an <img>'s alt, an SVG's title.
FIGURES = """() => [...document.querySelectorAll(".cell_output img, .cell_output svg.la-figure-svg")].map(f => ({
    tag: f.tagName.toLowerCase(),
    source: f.tagName === "IMG" ? f.getAttribute("src") : "inline",
    name: f.tagName === "IMG" ? f.getAttribute("alt")
        : (document.getElementById(f.getAttribute("aria-labelledby")) || {}).textContent,
    role: f.getAttribute("role"),
}))"""

# Text under 12 px inside `selector`: SVG text at its rendered size (font size times the SVG's
# scale; for mathtext, the largest part of a label), HTML text at its computed size.
SMALL_TEXT = """([selector, limit]) => {
    const small = [];
    for (const root of document.querySelectorAll(selector)) {
        for (const text of root.querySelectorAll("text")) {
            if (!text.textContent.trim() || !text.getClientRects().length) continue;
            const sizes = [text, ...text.querySelectorAll("tspan")].map(e => parseFloat(getComputedStyle(e).fontSize));
            const m = text.getScreenCTM();
            const px = Math.max(...sizes) * Math.hypot(m.a, m.b);
            if (px < limit - 0.05) small.push(`svg text "${text.textContent.trim()}": ${px.toFixed(1)} px`);
        }
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const element = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || element.closest("svg") || !element.getClientRects().length) continue;
            const px = parseFloat(getComputedStyle(element).fontSize);
            if (px < limit - 0.05) small.push(`"${walker.currentNode.textContent.trim()}": ${px} px`);
        }
    }
    return small;
}"""


def open_page(context, book_server, page_name, theme="light"):
    page = context.new_page()
    # The theme's own setting (pydata-sphinx-theme keeps the reader's choice in localStorage "mode").
    page.add_init_script(f"localStorage.setItem('mode', '{theme}')")
    page.goto(book_server.url(f"{page_name}.html"), wait_until="networkidle")
    wait_until_settled(page, len(PLAYGROUND_PAGES.get(page_name.removeprefix("book/"), [])))
    return page


def on_playground_pages(chromium, book_server, viewport, probe, **context_options) -> list[str]:
    """Run ``probe(page)`` (a list of problems) on every playground page, in a fresh context."""
    context = chromium.new_context(viewport=viewport, **context_options)
    problems = []
    try:
        for page_name in PLAYGROUND_PAGES:
            page = open_page(context, book_server, f"book/{page_name}")
            problems += [f"{page_name}: {problem}" for problem in probe(page)]
            page.close()
    finally:
        context.close()
    return problems


# Every chapter page: a page whose figures are PNG images (not made by show_figure) fails here.
@pytest.mark.parametrize("page_name", chapter_pages())
def test_figures_are_svg_described_by_their_alt_text(book_server, browser_context, page_name):
    page = open_page(browser_context, book_server, page_name)
    figures = page.evaluate(FIGURES)
    source = (REPO / f"{page_name}.md").read_text(encoding="utf-8")
    assert len(figures) == source.count("show_figure("), f"{page_name}: {figures}"
    for figure in figures:
        assert figure["tag"] == "svg" and figure["role"] == "img", f"{page_name}: a figure is not an SVG: {figure}"
        name = (figure["name"] or "").strip()
        assert len(name.split()) >= 4, f"{page_name}: a figure is not described: {figure}"
        assert not re.search(r"\.(png|svg|jpe?g)\b|_images/|/", name.split()[0]), f"{page_name}: alt is a path: {name}"


# What the theme's mode changes: a colour of each kind of thing, read from the computed styles.
THEMED_COLOURS = """() => {
    const colour = (element, property) => element ? getComputedStyle(element)[property] : null;
    const samples = {page: colour(document.body, "backgroundColor")};
    document.querySelectorAll("[data-playground]").forEach((root, i) => {
        const name = root.dataset.playground;
        samples[`${name} readout text`] = colour(root.querySelector(".la-side, .la-readouts"), "color");
        samples[`${name} svg text`] = colour(root.querySelector("svg text"), "fill");
        samples[`${name} drawn line`] = colour(root.querySelector(".la-arrow line, .la-axis"), "stroke");
        samples[`${name} slider label`] = colour(root.closest(".la-playground-box").querySelector(".widget-label"), "color");
        const cell = root.querySelector(".la-heatmap rect");
        if (cell) samples[`${name} heat cell`] = colour(cell, "fill");
    });
    document.querySelectorAll("svg.la-figure-svg").forEach((svg, i) => {
        samples[`figure ${i} text`] = colour(svg.querySelector("text"), "fill");
    });
    // What a playground does not draw (a heat map has no arrows) is left out.
    return Object.fromEntries(Object.entries(samples).filter(([, value]) => value !== null));
}"""


@pytest.mark.parametrize("page_name", sorted(set(FIGURE_PAGES) | {f"book/{p}" for p in PLAYGROUND_PAGES}))
def test_playgrounds_and_figures_follow_dark_mode(book_server, browser_context, screenshot_dir, page_name):
    page = open_page(browser_context, book_server, page_name)
    light = page.evaluate(THEMED_COLOURS)
    # The reader switches with the theme's own button (it cycles light, dark, auto).
    for _ in range(3):
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        page.locator("button.theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.wait_for_timeout(100)  # the playgrounds redraw what JavaScript colours (heat maps)
    dark = page.evaluate(THEMED_COLOURS)
    assert light.keys() == dark.keys() and len(light) > 1, f"{page_name}: nothing themed found"
    for what in light:
        assert dark[what] != light[what], f"{page_name}: {what} keeps {light[what]} in dark mode"
    for samples, mode in ((light, "light"), (dark, "dark")):
        for what, colour in samples.items():
            if what.endswith(("text", "label")):
                assert contrast(colour, samples["page"]) >= 4.5, f"{page_name}, {mode}: {what} {colour} on {samples['page']}"
    if page_name.removeprefix("book/") in PLAYGROUND_PAGES:
        page.locator(".la-playground-box").first.screenshot(
            path=str(screenshot_dir / f"{page_name.removeprefix('book/')}--dark.png"))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_playground_text_under_12_px(book_server, chromium, viewport):
    problems = on_playground_pages(chromium, book_server, viewport,
                                   lambda page: page.evaluate(SMALL_TEXT, [".la-playground-box", MIN_TEXT_PX]))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_no_figure_text_under_12_px_on_a_desktop(book_server, chromium, page_name):
    context = chromium.new_context(viewport=DESKTOP)
    try:
        page = open_page(context, book_server, page_name)
        problems = page.evaluate(SMALL_TEXT, ["svg.la-figure-svg", MIN_TEXT_PX])
    finally:
        context.close()
    assert not problems, f"{page_name}:\n" + "\n".join(problems)


# For every drag handle (the playgrounds' and the sliders'), the element found 21 px from its centre
# in each direction: it must be the handle itself, or another handle at most 44 px away (handles
# that meet share the spot).
TOUCH_PROBE = """(reach) => {
    const handles = [...document.querySelectorAll(".la-handle, .la-playground-box .noUi-handle")];
    const centre = (h) => {
        const r = (h.querySelector(".la-handle-ring") || h).getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
    };
    const problems = [];
    for (const handle of handles) {
        handle.scrollIntoView({block: "center"});
        const [x, y] = centre(handle);
        for (const [dx, dy] of [[reach, 0], [-reach, 0], [0, reach], [0, -reach]]) {
            const hit = document.elementFromPoint(x + dx, y + dy);
            const owner = hit && hit.closest(".la-handle, .noUi-handle");
            if (owner === handle) continue;
            if (owner && Math.hypot(...centre(owner).map((c, i) => c - centre(handle)[i])) <= 2 * reach + 2) continue;
            const label = handle.getAttribute("aria-label") || handle.className.baseVal || handle.className;
            problems.push(`${label}: (${dx}, ${dy}) from its centre is ${hit ? hit.tagName + "." + (hit.className.baseVal ?? hit.className) : "nothing"}`);
        }
    }
    return {count: handles.length, problems};
}"""


def test_handles_take_touches_within_44_px_on_a_phone(book_server, chromium):
    counted = []

    def probe(page):
        result = page.evaluate(TOUCH_PROBE, TOUCH_PX // 2 - 1)
        counted.append(result["count"])
        heights = page.locator(".la-buttons button").evaluate_all("bs => bs.map(b => b.getBoundingClientRect().height)")
        return result["problems"] + [f"a button is {h:.0f} px high" for h in heights if h < TOUCH_PX - 0.5]

    problems = on_playground_pages(chromium, book_server, PHONE, probe, has_touch=True, is_mobile=True)
    assert sum(counted) > 20, f"only {sum(counted)} handles found"
    assert not problems, "\n".join(problems)


# Labels that overlap another label of the same figure, or that the figure's edge cuts off.
OVERLAPS = r"""(selector) => {
    // Each label as the quadrilaterals its characters cover on screen: each character's cell in the
    // label's own coordinates, without the font's leading (a fifth of its height at top and bottom),
    // through the label's transform (so rotated tick labels and mathtext are handled).
    const quads = (text) => {
        const m = text.getScreenCTM();
        const out = [];
        for (let i = 0; i < text.getNumberOfChars(); i++) {
            const b = text.getExtentOfChar(i);
            if (b.width < 0.5) continue;
            const inset = b.height * 0.2;
            out.push([[b.x, b.y + inset], [b.x + b.width, b.y + inset], [b.x + b.width, b.y + b.height - inset], [b.x, b.y + b.height - inset]]
                .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]));
        }
        return out;
    };
    // Separating axes: two convex quadrilaterals overlap (by more than 1 px) unless an edge normal separates them.
    const meet = (p, q) => {
        for (const poly of [p, q]) {
            for (let i = 0; i < 4; i++) {
                const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
                const n = [y2 - y1, x1 - x2];
                const len = Math.hypot(...n) || 1;
                const project = (pts) => pts.map(([x, y]) => (x * n[0] + y * n[1]) / len);
                const a = project(p), b = project(q);
                if (Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)) <= 1) return false;
            }
        }
        return true;
    };
    const problems = [];
    document.querySelectorAll(selector).forEach((svg, f) => {
        const frame = svg.getBoundingClientRect();
        const labels = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim() && t.getClientRects().length)
            .map(t => ({text: t.textContent.replace(/\s+/g, " ").trim(), q: quads(t)}));
        labels.forEach(({text, q}, i) => {
            if (q.flat().some(([x, y]) => x < frame.left - 1 || x > frame.right + 1 || y < frame.top - 1 || y > frame.bottom + 1))
                problems.push(`figure ${f}: "${text}" is cut off by the edge`);
            for (const other of labels.slice(i + 1))
                if (q.some(a => other.q.some(b => meet(a, b)))) problems.push(`figure ${f}: "${text}" overlaps "${other.text}"`);
        });
    });
    return problems;
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_playground_labels_neither_overlap_nor_clip(book_server, chromium, viewport):
    problems = on_playground_pages(chromium, book_server, viewport,
                                   lambda page: page.evaluate(OVERLAPS, "[data-playground] svg"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page_name", FIGURE_PAGES)
def test_figure_labels_neither_overlap_nor_clip(book_server, browser_context, page_name):
    page = open_page(browser_context, book_server, page_name)
    problems = page.evaluate(OVERLAPS, "svg.la-figure-svg")
    assert not problems, f"{page_name}:\n" + "\n".join(problems)
