"""project scales b in place when b is already a float array (np.asarray does not copy it)."""


def project(a, b):
    dot_ab = dot(a, b)
    dot_bb = dot(b, b)
    if dot_bb == 0:
        raise ValueError("cannot project onto the zero vector")
    b = np.asarray(b, dtype=float)
    b *= dot_ab / dot_bb
    return b
