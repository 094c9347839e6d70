"""A dot_product class for the similarity tests and benchmark, built the way students edit the
released notebook: they keep each function's signature and docstring, sometimes the
`# YOUR CODE HERE` marker, and write below it; helpers go into a cell of their own.

- `common`: honest students writing the idioms most of a class writes (zip loop, generator sum,
  index loop, numpy), each function chosen on its own, names and error messages drawn from small
  pools. Two blocks of them write the very same code but for the names.
- `unusual`: honest students with a style of their own (reduce/map, a backwards while loop,
  recursion, einsum), and one whose cosine and project share an unusual mistake.
- `copy`: disguised copies of the unusual ones (renamed variables and helpers, reordered and moved
  functions, comments, blank lines, a slightly changed loop), and a student who copied only the
  two mistaken functions, keeping a dot of their own.
- `blank`: the released notebook, untouched.

`build_class()` returns the students; `COPIES` says who copied whom; `common_class(n)` makes n
honest common students for the benchmark.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.testing.submission_builder import build_submission, released_copy, write_submission

ASSIGNMENT = "dot_product"
FUNCTIONS = ("dot", "cosine_similarity", "project")


@dataclass(frozen=True)
class Student:
    student_id: str
    kind: str  # common, unusual, copy, blank
    notebook: dict
    block: int | None = None  # common students of one block wrote the same code but for the names


# --- how students fill in a released stub -----------------------------------------------------------
def _stubs() -> dict[str, str]:
    stubs = {}
    for cell in released_copy(ASSIGNMENT)["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution"):
            source = cell["source"]
            stubs[meta["grade_id"]] = "".join(source) if isinstance(source, list) else source
    return stubs


STUBS = _stubs()


def filled(function: str, body: str, keep_marker: bool = True, after: str = "") -> str:
    """The stub of `function` with `raise NotImplementedError()` replaced by `body` (indented
    code), the marker kept or not, and `after` (say, a helper) appended below the function."""
    lines = STUBS[function].splitlines()
    lines = [line for line in lines if line.strip() != "raise NotImplementedError()"
             and (keep_marker or line.strip() != "# YOUR CODE HERE")]
    code = "\n".join(lines) + "\n" + body.strip("\n") + "\n"
    return code + ("\n\n" + after.strip("\n") + "\n" if after else "")


def notebook(bodies: dict[str, str], helpers: str = "", keep_marker: bool = True,
             after: dict[str, str] | None = None) -> dict:
    after = after or {}
    replacements = {name: filled(name, body, keep_marker, after.get(name, ""))
                    for name, body in bodies.items()}
    return build_submission(ASSIGNMENT, replacements, base="released", preamble=helpers)


# --- the common idioms: {acc}, {x}, {y}, {i}, {n1}, {n2}, {s}: names; {msg...}: messages ------------
DOT_IDIOMS = {
    "zip_loop": """
    if len(a) != len(b):
        raise ValueError({msg})
    {acc} = 0.0
    for {x}, {y} in zip(a, b):
        {acc} += {x} * {y}
    return {acc}
""",
    "generator_sum": """
    if len(a) != len(b):
        raise ValueError({msg})
    return sum({x} * {y} for {x}, {y} in zip(a, b))
""",
    "index_loop": """
    if len(a) != len(b):
        raise ValueError({msg})
    {acc} = 0
    for {i} in range(len(a)):
        {acc} += a[{i}] * b[{i}]
    return {acc}
""",
    "numpy": """
    if np.shape(a) != np.shape(b):
        raise ValueError({msg})
    return float(np.dot(a, b))
""",
}
COSINE_IDIOMS = {
    "sqrt_of_dots": """
    {n1} = math.sqrt(dot(a, a))
    {n2} = math.sqrt(dot(b, b))
    if {n1} == 0 or {n2} == 0:
        raise ValueError({msg_zero})
    return dot(a, b) / ({n1} * {n2})
""",
    "numpy_norms": """
    {n1} = np.linalg.norm(a)
    {n2} = np.linalg.norm(b)
    if {n1} == 0 or {n2} == 0:
        raise ValueError({msg_zero})
    return dot(a, b) / ({n1} * {n2})
""",
    "one_root": """
    {s} = dot(a, b)
    {n1} = math.sqrt(dot(a, a) * dot(b, b))
    if {n1} == 0:
        raise ValueError({msg_zero})
    return {s} / {n1}
""",
}
PROJECT_IDIOMS = {
    "scaled_list": """
    {n2} = dot(b, b)
    if {n2} == 0:
        raise ValueError({msg_project})
    {s} = dot(a, b) / {n2}
    return [{s} * {x} for {x} in b]
