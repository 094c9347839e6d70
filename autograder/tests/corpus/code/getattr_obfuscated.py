"""dot gets np.dot through getattr with a name built from pieces."""


def dot(a, b):
    routine = getattr(np, "d" + "ot")
    return float(routine(np.asarray(a, float), np.asarray(b, float)))
