"""Grading on Gradescope: an autograder zip that grades exactly as `python -m autograder grade`.

`build` writes the zip (`python -m autograder gradescope ASSIGNMENT --out FILE.zip`), `contents`
decides what of the grader goes in (what grading imports, and the pins of its packages),
`templates/` holds setup.sh and run_autograder, `run` is what run_autograder runs for each
submission, `submission` finds the notebook in an upload and `results` writes results.json.
"""
