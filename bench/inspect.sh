#!/bin/bash
# Self-inspection: a campaign of 20,000 respondents × 60 questions
# (1,200,000 answers, stored through the core in one bulk journaled
# transaction), then
#   1. the counts by 課, chapter and clause (inspect_results_load, timed in a
#      helper linked with libmamori.a, and the CLI end to end) beside a plain
#      SELECT … GROUP BY 課, chapter, answer over the same rows, in the helper
#      and in the sqlite3 shell (its own .timer).  Target ≤ 1 s.
#   2. issuing the 20,000 one-time links with the list to distribute, and with
#      mail to the local SMTP sink (tests/smtp/sink.py), beside the sqlite3
#      shell inserting 20,000 random hashes into a bare table.  Target ≤ 5 s.
# Called by bench/run.sh with $M, $W, $RUNS and best_of defined; runs alone
# too: M=build/mamori W=/tmp/x bench/inspect.sh  (N may be set).
set -euo pipefail
. bench/lib.sh
N=${N:-20000}
export MAMORI_NOW=${MAMORI_NOW:-2026-06-01T00:00:00Z}

bench_helper inspect

DB=$W/inspect.db
rm -f "$DB" "$DB.key" "$DB-wal" "$DB-shm"
mi() { "$M" --db "$DB" "$@"; }
# 10 部局 × 6 課, N staff spread over the 60 課, each with a mail address
mi init --name 自己点検規模試験市 --kind 市 >/dev/null
for b in $(seq 1 10); do
	mi org add --code "B$b" --name "第${b}部" --kind 部局 >/dev/null
	for s in $(seq 1 6); do
		mi org add --code "S$b-$s" --name "第${b}部第${s}課" --kind 課 --parent "B$b" >/dev/null
	done
done
awk -v n="$N" 'BEGIN {
	print "職員番号,氏名,所属,メール";
	for (i = 1; i <= n; i++)
		printf "%06d,職員 %d,S%d-%d,s%06d@city.example.lg.jp\n", i, i, i % 10 + 1, int(i / 10) % 6 + 1, i;
}' >"$W/inspect-staff.csv"
mi staff import "$W/inspect-staff.csv" >/dev/null
mi role assign chief_officer 000001 >/dev/null
# chapters 2 and 5 and 基本方針 5 give 職員等 exactly 60 questions
mi --as 000001 inspect create --title 規模試験 --opens 2026-06-01 --due 2026-06-30 --roles staff \
	--clauses 2,5,P5 >/dev/null
mi --as 000001 inspect open S2026-01 >/dev/null
Q=$(sqlite3 "$DB" "SELECT COUNT(*) FROM inspect_question")
t0=$(date +%s.%N)
"$HELPER" "$DB" answer S2026-01
t1=$(date +%s.%N)
A=$(sqlite3 "$DB" "SELECT COUNT(*) FROM inspect_answer")
printf 'self-inspection: %d respondents × %d questions, %d answers stored (core, one bulk journaled transaction) in %.1f s\n' \
	"$N" "$Q" "$A" "$(echo "$t1 - $t0" | bc -l)"

# 1. the aggregation
GROUP="SELECT r.unit_id, q.chapter, a.answer, COUNT(*) FROM inspect_respondent r JOIN inspect_answer a ON a.respondent_id = r.id JOIN inspect_question q ON q.id = a.question_id WHERE r.campaign_id = 1 GROUP BY r.unit_id, q.chapter, a.answer"
read -r ms rows cpu < <("$HELPER" "$DB" results "$RUNS" S2026-01)
read -r pms prows pcpu < <("$HELPER" "$DB" plain "$RUNS" "$GROUP")
shell_ms() {
	local best="" t
	for _ in $(seq "$RUNS"); do
		t=$(printf '.timer on\n.output /dev/null\n%s;\n' "$GROUP" | sqlite3 "$DB" 2>&1 |
			awk '/Run Time/ {print $4 * 1000}' | tail -1)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
	done
	printf '%.2f' "$best"
}
cli=$(best_of "$M" --db "$DB" --format json inspect results S2026-01)
echo "self-inspection results by 課, chapter and clause (target ≤ 1000 ms):"
printf '  inspect_results_load        %8.2f ms  (CPU %.0f ms; %d answers counted)\n' "$ms" "$cpu" "$rows"
printf '  plain SELECT … GROUP BY     %8.2f ms  (CPU %.0f ms; %d groups; sqlite3 shell %s ms)\n' "$pms" "$pcpu" "$prows" "$(shell_ms)"
printf '  ratio                       %8.2f×\n' "$(echo "$ms / $pms" | bc -l)"
printf '  mamori inspect results (CLI, JSON)  %.0f ms\n' "$(echo "$cli * 1000" | bc -l)"

