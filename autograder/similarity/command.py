"""`python -m autograder similarity ASSIGNMENT SUBMISSIONS --out OUT`: the steps, top to bottom.

Bad input (no such assignment, unusable SUBMISSIONS, fewer than two submissions with code of their
own) raises SimilarityError with one line for the instructor; a damaged or missing notebook only
leaves that student out, named in the report.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from autograder.intake import IntakeError, collect
from autograder.notebook import REPO, NotebookProblem
from autograder.similarity import DEFAULT_THRESHOLD
from autograder.similarity.csv_report import write_csv
from autograder.similarity.extract import MAX_CODE_CHARS, StudentCode, student_code, template
from autograder.similarity.fingerprint import Fingerprints, fingerprint
from autograder.similarity.html_report import ReportFacts, write_html
from autograder.similarity.passages import PairDetail, pair_detail
from autograder.similarity.plot import distribution_svg
from autograder.similarity.rarity import score_class

SHOWN_AT_MOST = 100  # pairs above the threshold with code side by side in the HTML (the CSV lists all)
FOR_COMPARISON = 2  # and the highest pairs below it, to show what ordinary overlap looks like


class SimilarityError(Exception):
    """Nothing sensible can be compared; the message says why in one line."""


@dataclass(frozen=True)
class Outcome:
    compared: int
    pairs: int
    flagged: list[PairDetail]
    csv: Path
    html: Path


def run(assignment: str, submissions: Path, out: Path, threshold: float = DEFAULT_THRESHOLD,
        progress: bool = True) -> Outcome:
    released = sorted(p.parent.name for p in (REPO / "exercises").glob("*/*.ipynb") if p.stem == p.parent.name)
    if assignment not in released:
        raise SimilarityError(f"unknown assignment {assignment!r}; known: {', '.join(released)}")
    if not 0 <= threshold <= 1:
        raise SimilarityError("--threshold must be between 0 and 1")
    if out.exists() and not out.is_dir():
        raise SimilarityError(f"--out {out} is a file, not a folder")
    given = template(assignment)
    with tempfile.TemporaryDirectory(prefix="similarity-") as scratch:
        try:
            entries, warnings = collect(submissions, assignment, Path(scratch))
        except IntakeError as error:
            raise SimilarityError(str(error)) from None
        code: dict[str, StudentCode] = {}
        prints: list[Fingerprints] = []
        nothing_own, not_compared = [], []
        for entry in tqdm(entries, unit="notebook", file=sys.stderr, disable=not progress, dynamic_ncols=True):
            if entry.notebook is None:
                not_compared.append((entry.student_id, entry.problem or "no notebook"))
                continue
            try:
                own = student_code(entry.student_id, entry.notebook, assignment, given)
            except NotebookProblem as error:
                not_compared.append((entry.student_id, str(error)))
                continue
            if own.cut:
                warnings.append(f"{entry.student_id}: only the first {MAX_CODE_CHARS:,} characters of code "
                                "were compared (the notebook holds more)")
            found = fingerprint(own, given)
            if found.spots:
                code[entry.student_id] = own
                prints.append(found)
            else:
                nothing_own.append(entry.student_id)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if len(prints) < 2:
        raise SimilarityError(f"nothing to compare: {len(prints)} of {len(entries)} submission(s) hold code "
                              "of their own beyond the template (at least 2 are needed)")
    scores = score_class(prints)
    by_id: dict[str, Fingerprints] = {p.student_id: p for p in prints}
    ranked = scores.ranked_pairs(threshold)
    details = _details(ranked, scores, by_id)
    below = scores.ranked_pairs(0.0)[len(ranked):len(ranked) + FOR_COMPARISON]
    shown = details[:SHOWN_AT_MOST] + _details(below, scores, by_id)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, html_path = out / "similarity.csv", out / "similarity.html"
    write_csv(csv_path, details, code, scores.n)
    facts = ReportFacts(assignment, len(entries), scores.n, len(scores.pair_scores()), threshold,
                        len(details), scores.typical_size, tuple(nothing_own), tuple(not_compared),
                        tuple(warnings))
    write_html(html_path, facts, shown, code,
               distribution_svg(scores.pair_scores(), threshold, [d.score for d in details]))
    return Outcome(scores.n, facts.pairs, details, csv_path, html_path)


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
