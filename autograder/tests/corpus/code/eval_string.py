"""project evaluates a string of code that calls np.dot."""


def project(a, b):
    scale = eval("np." + "dot(a, b) / np.dot(b, b)")
    return [scale * float(y) for y in b]
