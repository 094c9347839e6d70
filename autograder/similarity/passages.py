"""For one pair: the passages the two share, which of them drove the score, and every shared line.

A passage is a run of overlapping or adjacent shared fingerprints in the first student's cell;
its counterpart is where the same fingerprints sit in the second student's code. A passage's
weight is the summed rarity weight of its fingerprints (each counted once per pair), so the
passages' weights add up to the pair's evidence and their shares to 100%.
"""
from __future__ import annotations

from dataclasses import dataclass

from autograder.similarity.fingerprint import Fingerprints, Spot
from autograder.similarity.rarity import ClassScores


@dataclass(frozen=True)
class Span:
    cell: int  # index into StudentCode.cells
    first: int
    last: int


@dataclass(frozen=True)
class Passage:
    in_a: Span
    in_b: tuple[Span, ...]
    weight: float
    share: float  # of the pair's evidence, 0..1
    holders: int  # the fewest students holding any of its fingerprints


@dataclass(frozen=True)
class PairDetail:
    a: str
    b: str
    score: float
    passages: tuple[Passage, ...]  # heaviest first
    lines_a: dict[tuple[int, int], float]  # (cell, line) -> the heaviest weight of a shared fingerprint on it
    lines_b: dict[tuple[int, int], float]

    @property
    def drivers(self) -> tuple[Passage, ...]:
        """The passages that count (weight above zero)."""
        return tuple(p for p in self.passages if p.weight > 0)


def pair_detail(a: Fingerprints, b: Fingerprints, score: float, scores: ClassScores) -> PairDetail:
    shared = a.hashes & b.hashes
    weight = {value: scores.weight(value) for value in shared}
    groups = _merge([(spot, value) for value in shared for spot in a.spots[value]])
    total = sum(weight.values())
    counted: set[int] = set()
    passages = []
    for span, values in groups:
        fresh = values - counted
        counted |= fresh
        passage_weight = sum(weight[v] for v in fresh)
        in_b = _counterpart(_merge([(spot, v) for v in values for spot in b.spots[v]]))
        passages.append(Passage(span, in_b, passage_weight, passage_weight / total if total else 0.0,
                                min(scores.holders[v] for v in values)))
    passages.sort(key=lambda p: (-p.weight, p.in_a.cell, p.in_a.first))
    return PairDetail(a.student_id, b.student_id, score, tuple(passages),
                      _line_weights(a, weight), _line_weights(b, weight))


def _merge(items: list[tuple[Spot, int]]) -> list[tuple[Span, set[int]]]:
    """Overlapping or adjacent spots of one cell merged into spans, with their fingerprints."""
    merged: list[tuple[Span, set[int]]] = []
    for spot, value in sorted(items, key=lambda item: (item[0].cell, item[0].first, item[0].last)):
        if merged and merged[-1][0].cell == spot.cell and spot.first <= merged[-1][0].last + 1:
            span, values = merged[-1]
            merged[-1] = (Span(span.cell, span.first, max(span.last, spot.last)), values | {value})
        else:
            merged.append((Span(spot.cell, spot.first, spot.last), {value}))
    return merged


def _counterpart(spans: list[tuple[Span, set[int]]]) -> tuple[Span, ...]:
    """Where a passage sits in the other student's code: its spans there, largest first, leaving
    out any span whose fingerprints the kept ones already hold (a short piece found twice)."""
    kept, seen = [], set()
    for span, values in sorted(spans, key=lambda item: -len(item[1])):
        if values - seen:
            kept.append(span)
            seen |= values
    return tuple(sorted(kept, key=lambda span: (span.cell, span.first)))


def _line_weights(prints: Fingerprints, weight: dict[int, float]) -> dict[tuple[int, int], float]:
    lines: dict[tuple[int, int], float] = {}
    for value, w in weight.items():
        for spot in prints.spots[value]:
            for line in range(spot.first, spot.last + 1):
                key = (spot.cell, line)
                lines[key] = max(lines.get(key, 0.0), w)
    return lines
