# 例外措置 (7.4): request by a manager or system administrator, the CISO's
# decision, emergencies applied first and reported afterwards, reviews and
# expiry, and the check rules over the register.

exception_count() { sql "SELECT COUNT(*) FROM exception_request"; }

t_exception_request_permit_review_end() {
	case_org
	m --as 11 exception request --clause 7.4.1 --reason "旧システムが対応していない" \
		--scope "総務課の端末2台" --measures "ネットワークから切り離して運用" \
		--starts 2026-06-01 --ends 2026-12-31 >"$T/o"
	assert_contains "$T/o" "例外措置 E2026-000001 を申請しました"
	m --format json exception list >"$T/l"
	assert_contains "$T/l" '"exception_no":"E2026-000001"'
	assert_contains "$T/l" '"requester":"11"'
	assert_contains "$T/l" '"state":"requested","state_label":"申請中"'
	assert_contains "$T/l" '"unit":"S1"'
	# only the CISO permits, and not the requester
	expect_exit 2 m --as 20 exception permit E2026-000001
	assert_contains "$T/err" "許可ができるのは CISO です"
	m --as 40 exception permit E2026-000001 --note "年内に更新すること" >/dev/null
	expect_exit 2 m --as 40 exception reject E2026-000001
	assert_contains "$T/err" "既に決裁済み"
	m --as 40 exception review E2026-000001 --note "代替措置を確認" >/dev/null
	m exception show E2026-000001 >"$T/s"
	assert_contains "$T/s" "状態      許可"
	assert_contains "$T/s" "決裁      許可（副市長）年内に更新すること"
	assert_contains "$T/s" "経過      2026-06-01 10:00 申請（総務課長）"
	assert_contains "$T/s" '定期確認（副市長）{"note":"代替措置を確認"}'
	m --format json exception list --state permitted >"$T/l"
	assert_contains "$T/l" '"decided_by":"40"'
	assert_contains "$T/l" '"reviewed_at":"2026-06-01T01:00:00Z"'
	expect_exit 2 m --as 10 exception end E2026-000001
	assert_contains "$T/err" "申請者か CISO です"
	m --as 11 exception end E2026-000001 >/dev/null
	m --format csv exception list >"$T/c"
	assert_contains "$T/c" "番号,区分,条項,課,情報システム,申請者,理由,範囲,代替措置,開始日,終了日"
	assert_contains "$T/c" "E2026-000001,通常,7.4.1,総務課,,総務課長,旧システムが対応していない"
	assert_contains "$T/c" ",終了,副市長,"
	m verify >/dev/null
}

t_exception_system_admin_and_reject() {
	case_org
	m --as 21 exception request --system SYS1 --clause 6.2.4 --reason 保守のため \
		--scope 住記システム --measures 作業記録 --ends 2026-06-30 >/dev/null
	expect_exit 2 m --as 11 exception request --system SYS1 --clause 6.2.4 --reason x --scope x \
		--measures x --ends 2026-06-30
	assert_contains "$T/err" "SYS1 の情報システム管理者ではないため"
	m --as 40 exception reject E2026-000001 --note '代替措置が"不十分"<b>' >/dev/null
	m --format json exception show E2026-000001 >"$T/s"
	assert_contains "$T/s" '"decision_note":"代替措置が\"不十分\"<b>"'
	assert_contains "$T/s" '{"actor":"40","at":"2026-06-01T01:00:00Z","body":{"note":"代替措置が\"不十分\"<b>"},"kind":"rejected","label":"却下"}'
	assert_contains "$T/s" '"kind":"requested","label":"申請"'
	assert_contains "$T/s" '"state":"rejected","state_label":"却下","system":"SYS1","unit":"S2"'
}

