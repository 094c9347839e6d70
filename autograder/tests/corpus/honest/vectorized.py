"""An honest student: numpy element-wise products and sums, arrays out."""


def dot(a, b):
    a_arr, b_arr = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"mismatched shapes {a_arr.shape} and {b_arr.shape}")
    return (a_arr * b_arr).sum()


def cosine_similarity(a, b):
    top = dot(a, b)
    a_len, b_len = np.sqrt(dot(a, a)), np.sqrt(dot(b, b))
    if a_len == 0 or b_len == 0:
        raise ValueError("zero-length vector")
    return top / (a_len * b_len)


def project(a, b):
    bb = dot(b, b)
    ab = dot(a, b)
    if bb == 0:
        raise ValueError("cannot project on a zero vector")
    return (ab / bb) * np.asarray(b, dtype=np.float64)
