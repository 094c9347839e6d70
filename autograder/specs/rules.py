"""What each graded function may use and may not: the one declaration of the assignments' rules.

Every function of a spec carries `Rules`: groups of forbidden items (`Shortcuts`) and the items the
notebook names as allowed. Everything else is made from this declaration:
- the static rules (`autograder.static_rules`) and the run-time tripwires enforce exactly the
  forbidden items of the function being graded;
- the "Write the arithmetic yourself" cell of every master notebook is written from it
  (`scripts/write_generated_cells.py`; a test fails when a notebook differs);
- the self-check in the notebooks (`autograder/self_check/`) carries a copy of it for students.

An item is one thing a student can write:
- ROUTINE "numpy.dot": a dotted name, however imported; a module ("numpy.linalg") forbids everything
  under it;
- OPERATOR "@": the operator, and the routines and special methods that are the same operation
  (`operator.matmul`, `x.__matmul__`);
- METHOD "dot": `x.dot(...)` on anything that is not a module;
- ATTRIBUTE "T": `x.T` on anything that is not a module.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ROUTINE, OPERATOR, METHOD, ATTRIBUTE = "routine", "operator", "method", "attribute"
SYNTAX, OWN_FUNCTION = "syntax", "own function"  # kinds of allowed items only

# The routines and special methods that are an operator under another name.
OPERATOR_ROUTINES = {"@": ("operator.matmul", "operator.imatmul", "operator.__matmul__",
                           "operator.__imatmul__")}
OPERATOR_METHODS = {"@": ("__matmul__", "__rmatmul__", "__imatmul__")}


@dataclass(frozen=True, order=True)
class Item:
    """One forbidden thing, named the way the grader's feedback names it."""

    kind: str
    name: str
    module: bool = field(default=False, compare=False)  # a ROUTINE that is a whole module (numpy.linalg)

    def __str__(self) -> str:
        return {ROUTINE: self.name, OPERATOR: f"the {self.name} operator", METHOD: f".{self.name}()",
                ATTRIBUTE: f".{self.name}"}[self.kind]

    def routines(self) -> tuple[str, ...]:
        """The dotted names that are this item (an operator's routines: operator.matmul...)."""
        return (self.name,) if self.kind == ROUTINE else OPERATOR_ROUTINES.get(self.name, ())

    def method_names(self) -> tuple[str, ...]:
        """The names `x.<name>` that are this item (an operator's special methods: __matmul__...)."""
        if self.kind in (METHOD, ATTRIBUTE):
            return (self.name,)
        return OPERATOR_METHODS.get(self.name, ()) if self.kind == OPERATOR else ()

    def covers(self, dotted: str) -> int:
        """Whether a routine's dotted name is this item: 2 if it is or lies under it (numpy.dot,
        numpy.linalg.norm under numpy.linalg), 1 if it is a path of the same library ending in the
        same name (numpy._core.multiarray.dot is numpy.dot), else 0."""
        return max((_covers(rule, dotted) for rule in self.routines()), default=0)


def _covers(rule: str, dotted: str) -> int:
    if dotted == rule or dotted.startswith(rule + "."):
        return 2
    root, _, rest = rule.partition(".")
    return int(bool(rest) and "." not in rest and dotted.split(".")[0] == root and dotted.endswith("." + rest))


@dataclass(frozen=True)
class Shortcuts:
    """Forbidden items that do, in one step, what the exercise asks the student to write."""

    name: str  # "products and norms"
    what: str  # completes "routines ... that ...": "compute a dot product ... for you"
    advice: str  # what to do instead, ends every finding: "write the arithmetic yourself"
    items: tuple[Item, ...]
    examples: tuple[Item, ...]  # named in the rule's sentence; the full list follows it

    def __post_init__(self) -> None:
        missing = set(self.examples) - set(self.items)
        if missing:
            raise ValueError(f"examples that are not items: {sorted(map(str, missing))}")


@dataclass(frozen=True)
class Allowed:
    """Something the notebook names as allowed (a test uses each in an honest submission)."""

    kind: str  # ROUTINE "numpy.asarray" | OPERATOR "*" | METHOD "sum" | SYNTAX "for" | OWN_FUNCTION "matvec"
    name: str
    text: str  # how the notebook writes it: "`np.asarray`"


@dataclass(frozen=True)
class Rules:
    forbidden: tuple[Shortcuts, ...] = ()
    allowed: tuple[Allowed, ...] = ()

    @property
    def items(self) -> frozenset[Item]:
        return frozenset(item for group in self.forbidden for item in group.items)

    def advice(self, item: Item) -> str:
        for group in self.forbidden:
            if item in group.items:
                return group.advice
        raise KeyError(item)


def item_for_routine(dotted: str, items) -> Item | None:
    """The item a routine's dotted name is (the closest match, then the longest name), or None."""
    found = [(item.covers(dotted), item.kind == ROUTINE and len(item.name), item) for item in sorted(items)]
    return max((hit for hit in found if hit[0]), key=lambda hit: hit[:2], default=(0, 0, None))[2]


