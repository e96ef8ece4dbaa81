# Tests of the 情報資産台帳 area of the web UI (functions t_webasset_*):
# editing and registering one asset, the CSV/.xlsx download and its
# re-import, the upload with preview and commit, sorting, the findings
# list, and the asset API.  Uses the helpers of test_web.sh (web_org,
# web_start, web_login, web_status …).

# web_org plus one asset per 課 and one that staff 3 manages; accounts for
# manager 1 (総務課), manager 2 (税務課) and staff 3, signed in as jars m1, m2, s3.
webasset_setup() {
	# uploads kept for their confirmation go under the test's own directory
	export TMPDIR="$T/tmp"
	mkdir -p "$TMPDIR"
	web_org
	m asset add --no A1 --name 住民データ --type 情報 --unit S1 --manager 1 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no A3 --name 一郎の資産 --type 情報 --unit S1 --manager 3 >/dev/null
	m asset add --no B1 --name 税務データ --type 情報 --unit S3 --manager 2 --c 3 --i 2 --a 2 >/dev/null
	pw1=$(web_account 1); pw2=$(web_account 2); pw3=$(web_account 3)
	web_start
	web_login m1 1 "$pw1" 'Manager-One-Password-2026' >/dev/null
	web_login m2 2 "$pw2" 'Manager-Two-Password-Zebra' >/dev/null
	web_login s3 3 "$pw3" 'Staff-Three-Password-2026' >/dev/null
}

# The CSRF token of JAR's session, from a page it can open.
webasset_csrf() { web_get "$1" /assets >"$T/csrfpage"; web_csrf_of "$T/csrfpage"; }

# Fails unless each text appears in FILE, on a later line than the one before.
webasset_in_order() {
	local file=$1; shift
	local t n last=0
	for t in "$@"; do
		n=$(grep -nF -- "$t" "$file" | head -1 | cut -d: -f1)
		[ -n "$n" ] || { fail "$file lacks $t"; return 1; }
		[ "$n" -gt "$last" ] || { fail "$t comes before the text preceding it in $file"; return 1; }
		last=$n
	done
}

# Posts the edit form of asset NO as JAR with the given extra fields.
webasset_edit() {
	local jar=$1 no=$2; shift 2
	local csrf; csrf=$(webasset_csrf "$jar")
	web_status "$jar" "/assets/$no/edit" --data-urlencode "csrf=$csrf" "$@"
}

t_webasset_edit_by_manager_is_journaled() {
	webasset_setup
	web_get m1 /assets/A1 >"$T/show"
	assert_contains "$T/show" 'href="/assets/A1/edit"'
	st=$(web_status m1 /assets/A1/edit); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'value="住民データ"'
	assert_contains "$T/body" '<option value="機密性2" selected>'
	st=$(webasset_edit m1 A1 --data-urlencode 'name=住民基本台帳データ' \
		--data-urlencode 'type=information' --data-urlencode 'unit=S1' \
		--data-urlencode 'manager=1' --data-urlencode 'c=機密性3' --data-urlencode 'i=完全性2' \
		--data-urlencode 'a=可用性2' --data-urlencode 'location=第2書庫')
	assert_eq "$st" "303 $URL/assets/A1"
	m asset show A1 >"$T/cli"
	assert_contains "$T/cli" '住民基本台帳データ'
	assert_contains "$T/cli" '機密性3・完全性2・可用性2'
	assert_contains "$T/cli" '第2書庫'
	m journal --limit 1000 >"$T/j"
	assert_contains "$T/j" 'asset.update'
	assert_contains "$T/j" 'staff:1'
	expect_exit 0 m verify
	# a field left out of the post keeps its stored value; "" clears one
	st=$(webasset_edit m1 A1 --data-urlencode 'location=')
	assert_eq "$st" "303 $URL/assets/A1"
	m asset show A1 >"$T/cli2"
	assert_contains "$T/cli2" '住民基本台帳データ'
	assert_not_contains "$T/cli2" '第2書庫'
	# saving without a change journals nothing
	m journal --limit 1000 >"$T/j2"
	st=$(webasset_edit m1 A1 --data-urlencode 'name=住民基本台帳データ')
	assert_eq "$st" "303 $URL/assets/A1"
	m journal --limit 1000 >"$T/j3"; cmp "$T/j2" "$T/j3"
	# registering a new asset
	st=$(web_status m1 /assets/new); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '<option value="S1" selected>'
	csrf=$(webasset_csrf m1)
	st=$(web_status m1 /assets/new --data-urlencode "csrf=$csrf" --data-urlencode 'no=A9' \
		--data-urlencode 'name=新しい資産' --data-urlencode 'type=information' \
		--data-urlencode 'unit=S1' --data-urlencode 'c=機密性2')
	assert_eq "$st" "303 $URL/assets/A9"
	m asset show A9 >"$T/a9"
	assert_contains "$T/a9" '新しい資産'
	expect_exit 0 m verify
	web_stop
}

