"""dot takes the array method .dot through getattr with a name built from pieces (ndarray methods
are C slots, so no run-time tripwire can see this: the static rule must)."""


def dot(a, b):
    return float(getattr(np.asarray(a, dtype=float), "d" + "ot")(np.asarray(b, dtype=float)))
