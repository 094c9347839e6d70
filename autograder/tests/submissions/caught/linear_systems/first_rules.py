"""Forbidden shortcuts that also skip the rules' errors: np.linalg.solve names no shape for a
non-square A; np.polyfit raises TypeError, not ValueError, for x and y of different lengths."""


def solve(A, b):
    return np.linalg.solve(np.asarray(A, dtype=float), np.asarray(b, dtype=float))


def fit_line(x, y):
    slope, intercept = np.polyfit(x, y, 1)
    return intercept, slope
