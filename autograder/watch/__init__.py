"""Grading on submit for a JupyterHub course: `python -m autograder watch`.

Students submit with nbgrader's own `nbgrader submit` (or the Assignments tab); `watch` grades each
submission in the exchange's inbound folder with the hardened grader, records it in the gradebook
and releases its feedback through the exchange, so that the student's own `nbgrader fetch_feedback`
shows the grade seconds later. Its tunables (poll interval, workers, per-hour limit), the options'
defaults, are `autograder.settings.ON_SUBMIT`. One module per job:

- `exchange`: the course's folders on nbgrader's exchange, releasing one feedback page;
- `inbound`: the submissions in the inbound folder, and the private copy that is graded;
- `state`: what was done with each submission (SQLite in OUT), so nothing is graded twice;
- `rate_limit`: at most N graded submissions per student and assignment in any hour;
- `notices`: the pages a student gets while a submission waits or cannot be graded;
- `loop`: the loop itself, on `grader_pool.GraderPool` (the worker pool `serve` uses too).
"""
