#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image from the zip
# (unpacked in /autograder/source). It installs what grading needs and nothing else: bubblewrap
# for the sandbox, and a Python (3.11 or newer) environment in /autograder/venv with the packages
# the grader imports, pinned at the course's versions (requirements.txt). Written by
# `python -m autograder gradescope`; do not edit.
set -euo pipefail

SOURCE=/autograder/source
VENV=/autograder/venv
# The sandbox's command line sizes its tmpfs mounts (--size), which bubblewrap has since 0.7.0.
MIN_BWRAP=0.7.0

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends bubblewrap util-linux ca-certificates python3 python3-venv

bwrap_version=$(bwrap --version | awk '{print $2}')
if ! printf '%s\n%s\n' "$MIN_BWRAP" "$bwrap_version" | sort -V -C; then
    echo "error: this image's bubblewrap is $bwrap_version; the grader's sandbox needs $MIN_BWRAP or newer." >&2
    echo "Choose a newer base image in the autograder settings (Ubuntu 24.04 ships 0.9.0)." >&2
    exit 1
fi

PYTHON=python3
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    apt-get install -y --no-install-recommends python3.11 python3.11-venv
    PYTHON=python3.11
fi
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --no-cache-dir --disable-pip-version-check -r "$SOURCE/requirements.txt"

# The sandbox runs this environment's Python as an unprivileged user: it must stay readable.
chmod -R go+rX "$VENV"
# The grader must import with this environment, as run_autograder will run it.
cd "$SOURCE" && "$VENV/bin/python" -E -s -c 'import autograder.gradescope.run'
echo "The autograder is ready."
