#!/bin/sh
# Installs the npm packages a test directory pins (package-lock.json) into its
# node_modules, only when node_modules is missing or older than the lockfile:
# CI machines start fresh, and a developer's repeated runs should cost nothing.
# Usage: tests/npm-ci.sh DIR.  scripts/setup.sh installs node/npm.
set -eu
cd "$1"
command -v npm >/dev/null 2>&1 || { echo "tests/npm-ci.sh: npm is missing (run scripts/setup.sh)" >&2; exit 1; }
stamp=node_modules/.package-lock.json # npm rewrites it on every install
if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ]; then
	exit 0
fi
# Several test processes may call this at once: one installs, the others wait.
exec 9<package-lock.json
flock 9
if [ -f "$stamp" ] && [ ! package-lock.json -nt "$stamp" ]; then
	exit 0
fi
npm ci --no-audit --no-fund --loglevel=error >&2
