"""The quizzes' data: every chapter has one, jupyterquiz can show it, and every answer it calls right is
right (recomputed here, independently of the JSON)."""
from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch

from linalg_ai.quiz import QUIZ_DIR, QuizError, check_questions, load_quiz, plain_text, quiz_outputs

REPO = Path(__file__).resolve().parents[2]


def toc_chapters() -> list[str]:
    import yaml

    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    return [entry["file"].removeprefix("book/") for part in toc["parts"] for entry in part["chapters"]
            if entry["file"].startswith("book/") and entry["file"] != "book/for_instructors"]


def correct_answer(question: dict):
    """The answer the quiz accepts as right: an option's text, a value, or the middle of a range."""
    for answer in question["answers"]:
        if answer.get("correct"):
            if question["type"] == "multiple_choice":
                return answer["answer"]
            if "value" in answer:
                return answer["value"]
            low, high = answer["range"]
            return (low + high) / 2
    raise AssertionError(f"no correct answer in {question['id']}")


def accepts(question: dict, number: float) -> bool:
    """Whether the quiz would call ``number`` right (jupyterquiz: exact value, or low <= x < high)."""
    for answer in question["answers"]:
        if "value" in answer and number == answer["value"]:
            return bool(answer["correct"])
        if "range" in answer and answer["range"][0] <= number < answer["range"][1]:
            return bool(answer["correct"])
    return False


def relu(z):
    return max(0.0, z)


def softmax(scores):
    exps = np.exp(np.asarray(scores, dtype=float) - np.max(scores))
    return exps / exps.sum()


