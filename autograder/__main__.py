"""`python -m autograder ...`: see autograder/cli.py and autograder/README.md."""
import sys

from autograder.cli import main

if __name__ == "__main__":  # not when a spawned helper process imports this module
    sys.exit(main())
