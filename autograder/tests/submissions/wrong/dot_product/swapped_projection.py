"""project projects b onto a (a·b / a·a) a: the roles of the two vectors are swapped."""


def project(a, b):
    dot_ab = dot(a, b)
    dot_aa = dot(a, a)
    if dot(b, b) == 0:
        raise ValueError("cannot project onto the zero vector")
    if dot_aa == 0:
        return [0.0 for _ in a]
    return [dot_ab / dot_aa * x for x in a]
