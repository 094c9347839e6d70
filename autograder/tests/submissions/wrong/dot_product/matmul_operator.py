"""project uses the @ operator for a·b and b·b (forbidden); dot and cosine_similarity are correct."""


def project(a, b):
    dot(a, b)  # checks the lengths
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    b_b = b @ b
    if b_b == 0:
        raise ValueError("cannot project onto the zero vector")
    return (a @ b) / b_b * b
