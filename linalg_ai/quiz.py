"""The end-of-chapter quizzes: multiple-choice and numeric questions checked in the page, with feedback.

Each chapter's questions live in one file, ``linalg_ai/quizzes/<chapter>.json``, in jupyterquiz's format
(a list of questions of type ``multiple_choice`` or ``numeric``; every answer carries its feedback).
A chapter shows its quiz with one call, in a cell tagged ``remove-input``::

    from linalg_ai.quiz import show_quiz

    show_quiz("dot_product")

jupyterquiz renders the quiz with its own JavaScript, so it works in the static book with no kernel and
no network, and in Jupyter. One thing is added around its script: in the book, jupyterquiz asks MathJax
to typeset every question and feedback, and it fails (and would fetch MathJax from a CDN) if the book's
MathJax, which loads after the page, is not ready yet. So on a page that loads MathJax from a script
the quiz is drawn once MathJax has started; elsewhere (JupyterLab) at once.
"""
from __future__ import annotations

import json
import re
import secrets
from pathlib import Path

from IPython.display import HTML, Javascript, display
from jupyterquiz.dynamic.loader import load_questions_script
from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

from linalg_ai.palette import COLORS as PALETTE_COLORS
from linalg_ai.palette import DARK_COLORS, DARK_SELECTORS

# Inside the package, so that a chapter run outside the repository finds its quiz too.
QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
QUESTION_TYPES = ("multiple_choice", "numeric")

# Colours of the quiz boxes: the book's blue and dark grey, white text, and a dark answer field so that
# its white text keeps a contrast above 4.5 (WCAG AA); jupyterquiz's defaults otherwise. Right and
# wrong are the palette's "positive" and "negative": the background of a chosen answer (white text on
# it) and the colour of the verdict under the question, on the page's own background.
COLORS = {
    "--jq-multiple-choice-bg": "#1f4e79",
    "--jq-numeric-bg": "#3b3b58",
    "--jq-numeric-input-bg": "#4a4a68",
    "--jq-incorrect-color": PALETTE_COLORS["negative"],
    "--jq-correct-color": PALETTE_COLORS["positive"],
}
# The verdict's text in dark mode: the same roles' dark values, readable on the dark page. (The chosen
# answer keeps its light-mode background, under white text, in both modes.)
FEEDBACK_DARK = {"correct": DARK_COLORS["positive"], "incorrect": DARK_COLORS["negative"]}

# TeX and HTML in answers, spelled out for the accessible names of the answer buttons.
_PLAIN_TEXT = [
    (r"<[^>]+>", ""), (r"\\mathbf\{([^}]*)\}", r"\1"), (r"\\operatorname\{([^}]*)\}", r"\1"),
    (r"\\frac\{([^}]*)\}\{([^}]*)\}", r"\1/\2"), (r"\\sqrt\{([^}]*)\}", r"√\1"),
    (r"\\times", "×"), (r"\\cdot", "·"), (r"\\\|", "‖"), (r"\\le\b", "≤"), (r"\\ge\b", "≥"),
    (r"\^?\\top", "ᵀ"), (r"\\([a-zA-Z]+)", r"\1"), (r"[${}]", ""), (r"\s+", " "),
]

# Runs jupyterquiz's script (inserted at QUIZ_SCRIPT) once the page's MathJax, if it has one, is ready.
WAIT_FOR_MATHJAX = """(function () {
  function showQuiz() {
QUIZ_SCRIPT
    labelAnswers(document.getElementById("DIV_ID"), questionsDIV_ID);
  }
  // jupyterquiz's answer fields have no accessible name: its radio buttons are named by their text,
  // which is often maths that screen readers cannot read, and its number field by nothing.
  function labelAnswers(container, questions) {
    container.querySelectorAll(".Quiz").forEach(function (box, number) {
      var answers = questions[number].answers;
      box.querySelectorAll("input.Input-text").forEach(function (field) {
        field.setAttribute("aria-label", "Your answer to question " + (number + 1) + ", a number");
      });
      box.querySelectorAll("label.MCButton").forEach(function (label) {
        var answer = answers.find(function (a) { return a.feedback === label.dataset.feedback; });
        var radio = label.querySelector("input");
        if (answer && radio) radio.setAttribute("aria-label", answer.plain_text);
      });
    });
  }
  var pageLoadsMathJax = document.querySelector('script[src*="mathjax"]') !== null;
  var deadline = Date.now() + 20000;
  (function waitForMathJax() {
    var mathJax = window.MathJax;
    if (mathJax && mathJax.version && mathJax.startup && mathJax.startup.promise) {
      mathJax.startup.promise.then(showQuiz, showQuiz);
    } else if (!pageLoadsMathJax || Date.now() > deadline) {
      showQuiz();
    } else {
      setTimeout(waitForMathJax, 50);
    }
  })();
})();
"""


class QuizError(ValueError):
    """A quiz file that jupyterquiz could not show correctly."""


def quiz_path(chapter: str) -> Path:
    return QUIZ_DIR / f"{chapter}.json"


def load_quiz(chapter: str) -> list[dict]:
    """The questions of ``chapter``, checked for the shape jupyterquiz needs."""
    path = quiz_path(chapter)
    if not path.exists():
        raise QuizError(f"no quiz for chapter {chapter!r}: {path} is missing")
    questions = json.loads(path.read_text(encoding="utf-8"))
    check_questions(questions, where=path.name)
    return questions


