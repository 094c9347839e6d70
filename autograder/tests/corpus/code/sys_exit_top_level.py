"""A cell at the end of the notebook calls sys.exit at module level; the functions are correct."""
# %%
import sys

sys.exit("done here")
