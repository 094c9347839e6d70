"""Regenerate the released student notebooks, exercises/, from the masters in solutions/.

    python scripts/release_exercises.py                 # every assignment
    python scripts/release_exercises.py dot_product     # one or more by name
    python scripts/release_exercises.py --out DIR       # write DIR/<assignment>/ instead (the drift test)

Runs stock `nbgrader generate_assignment --force` with the course configuration
(autograder/nbgrader_config.py) against a throw-away gradebook, so the output depends only on
solutions/ and the same masters always give the same released notebooks. Commit what it writes;
never edit exercises/ by hand. (To record the assignments in the course gradebook for stock
`nbgrader autograde`, run `nbgrader generate_assignment ASSIGNMENT --force` from the repository root.)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "solutions"
BIN = Path(sys.executable).parent


def assignments() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file())


def release(names: list[str], out: Path) -> None:
    """Write out/<name>/<name>.ipynb for each name; raise RuntimeError with nbgrader's output on failure."""
    # One nbgrader run for all assignments ("*") is three times faster than one run each.
    patterns = ["*"] if set(names) == set(assignments()) else names
    with tempfile.TemporaryDirectory(prefix="release-gradebook-") as scratch:
        # nbgrader runs `alembic` from PATH to create the (throw-away) gradebook.
        env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                   NBGRADER_DB_URL=f"sqlite:///{Path(scratch) / 'gradebook.db'}")
        for pattern in patterns:
            command = [str(BIN / "nbgrader"), "generate_assignment", pattern, "--force", "--log-level=WARN",
                       f"--CourseDirectory.release_directory={out}"]
            proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise RuntimeError(f"nbgrader generate_assignment {pattern} failed "
                                   f"(exit {proc.returncode}):\n" + (proc.stdout + proc.stderr)[-3000:])
    missing = [name for name in names if not (out / name / f"{name}.ipynb").is_file()]
    if missing:
        raise RuntimeError(f"nbgrader wrote no notebook for {', '.join(missing)}")


def main(argv: list[str] | None = None) -> int:
    known = assignments()
    parser = argparse.ArgumentParser(description="Regenerate exercises/ from solutions/ with nbgrader.")
    parser.add_argument("names", nargs="*", metavar="ASSIGNMENT", help=f"default: all ({', '.join(known)})")
    parser.add_argument("--out", type=Path, default=REPO / "exercises",
                        help="release folder (default: exercises/)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in known]
    if unknown:
        print(f"error: unknown assignment(s) {', '.join(unknown)}; known: {', '.join(known)}",
              file=sys.stderr)
        return 2
    out = args.out.resolve()
    try:
        release(args.names or known, out)
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name in args.names or known:
        print(f"released {out / name / f'{name}.ipynb'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
