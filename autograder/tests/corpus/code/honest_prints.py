"""Correct functions that print on every call, and a scratch cell that prints 20,000 lines
(about 0.8 MB, under the 1 MB cap per cell)."""


def dot(a, b):
    print("dot of", a, "and", b)
    if len(b) != len(a):
        raise ValueError(f"dot: shapes {np.shape(a)} and {np.shape(b)}")
    total = 0.0
    for index, (x, y) in enumerate(zip(a, b)):
        total += float(x) * float(y)
        print(f"  step {index}: running total {total}")
    return total
# %%
for _i in range(20000):
    print(f"scratch line {_i:6d} " + "-" * 20)
