"""Routines a student may not call where the point is to write the arithmetic yourself.

Dotted names are prefixes: "numpy.linalg" forbids everything under it. The `dot_product`, `norms`
and `matmul` assignments forbid all of these plus the `@` operator; the later assignments forbid
only the routine that would do the asked task in one call (see their spec modules).
"""
from __future__ import annotations

# Routines that compute a dot product, a matrix product, a norm or a distance in one call.
PRODUCTS_AND_NORMS = frozenset({
    # numpy
    "numpy.dot", "numpy.vdot", "numpy.inner", "numpy.matmul", "numpy.einsum", "numpy.einsum_path",
    "numpy.tensordot", "numpy.vecdot", "numpy.matvec", "numpy.vecmat", "numpy.linalg",
    "numpy.correlate", "numpy.convolve", "numpy.hypot", "numpy.matrix", "numpy.asmatrix",
    "numpy.matlib", "numpy.ma.dot", "numpy.ma.inner", "numpy.polynomial",
    # the standard library
    "math.hypot", "math.dist", "math.sumprod", "operator.matmul", "operator.imatmul",
    "statistics.correlation", "statistics.covariance",
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
})

# Methods of arrays and tensors that do the same, called as x.<name>(...).
PRODUCT_AND_NORM_METHODS = frozenset({
    "dot", "vdot", "inner", "matmul", "mm", "mv", "bmm", "addmm", "addmv", "tensordot",
    "norm", "dist", "renorm", "__matmul__", "__rmatmul__", "__imatmul__",
})
