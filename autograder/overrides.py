"""The scores an instructor set by hand in formgrader, as a grading run finds them in the gradebook.

The gradebook is the source of truth for final scores: grading again never touches a manual score
(nbgrader shows it instead of the automatic one, and flags the cell for review), and what the run
reports (grades.csv, the feedback, the summary) shows the final score, the manual one where set.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from autograder.grading import SubmissionResult


@dataclass
class Recorded:
    """What recording kept: manual scores ({student_id: {function: score}}) and late penalties
    ({student_id: points}) of the course's late-submission plugin."""
    overrides: dict[str, dict[str, float]] = field(default_factory=dict)
    penalties: dict[str, float] = field(default_factory=dict)

    @property
    def kept(self) -> int:
        return sum(len(scores) for scores in self.overrides.values())

    def message(self) -> str:
        if not self.kept:
            return ""
        return (f"Kept {self.kept} manual score(s) set in formgrader for {len(self.overrides)} student(s): "
                "they override the automatic scores (flagged for review in formgrader).")


def final_result(result: SubmissionResult, recorded: Recorded) -> SubmissionResult:
    """The result as the gradebook scores it: manual scores instead of automatic ones, minus any
    late penalty, each change said in a note. The automatic result is left unchanged."""
    manual = recorded.overrides.get(result.student_id, {})
    penalty = recorded.penalties.get(result.student_id)
    if not manual and not penalty:
        return result
    final = copy.deepcopy(result)
    for function in final.functions:
        if function.name in manual:
            final.notes.append(f"{function.name}: {manual[function.name]:g} set in formgrader "
                               f"(the grader gave {function.score:g})")
            function.score = float(manual[function.name])
    total = sum(function.score for function in final.functions)
    if penalty:
        final.notes.append(f"late: {penalty:g} point(s) off, the course's late-submission penalty")
        total = max(0.0, total - penalty)
    final.score = round(total, 2)
    return final