def check_questions(questions: list[dict], where: str = "quiz") -> None:
    """Raise QuizError unless every question can be answered right and wrong and explains itself."""
    if not isinstance(questions, list) or not questions:
        raise QuizError(f"{where}: expected a non-empty list of questions")
    for number, question in enumerate(questions, start=1):
        label = f"{where}, question {number}"
        if question.get("type") not in QUESTION_TYPES:
            raise QuizError(f"{label}: type must be one of {QUESTION_TYPES}, got {question.get('type')!r}")
        if not question.get("question"):
            raise QuizError(f"{label}: the question text is empty")
        answers = question.get("answers") or []
        if question["type"] == "multiple_choice":
            _check_multiple_choice(answers, label)
        else:
            _check_numeric(answers, label)


def _check_multiple_choice(answers: list[dict], label: str) -> None:
    if len(answers) < 2:
        raise QuizError(f"{label}: a multiple-choice question needs at least two answers")
    if sum(bool(answer.get("correct")) for answer in answers) != 1:
        raise QuizError(f"{label}: exactly one answer must be correct")
    for answer in answers:
        if not answer.get("answer") or not answer.get("feedback"):
            raise QuizError(f"{label}: every answer needs its text and its feedback")


def _check_numeric(answers: list[dict], label: str) -> None:
    correct = [a for a in answers if a.get("correct") and ("value" in a or "range" in a)]
    if not correct:
        raise QuizError(f"{label}: a numeric question needs a correct value or range")
    if not any(a.get("type") == "default" and a.get("feedback") for a in answers):
        raise QuizError(f"{label}: a numeric question needs default feedback for wrong answers")
    for answer in correct:
        if not answer.get("feedback"):
            raise QuizError(f"{label}: the correct answer needs its feedback")
        if "range" in answer and not answer["range"][0] < answer["range"][1]:
            raise QuizError(f"{label}: the range {answer['range']} is empty")


def plain_text(text: str) -> str:
    """An answer's text without HTML and TeX markup: the name a screen reader announces."""
    for pattern, replacement in _PLAIN_TEXT:
        text = re.sub(pattern, replacement, text)
    return text.strip()


def quiz_outputs(chapter: str) -> tuple[str, str]:
    """(HTML, JavaScript) of the quiz: jupyterquiz's container and styles, and its script wrapped so
    that it waits for MathJax and then names every answer field for assistive technology."""
    questions = load_quiz(chapter)
    for question in questions:
        for answer in question["answers"]:
            if question["type"] == "multiple_choice":
                answer["plain_text"] = plain_text(answer["answer"])
    div_id = "quiz_" + chapter + "_" + secrets.token_hex(4)
    prefix, static, url = load_questions_script(questions, div_id)
    container = render_div(div_id, shuffle_questions=False, shuffle_answers=True, preserve_responses=False,
                           num=1_000_000, max_width=720, border_radius=10, question_alignment="left")
    styles = build_styles(div_id, {**_default_colors(), **COLORS}).replace("</style>", _dark_mode(div_id) + "</style>")
    script = build_script(prefix, static, url, div_id, load_js=True)
    # The container carries the chapter's name so that the page and its tests can find the quiz.
    container = container.replace("<div ", f'<div class="la-quiz" data-quiz="{chapter}" ', 1)
    javascript = WAIT_FOR_MATHJAX.replace("QUIZ_SCRIPT", script).replace("DIV_ID", div_id)
    return container + "</div>" + styles, javascript


def _dark_mode(div_id: str) -> str:
    """CSS for dark mode: the quiz stands on the dark page (the book's theme would put every HTML
    output on a light card, as figures.py says), and the verdicts take their dark-mode colours."""
    rules = [f'html[data-theme="dark"] .bd-content div.cell_output .text_html:has(#{div_id}) '
             "{ background-color: transparent; color: inherit; padding: 0; }"]
    rules += [f"{selector} #{div_id} .Feedback.{verdict} {{ color: {colour}; }}"
              for verdict, colour in FEEDBACK_DARK.items() for selector in DARK_SELECTORS]
    return "\n" + "\n".join(rules) + "\n"


def _default_colors() -> dict[str, str]:
    """jupyterquiz's own colour variables, which its style sheet expects to be set."""
    return {
        "--jq-multiple-choice-bg": "#392061",
        "--jq-mc-button-bg": "#fafafa",
        "--jq-mc-button-border": "#e0e0e0e0",
        "--jq-mc-button-inset-shadow": "#555555",
        "--jq-many-choice-bg": "#f75c03ff",
        "--jq-numeric-bg": "#392061ff",
        "--jq-numeric-input-bg": "#c0c0c0",
        "--jq-numeric-input-label": "#101010",
        "--jq-numeric-input-shadow": "#999999",
        "--jq-string-bg": "#4c1a57",
        "--jq-incorrect-color": "#c80202",
        "--jq-correct-color": "#009113",
        "--jq-text-color": "#fafafa",
        "--jq-link-color": "#9abafa",
    }


def show_quiz(chapter: str) -> None:
    """Display the quiz of ``chapter`` (linalg_ai/quizzes/<chapter>.json) in a notebook or a book page."""
    html, javascript = quiz_outputs(chapter)
    display(HTML(html))
    display(Javascript(javascript))
