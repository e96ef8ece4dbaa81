#!/bin/bash
# The whole test suite: unit tests, the CLI suite on SQLite and on
# PostgreSQL, the CLI suite again under ASan+UBSan, and a fuzz smoke run.
# Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
# fontconfig (reached through pango by the PDF writer) keeps its caches
# until exit by design; only that library's leaks are suppressed.
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
PASS=0
FAIL=0
FAILED_NAMES=()

# Each line says when it was printed (seconds since the start), so a slow
# stage shows in CI's log: the whole run must stay well under an hour.
note() { printf '[%4ds] %s\n' "$SECONDS" "$*"; }

count_unit() { # binary
	local out rc line p f
	out=$("$@" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	if [ -z "$line" ]; then p=0; f=1; fi
	if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
	PASS=$((PASS + p)); FAIL=$((FAIL + f))
	if [ "$f" != 0 ]; then
		FAILED_NAMES+=("$1"); printf '%s\n' "$out" | grep -v '^ok ' | tail -30
	fi
	note "unit $(basename "$1"): $p passed, $f failed"
}

# --- PostgreSQL: a throwaway cluster for the whole run, unless one is given.
PG_DIR=""
if [ -z "${MAMORI_TEST_PG:-}" ]; then
	PG_DIR=$(mktemp -d /tmp/mamori-pg.XXXXXX)
	rmdir "$PG_DIR"
	if MAMORI_TEST_PG=$(scripts/pg-temp.sh start "$PG_DIR"); then
		export MAMORI_TEST_PG
	else
		note "PostgreSQL could not be started"; FAIL=$((FAIL + 1)); FAILED_NAMES+=("pg-start")
		PG_DIR=""
	fi
fi
cleanup() { [ -n "$PG_DIR" ] && scripts/pg-temp.sh stop "$PG_DIR" >/dev/null 2>&1; }
trap cleanup EXIT
export PG_TEMP_DIR="$PG_DIR"

# --- unit tests (normal and sanitised builds)
for t in build/tests/test_* build/asan/tests/test_*; do
	[ -x "$t" ] && count_unit "$t"
done

# --- CLI suites, two at a time (the machines have two cores; a suite is
# mostly waiting on short-lived processes, so a pair takes little longer
# than one).  Each suite gets its own port range so that two web tests
# can never meet on one port.
CLI_OUT=$(mktemp -d /tmp/mamori-cli.XXXXXX)
start_cli() { # label binary backend port-base
	MAMORI="$ROOT/$2" BACKEND=$3 MAMORI_TEST_PORT_BASE=$4 \
		tests/cli/run-cli.sh >"$CLI_OUT/$1" 2>&1 &
}
count_cli() { # label
	local label=$1 out line p f
	out=$(cat "$CLI_OUT/$label")
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	if [ -z "$line" ]; then p=0; f=1; fi
	PASS=$((PASS + p)); FAIL=$((FAIL + f))
	printf '%s\n' "$out" | grep -E '^(FAIL|  )' | head -60
	[ "$f" != 0 ] && FAILED_NAMES+=("cli-$label")
	note "cli $label: $p passed, $f failed"
}
run_cli_pair() { # sqlite-label pg-label binary
	start_cli "$1" "$3" sqlite 20000
	[ -n "${MAMORI_TEST_PG:-}" ] && start_cli "$2" "$3" pg 30000
	wait
	count_cli "$1"
	[ -n "${MAMORI_TEST_PG:-}" ] && count_cli "$2"
}
run_cli_pair sqlite postgresql build/mamori
run_cli_pair asan-sqlite asan-postgresql build/asan/mamori
rm -rf "$CLI_OUT"

count_suite() { # label command…: adds a suite's "N passed, N failed" line
	local label=$1 out line p f
	shift
	out=$("$@" 2>&1)
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	[ -z "$line" ] && { p=0; f=1; }
	PASS=$((PASS + p)); FAIL=$((FAIL + f))
	[ "$f" != 0 ] && { FAILED_NAMES+=("$label"); printf '%s\n' "$out" | grep -v '^ok ' | tail -20; }
	note "$label: $p passed, $f failed"
}

# --- the web UI in Debian's Chromium (playwright-core)
count_suite browser tests/browser/run.sh "$ROOT/build/mamori"

# --- sqlmap against the JSON API (with a control it must catch)
count_suite sqlmap-sqlite tests/sqlmap/run.sh "$ROOT/build/mamori" sqlite
[ -n "${MAMORI_TEST_PG:-}" ] && count_suite sqlmap-postgresql tests/sqlmap/run.sh "$ROOT/build/mamori" pg

# --- fuzz smoke: every parser's target over its corpus plus a short random run
if out=$(tests/fuzz/run.sh 10 2>&1); then
	PASS=$((PASS + 1)); note "fuzz: ok"
else
	FAIL=$((FAIL + 1)); FAILED_NAMES+=("fuzz"); printf '%s\n' "$out" | tail -30
fi

[ ${#FAILED_NAMES[@]} -gt 0 ] && note "failed: ${FAILED_NAMES[*]}"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
