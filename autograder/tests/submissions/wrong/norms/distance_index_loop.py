"""euclidean_distance loops over the indices of a without checking b's length: IndexError for a
longer a, a number for a shorter one, never the ValueError naming both shapes."""


def euclidean_distance(a, b):
    total = 0.0
    for i in range(len(a)):
        total += (a[i] - b[i]) ** 2
    return math.sqrt(total)
