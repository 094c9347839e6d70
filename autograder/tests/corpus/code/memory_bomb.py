"""dot allocates memory without end (128 MB blocks)."""


def dot(a, b):
    hoard = []
    while True:
        hoard.append(np.empty(2 ** 24))
