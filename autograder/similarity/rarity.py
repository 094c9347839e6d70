"""Class-wide rarity weighting, and a score for every pair of students.

MOSS ignores passages that appear in many submissions. Here each fingerprint is weighted by how
surprising it is that a second student has it too: with n students who wrote code and d of them
holding the fingerprint, the weight is

    w = log(M / (d - 1)) / log(M),  clipped to [0, 1],  with M = max((n - 1) / 2, 2)

so a fingerprint only two students share weighs 1, and one that half the class (or more) wrote
identically weighs 0: the common idiom is evidence of nothing. A pair's score is the weight of
what the two share, over the size (in fingerprints) of the smaller of the two submissions, but
never over less than a typical submission (the class median), so that two students who wrote
three lines each cannot score high on those three lines:

    score(a, b) = sum of w over the fingerprints a and b share / max(min(|a|, |b|), median |x|)

A score of 1 means the whole of the smaller submission is shared with nobody else; 0.3 means
that a third of it, weighted by rarity, is.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from autograder.similarity.fingerprint import Fingerprints


@dataclass
class ClassScores:
    students: list[str]  # the students who have fingerprints, in matrix order
    sizes: np.ndarray  # fingerprints of each student
    holders: dict[int, int]  # fingerprint -> how many students have it
    typical_size: float  # the class median of sizes (the lower middle one for an even count)
    scores: np.ndarray  # n x n, symmetric, zero diagonal

    @property
    def n(self) -> int:
        return len(self.students)

    def weight(self, value: int) -> float:
        return float(rarity_weight(np.array([self.holders.get(value, 0)]), self.n)[0])

    def pair_scores(self) -> np.ndarray:
        """Every pair's score once (upper triangle), for the distribution."""
        upper = np.triu_indices(self.n, k=1)
        return self.scores[upper]

    def ranked_pairs(self, threshold: float) -> list[tuple[int, int, float]]:
        """(i, j, score) with score >= threshold, highest first, ties by student ids."""
        rows, columns = np.nonzero(np.triu(self.scores >= threshold, k=1))
        return self._sorted(rows, columns)

    def highest_below(self, threshold: float, count: int) -> list[tuple[int, int, float]]:
        """The `count` highest pairs under the threshold, ranked as ranked_pairs ranks them
        (without listing every pair of a large class)."""
        rows, columns = np.triu_indices(self.n, k=1)
        values = self.scores[rows, columns]
        below = np.flatnonzero(values < threshold)
        if len(below) > count:  # keep the count-th highest and everything tied with it
            cut = np.partition(values[below], len(below) - count)[len(below) - count]
            below = below[values[below] >= cut]
        return self._sorted(rows[below], columns[below])[:count]

    def _sorted(self, rows: np.ndarray, columns: np.ndarray) -> list[tuple[int, int, float]]:
        pairs = [(int(i), int(j), float(self.scores[i, j])) for i, j in zip(rows, columns)]
        pairs.sort(key=lambda pair: (-pair[2], self.students[pair[0]], self.students[pair[1]]))
        return pairs


def rarity_weight(holders: np.ndarray, n: int) -> np.ndarray:
    """The weight of fingerprints held by `holders` students out of n (see the module docstring)."""
    scale = max((n - 1) / 2, 2.0)
    others = np.maximum(holders - 1, 1)  # a fingerprint nobody else has cannot be shared
    return np.clip(np.log(scale / others) / np.log(scale), 0.0, 1.0)


def score_class(prints: list[Fingerprints]) -> ClassScores:
    """Scores of every pair among the students with at least one fingerprint."""
    prints = [p for p in prints if p.spots]
    sizes = np.array([len(p.spots) for p in prints], dtype=np.int64)
    if not prints:
        return ClassScores([], sizes, {}, 0.0, np.zeros((0, 0)))
    values = np.concatenate([np.fromiter(p.spots, dtype=np.int64, count=len(p.spots)) for p in prints])
    rows = np.repeat(np.arange(len(prints)), sizes)
    unique, columns = np.unique(values, return_inverse=True)
    holders = np.bincount(columns, minlength=len(unique))
    weights = rarity_weight(holders, len(prints))
    counted = (holders >= 2) & (weights > 0)  # only these can add to a pair's score
    keep = counted[columns]
    index = np.cumsum(counted) - 1  # column of each counted fingerprint in the smaller matrix
    matrix = csr_matrix((np.ones(int(keep.sum()), dtype=np.float64), (rows[keep], index[columns[keep]])),
                        shape=(len(prints), int(counted.sum())))
    shared = (matrix.multiply(weights[counted]) @ matrix.T).toarray()
    typical = float(np.percentile(sizes, 50, method="lower"))  # of two students, the smaller
    scores = shared / np.maximum(np.minimum.outer(sizes, sizes), typical)
    np.fill_diagonal(scores, 0.0)
    return ClassScores([p.student_id for p in prints], sizes,
                       dict(zip(unique.tolist(), holders.tolist())), typical, scores)
