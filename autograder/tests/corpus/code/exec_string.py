"""dot runs a string of code with exec to define and call a helper that uses numpy.dot."""


def dot(a, b):
    scope = {"np": np, "a": a, "b": b}
    exec("result = float(np.dot(a, b))", scope)
    return scope["result"]
