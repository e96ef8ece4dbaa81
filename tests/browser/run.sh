#!/bin/bash
# The web UI in a real browser: Debian's Chromium driven by playwright-core.
# Builds the demo municipality into a scratch database, serves it on a free
# loopback port, runs ui.test.js against it and stops the server.  Prints
# "N passed, N failed" (tests/run.sh counts it); screenshots of the main
# pages go to $SHOTS (default: a scratch directory; docs/screenshots/ when
# refreshing the documentation).
# Usage: tests/browser/run.sh [MAMORI]   (default build/mamori)
set -u
cd "$(dirname "$0")"
M=${1:-../../build/mamori}
case "$M" in /*) ;; *) M="$PWD/$M" ;; esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "tests/browser: $CHROMIUM is missing (scripts/setup.sh installs chromium)"; echo "0 passed, 1 failed"; exit 1; }
../npm-ci.sh . || { echo "0 passed, 1 failed"; exit 1; }
W=$(mktemp -d /tmp/mamori-browser.XXXXXX)
SERVER=""
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
"$M" --db "$W/m.db" demo >/dev/null || { echo "demo failed"; echo "0 passed, 1 failed"; exit 1; }
for _ in 1 2 3 4 5; do
	PORT=$((20000 + RANDOM % 20000))
	"$M" --db "$W/m.db" serve --listen "127.0.0.1:$PORT" >"$W/serve.log" 2>&1 &
	SERVER=$!
	for _ in $(seq 50); do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break 2
		kill -0 "$SERVER" 2>/dev/null || break
		sleep 0.1
	done
	kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; SERVER=""
done
[ -n "$SERVER" ] || { cat "$W/serve.log"; echo "0 passed, 1 failed"; exit 1; }
SHOTS=${SHOTS:-$W/shots} BASE="http://127.0.0.1:$PORT" CHROMIUM="$CHROMIUM" MAMORI="$M" DB="$W/m.db" \
	node ui.test.js
