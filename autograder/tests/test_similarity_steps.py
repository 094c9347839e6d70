"""The similarity report's steps on notebooks shaped like students' (built from the released
notebook): what counts as a student's own code, what the normalisation erases and keeps, and how
rarity weighs what two students share."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from autograder.course import REPO
from autograder.similarity.extract import student_code, template
from autograder.similarity.fingerprint import Fingerprints, Spot, fingerprint
from autograder.similarity.passages import pair_detail
from autograder.similarity.rarity import rarity_weight, score_class
from autograder.testing.similarity_class import ASSIGNMENT, notebook
from autograder.testing.submission_builder import code_cell, write_submission

ZIP_LOOP = """
    if len(a) != len(b):
        raise ValueError("the vectors must have the same length")
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total
"""
# The same, renamed, commented and spaced out.
ZIP_LOOP_DISGUISED = """
    # check the lengths first
    if len(a) != len(b):

        raise ValueError("the vectors must have the same length")
    running_sum = 0.0   # accumulator
    for left, right in zip(a, b):
        running_sum += left * right

    return running_sum
"""


def own_code(tmp_path, student: str, nb: dict):
    path = write_submission(tmp_path, student, ASSIGNMENT, nb)
    return student_code(student, path, ASSIGNMENT, template(ASSIGNMENT))


def prints_of(tmp_path, student: str, nb: dict) -> set[int]:
    return set(fingerprint(own_code(tmp_path, student, nb), template(ASSIGNMENT)).spots)


def test_released_notebook_holds_nothing_of_a_students_own(tmp_path):
    path = tmp_path / "blank" / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir()
    shutil.copy(REPO / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", path)
    assert student_code("blank", path, ASSIGNMENT, template(ASSIGNMENT)).cells == ()


def test_own_code_is_the_solution_lines_without_template_or_tests(tmp_path):
    """The master as a submission: only what is between the solution markers counts; signatures,
    docstrings, setup imports, visible and hidden tests do not."""
    path = tmp_path / "master" / f"{ASSIGNMENT}.ipynb"
    path.parent.mkdir()
    shutil.copy(REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", path)
    code = student_code("master", path, ASSIGNMENT, template(ASSIGNMENT))
    assert [cell.label for cell in code.cells] == ["dot", "cosine_similarity", "project"]
    own = [cell.lines[n - 1].strip() for cell in code.cells for n in sorted(cell.own)]
    assert "for x, y in zip(a, b):" in own and "return [scale * x for x in b]" in own
    for line in own:
        assert not line.startswith(("def ", '"""', "Raises", "import", "assert", "check_function", "result ="))
    assert "### BEGIN SOLUTION" in own  # markers are the student's own lines in a master, harmless


def test_added_cells_count_and_pasted_tests_and_magics_do_not(tmp_path):
    nb = notebook({"dot": ZIP_LOOP})
    visible_test = next("".join(c["source"]) for c in nb["cells"]
                        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "test_dot")
    nb["cells"] += [code_cell("def _norm(v):\n    return math.sqrt(sum(t * t for t in v))\n"),
                    code_cell(visible_test), code_cell("%timeit dot([1, 2], [3, 4])\n")]
    code = own_code(tmp_path, "s", nb)
    labels = [cell.label for cell in code.cells]
    assert labels == ["dot", "added cell", "added cell"]
    helper = code.cells[1]
    assert helper.lines[1].strip() == "return math.sqrt(sum(t * t for t in v))"
    assert "timeit" not in "\n".join(code.cells[2].lines)  # blanked the way the grader does
    assert not any("assert" in line for cell in code.cells for line in cell.lines)


def test_renaming_comments_and_blank_lines_change_nothing(tmp_path):
    plain = prints_of(tmp_path, "plain", notebook({"dot": ZIP_LOOP}))
    disguised = prints_of(tmp_path, "disguised", notebook({"dot": ZIP_LOOP_DISGUISED}, keep_marker=False))
    assert plain and plain == disguised


