# `mamori check`: the chapter 1 rules, each must be able to fail.

# A fully staffed small_org: no findings.
staffed_org() {
	small_org
	for n in 1 2 3 4 5 6 7 8; do m staff add --no "$n" --name "職員$n" --unit S2 >/dev/null; done
	m staff add --no 9 --name 税務課長 --unit S3 >/dev/null
	m staff add --no 10 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 11 --name 税務部長 --unit B2 >/dev/null
	m system add --code SYS1 --name 税務システム --unit S3 --zone mynumber >/dev/null
	m role assign ciso 1 >/dev/null
	m role assign chief_officer 2 >/dev/null
	m role assign officer 2 --unit B1 >/dev/null
	m role assign officer 11 --unit B2 >/dev/null
	m role assign manager 3 --unit S2 >/dev/null
	m role assign manager 10 --unit S1 >/dev/null
	m role assign manager 9 --unit S3 >/dev/null
	m role assign system_admin 9 --system SYS1 >/dev/null
	m role assign committee 1 >/dev/null
	m role assign csirt_lead 3 >/dev/null
	m role assign csirt 4 >/dev/null
	# an approved 緊急時対応計画 (7.3), so that a clean organisation has no findings
	m plan init >/dev/null
	m --as 1 plan approve 1 >/dev/null
}

t_check_clean_org_has_no_findings() {
	staffed_org
	expect_exit 0 m check
	assert_contains "$T/out" "指摘事項はありません"
	expect_exit 0 m --format json check
	assert_eq "$(cat "$T/out")" '{"findings":[]}'
}

t_check_empty_org_finds_every_missing_role() {
	small_org
	expect_exit 1 m --format json check
	for rule in org.ciso.exactly_one org.chief_officer.exactly_one org.officer.per_bureau \
		org.manager.per_section org.committee.exists org.csirt.lead; do
		assert_contains "$T/out" "\"rule\":\"$rule\""
	done
	assert_contains "$T/out" '"control":"1.1.1"'
	assert_contains "$T/out" '"control":"1.4.1","message":"課室「総務課」に情報セキュリティ管理者が任命されていません"'
	assert_contains "$T/out" '"subject":"org_unit:S3"'
}

t_check_each_rule_fires() {
	staffed_org
	m role assign ciso 5 >/dev/null
	m role assign deputy_ciso 6 >/dev/null
	m role assign deputy_ciso 7 >/dev/null
	m system add --code SYS2 --name 文書管理 --unit S1 --zone lgwan >/dev/null
	m staff retire 10 --date 2026-05-01 >/dev/null
	m staff transfer 11 --unit S1 --date 2026-05-01 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"1.1.1","message":"最高情報セキュリティ責任者（CISO） が 2 人任命されています'
	assert_contains "$T/out" '"rule":"org.deputy_ciso.at_most_one"'
	assert_contains "$T/out" '"rule":"org.system_admin.per_system","severity":"error","subject":"info_system:SYS2"'
	assert_contains "$T/out" '"control":"1.4.1","message":"総務課長（10）は離任していますが'
	assert_contains "$T/out" '"rule":"org.role.holder_left"'
	assert_contains "$T/out" '"control":"1.3.1","message":"税務部長（11）は異動していますが'
	assert_contains "$T/out" '"rule":"org.role.holder_moved","severity":"warning"'
	expect_exit 1 m check
	assert_contains "$T/out" "■ 対策基準 1.1.1"
	expect_exit 1 m --format csv check
	assert_contains "$T/out" "rule,control,severity,subject,message"
}

t_check_future_retirement_is_not_yet_a_finding() {
	staffed_org
	m staff retire 10 --date 2027-03-31 >/dev/null
	expect_exit 0 m check
}
