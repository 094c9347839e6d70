"""A cell at the end imports everything from numpy, which rebinds dot to numpy's own dot."""
# %%
from numpy import *  # noqa: F403
