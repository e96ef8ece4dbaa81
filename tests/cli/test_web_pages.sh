# The 組織・職員・役割 pages of the web UI: the organisation tree and the
# emergency contact tree.  Uses the helpers of test_web.sh (web_start,
# web_login, web_signin_enrol, …), which run-cli.sh sources beside this file.

# web_org plus phone numbers and a closed unit; sets pw1 pw2 pw3 pw9.
webpages_org() {
	web_org
	m org add --code C1 --name 旧統計課 --kind 課 --parent B1 >/dev/null
	m org close C1 --date 2026-01-01 >/dev/null
	m staff add --no 5 --name 税務一郎 --unit S3 --phone 03-5555-0005 >/dev/null
	# contact details through mamori (the journal must stay intact for verify)
	printf '%s\n' '職員番号,氏名,所属,連絡先,メール' '1,総務課長,S1,03-1111-0001,soumu@example.jp' \
		'2,税務課長,S3,03-2222-0002,' >"$T/contacts.csv"
	m staff import "$T/contacts.csv" >/dev/null
	pw1=$(web_account 1); pw3=$(web_account 3); pw9=$(web_account 9)
}

# Reads "path anon staff manager ciso" lines (the status each should get)
# and compares them with what the server answers each signed-in visitor.
webpages_walk() {
	local path want got who st
	while read -r path want; do
		got=""
		for who in anon staff manager ciso; do
			st=$(web_status "$who" "$path")
			got="$got ${st%% *}"
		done
		assert_eq "${got# }" "$want" || { echo "  at $path" >&2; return 1; }
	done
}

# Who may open the new routes: everyone signed in; anonymous to /login.
t_webpages_access_table() {
	webpages_org
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	webpages_walk <<'TABLE'
/org 303 200 200 200
/org?all=1 303 200 200 200
/org/contacts 303 200 200 200
/org?format=csv 303 200 200 200
/org/contacts?format=csv 303 200 200 200
/org/nothing 404 404 404 404
/staff 303 403 200 200
/staff?format=csv 303 403 200 200
/staff/1 303 403 200 200
/staff/3 303 403 200 200
/staff/2 303 403 404 200
/staff/5 303 403 404 200
/staff/nobody 303 403 404 404
TABLE
	st=$(web_status anon /org/contacts); assert_eq "$st" "303 $URL/login"
	# the nav links to the page for everyone signed in
	web_get staff / >"$T/dash"; assert_contains "$T/dash" '<a href="/org">組織・職員</a>'
	# the 職員 tab only for those who may search staff
	web_get staff /org >"$T/o"; assert_not_contains "$T/o" 'href="/staff"'
	web_get manager /org >"$T/o"; assert_contains "$T/o" 'href="/staff"'
	web_stop
}

# The tree: units with their managers and staff counts, closed units only with all=1.
t_webpages_org_tree() {
	webpages_org
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_get staff /org >"$T/org"
	assert_contains "$T/org" "総務部"
	assert_contains "$T/org" "<td>総務課長</td>"
	assert_contains "$T/org" "<td>税務課長</td>"
	assert_not_contains "$T/org" "旧統計課"
	# 総務課 has 総務課長 and 総務一郎
	grep -q '総務課</td><td>S1</td>.*<td class="num">2</td>' "$T/org" || fail "staff count of S1"
	web_get staff '/org?all=1' >"$T/all"; assert_contains "$T/all" "旧統計課"
	# filter: a match keeps the units above it, drops the others
	web_get staff '/org?q=%E7%A8%8E%E5%8B%99' >"$T/q"   # 税務
	assert_contains "$T/q" "税務課"
	assert_not_contains "$T/q" "情報政策課"
	# sort by name puts 情報政策課 before 総務課 (コード順 is S1 first)
	web_get staff '/org?sort=name' >"$T/s"
	a=$(grep -n '情報政策課</td>' "$T/s" | cut -d: -f1); b=$(grep -n '›.*総務課</td>' "$T/s" | cut -d: -f1)
	[ "$(grep -o '情報政策課</td>\|› 総務課</td>' "$T/s" | head -1)" = "情報政策課</td>" ] || fail "sort=name order ($a $b)"
	web_stop
}

