"""Every chapter's quiz works in the static book, offline, as a reader uses it: each multiple-choice
option clicked shows the verdict it should (right for the correct option, wrong for every other) with
its own explanation, and each numeric question typed wrong and then right, followed by Enter, does too.
No page error, no request leaving 127.0.0.1."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import chapter_pages, contrast
from linalg_ai.quiz import QUIZ_DIR, load_quiz

pytestmark = pytest.mark.browser

# Chapters with quiz data (tests/book/test_quiz_data.py checks that every chapter has some).
CHAPTERS = [page.removeprefix("book/") for page in chapter_pages()
            if (QUIZ_DIR / f"{page.removeprefix('book/')}.json").exists()]


def plain_start(feedback: str) -> str:
    """The feedback's words before its first formula or tag: what the reader sees verbatim."""
    start = re.split(r"[$<]", feedback, maxsplit=1)[0].strip()
    assert len(start) >= 2, f"feedback should start with words: {feedback!r}"
    return start


def right_number(question: dict) -> str:
    answer = next(a for a in question["answers"] if a.get("correct"))
    if "value" in answer:
        return f"{answer['value']:g}"
    low, high = answer["range"]
    return f"{(low + high) / 2:g}"


def wrong_number(question: dict) -> tuple[str, str]:
    """A number the quiz must call wrong, with the feedback it must show: a listed wrong value if the
    question has one, else a number far from every answer (the default feedback)."""
    for answer in question["answers"]:
        if "value" in answer and not answer["correct"]:
            return f"{answer['value']:g}", answer["feedback"]
    default = next(a for a in question["answers"] if a.get("type") == "default")
    return "123456", default["feedback"]


def expect_verdict(box, verdict: str, feedback: str) -> None:
    shown = box.locator(".Feedback")
    expect(shown).to_have_class(re.compile(rf"\b{verdict}\b"), timeout=5000)
    expect(shown).to_contain_text(plain_start(feedback))


def check_multiple_choice(box, question: dict) -> None:
    options = box.locator("label.MCButton")
    expect(options).to_have_count(len(question["answers"]))
    by_feedback = {answer["feedback"]: answer for answer in question["answers"]}
    # Wrong options first, then the right one, so every click changes the verdict shown.
    for correct in ("false", "true"):
        chosen = box.locator(f'label.MCButton[data-correct="{correct}"]')
        for index in range(chosen.count()):
            option = chosen.nth(index)
            answer = by_feedback[option.get_attribute("data-feedback")]
            assert bool(answer["correct"]) == (correct == "true")
            option.click()
            expect_verdict(box, "correct" if answer["correct"] else "incorrect", answer["feedback"])


def check_numeric(box, question: dict) -> None:
    field = box.locator("input.Input-text")
    wrong, wrong_feedback = wrong_number(question)
    right = right_number(question)
    right_feedback = next(a for a in question["answers"] if a.get("correct"))["feedback"]
    for typed, verdict, feedback in ((wrong, "incorrect", wrong_feedback), (right, "correct", right_feedback)):
        field.click()  # the quiz empties the field when it gets the focus
        field.press_sequentially(typed)
        field.press("Enter")
        expect_verdict(box, verdict, feedback)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_quiz_answered_right_and_wrong(book_server, probed_page, chapter):
    page, probe = probed_page
    questions = load_quiz(chapter)
    page.goto(book_server.url(f"book/{chapter}.html"), wait_until="networkidle")
    boxes = page.locator(f'.la-quiz[data-quiz="{chapter}"] .Quiz')
    expect(boxes).to_have_count(len(questions), timeout=20_000)
    for index, question in enumerate(questions):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        if question["type"] == "multiple_choice":
            check_multiple_choice(box, question)
        else:
            check_numeric(box, question)
    assert page.locator(".la-quiz mjx-container").count() > 0, f"{chapter}: no maths typeset in the quiz"
    unnamed = page.locator(".la-quiz input:not([aria-label])")
    assert unnamed.count() == 0, f"{chapter}: answer fields without an accessible name"
    assert not probe.problems(), probe.problems()



# The colour of the verdict under a question and of what it stands on (the first ancestor with a
# background), as the reader sees them.
VERDICT_COLOURS = """(box) => {
    const feedback = box.querySelector(".Feedback");
    let ground = feedback;
    while (ground && getComputedStyle(ground).backgroundColor.replace(/\\s/g, "").match(/rgba\\(.*,0\\)|transparent/))
        ground = ground.parentElement;
    return {text: getComputedStyle(feedback).color,
            ground: ground ? getComputedStyle(ground).backgroundColor : "rgb(255, 255, 255)"};
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_verdicts_are_readable_in_light_and_dark_mode(book_server, browser_context, theme):
    """Right and wrong, shown under a question, keep a contrast of 4.5 (WCAG AA) with what they stand
    on, in both of the theme's modes (the quiz follows the theme: no light card in dark mode)."""
    chapter = "dot_product"
    page = browser_context.new_page()
    page.add_init_script(f"localStorage.setItem('mode', '{theme}')")
    page.goto(book_server.url(f"book/{chapter}.html"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    question = next(i for i, q in enumerate(load_quiz(chapter)) if q["type"] == "multiple_choice")
    box = page.locator(f'.la-quiz[data-quiz="{chapter}"] .Quiz').nth(question)
    box.scroll_into_view_if_needed()
    seen = {}
    for verdict, correct in (("incorrect", "false"), ("correct", "true")):
        box.locator(f'label.MCButton[data-correct="{correct}"]').first.click()
        expect(box.locator(".Feedback")).to_have_class(re.compile(rf"\b{verdict}\b"))
        seen[verdict] = box.evaluate(VERDICT_COLOURS)
    assert seen["correct"]["text"] != seen["incorrect"]["text"]
    for verdict, colours in seen.items():
        assert contrast(colours["text"], colours["ground"]) >= 4.5, f"{theme}: {verdict} {colours}"