t_webasset_edit_refused_outside_role_and_scope() {
	webasset_setup
	pw9=$(web_account 9)
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	m asset show B1 >"$T/before"
	# staff see the asset they manage but may not edit it; no 編集 link
	web_get s3 /assets/A3 >"$T/s3"
	assert_not_contains "$T/s3" '/edit"'
	st=$(web_status s3 /assets/A3/edit); assert_eq "${st%% *}" 403
	st=$(webasset_edit s3 A3 --data-urlencode 'name=乗っ取り'); assert_eq "${st%% *}" 403
	st=$(web_status s3 /assets/new); assert_eq "${st%% *}" 403
	st=$(web_status s3 /assets/import); assert_eq "${st%% *}" 403
	# another 課's manager: not found, like a missing asset
	st=$(web_status m1 /assets/B1/edit); assert_eq "${st%% *}" 404
	st=$(webasset_edit m1 B1 --data-urlencode 'name=乗っ取り'); assert_eq "${st%% *}" 404
	st=$(web_status m1 /assets/NOSUCH/edit); assert_eq "${st%% *}" 404
	# nor may a manager move an asset into, or register one in, another 課
	st=$(webasset_edit m1 A1 --data-urlencode 'unit=S3'); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '権限がありません'
	csrf=$(webasset_csrf m1)
	st=$(web_status m1 /assets/new --data-urlencode "csrf=$csrf" --data-urlencode 'no=X1' \
		--data-urlencode 'name=よその資産' --data-urlencode 'type=information' --data-urlencode 'unit=S3')
	assert_eq "${st%% *}" 422
	# the organisation-wide roles read the register but do not edit it
	web_get ciso /assets/B1 >"$T/c"
	assert_not_contains "$T/c" '/edit"'
	st=$(web_status ciso /assets/B1/edit); assert_eq "${st%% *}" 403
	# no CSRF token: refused before anything happens
	st=$(web_status m1 /assets/A1/edit --data-urlencode 'name=偽造'); assert_eq "${st%% *}" 403
	expect_exit 2 m asset show X1
	m asset show A1 >"$T/a1"; assert_contains "$T/a1" '住民データ'
	m asset show B1 >"$T/after"; cmp "$T/before" "$T/after"
	web_stop
}

t_webasset_invalid_input_kept_and_nothing_written() {
	webasset_setup
	m journal >"$T/j0"
	st=$(webasset_edit m1 A1 --data-urlencode 'name=変えたい名前' --data-urlencode 'c=機密性9' \
		--data-urlencode 'manager=99999' --data-urlencode 'type=information')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '入力に誤りがあります'
	assert_contains "$T/body" '機密性9'
	assert_contains "$T/body" '管理者の職員番号「99999」は登録されていません'
	assert_contains "$T/body" 'value="変えたい名前"'
	assert_contains "$T/body" 'aria-invalid="true"'
	m asset show A1 >"$T/a1"
	assert_contains "$T/a1" '住民データ'
	assert_contains "$T/a1" '機密性2'
	m journal >"$T/j1"; cmp "$T/j0" "$T/j1"
	# an empty name, an unknown type and a number already registered
	csrf=$(webasset_csrf m1)
	st=$(web_status m1 /assets/new --data-urlencode "csrf=$csrf" --data-urlencode 'no=A1' \
		--data-urlencode 'name=重複' --data-urlencode 'type=information' --data-urlencode 'unit=S1')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '資産番号「A1」は既に登録されています'
	st=$(web_status m1 /assets/new --data-urlencode "csrf=$csrf" --data-urlencode 'no=A8' \
		--data-urlencode 'name=' --data-urlencode 'type=宝物' --data-urlencode 'unit=S1')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '名称が空です'
	expect_exit 2 m asset show A8
	m journal >"$T/j2"; cmp "$T/j0" "$T/j2"
	web_stop
}