# Phone numbers: hidden from plain staff, shown to the manager for their own 課
# only, and to the CISO for everyone; vacancies are marked.
t_webpages_contacts_phone_rule() {
	webpages_org
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get staff /org/contacts >"$T/st"
	assert_contains "$T/st" "総務課長"
	assert_contains "$T/st" "（未任命）"
	assert_not_contains "$T/st" "03-1111-0001"
	assert_not_contains "$T/st" "03-2222-0002"
	assert_not_contains "$T/st" "soumu@example.jp"
	web_get staff '/org/contacts?format=csv' >"$T/st.csv"
	assert_not_contains "$T/st.csv" "03-1111-0001"
	web_get manager /org/contacts >"$T/mg"
	assert_contains "$T/mg" "03-1111-0001"
	assert_contains "$T/mg" "soumu@example.jp"
	assert_not_contains "$T/mg" "03-2222-0002"
	web_get ciso /org/contacts >"$T/ci"
	assert_contains "$T/ci" "03-1111-0001"
	assert_contains "$T/ci" "03-2222-0002"
	# filter by role
	web_get ciso '/org/contacts?role=manager' >"$T/r"
	assert_contains "$T/r" "税務課長"
	assert_not_contains "$T/r" "<td>副市長</td>"
	web_stop
}

# CSV: UTF-8 BOM, text/csv, and a cell starting with "=" guarded by a quote.
t_webpages_csv_bom_and_guard() {
	webpages_org
	m org add --code S9 --name '=HYPERLINK("http://x")' --kind 課 --parent B2 >/dev/null
	m staff add --no 7 --name '=cmd|calc' --unit S9 >/dev/null
	m role assign manager 7 --unit S9 >/dev/null
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_status staff '/org?format=csv' >/dev/null
	assert_contains "$T/head" "Content-Type: text/csv; charset=utf-8"
	assert_eq "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" "efbbbf"
	assert_contains "$T/body" "\"'=HYPERLINK(\"\"http://x\"\")\""
	assert_not_contains "$T/body" ",=HYPERLINK"
	web_status staff '/org/contacts?format=csv' >/dev/null
	assert_eq "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" "efbbbf"
	assert_contains "$T/body" ",'=cmd|calc,"
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_status ciso '/staff?format=csv' >/dev/null
	assert_eq "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" "efbbbf"
	assert_contains "$T/body" "7,'=cmd|calc,"
	web_assert_headers "$T/head"
	web_stop
}

# Markup in a staff name and a unit name comes back escaped.
t_webpages_escaping() {
	webpages_org
	m org add --code S8 --name '<b>課</b>' --kind 課 --parent B2 >/dev/null
	m staff add --no 8 --name '<script>alert(1)</script>' --unit S8 >/dev/null
	m role assign manager 8 --unit S8 >/dev/null
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	for p in /org /org/contacts; do
		web_get staff "$p" >"$T/page"
		assert_contains "$T/page" "&lt;script&gt;alert(1)&lt;/script&gt;"
		assert_contains "$T/page" "&lt;b&gt;課&lt;/b&gt;"
		assert_not_contains "$T/page" "<script>"
		assert_not_contains "$T/page" "<b>課"
	done
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	for p in /staff /staff/8; do
		web_get ciso "$p" >"$T/page"
		assert_contains "$T/page" "&lt;script&gt;alert(1)&lt;/script&gt;"
		assert_not_contains "$T/page" "<script>"
	done
	web_get staff '/org?q=%3Cx%22%3E' >"$T/q"
	assert_contains "$T/q" 'value="&lt;x&quot;&gt;"'
	web_stop
}

