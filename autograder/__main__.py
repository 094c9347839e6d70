"""`python -m autograder ...`: see autograder/cli.py and autograder/README.md."""
import sys

from autograder.cli import main

sys.exit(main())
