"""Exceptions the command line reports as one plain line, kept apart from the modules that raise
them so that catching one does not import them (the gradebook's import of nbgrader takes half a
second, which `grade` spends while the workers already grade)."""


class GradebookError(Exception):
    """The gradebook cannot be opened or does not fit the assignment (plain words)."""