def item_for_name(name: str, items) -> Item | None:
    """The item `x.<name>` is (a method, an attribute, an operator's special method), or None."""
    return next((item for item in sorted(items) if name in item.method_names()), None)


def tripwire_names(items) -> tuple[list[str], list[str]]:
    """(dotted routines, method and attribute names) for the run-time tripwires to watch."""
    return (sorted({r for item in items for r in item.routines()}),
            sorted({n for item in items for n in item.method_names()}))


def item_for_hit(hit: str, items) -> Item | None:
    """The item a tripwire hit is: "Tensor.T" (a method or attribute), else a dotted routine."""
    owner, _, name = hit.rpartition(".")
    if owner == "Tensor":
        return item_for_name(name, items)
    return item_for_routine(hit, items)


def routines(*names: str) -> tuple[Item, ...]:
    return tuple(Item(ROUTINE, name, module=name in MODULES) for name in names)


def methods(*names: str) -> tuple[Item, ...]:
    return tuple(Item(METHOD, name) for name in names)


def attributes(*names: str) -> tuple[Item, ...]:
    return tuple(Item(ATTRIBUTE, name) for name in names)


MATMUL_OPERATOR = Item(OPERATOR, "@")
# Routine items that are whole modules: everything under them is forbidden.
MODULES = {"numpy.linalg", "numpy.matlib", "numpy.polynomial", "torch.linalg", "torch.nn",
           "scipy.linalg", "scipy.spatial.distance", "scipy.sparse", "sklearn.metrics.pairwise",
           "sklearn.neural_network"}


# --- the groups the assignments use -----------------------------------------------------------------
_PRODUCT_ROUTINES = routines(
    # numpy
    "numpy.dot", "numpy.vdot", "numpy.inner", "numpy.matmul", "numpy.einsum", "numpy.einsum_path",
    "numpy.tensordot", "numpy.vecdot", "numpy.matvec", "numpy.vecmat", "numpy.linalg",
    "numpy.correlate", "numpy.convolve", "numpy.hypot", "numpy.matrix", "numpy.asmatrix",
    "numpy.matlib", "numpy.ma.dot", "numpy.ma.inner", "numpy.polynomial",
    # the standard library
    "math.hypot", "math.dist", "math.sumprod", "statistics.correlation", "statistics.covariance",
    # torch
    "torch.dot", "torch.vdot", "torch.inner", "torch.matmul", "torch.mm", "torch.mv", "torch.bmm",
    "torch.addmm", "torch.addmv", "torch.addbmm", "torch.baddbmm", "torch.addr",
    "torch.chain_matmul", "torch.einsum", "torch.tensordot", "torch.linalg", "torch.norm",
    "torch.dist", "torch.cdist", "torch.renorm", "torch.cosine_similarity",
    "torch.pairwise_distance", "torch.nn.functional.cosine_similarity",
    "torch.nn.functional.normalize", "torch.nn.functional.pairwise_distance",
    "torch.nn.functional.linear", "torch.nn.functional.bilinear", "torch.nn.Linear",
    "torch.nn.CosineSimilarity", "torch.nn.PairwiseDistance",
    "torch.functional.norm", "torch.functional.einsum", "torch.functional.tensordot",
    # scientific libraries that wrap the same
    "scipy.linalg", "scipy.spatial.distance", "scipy.sparse", "sklearn.metrics.pairwise",
    "sklearn.preprocessing.normalize",
)
_PRODUCT_METHODS = methods("dot", "vdot", "inner", "matmul", "mm", "mv", "bmm", "addmm", "addmv",
                           "tensordot", "norm", "dist", "renorm")


def pick(items: tuple[Item, ...], *names: str) -> tuple[Item, ...]:
    """The items of these names, in this order: the examples a notebook's rule text shows."""
    by_name = {item.name: item for item in items}
    return tuple(by_name[name] for name in names)


PRODUCTS_AND_NORMS = Shortcuts(
    name="products and norms",
    what="compute a dot product, a matrix product, a norm or a distance for you",
    advice="write the arithmetic yourself",
    items=(*_PRODUCT_ROUTINES, MATMUL_OPERATOR, *_PRODUCT_METHODS),
    examples=(*pick(_PRODUCT_ROUTINES, "numpy.dot", "numpy.vdot", "numpy.inner", "numpy.matmul"),
              MATMUL_OPERATOR,
              *pick(_PRODUCT_ROUTINES, "numpy.einsum", "numpy.tensordot", "numpy.vecdot", "numpy.linalg",
                     "math.hypot", "math.dist"),
              *pick(_PRODUCT_METHODS, "dot", "norm"),
              *pick(_PRODUCT_ROUTINES, "torch.dot", "torch.matmul", "torch.mm", "torch.linalg",
                     "torch.norm", "torch.cdist", "scipy.spatial.distance", "sklearn.metrics.pairwise")),
)

_TRANSPOSE_ROUTINES = routines(
    "numpy.transpose", "numpy.swapaxes", "numpy.moveaxis", "numpy.rollaxis", "numpy.permute_dims",
    "numpy.matrix_transpose", "torch.transpose", "torch.t", "torch.swapaxes", "torch.swapdims",
    "torch.permute", "torch.movedim", "torch.moveaxis", "torch.adjoint")