""",
    "numpy_array": """
    if dot(b, b) == 0:
        raise ValueError({msg_project})
    return np.array(b) * (dot(a, b) / dot(b, b))
""",
    "numpy_multiply": """
    {n2} = dot(b, b)
    if {n2} == 0:
        raise ValueError({msg_project})
    return np.multiply(dot(a, b) / {n2}, b)
""",
}
# How often each idiom is chosen; the messages a class writes.
DOT_ODDS = {"zip_loop": 4, "generator_sum": 3, "index_loop": 2, "numpy": 1}
COSINE_ODDS = {"sqrt_of_dots": 4, "numpy_norms": 3, "one_root": 2}
PROJECT_ODDS = {"scaled_list": 4, "numpy_array": 2, "numpy_multiply": 2}
MESSAGES = {
    "msg": ['f"shapes {np.shape(a)} and {np.shape(b)} do not match"',
            '"the vectors must have the same length"', 'f"lengths differ: {len(a)} != {len(b)}"'],
    "msg_zero": ['"zero vector"', '"cosine similarity of a zero vector is undefined"'],
    "msg_project": ['"cannot project onto the zero vector"', '"b is the zero vector"'],
}
NAMES = {
    "acc": ["total", "s", "result", "acc", "running", "out", "value", "res"],
    "x": ["x", "ai", "u", "p", "xi", "left", "el"],
    "y": ["y", "bi", "v", "q", "yi", "right", "other"],
    "i": ["i", "k", "idx", "j", "index"],
    "n1": ["norm_a", "na", "length_a", "len_a", "a_norm", "mag_a"],
    "n2": ["norm_b", "nb", "length_b", "len_b", "b_norm", "mag_b"],
    "s": ["scale", "factor", "coef", "ratio", "numerator", "c"],
}


def _pick(rng: random.Random, odds: dict[str, int]) -> str:
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def common_student(rng: random.Random, idioms: tuple[str, str, str] | None = None,
                   messages: dict[str, str] | None = None) -> dict:
    """An honest student writing common idioms, with names (and messages unless given) of their own."""
    dot_idiom, cosine_idiom, project_idiom = idioms or (
        _pick(rng, DOT_ODDS), _pick(rng, COSINE_ODDS), _pick(rng, PROJECT_ODDS))
    names = {key: rng.choice(pool) for key, pool in NAMES.items()}
    while names["x"] == names["y"] or names["n1"] == names["n2"]:
        names = {key: rng.choice(pool) for key, pool in NAMES.items()}
    words = {**names, **(messages or {key: rng.choice(pool) for key, pool in MESSAGES.items()})}
    bodies = {"dot": DOT_IDIOMS[dot_idiom], "cosine_similarity": COSINE_IDIOMS[cosine_idiom],
              "project": PROJECT_IDIOMS[project_idiom]}
    return notebook({name: _fill(body, words) for name, body in bodies.items()},
                    keep_marker=rng.random() < 0.5)


def _fill(body: str, words: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: words.get(m.group(1), m.group(0)), body)


# --- unusual styles, and their disguised copies ------------------------------------------------------
REDUCE = dict(
    helpers='''
import functools
import operator


def _check_same_length(u, v):
    if len(u) != len(v):
        raise ValueError(f"cannot combine shapes {np.shape(u)} and {np.shape(v)}")


def _length(v):
    return math.sqrt(functools.reduce(operator.add, map(operator.mul, v, v), 0.0))
''',
    dot="""
    _check_same_length(a, b)
    return functools.reduce(operator.add, map(operator.mul, a, b), 0.0)
""",
    cosine_similarity="""
    _check_same_length(a, b)
    la, lb = _length(a), _length(b)
    if not (la and lb):
        raise ValueError("zero vector: the angle is undefined")
    return dot(a, b) / la / lb
""",
    project="""
    lb2 = _length(b) ** 2
    if lb2 == 0.0:
        raise ValueError("b must not be the zero vector")
    factor = dot(a, b) / lb2
    return list(map(lambda t: factor * t, b))
""",
)
# Renamed variables and helpers, the helpers reordered and moved below cosine_similarity,
# comments and blank lines added.
REDUCE_COPY = dict(
    helpers="""
import operator
import functools
""",
    dot="""
    # both vectors need the same length
    _same_size(a, b)

    return functools.reduce(operator.add, map(operator.mul, a, b), 0.0)  # sum of products
""",
    cosine_similarity="""
    _same_size(a, b)
    size_a, size_b = _magnitude(a), _magnitude(b)

    # a zero vector has no direction
    if not (size_a and size_b):
        raise ValueError("zero vector: the angle is undefined")
    return dot(a, b) / size_a / size_b
