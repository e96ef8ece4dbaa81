# Asset register import/export: .csv (UTF-8, CP932) and .xlsx in, .csv and
# .xlsx out, round trips, upserts, dry runs, and every kind of bad input.

AFIX="$ROOT/tests/fixtures/assets"

# small_org plus the people and the system the fixture names.
asset_org() {
	small_org
	m staff add --no 100001 --name "山田 太郎" --unit S1 >/dev/null
	m staff add --no 100003 --name "佐藤 次郎" --unit S3 >/dev/null
	m system add --code SYS1 --name 住民記録システム --unit S1 --zone マイナンバー利用事務系 >/dev/null
}

journal_count() { sql "SELECT count(*) FROM journal"; }

# A second empty database ($DB2, used through m2) for round trips.
asset_second_db() {
	local keep_t=$T keep_db=$DB keep_key=${MAMORI_KEY:-}
	T="$keep_t/$(basename "$keep_t")_2"
	mkdir -p "$T"
	fresh_db
	DB2=$DB KEY2=${MAMORI_KEY:-}
	T=$keep_t DB=$keep_db
	if [ -n "$keep_key" ]; then export MAMORI_KEY=$keep_key; fi
}
m2() { MAMORI_KEY=${KEY2:-} "$MAMORI" --db "$DB2" "$@"; }
m2_org() {
	m2 init --name 試験市 --kind 市 >/dev/null
	m2 org add --code B1 --name 総務部 --kind 部局 >/dev/null
	m2 org add --code S1 --name 総務課 --kind 課 --parent B1 >/dev/null
	m2 org add --code S2 --name 情報政策課 --kind 課 --parent B1 >/dev/null
	m2 org add --code B2 --name 税務部 --kind 部局 >/dev/null
	m2 org add --code S3 --name 税務課 --kind 課 --parent B2 >/dev/null
	m2 staff add --no 100001 --name "山田 太郎" --unit S1 >/dev/null
	m2 staff add --no 100003 --name "佐藤 次郎" --unit S3 >/dev/null
	m2 system add --code SYS1 --name 住民記録システム --unit S1 --zone マイナンバー利用事務系 >/dev/null
}

t_asset_import_csv_utf8() {
	asset_org
	m asset import "$AFIX/register.csv" >"$T/out"
	assert_contains "$T/out" "6 行 — 追加 6、変更 0、変更なし 0"
	m asset export "$T/x.csv" >/dev/null
	# labels and codes, not ids: synonyms (データ, マイナンバー), a manager
	# and a system given by name, and bare level numbers all come out canonical
	assert_contains "$T/x.csv" "A-0002,住民基本台帳ファイル（バックアップ）,情報,S1,100001,課内,,電子,SYS1,マイナンバー利用事務系,機密性3,完全性2,可用性2,特定個人情報,1年,庁内,A-0001,A-0005,保管,週次で取得"
	assert_contains "$T/x.csv" '"課税台帳（紙, 控え）"'
	assert_contains "$T/x.csv" "A-0006,ホームページ掲載資料,情報,S1,,全庁,,電子,,インターネット接続系,機密性1,完全性1,可用性1,なし,3年,庁外,,,廃棄済,"
	# A-0002 names A-0005 further down: added, then linked once it exists
	assert_eq "$(sql "SELECT b.asset_no FROM asset a JOIN asset b ON b.id = a.container_id WHERE a.asset_no = 'A-0002'")" A-0005
	# journaled as two batch entries (the 6 rows added, the link), shown row by row
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'asset.import.add' AND subject = 'asset'")" 1
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'asset.import.link' AND subject = 'asset'")" 1
	id=$(sql "SELECT id FROM asset WHERE asset_no = 'A-0002'")
	box=$(sql "SELECT id FROM asset WHERE asset_no = 'A-0005'")
	m journal --subject "asset/$id" --format json >"$T/hist"
	assert_contains "$T/hist" "\"subject\":\"asset/$id\""
	assert_contains "$T/hist" "\"container_id\":$box,"
	assert_contains "$T/hist" '"kind":"asset.import.add"'
	assert_contains "$T/hist" '"kind":"asset.import.link"'
	m journal >"$T/list"
	assert_contains "$T/list" "（一括記録 6 行: id 1〜6"
	# a new database got the R2.12 scheme inside the same transaction
	assert_eq "$(sql "SELECT count(*) FROM classification_level")" 7
	m verify >/dev/null
}

