"""A cell at the end of the notebook tries to hold 100 blocks of 1 GiB; the functions are correct."""
# %%
_hoard = [np.empty(2 ** 27) for _ in range(100)]
