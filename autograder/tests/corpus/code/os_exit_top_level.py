"""A cell at the end of the notebook ends the Python process while the notebook loads (os._exit);
the cell is skipped on a restart, and the functions are correct."""
# %%
import os

os._exit(3)
