#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real, only when they are missing:
#   chromium    - browser tests of the built book (driven by Playwright, never downloaded by it)
#   postgresql  - the grader's gradebook on a real PostgreSQL server on 127.0.0.1
#   bubblewrap  - the sandbox that student code runs in
# With arguments, only those of the three (`make grader` asks for bubblewrap alone).
set -euo pipefail

wanted=("${@:-chromium postgresql bubblewrap}")
wants() { [[ " ${wanted[*]} " == *" $1 "* ]]; }
missing=()
wants chromium && { command -v chromium >/dev/null 2>&1 || missing+=(chromium); }
wants postgresql && { compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql); }
wants bubblewrap && { command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap); }

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "error: the tests need ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