def test_renamed_parameters_keep_their_positions(tmp_path):
    plain = prints_of(tmp_path, "plain", notebook({"dot": ZIP_LOOP}))
    renamed = notebook({})
    for cell in renamed["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "dot":
            cell["source"] = "def dot(u, v):\n" + ZIP_LOOP.replace("(a)", "(u)").replace("(b)", "(v)").replace(
                "zip(a, b)", "zip(u, v)")
    # Everything but the changed signature line (now the student's own) is the same.
    assert plain <= prints_of(tmp_path, "renamed", renamed)


@pytest.mark.parametrize("change", [("zip(a, b)", "zip(b, a)"), ("x * y", "x + y"), ("0.0", "1.0")])
def test_what_a_student_cannot_rename_is_kept(tmp_path, change):
    plain = prints_of(tmp_path, "plain", notebook({"dot": ZIP_LOOP}))
    changed = prints_of(tmp_path, "changed", notebook({"dot": ZIP_LOOP.replace(*change)}))
    assert plain != changed


def test_library_calls_are_kept_apart(tmp_path):
    body = "\n    return float(np.{}(a, b))\n"
    assert (prints_of(tmp_path, "dot", notebook({"dot": body.format("dot") * 2}))
            != prints_of(tmp_path, "inner", notebook({"dot": body.format("inner") * 2})))


def test_rarity_weight():
    n = 41  # half the others: 20
    weights = rarity_weight(np.array([2, 3, 6, 11, 21, 30, 41]), n)
    assert weights[0] == 1.0  # two students: as rare as can be
    assert np.all(np.diff(weights) <= 0)  # the more students, the less it weighs
    assert weights[4] == 0.0 and weights[-1] == 0.0  # half the class or more: nothing
    assert 0 < weights[3] < weights[2] < 1
    assert rarity_weight(np.array([2]), 2)[0] == 1.0  # two students: plain overlap


def synthetic(student: str, cells: dict[int, range]) -> Fingerprints:
    """Fingerprints in the given cells, five to a line."""
    return Fingerprints(student, {value: [Spot(cell, 1 + i // 5, 1 + i // 5)]
                                  for cell, values in cells.items() for i, value in enumerate(values)})


def test_a_pair_is_scored_by_what_few_others_share():
    # 20 students with the same 40 fingerprints (the class idiom, cell 0) and 10 of their own
    # (cell 1); the first two also share 30 that nobody else has (cell 2).
    prints = [synthetic(f"s{k:02d}", {0: range(40), 1: range(1000 + 10 * k, 1010 + 10 * k)}) for k in range(20)]
    for p in prints[:2]:
        p.spots.update(synthetic(p.student_id, {2: range(500, 530)}).spots)
    scores = score_class(prints)
    assert scores.typical_size == 50
    ranked = scores.ranked_pairs(0.0)
    assert ranked[0][:2] == (0, 1)
    assert ranked[0][2] == pytest.approx(30 / 80)  # 30 rare shared, the smaller has 80
    assert all(score == 0 for _, _, score in ranked[1:])  # the idiom counts for nothing
    detail = pair_detail(prints[0], prints[1], ranked[0][2], scores)
    assert [(p.in_a.cell, p.holders, p.share) for p in detail.drivers] == [(2, 2, 1.0)]
    assert [(p.in_a.cell, p.holders, p.weight) for p in detail.passages if p not in detail.drivers] == [(0, 20, 0)]


def test_short_submissions_cannot_score_high_on_a_few_lines():
    # Everyone has 50 fingerprints of their own but two students, who wrote 5 (the same 5).
    prints = [synthetic(f"s{k:02d}", {0: range(100 * k, 100 * k + 50)}) for k in range(10)]
    prints += [synthetic(name, {0: range(9000, 9005)}) for name in ("short-1", "short-2")]
    scores = score_class(prints)
    assert scores.scores.max() == pytest.approx(5 / 50)


def test_instructors_page_states_what_the_code_does():
    """The numbers of the instructors' section are the code's: the default threshold, the weights
    at two students and at half the class, the pairs shown for comparison."""
    from autograder.settings import SIMILARITY

    page = (REPO / "book" / "for_instructors.md").read_text(encoding="utf-8")
    section = page[page.index("## Similarity between submissions"):]
    assert f"(default {SIMILARITY.threshold}, from 0 to 1)" in section
    assert "shared by two students it weighs 1, written by half\nthe class or more it weighs 0" in section
    assert rarity_weight(np.array([2]), 41)[0] == 1 and rarity_weight(np.array([21]), 41)[0] == 0
    assert SIMILARITY.pairs_for_comparison == 2 and "The two highest pairs below the threshold" in section
    assert "python -m autograder similarity dot_product grading/downloads/submissions.zip --out grading/" in section


def test_normal_forms():
    """One line of each kind, as the fingerprints see it."""
    from autograder.similarity.extract import Cell
    from autograder.similarity.fingerprint import cell_tokens, normalised

    source = ("def helper(u, v, *rest):\n"
              "    total = np.inner(v, u) + self.scale  # a comment\n"
              "    return [sqrt(t) for t in rest], 'text', 2.5, dot(u, v)\n")
    cell = Cell(1, "added cell", tuple(source.splitlines()), frozenset({1, 2, 3}))
    text, line_of = normalised(cell, cell_tokens(cell), frozenset({"dot", "np", "sqrt"}))
    assert text == ("defF(①,②,*③):"
                    "V=np.inner(②,①)+self.scale"
                    "return[sqrt(V)forVin③],'text',2.5,dot(①,②)")
    assert line_of[0] == 1 and line_of[-1] == 3 and len(line_of) == len(text)


def test_highest_below_the_threshold_continues_the_ranking():
    rng = np.random.default_rng(14)
    prints = [synthetic(f"s{k:02d}", {0: rng.choice(60, size=25, replace=False).tolist()}) for k in range(30)]
    scores = score_class(prints)
    everything = scores.ranked_pairs(0.0)
    threshold = everything[5][2] + 1e-9  # the top five (and whatever ties the sixth's score, not it)
    above = scores.ranked_pairs(threshold)
    assert everything[len(above):len(above) + 3] == scores.highest_below(threshold, 3)
