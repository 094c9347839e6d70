"""Builders of submissions for the tests, the benchmarks and the scripts: notebooks made from the
released ones the way students fill them in (`submission_builder`), the attack corpus as student
folders (`corpus_builder`), a class for the similarity report (`similarity_class`), a look at
running processes (`processes`), the grader's command run as an instructor runs it (`grader_cli`),
the platforms' folder and zip layouts (`platform_layouts`) and a course on nbgrader's real exchange
(`exchange_course`). Their data (fixtures, the corpus) stays in autograder/tests/."""
