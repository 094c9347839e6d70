"""`python -m autograder similarity ASSIGNMENT SUBMISSIONS --out OUT`: the steps, top to bottom.

Bad input (no such assignment, unusable SUBMISSIONS, fewer than two submissions with code of their
own) raises SimilarityError with one line for the instructor; a damaged or missing notebook only
leaves that student out, named in the report.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from autograder import settings
from autograder.course import ASSIGNMENTS
from autograder.intake import IntakeError, collect
from autograder.notebook import NotebookProblem
from autograder.similarity.csv_report import write_csv
from autograder.similarity.extract import StudentCode, student_code, template
from autograder.similarity.fingerprint import Fingerprints, fingerprint
from autograder.similarity.html_report import ReportFacts, write_html
from autograder.similarity.passages import PairDetail, pair_detail
from autograder.similarity.plot import distribution_svg
from autograder.similarity.rarity import score_class


class SimilarityError(Exception):
    """Nothing sensible can be compared; the message says why in one line."""


@dataclass(frozen=True)
class Outcome:
    compared: int
    pairs: int
    flagged: list[PairDetail]
    csv: Path
    html: Path


@dataclass
class ClassCode:
    """What intake found, read: each student's own code and fingerprints, and who is left out."""
    folders: int = 0
    code: dict[str, StudentCode] = field(default_factory=dict)
    prints: list[Fingerprints] = field(default_factory=list)
    nothing_own: list[str] = field(default_factory=list)  # the template and nothing more
    not_compared: list[tuple[str, str]] = field(default_factory=list)  # (student, why)
    warnings: list[str] = field(default_factory=list)


def run(assignment: str, submissions: Path, out: Path, threshold: float | None = None,
        progress: bool = True) -> Outcome:
    threshold = settings.SIMILARITY.threshold if threshold is None else threshold
    _check_arguments(assignment, out, threshold)
    found = read_class(assignment, submissions, progress)
    for warning in found.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if len(found.prints) < 2:
        raise SimilarityError(f"nothing to compare: {len(found.prints)} of {found.folders} submission(s) hold "
                              "code of their own beyond the template (at least 2 are needed)")
    scores = score_class(found.prints)
    by_id = {p.student_id: p for p in found.prints}
    ranked = scores.ranked_pairs(threshold)
    flagged = _details(ranked, scores, by_id)
    below = scores.highest_below(threshold, settings.SIMILARITY.pairs_for_comparison)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = out / "similarity.csv", out / "similarity.html"
    write_csv(csv_path, flagged, found.code, scores.n)
    facts = ReportFacts(assignment, found.folders, scores.n, len(scores.pair_scores()), threshold, len(flagged),
                        scores.typical_size, tuple(found.nothing_own), tuple(found.not_compared),
                        tuple(found.warnings))
    write_html(html_path, facts, flagged[:settings.SIMILARITY.pairs_shown] + _details(below, scores, by_id), found.code,
               distribution_svg(scores.pair_scores(), threshold, [d.score for d in flagged]))
    return Outcome(scores.n, facts.pairs, flagged, csv_path, html_path)


def _check_arguments(assignment: str, out: Path, threshold: float) -> None:
    if assignment not in ASSIGNMENTS:
        raise SimilarityError(f"unknown assignment {assignment!r}; known: {', '.join(sorted(ASSIGNMENTS))}")
    if not 0 <= threshold <= 1:
        raise SimilarityError("--threshold must be between 0 and 1")
    if out.exists() and not out.is_dir():
        raise SimilarityError(f"--out {out} is a file, not a folder")


def read_class(assignment: str, submissions: Path, progress: bool) -> ClassCode:
    """Every student folder intake finds, read and fingerprinted (one process: see fingerprint)."""
    given = template(assignment)
    found = ClassCode()
    with tempfile.TemporaryDirectory(prefix="similarity-") as scratch:
        try:
            entries, found.warnings = collect(submissions, assignment, Path(scratch))
        except IntakeError as error:
            raise SimilarityError(str(error)) from None
        found.folders = len(entries)
        for entry in tqdm(entries, unit="notebook", file=sys.stderr, disable=not progress, dynamic_ncols=True):
            if entry.notebook is None:
                found.not_compared.append((entry.student_id, entry.problem or "no notebook"))
                continue
            try:
                own = student_code(entry.student_id, entry.notebook, assignment, given)
            except NotebookProblem as error:
                found.not_compared.append((entry.student_id, str(error)))
                continue
            if own.cut:
                found.warnings.append(f"{entry.student_id}: only the first {settings.SIMILARITY.code_chars:,} characters of "
                                      "code were compared (the notebook holds more)")
            prints = fingerprint(own, given)
            if prints.spots:
                found.code[entry.student_id] = own
                found.prints.append(prints)
            else:
                found.nothing_own.append(entry.student_id)
    return found


def _details(ranked, scores, by_id: dict[str, Fingerprints]) -> list[PairDetail]:
    return [pair_detail(by_id[scores.students[i]], by_id[scores.students[j]], score, scores)
            for i, j, score in ranked]


def summary(outcome: Outcome, threshold: float) -> str:
    lines = [f"Compared {outcome.compared} submissions ({outcome.pairs} pairs); "
             f"{len(outcome.flagged)} pair(s) at or above {threshold:g}."]
    lines += [f"  {d.score:.3f}  {d.a}  {d.b}" for d in outcome.flagged[:10]]
    if len(outcome.flagged) > 10:
        lines.append(f"  ... {len(outcome.flagged) - 10} more in the CSV")
    lines.append(f"Wrote {outcome.csv} and {outcome.html}. Similarity is a reason to look, not evidence.")
    return "\n".join(lines)
