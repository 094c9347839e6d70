"""The course's grader: nbgrader's life cycle and gradebook, with hardened, fast grading.

Run it as `python -m autograder grade ASSIGNMENT SUBMISSIONS --out OUT` from the repository root.
"""