# Staff search: the manager sees their own 課 only, the search folds 全角,
# 50 a page; a person's page lists their roles, ended ones too.
t_webpages_staff_search_and_detail() {
	webpages_org
	web_start
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get manager /staff >"$T/m"
	assert_contains "$T/m" "総務一郎"
	assert_contains "$T/m" "情報セキュリティ管理者（総務課）"
	assert_not_contains "$T/m" "税務課長"
	assert_not_contains "$T/m" "税務一郎"
	web_get manager '/staff?format=csv' >"$T/m.csv"
	assert_not_contains "$T/m.csv" "税務"
	# ３ (全角) finds 職員番号 3; the manager never finds the other 課
	web_get manager '/staff?q=%EF%BC%93' >"$T/q"
	assert_contains "$T/q" "総務一郎"
	# (総務課長 is the signed-in manager, named in the page header)
	assert_contains "$T/q" 'href="/staff/3"'
	assert_not_contains "$T/q" 'href="/staff/1"'
	web_get manager '/staff?q=%E7%A8%8E%E5%8B%99' >"$T/q2"   # 税務
	assert_contains "$T/q2" "0 件中"
	web_get ciso '/staff?unit=S3' >"$T/u"
	assert_contains "$T/u" "税務一郎"
	assert_not_contains "$T/u" "総務一郎"
	web_get ciso '/staff?sort=name' >"$T/sorted"
	assert_contains "$T/sorted" 'aria-sort="ascending"><a href="/staff?sort=name">氏名 ▲'
	# a person's page with the history of roles
	id=$(m role assign csirt 3 | grep -o '割当番号 [0-9]*' | grep -o '[0-9]*$')
	m role end "$id" >/dev/null
	web_get manager /staff/1 >"$T/own"; assert_contains "$T/own" "03-1111-0001"
	web_get ciso /staff/2 >"$T/other"; assert_contains "$T/other" "03-2222-0002"
	web_get ciso /staff/3 >"$T/p"
	assert_contains "$T/p" "<h1>総務一郎 <small>3</small></h1>"
	assert_contains "$T/p" "役割の履歴"
	assert_contains "$T/p" "CSIRT 要員"
	assert_not_contains "$T/p" "<td>CSIRT 要員</td><td>2026-06-01</td><td>現在</td>"
	web_stop
}

# Paging: 50 a page, 前へ/次へ keep the filter.
t_webpages_staff_paging() {
	webpages_org
	for i in $(seq 100 154); do echo "$i,職員$i,,S1"; done >"$T/many.csv"
	sed -i '1i 職員番号,氏名,カナ,所属' "$T/many.csv"
	m staff import "$T/many.csv" >/dev/null 2>&1 || for i in $(seq 100 154); do m staff add --no "$i" --name "職員$i" --unit S1 >/dev/null; done
	web_start
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get ciso '/staff?q=%E8%81%B7%E5%93%A1' >"$T/p1"   # 職員
	assert_contains "$T/p1" "55 件中 1〜50 件目"
	assert_contains "$T/p1" 'rel="next"'
	web_get ciso '/staff?q=%E8%81%B7%E5%93%A1&offset=50' >"$T/p2"
	assert_contains "$T/p2" "55 件中 51〜55 件目"
	assert_contains "$T/p2" "職員154"
	assert_not_contains "$T/p2" "職員100<"
	web_stop
}

# The journal: only organisation-wide roles; filters; batch entries summarised.
t_webpages_journal_access_and_filters() {
	webpages_org
	m staff add --no 6 --name '<i>記録</i>' --unit S1 >/dev/null
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	webpages_walk <<'TABLE'
/journal 303 403 403 200
/journal?format=csv 303 403 403 200
/journal?subject=staff 303 403 403 200
TABLE
	web_get staff / >"$T/d"; assert_not_contains "$T/d" 'href="/journal"'
	web_get ciso / >"$T/d"; assert_contains "$T/d" '<a href="/journal">記録</a>'
	web_get ciso /journal >"$T/j"
	assert_contains "$T/j" "org_unit/"
	assert_contains "$T/j" "&lt;i&gt;記録&lt;/i&gt;"
	assert_not_contains "$T/j" "<i>記録"
	assert_not_contains "$T/j" "password"
	assert_not_contains "$T/j" "totp"
	# newest first: the staff added last comes before the first org unit
	a=$(grep -n '&lt;i&gt;記録' "$T/j" | head -1 | cut -d: -f1); b=$(grep -n '>org_unit/1<' "$T/j" | head -1 | cut -d: -f1)
	[ "$a" -lt "$b" ] || fail "not newest first ($a $b)"
	web_get ciso '/journal?subject=org_unit' >"$T/o"
	assert_contains "$T/o" "org_unit/1"
	assert_not_contains "$T/o" ">staff/"
	web_get ciso '/journal?subject=staff/1' >"$T/s1"
	assert_contains "$T/s1" ">staff/1<"
	assert_not_contains "$T/s1" ">staff/2<"
	web_get ciso '/journal?since=2999-01-01' >"$T/none"; assert_contains "$T/none" "該当する記録はありません"
	web_get ciso '/journal?since=nonsense' >"$T/bad"; assert_contains "$T/bad" "日付は"
	web_status ciso '/journal?format=csv' >/dev/null
	assert_contains "$T/head" "Content-Type: text/csv; charset=utf-8"
	assert_eq "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" "efbbbf"
	web_stop
}

