"""manhattan_distance adds the signed differences: abs() is forgotten."""


def manhattan_distance(a, b):
    if np.shape(a) != np.shape(b):
        raise ValueError(f"shapes {np.shape(a)} and {np.shape(b)} do not match")
    return float(sum(x - y for x, y in zip(a, b)))
