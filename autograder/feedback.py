"""One HTML feedback page per student: the score of each function and what failed, in plain words.

Built only from the grader's own messages (case descriptions, inputs, expected and got values, the
rule broken, the student's own error messages), all HTML-escaped. It never contains test code,
reference code or solutions: those are never put into a result in the first place.
"""
from __future__ import annotations

import html
from pathlib import Path

from autograder import settings
from autograder.grading import FunctionResult, SubmissionResult
from autograder.report import notes_of
from autograder.wording import group_title, not_run_note, number

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; line-height: 1.45; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border: 1px solid #ccc; padding: .3rem .7rem; text-align: left; }
.full { color: #17703a; } .partial { color: #8a5a00; } .zero { color: #a4161a; }
pre { background: #f5f5f7; padding: .6rem; white-space: pre-wrap; word-break: break-word; }
"""


def write_feedback(path: Path, result: SubmissionResult) -> Path:
    """The student's page at `path` (nbgrader's feedback/<student>/<assignment>/<assignment>.html)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(result), encoding="utf-8")
    return path


def render(result: SubmissionResult) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback: {e(result.assignment)} for {e(result.student_id)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{e(result.assignment)}: {number(result.score)} / {number(result.max_score)} points</h1>",
        f"<p>Student: <strong>{e(result.student_id)}</strong></p>",
    ]
    if result.score < result.max_score:
        parts.append(f"<p><strong>Why not full marks:</strong> {e(notes_of(result))}</p>")
    if result.notes:
        parts.append("<h2>About your notebook</h2><ul>")
        parts.extend(f"<li>{e(note)}</li>" for note in result.notes)
        parts.append("</ul>")
    parts.append("<table><tr><th>Function</th><th>Score</th></tr>")
    for function in result.functions:
        parts.append(f'<tr><td><a href="#{e(function.name)}"><code>{e(function.name)}</code></a></td>'
                     f'<td class="{_kind(function)}">{number(function.score)} / {number(function.points)}</td></tr>')
    parts.append("</table>")
    for function in result.functions:
        parts.extend(_function_section(function))
    parts.append("<p>Hidden tests use inputs chosen at grading time; the tests themselves are not shown. "
                 "Code cells are numbered as Jupyter numbers them after Kernel &gt; Restart &amp; Run All: "
                 "code cell 6 is the one shown as <code>In [6]</code>.</p></body></html>")
    return "\n".join(parts)


def _function_section(function: FunctionResult) -> list[str]:
    e = html.escape
    parts = [f'<h2 id="{e(function.name)}"><code>{e(function.name)}</code>: '
             f'<span class="{_kind(function)}">{number(function.score)} / {number(function.points)}</span></h2>']
    if function.problems:
        parts.append("<ul>")
        parts.extend(f"<li>{e(problem)}</li>" for problem in function.problems)
        parts.append("</ul>")
    for group in function.groups:
        if group.passed:
            parts.append(f"<p>{e(group_title(group.group))}: passed.</p>")
            continue
        parts.append(f"<p>{e(group_title(group.group))}: <strong>failed</strong> ({group.failed} case(s)).</p>")
        parts.extend(f"<pre>{e(failure)}</pre>" for failure in group.failures[:settings.REPORTS.failures_shown])
        if group.not_run:
            parts.append(f"<p>{e(not_run_note(group))}.</p>")
    if any(g.group == "visible" and not g.passed for g in function.groups):
        parts.append("<p>A worked example from the notebook fails, so this function scores 0: fix it first.</p>")
    return parts


def _kind(function: FunctionResult) -> str:
    if function.score >= function.points:
        return "full"
    return "partial" if function.score > 0 else "zero"