t_asset_import_csv_cp932_same_register() {
	asset_org
	m asset import "$AFIX/register-cp932.csv" >"$T/out"
	assert_contains "$T/out" "追加 6"
	m asset export "$T/cp932.csv" >/dev/null
	asset_second_db
	m2_org
	m2 asset import "$AFIX/register.csv" >/dev/null
	m2 asset export "$T/utf8.csv" >/dev/null
	cmp "$T/cp932.csv" "$T/utf8.csv"
}

t_asset_import_xlsx_made_by_libreoffice() {
	asset_org
	m asset import "$AFIX/register.xlsx" >"$T/out"
	assert_contains "$T/out" "6 行 — 追加 6"
	m asset export "$T/xlsx.csv" >/dev/null
	# LibreOffice made 100001 and 3 number cells; they read back as text
	assert_contains "$T/xlsx.csv" "A-0002,住民基本台帳ファイル（バックアップ）,情報,S1,100001,"
	asset_second_db
	m2_org
	m2 asset import "$AFIX/register.csv" >/dev/null
	m2 asset export "$T/csv.csv" >/dev/null
	cmp "$T/xlsx.csv" "$T/csv.csv"
}

t_asset_round_trip_into_another_database() {
	asset_org
	m asset import "$AFIX/register.csv" >/dev/null
	m asset export "$T/a.csv" >/dev/null
	m asset export "$T/a.xlsx" >/dev/null
	asset_second_db
	m2_org
	m2 asset import "$T/a.xlsx" >"$T/out"
	assert_contains "$T/out" "追加 6"
	m2 asset export "$T/b.csv" >/dev/null
	m2 asset export "$T/b.xlsx" >/dev/null
	cmp "$T/a.csv" "$T/b.csv"
	# and the CSV export imports into a third state identical again
	m2 asset import "$T/a.csv" >"$T/again"
	assert_contains "$T/again" "追加 0、変更 0、変更なし 6"
	m2 verify >/dev/null
}

t_asset_round_trip_same_database_changes_nothing() {
	asset_org
	m asset import "$AFIX/register.csv" >/dev/null
	m asset export "$T/a.csv" >"$T/out"
	assert_contains "$T/out" "（6 件）"
	m asset export "$T/a.xlsx" >/dev/null
	before=$(journal_count)
	m asset import "$T/a.csv" >"$T/csv"
	assert_contains "$T/csv" "6 行 — 追加 0、変更 0、変更なし 6"
	m asset import "$T/a.xlsx" >"$T/xlsx"
	assert_contains "$T/xlsx" "6 行 — 追加 0、変更 0、変更なし 6"
	assert_eq "$(journal_count)" "$before"
	# CSV for Excel: BOM, template headers, CRLF
	head -c 3 "$T/a.csv" | od -An -tx1 | grep -q "ef bb bf"
	assert_contains "$T/a.csv" "資産番号,名称,種別,所管課,管理者,利用範囲,保管場所,媒体,所属システム,ネットワーク領域,機密性,完全性,可用性,個人情報,保存期間,入手元,複製元,格納媒体,状態,備考"
	[ "$(head -1 "$T/a.csv" | od -An -c | tr -d ' \n' | tail -c 4)" = '\r\n' ]
	[ ! -e "$T/a.csv.tmp" ] && [ ! -e "$T/a.xlsx.tmp" ]
}

t_asset_export_xlsx_layout() {
	asset_org
	m asset import "$AFIX/register.csv" >/dev/null
	m asset export "$T/a.xlsx" >/dev/null
	unzip -p "$T/a.xlsx" xl/worksheets/sheet1.xml >"$T/sheet.xml"
	assert_contains "$T/sheet.xml" 'ySplit="1"'            # header frozen
	assert_contains "$T/sheet.xml" '<autoFilter ref="A1:T7"/>'
	assert_contains "$T/sheet.xml" '<col min="2" max="2" width="32.7'  # 名称 is wide
	unzip -p "$T/a.xlsx" xl/styles.xml | grep -q "<b/>" # bold header
	unzip -p "$T/a.xlsx" xl/workbook.xml | grep -q "情報資産台帳"
	# the file name decides the format unless told
	expect_exit 2 m asset export "$T/a.txt"
	assert_contains "$T/err" "--as-format"
	m asset export --as-format csv "$T/a.txt" >/dev/null
	head -c 3 "$T/a.txt" | od -An -tx1 | grep -q "ef bb bf"
	expect_exit 2 m asset export --as-format ods "$T/a.ods"
}

