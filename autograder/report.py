"""What the instructor reads: grades.csv, results.json, and the summary printed at the end."""
from __future__ import annotations

import csv
import json
import statistics
from dataclasses import asdict
from pathlib import Path

from autograder.grading import SubmissionResult, was_graded
from autograder import settings
from autograder.wording import group_title, number

# After the per-function scores: what explains them, and where the rest is.
EXTRA_COLUMNS = ["notes", "feedback", "submitted", "late", "canvas_user_id"]


def notes_of(result: SubmissionResult) -> str:
    """One short line that explains every point below full: what is wrong with the notebook, then
    for each function below its points the first reason (a rule broken, a crash, not attempted,
    or the first failed group of cases)."""
    parts = list(result.notes)
    by_reason: dict[str, list[str]] = {}  # the same rule broken at top level hits every function
    not_attempted = any(note.startswith("not attempted") for note in result.notes)
    for function in result.functions:
        if function.score >= function.points or not was_graded(result):  # the notes say why
            continue
        reason = _reason(function)
        if reason is None or (not_attempted and reason.startswith("not attempted")):
            continue
        by_reason.setdefault(reason, []).append(function.name)
    parts += [f"{', '.join(names)}: {reason}" for reason, names in by_reason.items()]
    if not parts and result.score < result.max_score:
        parts.append("below full marks: see the feedback")
    text = "; ".join(part.replace("\n", " ") for part in parts)
    limit = settings.REPORTS.note_chars
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reason(function) -> str | None:
    if function.problems:
        return function.problems[0]
    for group in function.groups:
        if not group.passed:
            first = group.failures[0] if group.failures else ""
            return f"{group_title(group.group).lower()} failed" + (f" ({first})" if first else "")
    return None


def write_grades_csv(path: Path, results: list[SubmissionResult], function_names: list[str],
                     details: dict[str, dict[str, str]] | None = None) -> None:
    """One row per student; `details` gives each student's feedback file (relative to the CSV),
    the file graded, whether Canvas marked it late and the Canvas user id."""
    details = details or {}
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "assignment", "score", "max_score", *function_names, *EXTRA_COLUMNS])
        for result in results:
            scores = {f.name: f.score for f in result.functions}
            extra = details.get(result.student_id, {})
            writer.writerow([result.student_id, result.assignment, number(result.score),
                             number(result.max_score),
                             *(number(scores.get(name, 0.0)) for name in function_names),
                             notes_of(result), *(extra.get(column, "") for column in EXTRA_COLUMNS[1:])])


def write_results_json(path: Path, results: list[SubmissionResult]) -> None:
    """Everything the grader found, per student and function (for scripts and the test suite)."""
    path.write_text(json.dumps([asdict(result) for result in results], indent=1), encoding="utf-8")


def summary(results: list[SubmissionResult], max_score: float, seconds: float, graded: int | None = None) -> str:
    scores = [r.score for r in results]
    graded = len(scores) if graded is None else graded
    lines = [f"Graded {graded} notebook(s) of {len(scores)} student(s) in {seconds:.1f} s "
             f"({graded / seconds if seconds > 0 else 0:.1f} per second)."]
    if not scores:
        return lines[0]
    lines.append(f"Mean {statistics.mean(scores):.2f} / {number(max_score)}, median "
                 f"{statistics.median(scores):.2f}, min {number(min(scores))}, max {number(max(scores))}")
    lines.append("Histogram of scores:")
    bins, width = settings.REPORTS.histogram_bins, settings.REPORTS.histogram_width
    counts = [0] * bins
    for score in scores:
        fraction = score / max_score if max_score else 0.0
        counts[min(bins - 1, int(fraction * bins))] += 1
    widest = max(counts)
    for index, count in enumerate(counts):
        low, high = max_score * index / bins, max_score * (index + 1) / bins
        closing = "]" if index == bins - 1 else ")"
        bar = "#" * round(width * count / widest) if widest else ""
        lines.append(f"  [{low:5.1f}, {high:5.1f}{closing} {count:4d} {bar}")
    return "\n".join(lines)