# Paging by seq: 50 a page, the next page starts below the last seq shown.
t_webpages_journal_paging() {
	webpages_org
	for i in $(seq 200 260); do m staff add --no "$i" --name "職員$i" --unit S1 >/dev/null; done
	web_start
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get ciso '/journal?subject=staff' >"$T/p1"
	assert_eq "$(grep -c '<tr><td class="num">' "$T/p1")" 50
	next=$(grep -o 'href="[^"]*" rel="next"' "$T/p1" | sed 's/href="//; s/" rel.*//; s/&amp;/\&/g')
	[ -n "$next" ] || fail "no next link"
	web_get ciso "$next" >"$T/p2"
	assert_contains "$T/p2" ">staff/1<"
	assert_not_contains "$T/p2" "職員260"
	web_stop
}

# Verify: POST needs the CSRF token; an SQL edit behind mamori's back is found.
t_webpages_journal_verify() {
	webpages_org
	web_start
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_get ciso /journal >"$T/j"
	csrf=$(web_csrf_of "$T/j")
	st=$(web_status ciso /journal/verify -X POST --data-urlencode "csrf=")
	assert_eq "${st%% *}" 403
	st=$(web_status ciso /journal/verify --data-urlencode "csrf=$csrf")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" "改ざんはありません"
	sql "UPDATE staff SET name = '改変' WHERE staff_no = '3'"
	st=$(web_status ciso /journal/verify --data-urlencode "csrf=$csrf")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" "改ざんまたは不整合が見つかりました"
	assert_not_contains "$T/body" "改ざんはありません"
	# GET is not a route for verify; staff may not POST it
	st=$(web_status ciso /journal/verify); assert_eq "${st%% *}" 405
	web_stop
}

# カタログ: the 区分 filter and the CSV agree with `mamori catalog list`.
t_webpages_catalog_filter_and_csv() {
	web_org
	pw3=$(web_account 3)
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	want=$(m --format csv catalog list --strength recommended | tail -n +2 | wc -l)
	[ "$want" -gt 0 ] || fail "no recommended clauses in the CLI"
	st=$(web_status staff '/catalog?strength=recommended&format=csv'); assert_eq "$st" "200 "
	assert_contains "$T/head" "Content-Type: text/csv; charset=utf-8"
	assert_contains "$T/head" 'Content-Disposition: attachment; filename="catalog.csv"'
	head -c 3 "$T/body" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	got=$(tail -n +2 "$T/body" | wc -l)
	assert_eq "$got" "$want"
	assert_not_contains "$T/body" ',必須,'
	# the page shows the same selection, with the option kept and the CSV link
	web_get staff '/catalog?strength=recommended' >"$T/page"
	assert_contains "$T/page" '<option value="recommended" selected>'
	assert_contains "$T/page" 'href="/catalog?strength=recommended&amp;format=csv"'
	rows=$(grep -c '<tr><td><a href="/catalog/' "$T/page")
	assert_eq "$rows" "$want"
	# and the API
	web_get staff '/api/v1/catalog?strength=recommended' >"$T/api"
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["clauses"]))' "$T/api")
	assert_eq "$n" "$want"
	web_stop
}
