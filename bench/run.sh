#!/bin/bash
# make bench: every figure the issues name, each beside a baseline measured in
# the same run on the same machine (machines here are noisy: read the ratios).
# Each timing is the best of RUNS runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
M=$ROOT/build/mamori
RUNS=${RUNS:-3}
W=$(mktemp -d /tmp/mamori-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
export MAMORI_NOW=2026-06-01T00:00:00Z

now() { date +%s.%N; }
# best_of CMD…: prints the shortest wall time of RUNS runs, in seconds
best_of() {
	local best="" t0 t1 d
	for _ in $(seq "$RUNS"); do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
		d=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
	done
	printf '%.4f' "$best"
}
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
per_s() { printf '%.0f' "$(echo "$1 / $2" | bc -l)"; }

# An organisation of 10 部局 × 6 課 for the staff files to point at.
make_org() { # db
	"$M" --db "$1" init --name ベンチ市 --kind 市 >/dev/null
	for b in $(seq 1 10); do
		"$M" --db "$1" org add --code "B$b" --name "第${b}部" --kind 部局 >/dev/null
		for s in $(seq 1 6); do
			"$M" --db "$1" org add --code "S$b-$s" --name "第${b}部第${s}課" --kind 課 --parent "B$b" >/dev/null
		done
	done
}

# N staff rows; variant changes the 連絡先 of every row (for update runs).
make_staff_csv() { # rows variant out
	awk -v n="$1" -v v="$2" 'BEGIN {
		split("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤", fam, " ");
		split("サトウ スズキ タカハシ タナカ イトウ ワタナベ ヤマモト ナカムラ コバヤシ カトウ", kfam, " ");
		split("太郎 花子 一郎 美咲 健 陽子 翔 由美 大輔 恵", giv, " ");
		split("タロウ ハナコ イチロウ ミサキ ケン ヨウコ ショウ ユミ ダイスケ メグミ", kgiv, " ");
		print "職員番号,氏名,カナ,所属,雇用区分,連絡先,メール,着任日";
		for (i = 1; i <= n; i++) {
			f = i % 10 + 1; g = int(i / 10) % 10 + 1;
			printf "%06d,%s %s,%s %s,S%d-%d,%s,内線%d-%d,s%06d@city.example.lg.jp,%d-04-01\n",
				i, fam[f], giv[g], kfam[f], kgiv[g], i % 10 + 1, int(i / 10) % 6 + 1,
				(i % 5 == 0 ? "会計年度任用職員" : "職員"), v, i % 10000, i, 1990 + i % 35;
		}
	}' > "$3"
}

echo "mamori bench — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, best of $RUNS"
echo

# --- 1. staff import of 50,000 rows vs sqlite3 .import into a bare table
ROWS=50000
make_staff_csv $ROWS 0 "$W/staff.csv"
make_org "$W/template.db"
import_once() {
	rm -f "$W/imp.db" "$W/imp.db-wal" "$W/imp.db-shm"
	cp "$W/template.db" "$W/imp.db"; cp "$W/template.db.key" "$W/imp.db.key"
	"$M" --db "$W/imp.db" staff import "$W/staff.csv"
}
bare_once() {
	rm -f "$W/bare.db"
	sqlite3 "$W/bare.db" ".import --csv $W/staff.csv bare"
}
# A second baseline: the sqlite3 shell storing exactly the rows mamori
# stores (the staff rows and their journal entries) into the same schema.
# It shows how much of mamori's time is the storage the journal contract
# requires rather than mamori's own work.
import_once >/dev/null
sqlite3 -csv "$W/imp.db" "SELECT * FROM staff" >"$W/staff-rows.csv"
sqlite3 -csv "$W/imp.db" "SELECT * FROM journal WHERE subject LIKE 'staff/%'" >"$W/journal-rows.csv"
floor_once() {
	rm -f "$W/floor.db" "$W/floor.db-wal" "$W/floor.db-shm"
	cp "$W/template.db" "$W/floor.db"
	sqlite3 "$W/floor.db" "PRAGMA journal_mode=WAL" ".import --csv $W/staff-rows.csv staff" \
		".import --csv $W/journal-rows.csv journal"
}
t_imp=$(best_of import_once)
t_bare=$(best_of bare_once)
t_floor=$(best_of floor_once)
echo "staff import, ${ROWS} rows (.csv, validated + journaled):"
echo "  mamori staff import     ${t_imp} s   $(per_s $ROWS "$t_imp") rows/s"
echo "  sqlite3 .import (bare)  ${t_bare} s   $(per_s $ROWS "$t_bare") rows/s"
echo "  ratio                   $(ratio "$t_imp" "$t_bare")×   (target ≤ 3×)"
echo "  sqlite3 .import of the rows mamori stores (staff + journal, same schema)"
echo "                          ${t_floor} s   ratio $(ratio "$t_imp" "$t_floor")×"
echo

# --- 2. verify of a 1,000,000-entry journal vs sha256sum over the same bytes
import_once >/dev/null
for v in $(seq 1 19); do
	make_staff_csv $ROWS "$v" "$W/staff-$v.csv"
	"$M" --db "$W/imp.db" staff import "$W/staff-$v.csv" >/dev/null
done
ENTRIES=$(sqlite3 "$W/imp.db" "SELECT count(*) FROM journal")
sqlite3 "$W/imp.db" "SELECT prev || char(10) || seq || char(10) || at || char(10) || actor || char(10) || kind || char(10) || subject || char(10) || body FROM journal ORDER BY seq" > "$W/journal.bytes"
t_verify=$(best_of "$M" --db "$W/imp.db" verify)
t_sha=$(best_of sha256sum "$W/journal.bytes")
echo "verify, ${ENTRIES} journal entries ($(du -m "$W/journal.bytes" | cut -f1) MiB hashed):"
echo "  mamori verify           ${t_verify} s   $(per_s "$ENTRIES" "$t_verify") entries/s   (target ≥ 500000/s)"
echo "  sha256sum (same bytes)  ${t_sha} s"
echo "  ratio                   $(ratio "$t_verify" "$t_sha")×   (target ≤ 3×)"
