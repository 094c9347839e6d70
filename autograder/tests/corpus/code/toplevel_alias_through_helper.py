"""project calls a helper that calls a top-level alias of np.vdot, built without naming it plainly."""
_routines = {"inner": np.vdot}
_inner = _routines["inner"]


def _scale(a, b):
    return _inner(a, b) / _inner(b, b)


def project(a, b):
    if len(b) != len(a):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} differ")
    if not any(b):
        raise ValueError("zero vector")
    return [float(_scale(np.asarray(a, float), np.asarray(b, float))) * float(y) for y in b]