t_webasset_markup_escaped() {
	webasset_setup
	m asset add --no X1 --name '<img src=x onerror=alert(1)>"' --type 情報 --unit S1 --manager 1 >/dev/null
	for p in /assets /assets/X1 /assets/X1/edit; do
		web_get m1 "$p" >"$T/page"
		assert_contains "$T/page" '&lt;img src=x onerror=alert(1)&gt;&quot;' || { echo "  at $p" >&2; return 1; }
		assert_not_contains "$T/page" '<img src=x'
	done
	# a refused form shows the typed markup escaped too
	st=$(webasset_edit m1 X1 --data-urlencode 'name=<b>太字</b>' --data-urlencode 'c=機密性9')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'value="&lt;b&gt;太字&lt;/b&gt;"'
	assert_not_contains "$T/body" '<b>太字'
	web_stop
}

# A second, empty database with the same organisation and staff: DB2.
webasset_second_db() {
	local first=$DB
	if [ "$BACKEND" = pg ]; then
		DB=$("$ROOT/scripts/pg-temp.sh" newdb "$PG_TEMP_DIR" "t_$(basename "$T" | tr -c 'a-z0-9_\n' '_')_2")
	else
		DB="$T/second.db"
	fi
	web_org
	DB2=$DB
	DB=$first
}