# (chapter, question id) -> the right answer, computed. Numbers must be accepted by the quiz; strings
# must be the text of the option marked correct.
EXPECTED = {
    ("scalars_and_vectors", "length_6_8"): lambda: float(np.linalg.norm([6, 8])),
    ("scalars_and_vectors", "length_1_2_2"): lambda: float(np.linalg.norm([1, 2, 2])),
    ("scalars_and_vectors", "flattened_image"): lambda: str(np.zeros((28, 28)).reshape(-1).size),
    ("scalars_and_vectors", "one_hot_electric"):
        lambda: "$[{}]$".format(", ".join(str(int(x)) for x in np.eye(3)[1])),
    ("scalars_and_vectors", "default_int_dtype"): lambda: f"<code>{torch.tensor([1, 2, 3]).dtype}</code>",
    ("vector_operations", "combination_first_entry"): lambda: float((2 * np.array([2, 1]) - [1, 3])[0]),
    ("vector_operations", "coefficient_c1"):
        lambda: float(np.linalg.solve(np.column_stack([[2, 1], [1, 3]]), [5, 5])[0]),
    ("vector_operations", "span_of_parallel_vectors"):
        lambda: "A line through the origin" if np.linalg.matrix_rank([[1, 2], [-2, -4]]) == 1 else "?",
    ("vector_operations", "broadcast_shape"): lambda: str(np.broadcast_shapes((3, 1), (4,))),
    ("vector_operations", "hadamard"):
        lambda: f"<code>{(np.array([1, 2, 3]) * np.array([4, 5, 6])).tolist()}</code>",
    ("dot_product", "dot_2_m1_3_with_1_4_2"): lambda: float(np.dot([2, -1, 3], [1, 4, 2])),
    ("dot_product", "angle_of_unit_vectors"): lambda: float(np.degrees(np.arccos(0.5))),
    ("dot_product", "scalar_projection"):
        lambda: float(np.dot([3, 4], [0, 2]) / np.linalg.norm([0, 2])),
    ("dot_product", "relu_neuron"): lambda: f"${relu(np.dot([1, -1], [2, 3]) + 0.5):g}$",
    ("norms_and_distances", "l1_norm"): lambda: float(np.linalg.norm([1, -2, 3], ord=1)),
    ("norms_and_distances", "linf_norm"): lambda: float(np.linalg.norm([3, -7, 2], ord=np.inf)),
    ("norms_and_distances", "euclidean_distance"): lambda: float(np.linalg.norm(np.subtract([4, 6], [1, 2]))),
    ("matrices", "product_shape"):
        lambda: "${} \\times {}$".format(*(np.zeros((4, 3)) @ np.zeros((3, 5))).shape),
    ("matrices", "matvec_first_entry"): lambda: float((np.array([[1, 2], [3, 4]]) @ [3, 4])[0]),
    ("matrices", "determinant"): lambda: float(round(np.linalg.det([[1, 2], [3, 4]]))),
    ("matmul_at_scale", "flops_2x3_by_3x4"): lambda: float(2 * 2 * 3 * 4),
    ("matmul_at_scale", "linear_weight_shape"): lambda: str(tuple(torch.nn.Linear(784, 128).weight.shape)),
    ("matmul_at_scale", "batch_output_shape"): lambda: str((np.zeros((32, 784)) @ np.zeros((784, 128))).shape),
    ("matmul_at_scale", "systolic_ticks"): lambda: float(3 + 3 + 3 - 2),
    ("embeddings", "one_hot_cosine"): lambda: float(np.eye(5)[0] @ np.eye(5)[1]),
    ("embeddings", "cosine_3_4_and_4_3"):
        lambda: float(np.dot([3, 4], [4, 3]) / (np.linalg.norm([3, 4]) * np.linalg.norm([4, 3]))),
    ("basis_and_rank", "rank_of_parallel_rows"): lambda: float(np.linalg.matrix_rank([[1, 2, 3], [2, 4, 6]])),
    ("basis_and_rank", "nullity_from_rank"): lambda: float(6 - np.linalg.matrix_rank(
        np.random.default_rng(0).standard_normal((4, 6)))),
    ("basis_and_rank", "coordinate_c2"):
        lambda: float(np.linalg.solve(np.column_stack([[2, 1], [1, 3]]), [1, -2])[1]),
    ("basis_and_rank", "which_set_is_dependent"): lambda: next(
        text for text, vectors in {
            "$[1, 0, 0]$, $[0, 1, 0]$, $[0, 0, 1]$": np.eye(3),
            "$[1, 1]$, $[1, -1]$": [[1, 1], [1, -1]],
            "$[1, 0, 1]$, $[0, 1, 1]$, $[1, 1, 0]$": [[1, 0, 1], [0, 1, 1], [1, 1, 0]],
            "$[1, 0, 2]$, $[0, 1, 1]$, $[2, 3, 7]$": [[1, 0, 2], [0, 1, 1], [2, 3, 7]],
        }.items() if np.linalg.matrix_rank(vectors) < len(vectors)),
    ("basis_and_rank", "lora_parameters"): lambda: str(4 * (1024 + 1024)),
    ("linear_systems", "solve_2x2"): lambda: float(np.linalg.solve([[2, 1], [1, 3]], [5, 5])[0]),
    ("linear_systems", "inverse_entry"): lambda: float(np.linalg.inv([[2, 1], [1, 3]])[0, 0]),
    ("linear_systems", "condition_of_diagonal"): lambda: float(round(np.linalg.cond(np.diag([100, 0.01])))),
    ("eigenvectors", "largest_eigenvalue"): lambda: float(max(np.linalg.eigvals([[4, 1], [2, 3]]).real)),
    ("eigenvectors", "eigenvalue_product"): lambda: float(np.prod([2, 3, 0.5])),
    ("eigenvectors", "largest_learning_rate"): lambda: 2 / float(np.linalg.eigvalsh(np.diag([0.5, 8])).max()),
    ("eigenvectors", "power_iteration_rate"): lambda: str(Fraction(2, 6)),
    ("svd", "largest_singular_value"): lambda: float(np.sqrt(max(45, 5))),
    ("svd", "rank_k_storage"): lambda: float(10 * (1000 + 500 + 1)),
    ("svd", "truncation_error"): lambda: float(np.linalg.norm(
        np.diag([10, 5, 1, 0.5]) - np.diag([10, 5, 0, 0]), 2)),
    ("tensors", "sum_axis_0_entry"): lambda: float(np.array([[1, 2, 3], [4, 5, 6]]).sum(axis=0)[-1]),
    ("tensors", "reduced_size"): lambda: float(np.zeros((32, 10, 512)).mean(axis=1).size),
    ("tensors", "keepdims_shape"): lambda: str(np.zeros((2, 3)).sum(axis=1, keepdims=True).shape),
    ("tensors", "batched_matmul_shape"): lambda: str((np.zeros((8, 1, 5, 4)) @ np.zeros((3, 4, 2))).shape),
    ("embeddings", "random_cosine_spread"): lambda: float(np.std(
        [np.dot(*(v / np.linalg.norm(v) for v in np.random.default_rng(s).standard_normal((2, 400))))
         for s in range(2000)])),
    ("attention", "softmax_0_ln3"): lambda: float(softmax([0, math.log(3)])[1]),
    ("attention", "score_std_256"): lambda: math.sqrt(256),
    ("attention", "causal_zeros"): lambda: float(np.triu(np.ones((4, 4)), k=1).sum()),
    ("attention", "positional_encoding_entry"): lambda: float(np.sin(1.0 * 10000.0 ** (-0 / 4))),
    ("attention", "cross_attention_shape"): lambda: "{} × {}".format(
        *(np.zeros((7, 16)) @ np.zeros((12, 16)).T).shape),
    ("attention", "split_heads_shape"):
        lambda: str(tuple(torch.zeros(8, 128, 512).reshape(8, 128, 8, 64).transpose(1, 2).shape)),
}


def all_questions():
    for chapter in toc_chapters():
        path = QUIZ_DIR / f"{chapter}.json"
        if path.exists():
            for question in json.loads(path.read_text()):
                yield pytest.param(chapter, question, id=f"{chapter}-{question['id']}")


def test_every_chapter_has_a_quiz_and_shows_it():
    for chapter in toc_chapters():
        assert (QUIZ_DIR / f"{chapter}.json").exists(), f"{chapter}: no quiz data"
        source = (REPO / "book" / f"{chapter}.md").read_text()
        cell = re.search(r"```\{code-cell\} ipython3\n:tags: \[remove-input\]\n\n"
                         r"from linalg_ai.quiz import show_quiz\n\nshow_quiz\(\"(\w+)\"\)\n```", source)
        assert cell and cell.group(1) == chapter, f"{chapter}: no quiz cell showing its own quiz"


