"""What the instructor reads: grades.csv, results.json, and the summary printed at the end."""
from __future__ import annotations

import csv
import json
import statistics
from dataclasses import asdict
from pathlib import Path

from autograder.grading import SubmissionResult

NOTE_CHARS = 300
HISTOGRAM_BINS = 10
BAR_WIDTH = 40


def number(value: float) -> str:
    """7.5 -> "7.5", 10.0 -> "10" (stable text for CSV and Canvas)."""
    return f"{round(value, 2):g}"


def notes_of(result: SubmissionResult) -> str:
    """One short line: why the notebook scored 0, and the first problem of each function."""
    parts = list(result.notes)
    by_problem: dict[str, list[str]] = {}  # the same rule broken at top level hits every function
    for function in result.functions:
        if function.problems and not function.problems[0].startswith("not graded: "):
            by_problem.setdefault(function.problems[0], []).append(function.name)
    parts += [f"{', '.join(names)}: {problem}" for problem, names in by_problem.items()]
    text = "; ".join(part.replace("\n", " ") for part in parts)
    return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 3] + "..."


def write_grades_csv(path: Path, results: list[SubmissionResult], function_names: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "assignment", "score", "max_score", *function_names, "notes"])
        for result in results:
            scores = {f.name: f.score for f in result.functions}
            writer.writerow([result.student_id, result.assignment, number(result.score),
                             number(result.max_score),
                             *(number(scores.get(name, 0.0)) for name in function_names),
                             notes_of(result)])


def write_results_json(path: Path, results: list[SubmissionResult]) -> None:
    """Everything the grader found, per student and function (for scripts and the test suite)."""
    path.write_text(json.dumps([asdict(result) for result in results], indent=1), encoding="utf-8")


def summary(results: list[SubmissionResult], max_score: float, seconds: float) -> str:
    scores = [r.score for r in results]
    lines = [f"Graded {len(scores)} submission(s) in {seconds:.1f} s "
             f"({len(scores) / seconds if seconds > 0 else 0:.1f} per second)."]
    if not scores:
        return lines[0]
    lines.append(f"Mean {statistics.mean(scores):.2f} / {number(max_score)}, median "
                 f"{statistics.median(scores):.2f}, min {number(min(scores))}, max {number(max(scores))}")
    lines.append("Histogram of scores:")
    counts = [0] * HISTOGRAM_BINS
    for score in scores:
        fraction = score / max_score if max_score else 0.0
        counts[min(HISTOGRAM_BINS - 1, int(fraction * HISTOGRAM_BINS))] += 1
    widest = max(counts)
    for index, count in enumerate(counts):
        low, high = max_score * index / HISTOGRAM_BINS, max_score * (index + 1) / HISTOGRAM_BINS
        closing = "]" if index == HISTOGRAM_BINS - 1 else ")"
        bar = "#" * round(BAR_WIDTH * count / widest) if widest else ""
        lines.append(f"  [{low:5.1f}, {high:5.1f}{closing} {count:4d} {bar}")
    return "\n".join(lines)
