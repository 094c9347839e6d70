"""OUT/similarity.csv: the pairs at or above the threshold, highest score first.

Columns: rank, student_a, student_b, score, shared_lines_a and shared_lines_b (how many of each
student's own lines lie in a shared passage that counts, i.e. one few others wrote), and passages
(the three passages that weigh most: where they are in each notebook and how many students wrote
them).
"""
from __future__ import annotations

import csv
from pathlib import Path

from autograder import settings
from autograder.similarity.extract import StudentCode
from autograder.similarity.passages import PairDetail, Passage, Span

COLUMNS = ["rank", "student_a", "student_b", "score", "shared_lines_a", "shared_lines_b", "passages"]


def write_csv(path: Path, pairs: list[PairDetail], code: dict[str, StudentCode], compared: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for rank, pair in enumerate(pairs, 1):
            a, b = code[pair.a], code[pair.b]
            writer.writerow([rank, pair.a, pair.b, f"{pair.score:.3f}",
                             shared_line_count(pair.lines_a, a), shared_line_count(pair.lines_b, b),
                             "; ".join(describe(p, a, b, compared) for p in pair.drivers[:settings.SIMILARITY.passages_listed])])


def shared_line_count(lines: dict[tuple[int, int], float], code: StudentCode) -> int:
    """The student's own lines covered by a shared fingerprint that counts (weight above zero)."""
    return sum(1 for (cell, line), weight in lines.items() if weight > 0 and line in code.cells[cell].code_lines)


def describe(passage: Passage, a: StudentCode, b: StudentCode, compared: int) -> str:
    """"dot (code cell 3) lines 8-12 / dot (code cell 3) lines 8-13, written by 2 of 49"."""
    where_b = ", ".join(span_text(span, b) for span in passage.in_b)
    return (f"{span_text(passage.in_a, a)} / {where_b}, "
            f"written by {passage.holders} of {compared}")


def span_text(span: Span, code: StudentCode) -> str:
    lines = f"line {span.first}" if span.first == span.last else f"lines {span.first}-{span.last}"
    return f"{code.cells[span.cell].title} {lines}"