t_asset_upsert_keeps_absent_columns_and_accepts_synonyms() {
	asset_org
	m asset import "$AFIX/register.csv" >/dev/null
	# other spellings and column order; 管理者, 備考 … absent
	cat >"$T/next.csv" <<-'CSV'
	資産名,資産NO,所管,資産種別,Ｃ
	住民基本台帳ファイル,A-0001,S1,情報,機密性2
	"課税台帳（紙, 控え）",A-0003,税務課,情報,機密性2
	新しい資産,A-0007,情報政策課,ｼｽﾃﾑ,
	CSV
	m asset import --dry-run "$T/next.csv" >"$T/dry"
	assert_contains "$T/dry" "~ 変更 A-0001 住民基本台帳ファイル: 機密性: 機密性3 → 機密性2"
	assert_contains "$T/dry" "+ 追加 A-0007 新しい資産（情報政策課）"
	assert_contains "$T/dry" "試行のみ"
	assert_contains "$T/dry" "3 行 — 追加 1、変更 1、変更なし 1"
	# quoted value with a comma was read as one cell: A-0003 is unchanged
	assert_not_contains "$T/dry" "A-0003"
	before=$(journal_count)
	m asset import "$T/next.csv" >"$T/out"
	assert_contains "$T/out" "追加 1、変更 1、変更なし 1"
	assert_eq "$(journal_count)" $((before + 2)) # a batch of changes, one of additions
	m asset export "$T/x.csv" >/dev/null
	# absent columns kept their stored values
	assert_contains "$T/x.csv" "A-0001,住民基本台帳ファイル,情報,S1,100001,課内,サーバ室,電子,SYS1,マイナンバー利用事務系,機密性2,完全性2,可用性2,特定個人情報,永年,庁内,,,使用中,"
	# a new asset gets the defaults
	assert_contains "$T/x.csv" "A-0007,新しい資産,情報システム,S2,,,,電子,,,,,,なし,,庁内,,,使用中,"
}

t_asset_dry_run_writes_nothing() {
	asset_org
	before=$(journal_count)
	m asset import --dry-run "$AFIX/register.csv" >"$T/dry"
	assert_contains "$T/dry" "+ 追加 A-0001 住民基本台帳ファイル（総務課）"
	assert_contains "$T/dry" "（試行のみ・書き込みなし）"
	assert_contains "$T/dry" "6 行 — 追加 6、変更 0、変更なし 0"
	assert_eq "$(journal_count)" "$before"
	assert_eq "$(sql "SELECT count(*) FROM asset")" 0
	# not even the default scheme the import would have created
	assert_eq "$(sql "SELECT count(*) FROM classification_level")" 0
}

t_asset_warns_about_unknown_columns_and_managers_who_left() {
	asset_org
	m staff retire 100003 --date 2026-03-31 >/dev/null
	# by name, and by 職員番号 typed in full width
	printf '資産番号,名称,種別,所管課,管理者,担当者メモ\nA-1,台帳,情報,S3,佐藤 次郎,x\nA-2,台帳,情報,S3,１００００３,\n' >"$T/w.csv"
	m asset import "$T/w.csv" >/dev/null 2>"$T/warn"
	assert_eq "$(sql "SELECT count(*) FROM asset WHERE manager_id = (SELECT id FROM staff WHERE staff_no = '100003')")" 2
	assert_contains "$T/warn" "列「担当者メモ」は取り込み対象ではないため無視しました"
	assert_contains "$T/warn" "管理者 100003 佐藤 次郎 は 2026-03-31 に離任しています"
}

# Every bad input: exit 2, file/line/column named, nothing written.
bad_asset_import() { # file expected-message
	local before after
	before=$(journal_count)
	expect_exit 2 m asset import "$1"
	assert_contains "$T/err" "$2"
	after=$(journal_count)
	assert_eq "$after" "$before"
	assert_eq "$(sql "SELECT count(*) FROM asset")" "0"
}

