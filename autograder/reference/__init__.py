"""Reference implementations the hidden tests compare against: one module per assignment.

Never released to students (nbgrader releases only `exercises/`). Written for clarity: explicit
arithmetic on float arrays, shape checks first, inputs never modified.
"""