# 2. the one-time links
links_list() { "$M" --db "$DB" --as 000001 inspect links S2026-01 --base-url https://mamori.city.example.lg.jp -o "$W/links.csv" "$@"; }
bare_links() {
	rm -f "$W/bare-links.db"
	sqlite3 "$W/bare-links.db" "CREATE TABLE l(id INTEGER PRIMARY KEY, h TEXT UNIQUE, at TEXT);" \
		"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $N)
		 INSERT INTO l SELECT i, lower(hex(randomblob(32))), '$MAMORI_NOW' FROM s;"
}
# answers are all in: links go to those who have not submitted, which is everyone
t_list=$(best_of links_list)
t_bare=$(best_of bare_links)
LINKS=$(($(wc -l <"$W/links.csv") - 1))
echo
echo "one-time links for ${LINKS} respondents (target ≤ 5 s):"
printf '  inspect links, list to distribute   %.3f s\n' "$t_list"
# The sink keeps no files: writing 20,000 of them from python would time the
# sink's disk, not mamori.  The count of links marked as mailed says how many
# messages the sink accepted.
python3 tests/smtp/sink.py --exit-with-parent --max-lifetime 600 >"$W/sink.port" 2>"$W/sink.err" &
SINK=$!
for _ in $(seq 50); do [ -s "$W/sink.port" ] && break; sleep 0.1; done
PORT=$(head -1 "$W/sink.port")
mi profile set smtp_relay "127.0.0.1:$PORT" >/dev/null
mi profile set mail_from joho@city.example.lg.jp >/dev/null
links_mail() { links_list --mail; }
t_mail=$(best_of links_mail)
MAILED=$(sqlite3 "$DB" "SELECT count(*) FROM inspect_link WHERE mailed_at IS NOT NULL")
# mamori's own CPU time for one more run: on a shared machine the wall time
# above includes waiting for the sink (python) and for a core
/usr/bin/time -f '%U %S' -o "$W/mail.cpu" "$M" --db "$DB" --as 000001 inspect links S2026-01 \
	--base-url https://mamori.city.example.lg.jp -o "$W/links.csv" --mail >/dev/null 2>&1 || true
read -r mu ms_ <"$W/mail.cpu"
kill "$SINK" 2>/dev/null || true
printf '  inspect links --mail (local sink)   %.3f s   (%d messages accepted; mamori CPU %.2f s)\n' "$t_mail" "$MAILED" \
	"$(echo "$mu + $ms_" | bc -l)"
printf '  sqlite3: %d random hashes into a bare table   %.3f s\n' "$N" "$t_bare"
printf '  ratio (list / bare)                 %.2f×\n' "$(echo "$t_list / $t_bare" | bc -l)"

# 3. the web pages over the same campaign (the 統括 000001's API token): the
# campaign page (progress by 課 and one page of respondents, deep in the
# list), a respondent's checklist, and the results (the same aggregation as
# the CLI above, which is its baseline).
mi account add 000001 >/dev/null
TOKEN=$(mi --format json account token add 000001 --name bench | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
PORT=$((20000 + RANDOM % 20000))
"$M" --db "$DB" serve --listen "127.0.0.1:$PORT" >"$W/inspect-serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.1; done
get() { curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }
for u in "/inspect/S2026-01?offset=10000" /api/v1/inspect/campaigns/S2026-01 /inspect/S2026-01/results; do
	get "$u" || { echo "inspect bench: GET $u failed" >&2; kill "$SERVER"; exit 1; }
done
t_page=$(best_of get "/inspect/S2026-01?offset=10000")
t_api=$(best_of get "/api/v1/inspect/campaigns/S2026-01")
t_results=$(best_of get "/inspect/S2026-01/results")
kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true
echo "self-inspection web pages over ${N} respondents (API token of the 統括):"
printf '  /inspect/S2026-01?offset=10000 (progress by 課, a page of respondents)  %6.0f ms\n' "$(echo "$t_page * 1000" | bc -l)"
printf '  /inspect/S2026-01/results (by 課, chapter, clause; previous 年度)        %6.0f ms\n' "$(echo "$t_results * 1000" | bc -l)"
printf '  /api/v1/inspect/campaigns/S2026-01 (progress and results as JSON)       %6.0f ms\n' "$(echo "$t_api * 1000" | bc -l)"
printf '  baseline: mamori inspect results (CLI, JSON)                             %6.0f ms   (results page / CLI %s×)\n' \
	"$(echo "$cli * 1000" | bc -l)" "$(ratio "$t_results" "$cli")"