t_asset_import_bad_inputs() {
	asset_org
	H='資産番号,名称,種別,所管課,機密性'
	printf '資産番号,名称,種別\nA-1,台帳,情報\n' >"$T/nocol.csv"
	bad_asset_import "$T/nocol.csv" "nocol.csv 1行目: 必須の列「所管課」がありません"
	printf '%s,資産名\nA-1,台帳,情報,S1,,x\n' "$H" >"$T/dupcol.csv"
	bad_asset_import "$T/dupcol.csv" "列「名称」が2回あります（2列目と6列目）"
	printf '%s\nA-1,台帳,情報,S1,\nA-2,台帳,情報,存在しない課,\n' "$H" >"$T/unit.csv"
	bad_asset_import "$T/unit.csv" "unit.csv 3行目 D列「所管課」: 所属「存在しない課」は登録されていません"
	printf '%s\nA-1,台帳,情報,,\n' "$H" >"$T/nounit.csv"
	bad_asset_import "$T/nounit.csv" "nounit.csv 2行目 D列「所管課」: 所管課が空です"
	printf '%s\nA-1,台帳,情報,S1,機密性4\n' "$H" >"$T/level.csv"
	bad_asset_import "$T/level.csv" "level.csv 2行目 E列「機密性」: 機密性「機密性4」はこの団体の分類にありません（機密性1、機密性2、機密性3 のいずれか）"
	printf '%s\nA-1,台帳,情報,S1,\nA-2,台帳,情報,S1,\nA-1,別の台帳,情報,S3,\n' "$H" >"$T/dup.csv"
	bad_asset_import "$T/dup.csv" "dup.csv 4行目 A列「資産番号」: 資産番号 A-1 が 2行目と重複しています"
	printf '資産番号,名称,種別,所管課,複製元\nA-1,台帳,情報,S1,A-2\nA-2,写し,情報,S1,A-9\n' >"$T/src.csv"
	bad_asset_import "$T/src.csv" "src.csv 3行目 E列「複製元」: 資産番号「A-9」は台帳にもこのファイルにもありません"
	printf '資産番号,名称,種別,所管課,格納媒体\nA-1,台帳,情報,S1,A-1\n' >"$T/self.csv"
	bad_asset_import "$T/self.csv" "self.csv 2行目 E列「格納媒体」: 資産番号 A-1 自身は指定できません"
	printf '%s\nA-1,台帳,車両,S1,\n' "$H" >"$T/type.csv"
	bad_asset_import "$T/type.csv" "type.csv 2行目 C列「種別」: 資産の種別「車両」は使えません"
	printf '%s\nA-1,,情報,S1,\n' "$H" >"$T/noname.csv"
	bad_asset_import "$T/noname.csv" "noname.csv 2行目 B列「名称」: 資産番号 A-1 の名称が空です"
	printf '資産番号,名称,種別,所管課,管理者\nA-1,台帳,情報,S1,999999\n' >"$T/mgr.csv"
	bad_asset_import "$T/mgr.csv" "mgr.csv 2行目 E列「管理者」: 管理者「999999」に当たる職員がいません"
	printf '資産番号,名称,種別,所管課,所属システム\nA-1,台帳,情報,S1,SYS9\n' >"$T/sys.csv"
	bad_asset_import "$T/sys.csv" "sys.csv 2行目 E列「所属システム」: システム「SYS9」は登録されていません"
	printf '資産番号,名称,種別,所管課,個人情報\nA-1,台帳,情報,S1,たぶん\n' >"$T/pi.csv"
	bad_asset_import "$T/pi.csv" "pi.csv 2行目 E列「個人情報」: 個人情報の有無「たぶん」は使えません"
	printf '%s\nA-1,"台帳,情報,S1,\n' "$H" >"$T/trunc.csv"
	bad_asset_import "$T/trunc.csv" "trunc.csv 2行目: 引用符（\"）が閉じられていません"
	: >"$T/empty.csv"
	bad_asset_import "$T/empty.csv" "empty.csv: ファイルが空です"
	printf '%s\n' "$H" >"$T/header.csv"
	bad_asset_import "$T/header.csv" "header.csv: 見出し行の後にデータがありません"
	head -c 3000 "$AFIX/register.xlsx" >"$T/cut.xlsx"
	bad_asset_import "$T/cut.xlsx" "cut.xlsx"
	expect_exit 2 m asset import "$T/does-not-exist.csv"
	assert_contains "$T/err" "does-not-exist.csv"
	expect_exit 2 m asset import
	assert_contains "$T/err" "asset import"
}