@pytest.mark.parametrize("chapter", toc_chapters())
def test_quiz_is_well_formed_with_unique_ids(chapter):
    questions = load_quiz(chapter)
    ids = [question["id"] for question in questions]
    assert len(set(ids)) == len(ids), f"{chapter}: repeated question ids"
    assert {q["type"] for q in questions} == {"multiple_choice", "numeric"}, (
        f"{chapter}: the quiz should mix multiple-choice and numeric questions")


@pytest.mark.parametrize("chapter, question", list(all_questions()))
def test_the_answer_called_right_is_right(chapter, question):
    expected = EXPECTED.get((chapter, question["id"]))
    if question["type"] == "numeric":
        assert expected is not None, f"no independent check of numeric question {chapter}/{question['id']}"
        value = expected()
        assert accepts(question, value), f"{chapter}/{question['id']}: the quiz rejects {value}"
        for answer in question["answers"]:
            if not answer.get("correct") and "value" in answer:
                assert not math.isclose(answer["value"], value), "a wrong answer equals the right one"
    elif expected is not None:
        assert correct_answer(question) == expected(), f"{chapter}/{question['id']}"
    else:
        # Conceptual questions: the option marked right is one of a few distinct options.
        texts = [answer["answer"] for answer in question["answers"]]
        assert len(set(texts)) == len(texts) >= 3, f"{chapter}/{question['id']}: too few distinct options"


def test_every_check_names_an_existing_question():
    """Keeps EXPECTED honest: each of its keys names an existing question."""
    existing = {(c, q["id"]) for c in toc_chapters() for q in load_quiz(c)}
    assert set(EXPECTED) <= existing, sorted(set(EXPECTED) - existing)


@pytest.mark.parametrize("broken, message", [
    ([], "non-empty list"),
    ([{"type": "string", "question": "q", "answers": []}], "type must be one of"),
    ([{"type": "multiple_choice", "question": "q", "answers": [
        {"answer": "a", "correct": True, "feedback": "f"}, {"answer": "b", "correct": True, "feedback": "f"}]}],
     "exactly one answer must be correct"),
    ([{"type": "multiple_choice", "question": "q", "answers": [
        {"answer": "a", "correct": True, "feedback": "f"}, {"answer": "b", "correct": False}]}],
     "its feedback"),
    ([{"type": "numeric", "question": "q", "answers": [{"type": "value", "value": 1, "correct": True,
                                                         "feedback": "f"}]}], "default feedback"),
    ([{"type": "numeric", "question": "q", "answers": [
        {"type": "range", "range": [2, 1], "correct": True, "feedback": "f"},
        {"type": "default", "feedback": "no"}]}], "is empty"),
])
def test_broken_quiz_data_is_refused_with_a_clear_message(broken, message):
    with pytest.raises(QuizError, match=message):
        check_questions(broken)


def test_missing_quiz_is_a_clear_error():
    with pytest.raises(QuizError, match="no quiz for chapter 'no_such_chapter'"):
        load_quiz("no_such_chapter")


def test_outputs_hold_the_container_and_the_waiting_script():
    html, script = quiz_outputs("dot_product")
    container = re.search(r'<div class="la-quiz" data-quiz="dot_product" id="(\w+)"', html)
    assert container, html[:200]
    div_id = container.group(1)
    assert f"var questions{div_id}=" in script and f"show_questions(questions{div_id}, {div_id})" in script
    assert script.index("function showQuiz()") < script.index(f"var questions{div_id}=")
    assert "mathJax.startup.promise.then(showQuiz, showQuiz)" in script
    questions = json.loads(re.search(rf"var questions{div_id}=(.*?);\n", script).group(1))
    for question in questions:
        for answer in question["answers"]:
            answer.pop("plain_text", None)
    assert questions == load_quiz("dot_product")
    assert f'labelAnswers(document.getElementById("{div_id}"), questions{div_id})' in script


@pytest.mark.parametrize("text, plain", [
    ("$4 \\times 5$", "4 × 5"), ("<code>torch.int64</code>", "torch.int64"),
    ("$B^\\top A^\\top$", "Bᵀ Aᵀ"), ("$\\mathbf{b}$, although $\\mathbf{a}$ is longer", "b, although a is longer"),
    ("$\\frac{1}{2}$ and $\\sqrt{2}$", "1/2 and √2"), ("$x \\le y$", "x ≤ y"),
])
def test_answers_get_a_plain_text_name(text, plain):
    assert plain_text(text) == plain


def test_every_multiple_choice_answer_has_a_distinct_feedback():
    """The page names each answer button by finding its answer through the feedback text."""
    for chapter in toc_chapters():
        for question in load_quiz(chapter):
            feedbacks = [answer["feedback"] for answer in question["answers"]]
            assert len(set(feedbacks)) == len(feedbacks), f"{chapter}/{question['id']}"
