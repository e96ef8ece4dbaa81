# 違反への対応 (7.2(3), 7.6): recording a violation and telling the manager,
# guidance, suspending or revoking rights (one row for the person and one per
# system role, the CISO told), lifting, the mamori account following, checks.

# case_org (lib.sh), with 10 working on two systems so that revoking has
# system roles to take away.
violation_org() {
	case_org
	m system add --code SYS2 --name 文書管理システム --unit S2 --zone lgwan >/dev/null
	m role assign system_staff 10 --system SYS1 >/dev/null
	m role assign system_staff 10 --system SYS2 >/dev/null
}

t_violation_record_guide_suspend_lift() {
	violation_org
	m account add 10 >/dev/null
	m --as 21 violation record --staff 10 --clause 5.4.3.3 --description "パスワードを付箋で画面に貼っていた" >"$T/o"
	assert_contains "$T/o" "違反 V2026-000001 を記録し"
	m violation show V2026-000001 >"$T/s"
	assert_contains "$T/s" "職員      総務課員（10）"
	assert_contains "$T/s" "課        総務課"
	assert_contains "$T/s" "状態      記録"
	assert_contains "$T/s" '情報セキュリティ管理者へ通知（システム管理者）{"party":"manager","to":"11"}'
	# suspension needs the manager's guidance first, and the 統括
	expect_exit 2 m --as 20 violation suspend V2026-000001
	assert_contains "$T/err" "まだ情報セキュリティ管理者の指導が記録されていません"
	expect_exit 2 m --as 10 violation step V2026-000001 --kind guidance
	assert_contains "$T/err" "指導・是正を記録できるのは"
	expect_exit 2 m --as 11 violation step V2026-000001 --kind scold
	assert_contains "$T/err" "guidance（指導）、corrected（是正）、note（記録）"
	m --as 11 violation step V2026-000001 --kind guidance --note "口頭で指導" >/dev/null
	expect_exit 2 m --as 11 violation suspend V2026-000001
	assert_contains "$T/err" "統括情報セキュリティ責任者です"
	assert_eq "$(sql "SELECT COUNT(*) FROM rights_action")" 0
	m --as 20 violation suspend V2026-000001 --note 改善されないため >"$T/o"
	assert_contains "$T/o" "CISO と情報セキュリティ管理者への通知を記録"
	# one row for the person, one per system role
	assert_eq "$(sql "SELECT COUNT(*) FROM rights_action WHERE action = 'suspend'")" 3
	assert_eq "$(sql "SELECT COUNT(*) FROM rights_action WHERE role_assignment_id IS NULL AND system_id IS NULL")" 1
	m --format json violation show V2026-000001 >"$T/j"
	assert_contains "$T/j" '"state":"suspended","state_label":"利用停止"'
	assert_contains "$T/j" '"staff":"10","system":"SYS1"'
	assert_contains "$T/j" '"staff":"10","system":"SYS2"'
	assert_contains "$T/j" '"kind":"notify_ciso","label":"CISO へ通知"'
	assert_contains "$T/j" '"body":{"party":"ciso","to":"40"}'
	m violation show V2026-000001 >"$T/s"
	assert_contains "$T/s" 'CISO へ通知（統括）{"party":"ciso","to":"40"}'
	assert_contains "$T/s" "利用権    停止 住記システム"
	assert_contains "$T/s" 'mamori アカウントの無効化（統括）{"login":"10"}'
	m account list >"$T/a"
	assert_contains "$T/a" "無効"
	m --as 20 violation lift V2026-000001 >/dev/null
	assert_eq "$(sql "SELECT COUNT(*) FROM rights_action WHERE lifted_at IS NULL")" 0
	m account list >"$T/a"
	assert_not_contains "$T/a" "無効"
	expect_exit 2 m --as 20 violation lift V2026-000001
	assert_contains "$T/err" "利用停止中ではありません"
	m --format csv violation list >"$T/c"
	assert_contains "$T/c" "番号,職員,課,条項,内容,確認者,記録日時,状態,完了日時"
	assert_contains "$T/c" "V2026-000001,総務課員,総務課,5.4.3.3,パスワードを付箋で画面に貼っていた,システム管理者,2026-06-01T01:00:00Z,停止解除,2026-06-01T01:00:00Z"
	m verify >/dev/null
}

t_violation_revoke_and_corrected() {
	violation_org
	m --as 20 violation record --staff 10 --description "無断で USB メモリを使用" >/dev/null
	m --as 11 violation step V2026-000001 --kind guidance >/dev/null
	m --as 20 violation revoke V2026-000001 >/dev/null
	assert_eq "$(sql "SELECT COUNT(*) FROM rights_action WHERE action = 'revoke'")" 3
	expect_exit 2 m --as 20 violation lift V2026-000001
	m --format json violation list --open >"$T/l"
	assert_not_contains "$T/l" "V2026-000001"
	m --as 20 violation record --staff 10 --description "画面ロックをしなかった" >/dev/null
	m --as 11 violation step V2026-000002 --kind corrected --note "是正を確認" >/dev/null
	m --format json violation list >"$T/l"
	assert_contains "$T/l" '"state":"corrected","state_label":"是正済み"'
	expect_exit 2 m --as 20 violation suspend V2026-000002
	assert_contains "$T/err" "是正済み のため"
	m verify >/dev/null
	# a revocation whose CISO notification is missing (written around mamori)
	m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"control":"7.6.2.3"'
	sql "DELETE FROM case_event WHERE kind = 'notify_ciso'"
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"7.6.2.3","message":"違反 V2026-000001 で利用権を停止・剥奪しましたが、CISO への通知が記録されていません"'
}

t_violation_refused_inputs_write_nothing() {
	violation_org
	expect_exit 2 m --as 21 violation record --staff 10 --clause 99.9 --description x
	assert_contains "$T/err" "条項「99.9」はカタログにありません"
	expect_exit 2 m --as 21 violation record --staff 77 --description x
	assert_contains "$T/err" "違反した職員の職員番号「77」は登録されていません"
	expect_exit 2 m --as 21 violation record --staff 10
	assert_contains "$T/err" "違反の内容を指定してください"
	expect_exit 2 m violation record --staff 10 --description x
	expect_exit 2 m --as 20 violation suspend V2026-000009
	assert_contains "$T/err" "違反の番号「V2026-000009」はありません"
	assert_eq "$(sql "SELECT COUNT(*) FROM violation") $(sql "SELECT COUNT(*) FROM case_event")" "0 0"
}

t_violation_open_too_long_is_a_finding() {
	violation_org
	m --as 21 violation record --staff 10 --description "&lt;script&gt; 持ち出し" >/dev/null
	MAMORI_NOW=2026-07-01T01:00:00Z m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"control":"7.6.2"'
	MAMORI_NOW=2026-07-02T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"7.6.2","message":"違反 V2026-000001 は 2026-06-01 の記録から30日を過ぎても対応が完了していません（記録）"'
}
