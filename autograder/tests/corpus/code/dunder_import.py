"""cosine_similarity imports numpy by name with __import__ and uses its linalg.norm."""


def cosine_similarity(a, b):
    library = __import__("num" + "py")
    return float(library.inner(a, b) / (library.linalg.norm(a) * library.linalg.norm(b)))
