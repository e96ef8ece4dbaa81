#!/bin/bash
# sqlmap (Debian) against the JSON API: every query parameter, every {id}
# path segment and every POST field of the API endpoints, as the CISO (who
# sees everything, so every query runs), on the demo municipality.  First
# the same options are pointed at canary.py, a deliberately injectable
# endpoint, which sqlmap must find: otherwise the options prove nothing.
# Usage: tests/sqlmap/run.sh MAMORI [sqlite|pg]   (pg needs $MAMORI_TEST_PG)
# Prints one line per target and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
M=$1
BACKEND=${2:-sqlite}
W=$(mktemp -d /tmp/mamori-sqlmap.XXXXXX)
PASS=0
FAIL=0
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$W"; }
trap cleanup EXIT

if [ "$BACKEND" = pg ]; then
	DBMS=PostgreSQL
	# a database of its own in the test cluster (tests/run.sh sets PG_TEMP_DIR)
	DB=$(scripts/pg-temp.sh newdb "$PG_TEMP_DIR" "sqlmap_$$") || { echo "0 passed, 1 failed"; exit 1; }
	export MAMORI_KEY=$W/pg.key
else
	DBMS=SQLite
	DB=$W/demo.db
fi

port() { echo $((20000 + RANDOM % 20000)); }

# sqlmap with the options used for every target; prints its verdict.
# Time-based blind tests are left out: on a loaded test machine a slow answer
# reads as a hit, and every statement mamori runs also returns its rows, so
# boolean, error, UNION and stacked tests see any injection first.
probe() { # URL [sqlmap args…]
	local url=$1; shift
	sqlmap -u "$url" "$@" --batch --dbms="$DBMS" --level=2 --risk=1 --technique=BEUS \
		--flush-session --output-dir="$W/out" --disable-coloring 2>&1 >"$W/log" |
		cat >>"$W/log"
	if grep -qE "sqlmap identified the following injection|appears to be .* injectable|is '.*' injectable" "$W/log"; then
		echo injectable
	elif grep -qE "all tested parameters do not appear to be injectable|does not seem to be injectable" "$W/log"; then
		echo clean
	else
		echo "unknown"
	fi
}

result() { # name verdict want
	if [ "$2" = "$3" ]; then
		PASS=$((PASS + 1)); echo "ok   $1"
	else
		FAIL=$((FAIL + 1)); echo "FAIL $1: sqlmap says $2, expected $3"; grep -E "injectable|CRITICAL|ERROR" "$W/log" | head -8 | sed 's/^/    /'
	fi
}

# --- the control: an injectable endpoint must be found (SQLite only)
if [ "$BACKEND" = sqlite ]; then
	CPORT=$(port)
	python3 "$(dirname "$0")/canary.py" "$CPORT" & PIDS+=($!)
	for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$CPORT/items?q=a" && break; sleep 0.1; done
	result "canary (deliberately injectable)" "$(probe "http://127.0.0.1:$CPORT/items?q=an")" injectable
fi

# --- mamori on the demo data
"$M" --db "$DB" demo >/dev/null || { echo "sqlmap: demo failed"; echo "0 passed, 1 failed"; exit 1; }
TOKEN=$("$M" --db "$DB" --format json account token add 900001 --name sqlmap |
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
MPORT=$(port)
"$M" --db "$DB" serve --listen "127.0.0.1:$MPORT" >"$W/serve.log" 2>&1 & PIDS+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$MPORT/login" && break; sleep 0.1; done
B="http://127.0.0.1:$MPORT/api/v1"
AUTH="Authorization: Bearer $TOKEN"
first() { # PATH KEY: the first value of KEY in the answer to GET PATH
	curl -s -H "$AUTH" "$B$1" | grep -o "\"$2\":\"[^\"]*\"" | head -1 | sed 's/.*:"//; s/"$//'
}
ASSET=$(first '/assets?limit=1' asset_no)
# a request of our own, so that /requests/{no} has one to show
curl -s -o /dev/null -H "$AUTH" "$B/requests" --data "type=takeout&asset=$ASSET&item=PC&quantity=1&purpose=x&place=y&return_due=2026-12-01"
REQ=$(first '/requests?limit=1' request_no)
STAFF=$(first '/staff?limit=1' staff_no)
[ -n "$ASSET" ] && [ -n "$STAFF" ] && [ -n "$REQ" ] || { echo "sqlmap: the API did not answer"; echo "0 passed, 1 failed"; exit 1; }

GETS=(
	"/assets?q=a&type=information&zone=lgwan&c=1&sort=no&dir=asc&limit=5&offset=0"
	"/assets/$ASSET*"
	"/staff?q=a&unit=S001&sort=name&retired=1&limit=5&offset=0"
	"/staff/$STAFF*"
	"/org?q=a&sort=code&all=1"
	"/catalog?q=a"
	"/catalog/2.2.8.2*"
	"/journal?subject=asset&kind=insert&since=2026-04-01&sort=old&after=1"
	"/requests?type=takeout&state=filed&q=a&sort=no&dir=asc&mine=1&limit=5&offset=0"
	"/requests/$REQ*"
	"/policy/versions/1*"
	"/inspect/campaigns?fy=2026"
	"/inspect/campaigns/S2026-01*"
	"/audits?fy=2026&state=open"
	"/audits/A2026-000002*"
	"/actions?state=open&source=audit&unit=S001&fy=2026&limit=5&offset=0"
	"/training/sessions?fy=2026"
	"/proposals?fy=2026&state=proposed"
)
for g in "${GETS[@]}"; do
	# a target that does not answer 200 would be "clean" without testing anything
	st=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" "$B${g//\*/}")
	if [ "$st" != 200 ]; then
		result "GET $g" "answered $st" clean
		continue
	fi
	result "GET $g" "$(probe "$B$g" -H "$AUTH")" clean
done
result "POST /requests" "$(probe "$B/requests" -H "$AUTH" \
	--data "type=takeout&asset=$ASSET&item=PC&quantity=1&purpose=x&place=y&return_due=2026-12-01")" clean
result "POST /assets/$ASSET" "$(probe "$B/assets/$ASSET" -H "$AUTH" --data "name=x&note=y")" clean

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