_TRANSPOSE_METHODS = methods("transpose", "swapaxes", "moveaxis", "swapdims", "permute", "movedim",
                             "t", "adjoint", "transpose_", "swapaxes_", "swapdims_", "t_")
_TRANSPOSE_ATTRIBUTES = attributes("T", "mT", "H", "mH")

TRANSPOSES = Shortcuts(
    name="transposes",
    what="transpose a matrix for you",
    advice="build the result yourself with loops or a comprehension: that indexing is the exercise",
    items=(*_TRANSPOSE_ROUTINES, *_TRANSPOSE_METHODS, *_TRANSPOSE_ATTRIBUTES),
    examples=(*pick(_TRANSPOSE_ROUTINES, "numpy.transpose", "numpy.swapaxes"),
              *_TRANSPOSE_ATTRIBUTES, *pick(_TRANSPOSE_METHODS, "transpose"),
              *pick(_TRANSPOSE_ROUTINES, "torch.transpose", "torch.t", "torch.permute")),
)

_LAYER_ROUTINES = routines("torch.nn", "torch.relu", "torch.relu_", "torch.threshold", "torch.addmm",
                           "torch.addmv", "torch.baddbmm", "sklearn.neural_network")
_LAYER_METHODS = methods("relu", "relu_", "addmm", "addmv", "threshold")

LAYERS_AND_ACTIVATIONS = Shortcuts(
    name="layers and activations",
    what="are the layer or the activation themselves",
    advice="write the layer yourself",
    items=(*_LAYER_ROUTINES, *_LAYER_METHODS),
    examples=(*pick(_LAYER_ROUTINES, "torch.nn", "torch.relu", "torch.threshold", "torch.addmm",
                     "sklearn.neural_network"), *pick(_LAYER_METHODS, "relu")),
)

_SOFTMAX_ROUTINES = routines(
    "torch.softmax", "torch.log_softmax", "torch.special.softmax", "torch.special.log_softmax",
    "torch.logsumexp", "torch.special.logsumexp", "torch.nn.functional.softmax",
    "torch.nn.functional.log_softmax", "torch.nn.functional.gumbel_softmax",
    "torch.nn.functional.scaled_dot_product_attention",
    "torch.nn.functional.multi_head_attention_forward", "torch.nn.Softmax", "torch.nn.LogSoftmax",
    "torch.nn.MultiheadAttention", "scipy.special.softmax", "scipy.special.log_softmax",
    "scipy.special.logsumexp", "sklearn.utils.extmath.softmax")
_SOFTMAX_METHODS = methods("softmax", "log_softmax", "logsumexp")

SOFTMAX_AND_ATTENTION = Shortcuts(
    name="softmax and attention",
    what="are the softmax or the attention themselves",
    advice="write the softmax and the attention yourself",
    items=(*_SOFTMAX_ROUTINES, *_SOFTMAX_METHODS),
    examples=(*pick(_SOFTMAX_ROUTINES, "torch.softmax", "torch.nn.functional.softmax",
                     "torch.nn.functional.log_softmax", "torch.nn.Softmax", "torch.logsumexp",
                     "scipy.special.softmax", "scipy.special.logsumexp",
                     "torch.nn.functional.scaled_dot_product_attention", "torch.nn.MultiheadAttention"),
              *pick(_SOFTMAX_METHODS, "softmax")),
)


# --- what the notebooks name as allowed ---------------------------------------------------------------
def allowed_routine(name: str, text: str | None = None) -> Allowed:
    shown = name.replace("numpy.", "np.", 1) if name.startswith("numpy.") else name
    return Allowed(ROUTINE, name, text or f"`{shown.removeprefix('builtins.')}`")


ELEMENTWISE_ARITHMETIC = (
    Allowed(SYNTAX, "for", "loops"), Allowed(SYNTAX, "comprehension", "comprehensions"),
    allowed_routine("builtins.zip"), allowed_routine("builtins.sum"), allowed_routine("builtins.abs"),
    allowed_routine("builtins.max"),
    *(Allowed(OPERATOR, op, f"`{op}`") for op in ("+", "-", "*", "/")),
    Allowed(OPERATOR, "**", "`**` (on numbers, and element-wise on numpy arrays: `a * b`)"),
    allowed_routine("math.sqrt"), allowed_routine("numpy.asarray"), allowed_routine("numpy.shape"),
    allowed_routine("numpy.sqrt"), allowed_routine("numpy.abs"), allowed_routine("numpy.sum"),
)
PRODUCTS_AS_TOOLS = (
    Allowed(OPERATOR, "@", "`@`"), allowed_routine("numpy.matmul"), allowed_routine("numpy.dot"),
    allowed_routine("numpy.asarray"),
)
WRITE_THE_ARITHMETIC = Rules(forbidden=(PRODUCTS_AND_NORMS,), allowed=ELEMENTWISE_ARITHMETIC)