t_asset_import_closed_unit() {
	asset_org
	printf '資産番号,名称,種別,所管課\nA-1,台帳,情報,S2\n' >"$T/a.csv"
	m asset import "$T/a.csv" >/dev/null
	m org close S2 --date 2026-04-01 >/dev/null
	# the asset it already has may stay …
	m asset import "$T/a.csv" >"$T/out"
	assert_contains "$T/out" "変更なし 1"
	# … but it gets no new ones
	printf '資産番号,名称,種別,所管課\nA-2,台帳,情報,情報政策課\n' >"$T/b.csv"
	expect_exit 2 m asset import "$T/b.csv"
	assert_contains "$T/err" "b.csv 2行目 D列「所管課」: 所管課「情報政策課」は 2026-04-01 に廃止されています"
}

# The demo's register (282 assets, managers who left, copies, media) as a
# municipality would see it: export, import the export back, nothing changes.
t_asset_round_trip_demo_register() {
	m demo >/dev/null
	m asset export "$T/d.xlsx" >/dev/null
	m asset export "$T/d.csv" >"$T/out"
	assert_contains "$T/out" "（282 件）"
	before=$(journal_count)
	m asset import "$T/d.xlsx" >"$T/x" 2>/dev/null
	assert_contains "$T/x" "282 行 — 追加 0、変更 0、変更なし 282"
	m asset import "$T/d.csv" >"$T/c" 2>/dev/null
	assert_contains "$T/c" "282 行 — 追加 0、変更 0、変更なし 282"
	assert_eq "$(journal_count)" "$before"
}

# A register of 2,500 rows whose every 3rd row names the row after it as
# 複製元 (a reference further down the stream).
big_register() { # rows out [bad-row]
	awk -v n="$1" -v bad="${3:-0}" 'BEGIN {
		print "資産番号,名称,種別,所管課,機密性,複製元";
		for (i = 1; i <= n; i++)
			printf "B%05d,資産 %d,情報,S1,%s,%s\n", i, i, (i == bad ? "機密性9" : "機密性2"),
				(i % 3 == 0 && i < n ? sprintf("B%05d", i + 1) : "");
	}' >"$2"
}

t_asset_import_batches_replay_and_history() {
	asset_org
	big_register 2500 "$T/big.csv"
	m asset import "$T/big.csv" >"$T/out"
	assert_contains "$T/out" "2500 行 — 追加 2500"
	# 2,500 rows + 833 links: 1,000 rows an entry
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'asset.import.add'")" 3
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'asset.import.link'")" 1
	assert_eq "$(sql "SELECT count(*) FROM asset a JOIN asset b ON b.id = a.source_id")" 833
	expect_exit 0 m verify
	# one row in the middle of a batch, history by subject
	id=$(sql "SELECT id FROM asset WHERE asset_no = 'B01500'")
	src=$(sql "SELECT id FROM asset WHERE asset_no = 'B01501'")
	m journal --subject "asset/$id" --format json >"$T/h"
	assert_contains "$T/h" "\"asset_no\":\"B01500\""
	assert_contains "$T/h" "\"source_id\":$src,"
	assert_not_contains "$T/h" "B01499"
	# a row changed behind mamori's back is found through its batch
	bid=$(sql "SELECT id FROM asset WHERE asset_no = 'B01200'")
	sql "UPDATE asset SET name = 'x' WHERE asset_no = 'B01200'" >/dev/null
	expect_exit 1 m verify
	assert_contains "$T/out" "asset/$bid"
}

t_asset_import_bad_row_late_in_a_big_file_writes_nothing() {
	asset_org
	big_register 2500 "$T/bad.csv" 2400
	before=$(journal_count)
	expect_exit 2 m asset import "$T/bad.csv"
	assert_contains "$T/err" "2401行目 E列「機密性」"
	assert_eq "$(journal_count)" "$before"
	assert_eq "$(sql "SELECT count(*) FROM asset")" 0
}

t_asset_import_without_batches_journals_each_row() {
	asset_org
	MAMORI_JOURNAL_BATCH=0 m asset import "$AFIX/register.csv" >/dev/null
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind = 'asset.import.add' AND subject LIKE 'asset/%'")" 6
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE subject = 'asset'")" 0
	m verify >/dev/null
}
