"""dot passes its worked examples but never checks the lengths (zip stops at the shorter one):
only the hidden "errors" group fails. Shipped next to a fake `autograder` package whose
check_function always gives full points, which would fool a kernel that imports it."""


def dot(a, b):
    return float(sum(float(x) * float(y) for x, y in zip(a, b)))
