"""Correct functions and scratch cells with IPython syntax: %timeit, !echo, and a %%time cell."""
# %%
%timeit dot([1, 2, 3], [4, 5, 6])
!echo "checking"
print(cosine_similarity([1, 2], [2, 1]))
# %%
%%time
project([3, 4], [2, 1])
