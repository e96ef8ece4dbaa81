# Staff import from HR exports: .csv (UTF-8, CP932) and .xlsx, upsert,
# transfers, full-roster retirements, dry runs, and bad input.

FIX="$ROOT/tests/fixtures/staff"

import_org() {
	small_org
}

t_import_csv_utf8() {
	import_org
	m staff import "$FIX/roster.csv" >"$T/out"
	assert_contains "$T/out" "4 行 — 追加 4、変更 0、異動 0、離任 0"
	m staff show 100003 >"$T/show"
	assert_contains "$T/show" "佐藤, 次郎"
	assert_contains "$T/show" "2021-04-01"
	m --format json staff list >"$T/list"
	assert_contains "$T/list" '"name":"𠮷田 花子"'
	assert_contains "$T/list" '"employment":"fiscal_year"'
	assert_contains "$T/list" '"started_on":"2010-04-01"'
	m verify >/dev/null
}

t_import_csv_cp932() {
	import_org
	m staff import "$FIX/roster-cp932.csv" >/dev/null
	m --format json staff list >"$T/list"
	assert_contains "$T/list" '"name":"吉田 花子"'
	assert_contains "$T/list" '"kana":"スズキ イチロウ"'
}

t_import_xlsx_made_by_libreoffice() {
	import_org
	m staff import "$FIX/roster.xlsx" >"$T/out"
	assert_contains "$T/out" "追加 4"
	m --format json staff list >"$T/list"
	assert_contains "$T/list" '"started_on":"2010-04-01"'
	assert_contains "$T/list" '"name":"𠮷田 花子"'
	assert_contains "$T/list" '"staff_no":"100004"'
}

t_import_upsert_transfer_and_full_retire() {
	import_org
	m staff import "$FIX/roster.csv" >/dev/null
	cat >"$T/next.csv" <<-'CSV'
	職員番号,氏名,所属,連絡先
	100001,山田 太郎,情報政策課,内線2001
	100002,𠮷田 花子,S2,内線1002
	100005,高橋 五郎,総務課,
	CSV
	m staff import --full --date 2026-04-01 --dry-run "$T/next.csv" >"$T/dry"
	assert_contains "$T/dry" "> 異動 100001 山田 太郎: 総務課 → 情報政策課"
	assert_contains "$T/dry" "~ 変更 100001 山田 太郎: 連絡先: 内線1001 → 内線2001"
	assert_contains "$T/dry" "+ 追加 100005 高橋 五郎（総務課）"
	assert_contains "$T/dry" "- 離任 100003"
	assert_contains "$T/dry" "試行のみ"
	assert_contains "$T/dry" "追加 1、変更 0、異動 1、離任 2、再任 0、変更なし 1"
	# the dry run wrote nothing
	m --format json staff list >"$T/before"
	assert_not_contains "$T/before" "100005"
	entries=$(sql "SELECT count(*) FROM journal")
	m staff import --full --date 2026-04-01 "$T/next.csv" >"$T/out"
	assert_contains "$T/out" "追加 1、変更 0、異動 1、離任 2"
	m --format json staff list --all >"$T/all"
	assert_contains "$T/all" '"left_on":"2026-04-01","name":"佐藤, 次郎"'
	assert_contains "$T/all" '"unit_since":"2026-04-01"'
	# absent columns (kana, email) were kept
	assert_contains "$T/all" '"email":"yamada@city.example.lg.jp","employment":"regular","kana":"ヤマダ タロウ"'
	# a transfer, an addition, two retirements: one batch entry per run of a kind
	[ "$(sql "SELECT count(*) FROM journal")" -eq $((entries + 3)) ]
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'staff.import.retire' AND subject = 'staff'")" 1
	# the same file again changes nothing
	m staff import --full --date 2026-04-01 "$T/next.csv" >"$T/again"
	assert_contains "$T/again" "追加 0、変更 0、異動 0、離任 0、再任 0、変更なし 3"
	m verify >/dev/null
}

t_import_warns_about_roles_of_leavers() {
	import_org
	m staff import "$FIX/roster.csv" >/dev/null
	m role assign manager 100003 --unit S3 >/dev/null
	printf '職員番号,氏名,所属\n100001,山田 太郎,総務課\n' >"$T/one.csv"
	m staff import --full --date 2026-04-01 "$T/one.csv" 2>"$T/warn" >/dev/null
	assert_contains "$T/warn" "離任した 100003 佐藤, 次郎 が役割「情報セキュリティ管理者」"
}

# Every bad input: exit 2, file/line/field named, nothing written.
bad_import() { # file expected-message
	local before after
	before=$(sql "SELECT count(*) FROM journal")
	expect_exit 2 m staff import "$1"
	assert_contains "$T/err" "$2"
	after=$(sql "SELECT count(*) FROM journal")
	assert_eq "$after" "$before"
	assert_eq "$(sql "SELECT count(*) FROM staff")" "0"
}

t_import_bad_inputs() {
	import_org
	printf '氏名,所属\n山田,総務課\n' >"$T/nocol.csv"
	bad_import "$T/nocol.csv" "nocol.csv 1行目: 必須の列「職員番号」がありません"
	printf '職員番号,氏名,所属,氏名\n1,a,総務課,b\n' >"$T/dupcol.csv"
	bad_import "$T/dupcol.csv" "列「氏名」が2回あります"
	printf '職員番号,氏名,所属\n1,山田,総務課\n2,鈴木,存在しない課\n' >"$T/unit.csv"
	bad_import "$T/unit.csv" "unit.csv 3行目「所属」: 所属「存在しない課」は登録されていません"
	printf '職員番号,氏名,所属\n1,山田,総務課\n2,鈴木,総務課\n1,佐藤,税務課\n' >"$T/dup.csv"
	bad_import "$T/dup.csv" "dup.csv 4行目「職員番号」: 職員番号 1 が 2行目と重複しています"
	printf '職員番号,氏名,所属,着任日\n1,山田,総務課,2026-02-30\n' >"$T/date.csv"
	bad_import "$T/date.csv" "date.csv 2行目「着任日」"
	printf '職員番号,氏名,所属,雇用区分\n1,山田,総務課,正社員\n' >"$T/emp.csv"
	bad_import "$T/emp.csv" "雇用区分「正社員」は使えません"
	printf '職員番号,氏名,所属\n1,,総務課\n' >"$T/noname.csv"
	bad_import "$T/noname.csv" "noname.csv 2行目「氏名」"
	printf '職員番号,氏名,所属\n1,"山田,総務課\n' >"$T/trunc.csv"
	bad_import "$T/trunc.csv" "trunc.csv"
	: >"$T/empty.csv"
	bad_import "$T/empty.csv" "empty.csv: ファイルが空です"
	printf '職員番号,氏名,所属\n' >"$T/header.csv"
	bad_import "$T/header.csv" "見出し行の後にデータがありません"
	printf '\xff\xfe\x00\x01garbage\x80\x81\n' >"$T/bin.csv"
	bad_import "$T/bin.csv" "bin.csv"
	head -c 2000 "$FIX/roster.xlsx" >"$T/cut.xlsx"
	bad_import "$T/cut.xlsx" "cut.xlsx"
	expect_exit 2 m staff import "$T/does-not-exist.csv"
	assert_contains "$T/err" "does-not-exist.csv"
}
