"""A fake `autograder` package shipped next to the notebook, to shadow the course's own."""
