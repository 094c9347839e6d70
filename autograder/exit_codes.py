"""The exit codes of `python -m autograder grade`, each with a one-line reason on stderr.

0  every student found was graded;
1  the grader itself failed (the sandbox cannot start, an internal error): nothing is moved into OUT
   when it cannot start at all;
2  bad input: an unknown assignment, a missing SUBMISSIONS, a bad option, an unusable gradebook URL;
3  graded, but some students had no notebook that could be graded (missing, two candidates, a link,
   another assignment's, unreadable): they score 0 with the reason in grades.csv's notes;
4  nothing to grade: no student or notebook found, every notebook unreadable, or every student
   failed intake the same way (a layout mistake): nothing is written, the gradebook is untouched.
"""
OK = 0
GRADER_ERROR = 1
USAGE_ERROR = 2
SOME_UNGRADED = 3
NOTHING_GRADED = 4
