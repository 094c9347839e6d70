"""A cell at the end rebinds the graded name itself: dot = np.dot (after a correct def dot)."""
# %%
dot = np.dot
