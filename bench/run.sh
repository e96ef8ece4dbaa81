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
# (imports written one entry per row, so the journal has a million entries)
export MAMORI_JOURNAL_BATCH=0
import_once >/dev/null
for v in $(seq 1 19); do
	make_staff_csv $ROWS "$v" "$W/staff-$v.csv"
	"$M" --db "$W/imp.db" staff import "$W/staff-$v.csv" >/dev/null
done
unset MAMORI_JOURNAL_BATCH
ENTRIES=$(sqlite3 "$W/imp.db" "SELECT count(*) FROM journal")
sqlite3 "$W/imp.db" "SELECT prev || char(10) || seq || char(10) || at || char(10) || actor || char(10) || kind || char(10) || subject || char(10) || body FROM journal ORDER BY seq" > "$W/journal.bytes"
t_verify=$(best_of "$M" --db "$W/imp.db" verify)
t_sha=$(best_of sha256sum "$W/journal.bytes")
echo "verify, ${ENTRIES} journal entries ($(du -m "$W/journal.bytes" | cut -f1) MiB hashed):"
echo "  mamori verify           ${t_verify} s   $(per_s "$ENTRIES" "$t_verify") entries/s   (target ≥ 500000/s)"
echo "  sha256sum (same bytes)  ${t_sha} s"
echo "  ratio                   $(ratio "$t_verify" "$t_sha")×   (target ≤ 3×)"

# --- 3. asset register import/export, 100,000 rows
# The register names the 60 課 of make_org by code, one manager per 課 by
# 職員番号, 5 systems, every level label, and copies and media both before
# and after the rows that name them (1% point forward: added, then linked).
make_asset_csv() { # rows out
	awk -v n="$1" 'BEGIN {
		split("住民記録データ 課税台帳 福祉台帳 財務会計データ 人事給与データ 文書管理データ 議事録 設計書 申請書類 統計データ", nm, " ");
		split("情報 情報 情報 システム関連文書 情報 情報 電磁的記録媒体 情報システム 施設・設備 ネットワーク", ty, " ");
		split("課内 部内 庁内 全庁 関係課", sc, " ");
		split("電子 紙 紙・電子 電子", md, " ");
		split("マイナンバー利用事務系 LGWAN接続系 インターネット接続系 LGWAN接続系", zn, " ");
		split("なし 個人情報 特定個人情報 なし", pi, " ");
		split("1年 3年 5年 10年 永年", rt, " ");
		print "資産番号,名称,種別,所管課,管理者,利用範囲,保管場所,媒体,所属システム,ネットワーク領域,機密性,完全性,可用性,個人情報,保存期間,入手元,複製元,格納媒体,状態,備考";
		for (i = 1; i <= n; i++) {
			b = i % 10 + 1; s = int(i / 10) % 6 + 1;
			t = (i % 20 == 0) ? "電磁的記録媒体" : ty[i % 10 + 1];
			src = (i % 10 == 7) ? sprintf("A%06d", i - 1) : "";
			box = (i % 100 == 1 && i + 99 <= n) ? sprintf("A%06d", i + 99) : (i % 20 == 3 && i > 20) ? sprintf("A%06d", i - 3) : "";
			printf "A%06d,%s %d,%s,S%d-%d,M%d-%d,%s,第%d書庫,%s,%s,%s,機密性%d,完全性%d,可用性%d,%s,%s,%s,%s,%s,%s,%s\n",
				i, nm[i % 10 + 1], i, t, b, s, b, s, sc[i % 5 + 1], i % 7 + 1, md[i % 4 + 1],
				(i % 3 == 0 ? sprintf("SYS%d", i % 5 + 1) : ""), zn[i % 4 + 1], i % 3 + 1, i % 2 + 1, (i + 1) % 2 + 1,
				pi[i % 4 + 1], rt[i % 5 + 1], (i % 9 == 0 ? "庁外" : "庁内"), src, box,
				(i % 50 == 0 ? "廃棄済" : "使用中"), (i % 13 == 0 ? "年次点検済" : "");
		}
	}' > "$2"
}
AROWS=100000
make_asset_csv $AROWS "$W/assets.csv"
cp "$W/template.db" "$W/asset-template.db"; cp "$W/template.db.key" "$W/asset-template.db.key"
{
	echo "職員番号,氏名,所属"
	for b in $(seq 1 10); do for s in $(seq 1 6); do echo "M$b-$s,管理者 $b-$s,S$b-$s"; done; done
} > "$W/managers.csv"
"$M" --db "$W/asset-template.db" staff import "$W/managers.csv" >/dev/null
for k in $(seq 1 5); do
	"$M" --db "$W/asset-template.db" system add --code "SYS$k" --name "システム$k" --unit S1-1 --zone LGWAN >/dev/null