t_exception_refused_inputs_write_nothing() {
	case_org
	ok="--reason r --scope s --measures m"
	expect_exit 2 m --as 11 exception request --clause 99.9 $ok --ends 2026-12-31
	assert_contains "$T/err" "条項「99.9」はカタログにありません"
	expect_exit 2 m --as 11 exception request --clause 7.4.1 $ok --ends 2026-13-45
	assert_contains "$T/err" "終了日"
	expect_exit 2 m --as 11 exception request --clause 7.4.1 $ok --starts 2026-07-01 --ends 2026-06-30
	assert_contains "$T/err" "終了日 2026-06-30 が開始日 2026-07-01 より前です"
	expect_exit 2 m --as 11 exception request --clause 7.4.1 --scope s --measures m --ends 2026-12-31
	assert_contains "$T/err" "理由を指定してください"
	expect_exit 2 m --as 10 exception request --clause 7.4.1 $ok --ends 2026-12-31
	assert_contains "$T/err" "情報セキュリティ管理者ではないため、例外措置を申請できません"
	expect_exit 2 m --as 99 exception request --clause 7.4.1 $ok --ends 2026-12-31
	assert_contains "$T/err" "登録されていません"
	expect_exit 2 m exception request --clause 7.4.1 $ok --ends 2026-12-31
	assert_eq "$(exception_count)" 0
	# the CISO requesting and then permitting their own: refused
	m role assign manager 40 --unit S3 >/dev/null
	m --as 40 exception request --clause 7.4.1 $ok --ends 2026-12-31 >/dev/null
	expect_exit 2 m --as 40 exception permit E2026-000001
	assert_contains "$T/err" "自分が申請した例外措置は決裁できません"
	assert_eq "$(sql "SELECT state FROM exception_request")" requested
	expect_exit 2 m --as 40 exception permit E2026-999999
	assert_contains "$T/err" "例外措置の番号「E2026-999999」はありません"
}

t_exception_emergency_unreported_is_a_finding() {
	case_org
	m --as 21 exception apply --emergency --system SYS1 --clause 6.2.4 --reason 障害復旧 \
		--scope 住記システム --measures 作業を二人で実施 --ends 2026-06-10 >"$T/o"
	assert_contains "$T/o" "緊急時の例外措置 E2026-000001 を記録しました"
	expect_exit 2 m --as 21 exception apply --system SYS1 --clause 6.2.4 --reason x --scope x --measures x --ends 2026-06-10
	assert_contains "$T/err" "--emergency"
	m --format json exception list >"$T/l"
	assert_contains "$T/l" '"applied_at":"2026-06-01T01:00:00Z"'
	assert_contains "$T/l" '"emergency":true'
	assert_contains "$T/l" '"state":"applied","state_label":"緊急実施（報告待ち）"'
	# the CISO decides only after the report
	expect_exit 2 m --as 40 exception permit E2026-000001
	assert_contains "$T/err" "まだ報告されていません"
	# within the profile's 3 days: no finding
	MAMORI_NOW=2026-06-04T01:00:00Z m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"control":"7.4.2"'
	MAMORI_NOW=2026-06-05T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"7.4.2","message":"緊急時の例外措置 E2026-000001 は 2026-06-01 に実施されましたが、3日以内に CISO へ報告されていません"'
	# a longer figure in the profile moves the limit
	m profile set exception_report_days 7 >/dev/null
	MAMORI_NOW=2026-06-05T01:00:00Z m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"control":"7.4.2"'
	expect_exit 2 m profile set exception_report_days 0
	m --as 21 exception report E2026-000001 --note 電話で報告済み >/dev/null
	expect_exit 2 m --as 21 exception report E2026-000001
	assert_contains "$T/err" "報告を待つ緊急時の例外措置ではありません"
	MAMORI_NOW=2026-06-09T01:00:00Z m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"control":"7.4.2"'
	m --as 40 exception permit E2026-000001 >/dev/null
	m verify >/dev/null
}

t_exception_expired_and_unreviewed() {
	case_org
	m --as 11 exception request --clause 7.4.1 --reason r --scope s --measures m \
		--starts 2026-06-01 --ends 2026-06-30 >/dev/null
	m --as 11 exception request --clause 7.4.1 --reason r --scope s --measures m \
		--starts 2026-06-01 --ends 2028-03-31 >/dev/null
	m --as 40 exception permit E2026-000001 >/dev/null
	m --as 40 exception permit E2026-000002 >/dev/null
	MAMORI_NOW=2026-07-01T01:00:00Z m --format json exception list --expired >"$T/l"
	assert_contains "$T/l" '"exception_no":"E2026-000001"'
	assert_contains "$T/l" '"expired":true'
	assert_contains "$T/l" '"state_label":"期限切れ"'
	assert_not_contains "$T/l" "E2026-000002"
	MAMORI_NOW=2026-07-01T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"7.4.3","message":"例外措置 E2026-000001（条項 7.4.1）は終了日 2026-06-30 を過ぎても終了の記録がありません"'
	# over a year in force without a review
	MAMORI_NOW=2027-06-10T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" "例外措置 E2026-000002 は 2026-06-01 から1年以上、CISO の定期確認が記録されていません"
	MAMORI_NOW=2027-06-10T01:00:00Z m --as 40 exception review E2026-000002 >/dev/null
	MAMORI_NOW=2027-06-10T01:00:00Z m --format json check >"$T/c" || true
	assert_not_contains "$T/c" "E2026-000002"
	m verify >/dev/null
}