""",
    after_cosine_similarity='''
def _magnitude(w):
    # Euclidean length
    return math.sqrt(functools.reduce(operator.add, map(operator.mul, w, w), 0.0))


def _same_size(first, second):
    if len(first) != len(second):
        raise ValueError(f"cannot combine shapes {np.shape(first)} and {np.shape(second)}")
''',
    project="""
    squared = _magnitude(b) ** 2
    if squared == 0.0:
        raise ValueError("b must not be the zero vector")

    k = dot(a, b) / squared
    return list(map(lambda e: k * e, b))
""",
)
WHILE = dict(
    dot="""
    n = len(a)
    if n != len(b):
        raise ValueError("dot: shape mismatch %s vs %s" % (np.shape(a), np.shape(b)))
    k, acc = n - 1, 0.0
    while k >= 0:
        acc = acc + a[k] * b[k]
        k -= 1
    return acc
""",
    cosine_similarity="""
    num = dot(a, b)
    sq = dot(a, a) * dot(b, b)
    if sq <= 0:
        raise ValueError("cosine undefined for a zero vector")
    return num * sq ** -0.5
""",
    project="""
    denom = dot(b, b)
    if denom <= 0:
        raise ValueError("projection onto zero vector")
    coef = dot(a, b) / denom
    out = []
    k = 0
    while k < len(b):
        out.append(coef * b[k])
        k += 1
    return out
""",
)
# Renamed, comments, and the loops slightly changed (+= instead of acc = acc + ..., k = k - 1).
WHILE_COPY = dict(
    dot="""
    length = len(a)
    if length != len(b):
        raise ValueError("dot: shape mismatch %s vs %s" % (np.shape(a), np.shape(b)))
    # walk backwards through both vectors
    pos, running = length - 1, 0.0
    while pos >= 0:
        running += a[pos] * b[pos]
        pos = pos - 1
    return running
""",
    cosine_similarity="""
    top = dot(a, b)
    bottom = dot(a, a) * dot(b, b)

    if bottom <= 0:
        raise ValueError("cosine undefined for a zero vector")
    return top * bottom ** -0.5
""",
    project="""
    bb = dot(b, b)
    if bb <= 0:
        raise ValueError("projection onto zero vector")
    ratio = dot(a, b) / bb
    result = []
    pos = 0
    while pos < len(b):
        result.append(ratio * b[pos])
        pos = pos + 1
    return result
""",
)
RECURSIVE = dict(
    dot="""
    if len(a) != len(b):
        raise ValueError("shapes " + str(np.shape(a)) + " and " + str(np.shape(b)) + " are incompatible")
    if len(a) == 0:
        return 0.0
    head, *rest = zip(a, b)
    return head[0] * head[1] + dot([p for p, _ in rest], [q for _, q in rest])
""",
    cosine_similarity="""
    lengths = [math.fsum(v * v for v in vec) ** 0.5 for vec in (a, b)]
    if min(lengths) == 0:
        raise ValueError("zero-length vector")
    return dot(a, b) / math.prod(lengths)
""",
    project="""
    table = {i: value for i, value in enumerate(b)}
    bb = dot(b, b)
    if not bb:
        raise ValueError("b is zero")
    return [dot(a, b) / bb * table[i] for i in sorted(table)]
""",
)
# Renamed, the two checks of dot swapped, comments.
RECURSIVE_COPY = dict(
    dot="""
    if len(a) == 0 and len(b) == 0:
        return 0.0  # base case
    if len(a) != len(b):
        raise ValueError("shapes " + str(np.shape(a)) + " and " + str(np.shape(b)) + " are incompatible")
    first, *others = zip(a, b)
    # recurse on what is left
    return first[0] * first[1] + dot([s for s, _ in others], [t for _, t in others])
""",
    cosine_similarity="""
    sizes = [math.fsum(c * c for c in w) ** 0.5 for w in (a, b)]
    if min(sizes) == 0:
        raise ValueError("zero-length vector")
    return dot(a, b) / math.prod(sizes)
""",
    project="""
    lookup = {j: entry for j, entry in enumerate(b)}
    b_dot_b = dot(b, b)
    if not b_dot_b:
        raise ValueError("b is zero")
    return [dot(a, b) / b_dot_b * lookup[j] for j in sorted(lookup)]
""",
)
EINSUM = dict(  # unusual and honest: nobody copied it
    dot="""
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if va.shape != vb.shape:
        raise ValueError(f"{va.shape} vs {vb.shape}")
    return float(np.einsum("i,i->", va, vb))
""",
    cosine_similarity="""
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    norms = np.sqrt(np.einsum("i,i->", va, va) * np.einsum("i,i->", vb, vb))
    if np.isclose(norms, 0):
        raise ValueError("zero vector")
    return float(np.clip(dot(a, b) / norms, -1.0, 1.0))
