#!/bin/bash
# Incidents: 100,000 incidents with 1,000,000 timeline entries, generated
# through the journaled bulk path (incident_bulk_generate), then the filtered
# list (state, category, overdue) as `mamori incident list` runs it — timed
# inside a small helper linked with libmamori.a, and end to end through the
# CLI — beside a plain indexed SELECT of the same rows in the sqlite3 shell
# (its own .timer, so process start-up is not counted).  Target ≤ 50 ms.
# Called by bench/run.sh with $M, $W, $RUNS and best_of defined; runs alone
# too: M=build/mamori W=/tmp/x bench/incident.sh  (N and STEPS may be set).
set -euo pipefail
. bench/lib.sh
N=${N:-100000}
STEPS=${STEPS:-10}
export MAMORI_NOW=${MAMORI_NOW:-2026-06-01T00:00:00Z}

bench_helper incident

DB=$W/incidents.db
rm -f "$DB" "$DB.key"
"$M" --db "$DB" init --name 規模試験市 --kind 市 >/dev/null
t0=$(date +%s.%N)
"$HELPER" "$DB" generate "$N" "$STEPS"
t1=$(date +%s.%N)
events=$(sqlite3 "$DB" "SELECT COUNT(*) FROM case_event")
printf 'incidents: %d incidents, %d timeline entries generated (journaled, bulk) in %.1f s\n' \
	"$N" "$events" "$(echo "$t1 - $t0" | bc -l)"

# The plain SELECT of the same rows with the same indexes: in the helper
# (prepared, every column read, best of RUNS) and in the sqlite3 shell with
# its own .timer (output to /dev/null, so printing is not counted).
COLS="i.id, i.incident_no, i.title, i.category, i.state, i.severity, i.detected_at"
shell_ms() { # where-clause
	local best="" t
	for _ in $(seq "$RUNS"); do
		t=$(printf '.timer on\n.output /dev/null\nSELECT %s FROM incident i WHERE %s ORDER BY i.id;\n' "$COLS" "$1" |
			sqlite3 "$DB" 2>&1 | awk '/Run Time/ {print $4 * 1000}' | tail -1)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	printf '%.2f' "$best"
}

OVERDUE="i.id IN (SELECT n.incident_id FROM incident_notice n WHERE n.done_at IS NULL AND n.due_at < '$MAMORI_NOW')"
LATE="EXISTS (SELECT 1 FROM incident_notice n WHERE n.incident_id = i.id AND n.done_at IS NULL AND n.due_at < '$MAMORI_NOW')"
run_case() { # label state category overdue limit where
	local ms rows pms prows cli args=()
	read -r ms rows < <("$HELPER" "$DB" query "$RUNS" "$2" "$3" "$4" "$5")
	local order=" ORDER BY i.id"
	[ "$5" != 0 ] && order=" ORDER BY i.id DESC LIMIT $5"
	read -r pms prows < <("$HELPER" "$DB" plain "$RUNS" "SELECT $COLS FROM incident i WHERE $6$order")
	[ -n "$2" ] && args+=(--state "$2")
	[ -n "$3" ] && args+=(--category "$3")
	[ "$4" = 1 ] && args+=(--overdue)
	cli=$(best_of "$M" --db "$DB" --format json incident list "${args[@]}")
	printf '  %-40s %6d rows  list %7.2f ms  plain SELECT %7.2f ms (%d rows; sqlite3 shell %7.2f ms)  CLI %5.0f ms\n' \
		"$1" "$rows" "$ms" "$pms" "$prows" "$(shell_ms "$6")" "$(echo "$cli * 1000" | bc -l)"
}
page_case() { # label state category overdue where: a page of 50 and its total
	local ms rows pms prows cms
	read -r ms rows < <("$HELPER" "$DB" query "$RUNS" "$2" "$3" "$4" 50)
	read -r pms prows < <("$HELPER" "$DB" plain "$RUNS" "SELECT $COLS FROM incident i WHERE $5 ORDER BY i.id DESC LIMIT 50")
	read -r cms _ < <("$HELPER" "$DB" plain "$RUNS" "SELECT COUNT(*) FROM incident i WHERE $5")
	printf '  %-40s %6d rows  list %7.2f ms  plain SELECT + COUNT %7.2f ms\n' \
		"$1" "$rows" "$ms" "$(echo "$pms + $cms" | bc -l)"
}
echo "incident list page (50 newest and the total, as the list pages show it; target ≤ 50 ms):"
page_case "state=responding category=malware" responding malware 0 "i.state = 'responding' AND i.category = 'malware'"
page_case "state=received overdue" received "" 1 "i.state = 'received' AND $LATE"
page_case "category=leak" "" leak 0 "i.category = 'leak'"
page_case "state=responding" responding "" 0 "i.state = 'responding'"
page_case "overdue" "" "" 1 "$OVERDUE"
# a 課 manager's list on the web (staff 1, 課 1: none of the generated rows):
# the scope is a UNION of indexed lookups (migration 8), probed by id
SCOPE="i.id IN (SELECT r.id FROM incident r WHERE r.reporter_id = 1 UNION SELECT n.incident_id FROM incident_notice n WHERE n.staff_id = 1 UNION SELECT u.id FROM incident u WHERE u.unit_id IN (1))"
read -r ms rows < <("$HELPER" "$DB" query "$RUNS" "" "" 0 50 scoped)
read -r pms _ < <("$HELPER" "$DB" plain "$RUNS" "SELECT $COLS FROM incident i WHERE $SCOPE ORDER BY i.id DESC LIMIT 50")
read -r cms _ < <("$HELPER" "$DB" plain "$RUNS" "SELECT COUNT(*) FROM incident i WHERE $SCOPE")
printf '  %-40s %6d rows  list %7.2f ms  plain SELECT + COUNT %7.2f ms\n' \
	"in a 課 manager's scope (web)" "$rows" "$ms" "$(echo "$pms + $cms" | bc -l)"
echo
echo "incident list, every matching row (CLI = whole process, JSON out):"
run_case "state=responding category=malware" responding malware 0 0 "i.state = 'responding' AND i.category = 'malware'"
run_case "state=received overdue" received "" 1 0 "i.state = 'received' AND $LATE"
run_case "state=responding category=malware overdue" responding malware 1 0 \
	"i.state = 'responding' AND i.category = 'malware' AND $LATE"
run_case "category=leak" "" leak 0 0 "i.category = 'leak'"
run_case "state=responding" responding "" 0 0 "i.state = 'responding'"
run_case "overdue" "" "" 1 0 "$OVERDUE"
echo
