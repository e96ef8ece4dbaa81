# Organisation, staff, roles, systems: the basic CLI paths.

t_init_and_org_tree() {
	small_org
	m org list >"$T/list"
	assert_contains "$T/list" "B1 総務部［部局］"
	assert_contains "$T/list" "  S2 情報政策課［課室］"
	m --format json org list >"$T/json"
	assert_contains "$T/json" '"code":"S3"'
	assert_contains "$T/json" '"parent":"B2"'
	m --format csv org list >"$T/csv"
	assert_contains "$T/csv" "S1,総務課,課室,B1"
}

t_init_refuses_bad_kind_and_second_municipality() {
	expect_exit 2 m init --name 試験市 --kind 国
	assert_contains "$T/err" "団体の種類「国」は使えません"
	m init --name 試験市 --kind 市 >/dev/null
	if [ "$BACKEND" = sqlite ]; then
		expect_exit 2 m init --name 別市 --kind 市
		assert_contains "$T/err" "既に存在します"
	else
		expect_exit 2 m init --name 別市 --kind 市
		assert_contains "$T/err" "既に団体「試験市」が登録されています"
	fi
}

t_org_rules() {
	small_org
	expect_exit 2 m org add --code S9 --name 迷子課 --kind 課
	assert_contains "$T/err" "上位組織（--parent）が必要です"
	expect_exit 2 m org add --code S1 --name 重複課 --kind 課 --parent B1
	assert_contains "$T/err" "組織コード「S1」は既に使われています"
	expect_exit 2 m org add --code X1 --name 部の下の部 --kind 部局 --parent B1
	assert_contains "$T/err" "の下に置くことはできません"
	m org add --code T1 --name 情報セキュリティ係 --kind 係 --parent 情報政策課 >/dev/null
	m org list | grep -q "    T1 情報セキュリティ係"
}

t_missing_database_is_an_error() {
	if [ "$BACKEND" = pg ]; then return 0; fi
	expect_exit 2 "$MAMORI" --db "$T/none.db" org list
	assert_contains "$T/err" "データベース $T/none.db がありません"
	[ ! -e "$T/none.db" ]
}

t_usage_errors_exit_2() {
	small_org
	expect_exit 2 m frobnicate
	assert_contains "$T/err" "不明なコマンド"
	expect_exit 2 m org list --bogus
	assert_contains "$T/err" "不明なオプション「--bogus」"
	expect_exit 2 m --format xml org list
	expect_exit 2 m staff add --no 1
}

t_staff_roles_systems() {
	small_org
	m staff add --no 100001 --name "山田 太郎" --kana "ヤマダ タロウ" --unit 総務課 --started 令和2年4月1日 >/dev/null
	m staff add --no 100002 --name "𠮷田 花子" --unit S2 --employment 会計年度任用職員 >/dev/null
	m staff show 100001 >"$T/show"
	assert_contains "$T/show" "2020-04-01（令和2年4月1日）"
	assert_contains "$T/show" "総務部 > 総務課"
	m staff list --search "やまだ" >"$T/s1"
	assert_contains "$T/s1" "100001"
	m staff list --search "𠮷田" >"$T/s2"
	assert_contains "$T/s2" "100002"
	assert_contains "$T/s2" "会計年度任用職員"
	m system add --code SYS1 --name 住民基本台帳システム --unit S2 --zone マイナンバー利用事務系 >/dev/null
	m role assign manager 100001 --unit S1 --date 2026-04-01 >/dev/null
	m role assign system_admin 100002 --system SYS1 >/dev/null
	expect_exit 2 m role assign manager 100001 --unit B1
	assert_contains "$T/err" "課室または出先機関に置く役割です"
	expect_exit 2 m role assign ciso 100001 --unit S1
	expect_exit 2 m role assign manager 100001 --unit S1
	assert_contains "$T/err" "同じ役割が既に割り当てられています"
	m --format json role list >"$T/roles"
	assert_contains "$T/roles" '"role":"manager"'
	assert_contains "$T/roles" '"scope":"住民基本台帳システム"'
	m --format csv system list >"$T/sys"
	assert_contains "$T/sys" "SYS1,住民基本台帳システム,情報政策課,マイナンバー利用事務系"
}

t_transfer_and_retire_keep_history() {
	small_org
	m staff add --no 100001 --name 山田太郎 --unit S1 --started 2020-04-01 >/dev/null
	m staff transfer 100001 --unit 税務課 --date 2026-04-01 >/dev/null
	m staff retire 100001 --date 2027-03-31 >/dev/null
	m --format json staff list --all >"$T/list"
	assert_contains "$T/list" '"left_on":"2027-03-31"'
	assert_contains "$T/list" '"unit":"S3"'
	m --format json staff list >"$T/current"
	assert_not_contains "$T/current" "100001"
	id=$(sql "SELECT id FROM staff WHERE staff_no = '100001'")
	m --format json journal --subject "staff/$id" >"$T/hist"
	assert_contains "$T/hist" '"kind":"staff.transfer"'
	assert_contains "$T/hist" '"kind":"staff.retire"'
	assert_contains "$T/hist" '"unit_id":'
	expect_exit 2 m staff transfer 100001 --unit S1
	assert_contains "$T/err" "離任しています"
	m staff add --no 100003 --name 佐藤 --unit S3 >/dev/null
	expect_exit 2 m org close S3 --date 2027-04-01
	assert_contains "$T/err" "まだ 1 人の職員が所属しています"
}

t_contacts_tree() {
	small_org
	m staff add --no 1 --name 副市長A --unit B1 >/dev/null
	m staff add --no 2 --name 総務部長B --unit B1 --phone 内線100 >/dev/null
	m staff add --no 3 --name 総務課長C --unit S1 >/dev/null
	m role assign ciso 1 >/dev/null
	m role assign chief_officer 2 >/dev/null
	m role assign officer 2 --unit B1 >/dev/null
	m role assign manager 3 --unit S1 >/dev/null
	m org contacts >"$T/text"
	head -1 "$T/text" | grep -q "最高情報セキュリティ責任者（CISO）: 副市長A（1）"
	assert_contains "$T/text" "    情報セキュリティ責任者・総務部: 総務部長B（2） 内線100"
	assert_contains "$T/text" "情報セキュリティ管理者・情報政策課: （未任命）"
	assert_contains "$T/text" "情報セキュリティ責任者・税務部: （未任命）"
	m --format json org contacts >"$T/json"
	assert_contains "$T/json" '"role":"chief_officer"'
	assert_contains "$T/json" '"vacant":true'
	m --format csv org contacts >"$T/csv"
	assert_contains "$T/csv" "情報セキュリティ管理者,総務課,総務課長C,3,,,総務部長B"
}
