"""Write the cells of the master notebooks that come from the specs (the rules each function must
follow, the students' self-check and visible rule tests, the "before you submit" summary).

    python scripts/write_generated_cells.py              # every assignment
    python scripts/write_generated_cells.py matmul       # one or more by name
    python scripts/write_generated_cells.py --check      # exit 1 listing what differs, write nothing

Then regenerate the released notebooks (python scripts/release_exercises.py) and commit both.
"""
from __future__ import annotations

import argparse
import sys

from autograder.course import ASSIGNMENTS
from autograder.generated_cells.masters import differences, write


def _assignment(name: str) -> str:
    if name not in ASSIGNMENTS:
        raise argparse.ArgumentTypeError(f"unknown assignment {name!r}; known: {', '.join(ASSIGNMENTS)}")
    return name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="ASSIGNMENT", type=_assignment,
                        help=f"default: all ({', '.join(ASSIGNMENTS)})")
    parser.add_argument("--check", action="store_true", help="list the differences and exit 1 if any")
    args = parser.parse_args(argv)
    names = args.names or list(ASSIGNMENTS)
    if args.check:
        problems = [problem for name in names for problem in differences(name)]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for name in names:
        print(f"{'rewrote' if write(name) else 'unchanged'} solutions/{name}/{name}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