done
asset_import_once() { # file
	rm -f "$W/asset.db" "$W/asset.db-wal" "$W/asset.db-shm"
	cp "$W/asset-template.db" "$W/asset.db"; cp "$W/asset-template.db.key" "$W/asset.db.key"
	"$M" --db "$W/asset.db" asset import "$1"
}
bare_assets_once() {
	rm -f "$W/bare-assets.db"
	sqlite3 "$W/bare-assets.db" ".import --csv $W/assets.csv bare"
}
# The .xlsx holds the same register: exported from an import of the CSV.
asset_import_once "$W/assets.csv" >/dev/null
"$M" --db "$W/asset.db" asset export "$W/assets.xlsx" >/dev/null
sqlite3 -csv "$W/asset.db" "SELECT * FROM asset" >"$W/asset-rows.csv"
sqlite3 -csv "$W/asset.db" "SELECT * FROM journal WHERE subject LIKE 'asset/%'" >"$W/asset-journal-rows.csv"
asset_floor_once() {
	rm -f "$W/afloor.db" "$W/afloor.db-wal" "$W/afloor.db-shm"
	cp "$W/asset-template.db" "$W/afloor.db"
	sqlite3 "$W/afloor.db" "PRAGMA journal_mode=WAL" ".import --csv $W/asset-rows.csv asset" \
		".import --csv $W/asset-journal-rows.csv journal"
}
t_acsv=$(best_of asset_import_once "$W/assets.csv")
t_axlsx=$(best_of asset_import_once "$W/assets.xlsx")
t_abare=$(best_of bare_assets_once)
t_afloor=$(best_of asset_floor_once)
asset_import_once "$W/assets.csv" >/dev/null
t_aexp=$(best_of "$M" --db "$W/asset.db" asset export "$W/out.xlsx")
t_aexpcsv=$(best_of "$M" --db "$W/asset.db" asset export "$W/out.csv")
echo
echo "asset register import/export, ${AROWS} rows (validated + journaled):"
echo "  mamori asset import .csv   ${t_acsv} s   $(per_s $AROWS "$t_acsv") rows/s   (target ≥ 50000/s)"
echo "  sqlite3 .import (bare)     ${t_abare} s   $(per_s $AROWS "$t_abare") rows/s"
echo "  ratio                      $(ratio "$t_acsv" "$t_abare")×   (target ≤ 3×)"
echo "  sqlite3 .import of the rows mamori stores (asset + journal, same schema)"
echo "                             ${t_afloor} s   ratio $(ratio "$t_acsv" "$t_afloor")×"
echo "  mamori asset import .xlsx  ${t_axlsx} s   $(per_s $AROWS "$t_axlsx") rows/s   (target ≥ 50000/s)"
echo "  ratio to the bare .import  $(ratio "$t_axlsx" "$t_abare")×"
echo "  mamori asset export .xlsx  ${t_aexp} s   $(per_s $AROWS "$t_aexp") rows/s   (target ≥ 100000/s)"
echo "  mamori asset export .csv   ${t_aexpcsv} s   $(per_s $AROWS "$t_aexpcsv") rows/s"

# --- 4. issue 4: check on a scaled municipality, policy gap on a 300-article policy
echo
. bench/check.sh
echo
. bench/gap.sh

# --- 5. issue 5: the web server under load, beside nginx
echo
M=$M W=$W bash bench/web.sh

# --- 6. issue 6: the filtered incident list over 100,000 incidents
echo
. bench/incident.sh

# --- 7. issue 7: mail through the SMTP relay (the self-inspection's links)
echo
M=$M W=$W/mail RUNS=$RUNS bash bench/mail.sh

# --- 8. issue 7: self-inspection results of 20,000 × 60 answers, and 20,000 one-time links
echo
M=$M W=$W RUNS=$RUNS bash bench/inspect.sh

# --- 9. issue 7: training attendance, 20,000 rows of an e-learning export
echo
M=$M W=$W RUNS=$RUNS bash bench/training.sh
echo; M=$M W=$W RUNS=$RUNS bash bench/netcheck.sh # issue 8: netcheck, 10,000 hosts and 50,000 rules
echo; M=$M W=$W RUNS=$RUNS bash bench/sanitize_mail.sh # issue 8: sanitize mail, 10,000 messages beside GMime and Python
