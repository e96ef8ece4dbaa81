#!/bin/bash
# Training: 20,000 attendance rows from an e-learning export (.csv) imported
# into one session (validated, one transaction, journaled in batches), beside
# the sqlite3 shell's .import of the same file into a bare table; then the
# per-課 completion report and `check` over the same 20,000 people.
# Called by bench/run.sh with $M, $W, $RUNS and best_of defined; runs alone
# too: M=build/mamori W=/tmp/x bench/training.sh  (N may be set).
set -euo pipefail
. bench/lib.sh
N=${N:-20000}
export MAMORI_NOW=${MAMORI_NOW:-2026-06-01T00:00:00Z}
mkdir -p "$W/tr"
T=$W/tr
rm -f "$T"/tpl.db*
"$M" --db "$T/tpl.db" init --name ベンチ市 --kind 市 >/dev/null
"$M" --db "$T/tpl.db" org add --code B1 --name 総務部 --kind 部局 >/dev/null
for s in $(seq 1 20); do
	"$M" --db "$T/tpl.db" org add --code "S$s" --name "第${s}課" --kind 課 --parent B1 >/dev/null
done
{
	echo "職員番号,氏名,所属,着任日"
	echo "900000,統括,B1,2020-04-01"
	seq 1 "$N" | awk '{ printf "%06d,職員%d,S%d,2015-04-01\n", $1, $1, $1 % 20 + 1 }'
} >"$T/roster.csv"
"$M" --db "$T/tpl.db" staff import "$T/roster.csv" >/dev/null
"$M" --db "$T/tpl.db" role assign chief_officer 900000 >/dev/null
"$M" --db "$T/tpl.db" --as 900000 training course add --code C01 --title 基礎 --pass-mark 60 >/dev/null
"$M" --db "$T/tpl.db" --as 900000 training session add --course C01 --date 2026-05-10 >/dev/null
{
	echo "職員番号,氏名,受講日,得点,合否"
	seq 1 "$N" | awk '{ printf "%06d,職員%d,2026-05-%02d,%d,%s\n", $1, $1, 10 + $1 % 15, $1 % 101, ($1 % 10 ? "修了" : "未修了") }'
} >"$T/attendance.csv"
import_once() {
	rm -f "$T"/imp.db*
	cp "$T/tpl.db" "$T/imp.db"; cp "$T/tpl.db.key" "$T/imp.db.key"
	"$M" --db "$T/imp.db" --as 900000 training import 1 "$T/attendance.csv"
}
bare_once() {
	rm -f "$T/bare.db"
	sqlite3 "$T/bare.db" ".import --csv $T/attendance.csv bare"
}
t_imp=$(best_of import_once)
t_bare=$(best_of bare_once)
import_once >/dev/null 2>&1
t_again=$(best_of "$M" --db "$T/imp.db" --as 900000 training import 1 "$T/attendance.csv")
t_report=$(best_of "$M" --db "$T/imp.db" training report completion)
t_check=$(best_of "$M" --db "$T/imp.db" check)
echo "training attendance import, ${N} rows (.csv, validated + journaled in batches):"
echo "  mamori training import   ${t_imp} s   $(printf '%.0f' "$(echo "$N / $t_imp" | bc -l)") rows/s"
echo "  sqlite3 .import (bare)   ${t_bare} s   ratio $(printf '%.2f' "$(echo "$t_imp / $t_bare" | bc -l)")×"
echo "  the same file again (nothing changes)   ${t_again} s"
echo "  training report completion (${N} people, 20 課)   ${t_report} s"
echo "  check (with the training rules)          ${t_check} s"