t_webasset_download_reimports() {
	webasset_setup
	m asset add --no A2 --name 'バックアップ,"コピー"' --type 情報 --unit S1 --manager 1 --c 2 --source A1 >/dev/null
	web_get m1 '/assets?format=csv' -D "$T/head" >"$T/dl.csv"; assert_contains "$T/head" 'HTTP/1.1 200'
	assert_contains "$T/head" 'Content-Type: text/csv; charset=utf-8'
	assert_contains "$T/head" 'Content-Disposition: attachment; filename="assets.csv"'
	assert_contains "$T/dl.csv" '資産番号,名称,種別,所管課,管理者'
	assert_contains "$T/dl.csv" 'A1,住民データ'
	assert_not_contains "$T/dl.csv" 'B1'
	[ "$(head -c 3 "$T/dl.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
	web_get m1 '/assets?format=xlsx' -D "$T/head" >"$T/dl.xlsx"; assert_contains "$T/head" 'HTTP/1.1 200'
	assert_contains "$T/head" 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	assert_contains "$T/head" 'filename="assets.xlsx"'
	[ "$(head -c 2 "$T/dl.xlsx")" = PK ] || fail "not a zip"
	# the filters apply to the download: 機密性2 以上 and a search
	web_get m1 '/assets?format=csv&q=%E3%83%90%E3%83%83%E3%82%AF' >"$T/q.csv"
	assert_contains "$T/q.csv" 'A2,'
	assert_not_contains "$T/q.csv" 'A1,住民データ'
	web_stop
	# both files import into a fresh database and export exactly as downloaded
	webasset_second_db
	"$MAMORI" --db "$DB2" asset import "$T/dl.csv" >/dev/null
	"$MAMORI" --db "$DB2" asset export "$T/again.csv" >/dev/null
	cmp "$T/dl.csv" "$T/again.csv"
	if [ "$BACKEND" = pg ]; then
		DB3=$("$ROOT/scripts/pg-temp.sh" newdb "$PG_TEMP_DIR" "t_$(basename "$T" | tr -c 'a-z0-9_\n' '_')_3")
	else
		DB3="$T/third.db"
	fi
	local first=$DB; DB=$DB3; web_org; DB=$first
	"$MAMORI" --db "$DB3" asset import "$T/dl.xlsx" >/dev/null
	"$MAMORI" --db "$DB3" asset export "$T/again3.csv" >/dev/null
	cmp "$T/dl.csv" "$T/again3.csv"
}

# A register made by LibreOffice from CSV text on stdin: $T/NAME.xlsx.
webasset_xlsx() {
	cat >"$T/$1.csv"
	( cd "$T" && HOME="$T" soffice -env:UserInstallation="file://$T/lo" --headless \
		--infilter='CSV:44,34,76,1' --convert-to xlsx "$1.csv" >/dev/null 2>&1 )
	[ -s "$T/$1.xlsx" ] || fail "LibreOffice made no $1.xlsx"
}

t_webasset_upload_preview_then_commit() {
	webasset_setup
	webasset_xlsx reg <<'CSV'
資産番号,名称,種別,所管課,管理者,機密性,完全性,可用性,保管場所
A1,住民データ,情報,S1,1,機密性3,完全性2,可用性2,金庫
A5,新規の台帳,情報,S1,1,機密性2,完全性1,可用性1,書庫
A6,もう一つ,情報,総務課,3,,,,
CSV
	web_get m1 /assets/import >"$T/form"
	assert_contains "$T/form" 'enctype="multipart/form-data"'
	assert_contains "$T/form" 'data-upload'
	csrf=$(web_csrf_of "$T/form")
	m journal >"$T/j0"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@$T/reg.xlsx")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '「reg.xlsx」: 3 行'
	assert_contains "$T/body" '追加 2 件'
	assert_contains "$T/body" '変更 1 件'
	assert_contains "$T/body" '機密性: 機密性2 → 機密性3'
	assert_contains "$T/body" '取り込む</button>'
	# the preview wrote nothing
	m journal >"$T/j1"; cmp "$T/j0" "$T/j1"
	expect_exit 2 m asset show A5
	token=$(grep -o 'name="token" value="[0-9a-f]*"' "$T/body" | sed 's/.*value="//; s/"$//')
	[ ${#token} = 32 ] || fail "no token"
	# the file waits owner-only, under a name that is not the token
	assert_eq "$(stat -c %a "$TMPDIR"/mamori-uploads-*)" 700
	assert_eq "$(stat -c %a "$TMPDIR"/mamori-uploads-*/*.upload)" 600
	ls "$TMPDIR"/mamori-uploads-* >"$T/kept"
	assert_not_contains "$T/kept" "$token"
	# another session cannot use the token
	csrf2=$(webasset_csrf m2)
	st=$(web_status m2 /assets/import --data-urlencode "csrf=$csrf2" --data-urlencode "token=$token")
	assert_eq "${st%% *}" 400
	# without the CSRF token: refused
	st=$(web_status m1 /assets/import --data-urlencode "token=$token"); assert_eq "${st%% *}" 403
	st=$(web_status m1 /assets/import --data-urlencode "csrf=$csrf" --data-urlencode "token=$token" \
		--data-urlencode 'name=reg.xlsx')
	assert_eq "${st%% *}" 303
	assert_contains "$T/head" 'Location: /assets/import?added=2&changed=1&unchanged=0'
	web_get m1 '/assets/import?added=2&changed=1&unchanged=0' >"$T/done"
	assert_contains "$T/done" '取り込みました: 追加 2 件、変更 1 件'
	web_get m1 /assets >"$T/list"
	assert_contains "$T/list" '新規の台帳'
	assert_contains "$T/list" 'もう一つ'
	m asset show A1 >"$T/a1"; assert_contains "$T/a1" '金庫'
	expect_exit 0 m verify
	# the kept file is gone once taken
	assert_eq "$(ls "$TMPDIR"/mamori-uploads-* | wc -l)" 0
	st=$(web_status m1 /assets/import --data-urlencode "csrf=$csrf" --data-urlencode "token=$token")
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" 'もう一度選んでください'
	web_stop
}

t_webasset_upload_refusals() {
	webasset_setup
	csrf=$(webasset_csrf m1)
	m journal >"$T/j0"
	# a row of another 課 and a bad level: every error, with row and column
	printf '%s\n' '資産番号,名称,種別,所管課,機密性' 'A7,総務の新資産,情報,S1,機密性2' \
		'B7,税務の資産,情報,S3,機密性2' 'A8,変な分類,情報,S1,機密性7' >"$T/mixed.csv"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@$T/mixed.csv")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'mixed.csv 3行目 D列「所管課」'
	assert_contains "$T/body" '所管課「税務課」の資産は取り込めません'
	assert_contains "$T/body" 'mixed.csv 4行目 E列「機密性」'
	assert_contains "$T/body" '何も書き込んでいません'
	assert_not_contains "$T/body" '取り込む</button>'
	# changing another 課's stored asset is refused the same way
	printf '%s\n' '資産番号,名称,種別,所管課' 'B1,乗っ取り,情報,S1' >"$T/steal.csv"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@$T/steal.csv")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '資産番号 B1 は権限のない課の資産のため変更できません'
	# garbage, a truncated .xlsx, and no file at all
	head -c 3000 /dev/urandom >"$T/garbage.xlsx"
	printf 'PK\003\004garbage' >>"$T/garbage.xlsx"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@$T/garbage.xlsx")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '「garbage.xlsx」は取り込めません'
	head -c 700 "$ROOT/tests/fixtures/assets/register.xlsx" >"$T/cut.xlsx"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@$T/cut.xlsx")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'cut.xlsx'
	assert_not_contains "$T/body" ".upload"
	assert_not_contains "$T/body" 'mamori-uploads'
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "other=x"); assert_eq "${st%% *}" 400
	# no CSRF token
	st=$(web_status m1 /assets/import -F "file=@$T/mixed.csv"); assert_eq "${st%% *}" 403
	# markup in the file name and in a cell comes back escaped
	printf '%s\n' '資産番号,名称,種別,所管課' 'A9,<script>x</script>,情報,S1' >"$T/x.csv"
	cp "$T/x.csv" "$T/<i>x.csv"
	st=$(web_status m1 /assets/import -F "csrf=$csrf" -F "file=@\"$T/<i>x.csv\"")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '&lt;script&gt;x&lt;/script&gt;'
	assert_not_contains "$T/body" '<script>x'
	assert_not_contains "$T/body" '<i>x.csv'
	m journal >"$T/j1"; cmp "$T/j0" "$T/j1"
	expect_exit 2 m asset show A7
	web_stop
}

t_webasset_sorting() {
	webasset_setup
	m asset add --no A4 --name あいう --type 情報 --unit S1 --manager 1 --c 3 >/dev/null
	m asset add --no A0 --name んわを --type 情報 --unit S1 --manager 1 >/dev/null
	# by 名称, both directions
	web_get m1 '/assets?sort=name' >"$T/up"
	webasset_in_order "$T/up" '>あいう<' '>んわを<' '>一郎の資産<' '>住民データ<'
	assert_contains "$T/up" 'aria-sort="ascending"><a href="/assets?sort=name&amp;dir=desc">名称 ▲'
	web_get m1 '/assets?sort=name&dir=desc' >"$T/down"
	webasset_in_order "$T/down" '>住民データ<' '>一郎の資産<' '>んわを<' '>あいう<'
	assert_contains "$T/down" 'aria-sort="descending"'
	# by 分類 (機密性): unclassified first going up, 機密性3 first going down
	web_get m1 '/assets?sort=c' >"$T/c-up"
	webasset_in_order "$T/c-up" '/assets/A0"' '/assets/A1"' '/assets/A4"'
	web_get m1 '/assets?sort=c&dir=desc' >"$T/c-down"
	webasset_in_order "$T/c-down" '/assets/A4"' '/assets/A1"' '/assets/A0"'
	# the download keeps the chosen order
	web_get m1 '/assets?sort=c&dir=desc&format=csv' >"$T/c.csv"
	assert_eq "$(sed -n '2p' "$T/c.csv" | cut -d, -f1)" A4
	# a sort key that is not a column is ignored, never put into SQL
	st=$(web_status m1 "/assets?sort=name;DROP%20TABLE%20asset&dir=desc"); assert_eq "${st%% *}" 200
	m asset show A1 >/dev/null
	web_stop
}

t_webasset_findings_filters_sort_csv() {
	web_org
	m org add --code S4 --name 住宅課 --kind 課 --parent B2 >/dev/null
	m asset add --no A1 --name 住民データ --type 情報 --unit S1 --manager 1 --c 3 >/dev/null
	m --format json check >"$T/check.json" || true
	pw9=$(web_account 9)
	web_start
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get ciso /findings >"$T/all"
	assert_contains "$T/all" 'aria-sort="ascending"'
	assert_contains "$T/all" 'name="chapter"'
	assert_contains "$T/all" 'org_unit:S4'
	# filtered by chapter: only findings whose clause starts with it
	ch=$(grep -o '"control":"[^"]*"' "$T/check.json" | head -1 | sed 's/.*:"//; s/"//; s/\..*//')
	web_get ciso "/findings?chapter=$ch&format=csv" >"$T/ch.csv"
	[ "$(head -c 3 "$T/ch.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
	assert_contains "$T/ch.csv" '条項,重要度,内容,対象,ルール'
	[ "$(tail -n +2 "$T/ch.csv" | grep -cv "^$ch\.")" = 0 ] || fail "another chapter in the CSV"
	# by severity: 要対応 first going up, 注意 first going down (when both exist)
	web_get ciso '/findings?sort=severity&format=csv' >"$T/up.csv"
	web_get ciso '/findings?sort=severity&dir=desc&format=csv' >"$T/down.csv"
	tail -n +2 "$T/up.csv" | cut -d, -f2 | uniq >"$T/up.sev"
	tail -n +2 "$T/down.csv" | cut -d, -f2 | uniq >"$T/down.sev"
	assert_eq "$(head -1 "$T/up.sev")" 要対応
	assert_eq "$(tac "$T/down.sev" | tr '\n' ' ')" "$(cat "$T/up.sev" | tr '\n' ' ')"
	# by subject, both directions
	web_get ciso '/findings?sort=subject&format=csv' >"$T/s-up.csv"
	tail -n +2 "$T/s-up.csv" | cut -d, -f4 >"$T/s-up"
	LC_ALL=C sort -c "$T/s-up" || fail "not sorted by subject"
	web_get ciso '/findings?sort=subject&dir=desc&format=csv' >"$T/s-down.csv"
	tail -n +2 "$T/s-down.csv" | cut -d, -f4 >"$T/s-down"
	LC_ALL=C sort -rc "$T/s-down" || fail "not sorted by subject, descending"
	# severity filter
	web_get ciso '/findings?severity=warning&format=csv' >"$T/w.csv"
	[ "$(tail -n +2 "$T/w.csv" | cut -d, -f2 | grep -cv '注意')" = 0 ] || fail "errors in the warning list"
	web_stop
}

t_webasset_api_one_asset() {
	webasset_setup
	m --format json account token add 1 --name script >"$T/tok"
	tok=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	m --format json account token add 3 --name staff >"$T/tok3"
	tok3=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok3")
	H="Authorization: Bearer $tok"
	st=$(web_status none /api/v1/assets/A1 -H "$H"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '{"asset":{"a":"可用性1","c":"機密性2","container":null,"i":"完全性1","label":"機密性2・完全性1・可用性1"'
	assert_contains "$T/body" '"no":"A1"'
	st=$(web_status none /api/v1/assets/B1 -H "$H"); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"code":"not_found"'
	# create, then update; both journaled
	st=$(web_status none /api/v1/assets -H "$H" --data-urlencode 'no=A7' \
		--data-urlencode 'name=API で登録' --data-urlencode 'type=information' --data-urlencode 'unit=S1' \
		--data-urlencode 'c=3')
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"c":"機密性3"'
	st=$(web_status none /api/v1/assets/A7 -H "$H" --data-urlencode 'name=API で変更')
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"name":"API で変更"'
	m asset show A7 >"$T/a7"; assert_contains "$T/a7" 'API で変更'
	expect_exit 0 m verify
	# validation: one entry per bad field, nothing written
	st=$(web_status none /api/v1/assets/A7 -H "$H" --data-urlencode 'c=機密性9' \
		--data-urlencode 'manager=424242' --data-urlencode 'name=書かれない')
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '{"error":{"code":"validation","fields":[{"field":"manager"'
	assert_contains "$T/body" '{"field":"c","label":"機密性","message":"'
	m asset show A7 >"$T/a7b"; assert_not_contains "$T/a7b" '書かれない'
	# another 課's asset, and staff who may not write
	st=$(web_status none /api/v1/assets/B1 -H "$H" --data-urlencode 'name=x'); assert_eq "${st%% *}" 404
	st=$(web_status none /api/v1/assets -H "Authorization: Bearer $tok3" --data-urlencode 'no=Z1' \
		--data-urlencode 'name=x' --data-urlencode 'type=information' --data-urlencode 'unit=S1')
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"forbidden"'
	st=$(web_status none /api/v1/assets/A3 -H "Authorization: Bearer $tok3" --data-urlencode 'name=x')
	assert_eq "${st%% *}" 403
	# a browser session needs the CSRF token to write
	st=$(web_status m1 /api/v1/assets/A7 --data-urlencode 'name=偽造'); assert_eq "${st%% *}" 403
	csrf=$(webasset_csrf m1)
	st=$(web_status m1 /api/v1/assets/A7 --data-urlencode "csrf=$csrf" --data-urlencode 'name=画面から')
	assert_eq "${st%% *}" 200
	st=$(web_status none /api/v1/assets -d 'name=x'); assert_eq "${st%% *}" 401
	web_stop
}