""",
    project="""
    vb = np.asarray(b, dtype=float)
    if not vb.any():
        raise ValueError("zero vector b")
    return (dot(a, b) / np.einsum("i,i->", vb, vb)) * vb
""",
)
# The same unusual mistakes in cosine_similarity (no square roots, a clamp) and project (divides
# by |b| instead of |b|^2). The copier renamed, added a comment, and kept their own common dot.
MISTAKE_COSINE = """
    {num} = dot(a, b)
    {den} = dot(a, a) * dot(b, b)
    if not {den}:
        raise ValueError("no angle with a zero vector")
    return max(-1.0, min(1.0, {num} / {den}))
"""
MISTAKE_PROJECT = """
    {coef} = dot(a, b) / math.sqrt(dot(b, b)){comment}
    if math.isnan({coef}):
        raise ValueError("no projection onto a zero vector")
    return [{coef} * {entry} for {entry} in b]
"""
MISTAKE = dict(cosine_similarity=_fill(MISTAKE_COSINE, dict(num="num", den="den")),
               project=_fill(MISTAKE_PROJECT, dict(coef="coeff", entry="entry", comment="")))
MISTAKE_COPY = dict(cosine_similarity=_fill(MISTAKE_COSINE, dict(num="top", den="bottom")),
                    project=_fill(MISTAKE_PROJECT, dict(coef="t", entry="x", comment="  # scale")))

UNUSUAL = {"unusual-reduce": REDUCE, "unusual-while": WHILE, "unusual-recursive": RECURSIVE,
           "unusual-einsum": EINSUM}
# copier -> (the student copied, what they copied)
COPIES = {"copy-reduce": ("unusual-reduce", REDUCE_COPY), "copy-while": ("unusual-while", WHILE_COPY),
          "copy-recursive": ("unusual-recursive", RECURSIVE_COPY),
          "copy-mistake": ("unusual-mistake", MISTAKE_COPY)}


def _styled(style: dict[str, str], rng: random.Random) -> dict:
    """A notebook in an unusual style; functions the style leaves out get a common idiom."""
    bodies = {name: style[name] for name in FUNCTIONS if name in style}
    if len(bodies) < len(FUNCTIONS):
        common = common_student(rng)
        for cell in common["cells"]:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in FUNCTIONS and grade_id not in bodies:
                bodies[grade_id] = _body_of(cell["source"], grade_id)
    after = {name: style[f"after_{name}"] for name in FUNCTIONS if f"after_{name}" in style}
    return notebook(bodies, helpers=style.get("helpers", "").strip("\n"), after=after)


def _body_of(source: str, function: str) -> str:
    """The lines a student wrote under a filled stub (to reuse a common body)."""
    stub = set(line.strip() for line in STUBS[function].splitlines())
    return "\n".join(line for line in source.splitlines() if line.strip() not in stub)


BLOCKS = ((("zip_loop", "sqrt_of_dots", "scaled_list"), 6), (("generator_sum", "one_root", "scaled_list"), 5))


def build_class(common: int = 40, seed: int = 14) -> list[Student]:
    rng = random.Random(seed)
    made: list[tuple[dict, int | None]] = []
    # Two blocks that wrote the very same code, but for the names: the identical-idiom pairs.
    same_messages = {key: pool[0] for key, pool in MESSAGES.items()}
    for block, (idioms, size) in enumerate(BLOCKS, 1):
        made += [(common_student(rng, idioms, same_messages), block) for _ in range(size)]
    while len(made) < common:
        made.append((common_student(rng), None))
    roster = [Student(f"common-{index + 1:02d}", "common", nb, block)
              for index, (nb, block) in enumerate(made)]
    roster += [Student(name, "unusual", _styled(style, rng)) for name, style in UNUSUAL.items()]
    roster.append(Student("unusual-mistake", "unusual", _styled(MISTAKE, rng)))
    roster += [Student(name, "copy", _styled(style, rng)) for name, (_, style) in COPIES.items()]
    roster += [Student(f"blank-{index}", "blank", released_copy(ASSIGNMENT)) for index in (1, 2)]
    return roster


def common_class(n: int, seed: int = 14) -> list[Student]:
    """n honest students writing common idioms (the benchmark's class)."""
    rng = random.Random(seed)
    return [Student(f"student-{index + 1:04d}", "common", common_student(rng)) for index in range(n)]


def write_class(students: list[Student], submissions: Path) -> Path:
    for student in students:
        write_submission(submissions, student.student_id, ASSIGNMENT, student.notebook)
    return submissions
