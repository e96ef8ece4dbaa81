#!/bin/bash
# Runs every t_* function of tests/cli/test_*.sh against $MAMORI and $BACKEND.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
export ROOT
: "${MAMORI:?}" "${BACKEND:?}"
export MAMORI_NOW=${MAMORI_NOW:-2026-06-01T01:00:00Z}
. tests/cli/lib.sh
PASS=0; FAIL=0
for f in tests/cli/test_*.sh; do
	. "$f"
done
for t in $(declare -F | awk '{print $3}' | grep '^t_' | sort); do
	if [ "$BACKEND" = pg ] && [ -z "${MAMORI_TEST_PG:-}" ]; then break; fi
	# t_tool_* tests exercise commands that open no database (sanitize,
	# netcheck on a file): running them again on PostgreSQL proves nothing.
	if [ "$BACKEND" = pg ] && [[ $t == t_tool_* ]]; then continue; fi
	T=$(mktemp -d /tmp/mamori-t.XXXXXX)
	# set -e holds inside the subshell because its status is read afterwards,
	# not tested by an if: each test stops at its first failing command.
	( set -e -o pipefail; cd "$T"; fresh_db; "$t" ) 2>"$T/.log"
	if [ $? = 0 ]; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1)); echo "FAIL $t ($BACKEND)"; sed 's/^/  /' "$T/.log" | head -30
	fi
	rm -rf "$T"
done
echo "$PASS passed, $FAIL failed"
