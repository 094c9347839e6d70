"""Builders of submissions for the tests, the benchmarks and the scripts: notebooks made from the
released ones the way students fill them in (`submission_builder`), the attack corpus as student
folders (`corpus_builder`), a class for the similarity report (`similarity_class`), and a look at
running processes (`processes`). Their data (fixtures, the corpus) stays in autograder/tests/."""
