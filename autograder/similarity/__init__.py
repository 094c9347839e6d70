"""`python -m autograder similarity`: which submissions share code that the rest of the class does not.

The pipeline, one module per step, read top to bottom:

1. `extract`     each student's own code: the notebook's code cells minus the test cells and
                 minus every line the released notebook already holds;
2. `fingerprint` names normalised, then copydetect's k-gram hashing and winnowing, each
                 fingerprint remembering the lines it came from;
3. `rarity`      each fingerprint weighted by how few students in the class have it, and every
                 pair of students scored by the rare fingerprints the two share;
4. `passages`    for the pairs reported, the shared passages that drove the score;
5. `csv_report`, `plot`, `html_report`  OUT/similarity.csv and OUT/similarity.html;

`command` runs them for the CLI; its tunables are `settings.SIMILARITY`. Similarity is a reason to
look, never evidence on its own.
"""
