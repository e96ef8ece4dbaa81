# `mamori plan …`: the 緊急時対応計画 (guideline 7.3) — versions, the
# generated 庁内 contacts, refused input, the check rules and the documents.
# MAMORI_NOW is 2026-06-01 (年度 2026) unless a test pins another instant.

# 試験市 with the posts the plan lists.
plan_org() {
	small_org
	for n in 1 2 3 4 5 6; do m staff add --no "$n" --name "職員$n" --unit S2 >/dev/null; done
	m system add --code SYS1 --name 税務システム --unit S3 --zone mynumber >/dev/null
	m role assign ciso 1 >/dev/null
	m role assign chief_officer 2 >/dev/null
	m role assign csirt_lead 3 >/dev/null
	m role assign csirt 4 >/dev/null
	m role assign manager 3 --unit S2 >/dev/null
	m role assign system_admin 5 --system SYS1 >/dev/null
}

plan_versions() { sql "SELECT COUNT(*) FROM response_plan"; }
plan_journal() { sql "SELECT COUNT(*) FROM journal"; }

t_plan_init_writes_version_one_from_the_template() {
	plan_org
	expect_exit 0 m plan list
	assert_contains "$T/out" "緊急時対応計画はまだありません"
	expect_exit 0 m plan init
	assert_contains "$T/out" "第1版を作成しました"
	expect_exit 0 m plan show
	assert_contains "$T/out" "試験市緊急時対応計画"
	assert_contains "$T/out" "第1版　見直し日 2026-06-01"
	assert_contains "$T/out" "未決裁"
	assert_contains "$T/out" "1. 関係者の連絡先"
	assert_contains "$T/out" "2. 報告すべき事項"
	assert_contains "$T/out" "3. 対応措置"
	assert_contains "$T/out" "4. 再発防止措置"
	assert_contains "$T/out" "5. 業務継続計画との関係"
	assert_contains "$T/out" "本市の長、CISO、都道府県の担当部局及び警察"
	assert_contains "$T/out" "最高情報セキュリティ責任者（CISO）　職員1"
	assert_contains "$T/out" "CSIRT 責任者（統一的な窓口）　職員3"
	assert_contains "$T/out" "CSIRT 要員　職員4"
	assert_contains "$T/out" "情報システム管理者（税務システム）　職員5"
	assert_contains "$T/out" "警察（サイバー犯罪相談窓口）"
	assert_contains "$T/out" "電話 （未記入）"
	expect_exit 0 m --format json plan show
	assert_contains "$T/out" '"version":1'
	assert_contains "$T/out" '"reviewed_on":"2026-06-01"'
	assert_contains "$T/out" '"role":"csirt_lead"'
	assert_contains "$T/out" '"approved_by":null'
	# a second init is refused and writes nothing
	local before
	before=$(plan_journal)
	expect_exit 2 m plan init
	assert_contains "$T/err" "緊急時対応計画は既にあります"
	assert_eq "$(plan_journal)" "$before"
	assert_eq "$(plan_versions)" 1
	expect_exit 0 m journal --subject response_plan/1
	assert_contains "$T/out" "plan.init"
	expect_exit 0 m verify
}

t_plan_changes_make_versions_and_keep_the_old_text() {
	plan_org
	m plan init >/dev/null
	expect_exit 0 m plan set measures --text "ネットワークを切り離してから連絡する。"
	assert_contains "$T/out" "第2版"
	printf '報告の一行目\n\n報告の二行目\n' >rep.txt
	expect_exit 0 m plan set reporting --file rep.txt
	expect_exit 0 m plan set bcp --text ""
	expect_exit 0 m plan contact add --party "委託先 テスト株式会社" --person 保守窓口 --phone 000-1111-2222 --note 24時間
	expect_exit 0 m plan contact add --party 広報担当課 --staff 6
	expect_exit 0 m plan contact remove 1
	assert_contains "$T/out" "第7版"
	expect_exit 0 m plan review --date 令和8年5月20日
	assert_contains "$T/out" "第8版"
	expect_exit 0 m --as 1 plan approve 8
	assert_contains "$T/out" "第8版を決裁しました"
	assert_eq "$(plan_versions)" 8
	expect_exit 0 m plan show
	assert_contains "$T/out" "第8版　見直し日 2026-05-20（令和8年5月20日）"
	assert_contains "$T/out" "決裁（職員1）"
	assert_contains "$T/out" "ネットワークを切り離してから連絡する。"
	assert_contains "$T/out" "報告の二行目"
	assert_contains "$T/out" "委託先 テスト株式会社　保守窓口　電話 000-1111-2222　― 24時間"
	assert_contains "$T/out" "広報担当課（職員番号 6）"
	assert_contains "$T/out" "業務継続計画との関係はまだ書かれていません"
	assert_not_contains "$T/out" "都道府県の情報セキュリティ担当部局"
	# the first version is kept as it was
	expect_exit 0 m plan show 1
	assert_contains "$T/out" "都道府県の情報セキュリティ担当部局"
	assert_not_contains "$T/out" "ネットワークを切り離してから連絡する。"
	expect_exit 0 m --format json plan list
	assert_contains "$T/out" '{"approved_at":null,"approved_by":null,"created_at":"2026-06-01T01:00:00Z","reviewed_on":"2026-06-01","version":1}'
	assert_contains "$T/out" '"approved_by":"1"'
	expect_exit 0 m --format csv plan list
	assert_contains "$T/out" "version,created_at,reviewed_on,approved_by,approved_at"
	expect_exit 0 m plan list
	assert_contains "$T/out" "第8版"
	assert_contains "$T/out" "決裁 1"
	expect_exit 0 m journal --subject response_plan/8
	assert_contains "$T/out" "plan.review"
	assert_contains "$T/out" "plan.approve"
	expect_exit 0 m verify
}

t_plan_refuses_bad_input_and_writes_nothing() {
	plan_org
	m plan init >/dev/null
	local before
	before=$(plan_journal)
	expect_exit 2 m plan set purpose --text x
	assert_contains "$T/err" "項目「purpose」はありません"
	expect_exit 2 m plan set measures --text "　 "
	assert_contains "$T/err" "対応措置は緊急時対応計画に必ず書く事項です"
	expect_exit 2 m plan set measures
	expect_exit 2 m plan set measures --text a --file b
	expect_exit 2 m plan set measures --file no-such-file.txt
	printf 'a\000b' >bin.txt
	expect_exit 2 m plan set measures --file bin.txt
	expect_exit 2 m plan review --date 2026-02-30
	assert_contains "$T/err" "2026-02-30"
	expect_exit 2 m plan review --date あした
	expect_exit 2 m plan review --date 2026-06-02
	assert_contains "$T/err" "未来の日付"
	expect_exit 2 m plan contact add --phone 000
	assert_contains "$T/err" "相手先（--party）"
	expect_exit 2 m plan contact add --party 警察
	assert_contains "$T/err" "いずれかが必要"
	expect_exit 2 m plan contact add --party 警察 --staff 999
	assert_contains "$T/err" "職員番号「999」の職員はいません"
	expect_exit 2 m plan contact remove 99
	assert_contains "$T/err" "連絡先 99 番はありません"
	expect_exit 2 m plan contact remove x
	expect_exit 2 m plan contact move 1
	# only the CISO approves, only the latest version, only once
	expect_exit 2 m --as 2 plan approve 1
	assert_contains "$T/err" "CISO ではないため"
	expect_exit 2 m plan approve 1
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 1 plan approve 5
	assert_contains "$T/err" "第5版はありません"
	expect_exit 2 m --as 1 plan approve x
	expect_exit 2 m plan show 3
	expect_exit 2 m --format csv plan show
	expect_exit 2 m --format csv plan render
	assert_eq "$(plan_journal)" "$before"
	assert_eq "$(plan_versions)" 1
	m plan set prevention --text 再発防止 >/dev/null
	expect_exit 2 m --as 1 plan approve 1
	assert_contains "$T/err" "最新版ではありません"
	expect_exit 0 m --as 1 plan approve 2
	expect_exit 2 m --as 1 plan approve 2
	assert_contains "$T/err" "決裁済み"
}

t_plan_nothing_to_change_before_init() {
	plan_org
	expect_exit 2 m plan set measures --text x
	assert_contains "$T/err" "plan init"
	expect_exit 2 m plan show
	assert_eq "$(plan_versions)" 0
}

t_plan_generated_contacts_follow_the_role_holders() {
	plan_org
	m plan init >/dev/null
	expect_exit 0 m plan show
	assert_contains "$T/out" "（CISO）　職員1"
	m role end "$(sql "SELECT id FROM role_assignment WHERE role = 'ciso'")" >/dev/null
	m role assign ciso 6 >/dev/null
	m role end "$(sql "SELECT id FROM role_assignment WHERE role = 'csirt_lead'")" >/dev/null
	expect_exit 0 m plan show
	assert_contains "$T/out" "（CISO）　職員6"
	assert_not_contains "$T/out" "（CISO）　職員1"
	assert_contains "$T/out" "CSIRT 責任者（統一的な窓口）　（不在）"
	expect_exit 0 m --format json plan show
	assert_contains "$T/out" '"label":"最高情報セキュリティ責任者（CISO）","name":"職員6"'
	# still version 1: the 庁内 list is not stored
	assert_eq "$(plan_versions)" 1
}

plan_rules() { m --format json check >"$T/check.json" || true; }

t_plan_check_findings_appear_and_disappear() {
	plan_org
	plan_rules
	assert_contains "$T/check.json" '"rule":"plan.missing"'
	assert_contains "$T/check.json" '"control":"7.3.1"'
	m plan init >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.missing"'
	assert_contains "$T/check.json" '"rule":"plan.not_approved"'
	m --as 1 plan approve 1 >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan'
	# the 年度 turns at midnight JST on 1 April
	MAMORI_NOW=2027-03-31T14:59:59Z plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.review_due"'
	MAMORI_NOW=2027-03-31T15:00:00Z plan_rules
	assert_contains "$T/check.json" '"rule":"plan.review_due"'
	assert_contains "$T/check.json" '"control":"7.3.4"'
	assert_contains "$T/check.json" "令和9年度に見直されていません"
	MAMORI_NOW=2027-04-02T00:00:00Z m plan review --date 2027-04-01 >/dev/null
	MAMORI_NOW=2027-04-02T00:00:00Z plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.review_due"'
	assert_contains "$T/check.json" '"rule":"plan.not_approved"'
	MAMORI_NOW=2027-04-02T00:00:00Z m --as 1 plan approve 2 >/dev/null
	MAMORI_NOW=2027-04-02T00:00:00Z plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan'
}

t_plan_check_flags_contacts_who_left() {
	plan_org
	m plan init >/dev/null
	m plan contact add --party 広報担当課 --staff 6 >/dev/null
	m --as 1 plan approve 2 >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.contact_left"'
	# a stored contact who left
	m staff retire 6 --date 2026-05-31 >/dev/null
	plan_rules
	assert_contains "$T/check.json" '"rule":"plan.contact_left"'
	assert_contains "$T/check.json" '"control":"7.3.2.1"'
	assert_contains "$T/check.json" "連絡先 8 番（広報担当課）の職員 6 は離任した"
	m plan contact remove 8 >/dev/null
	m --as 1 plan approve 3 >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.contact_left"'
	# a post holder who left shows in the generated list until the role is reassigned
	m staff retire 4 --date 2026-05-31 >/dev/null
	plan_rules
	assert_contains "$T/check.json" '"rule":"plan.contact_left"'
	assert_contains "$T/check.json" '"subject":"staff:4"'
	m role end "$(sql "SELECT id FROM role_assignment WHERE role = 'csirt'")" >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.contact_left"'
	# a retirement in the future is not yet a finding
	m plan contact add --party 情報政策課 --staff 5 >/dev/null
	m staff retire 5 --date 2027-03-31 >/dev/null
	plan_rules
	assert_not_contains "$T/check.json" '"rule":"plan.contact_left"'
	expect_exit 0 m verify
}

t_plan_render_documents_escape_markup() {
	plan_org
	m plan init >/dev/null
	m plan set measures --text '<script>alert(1)</script> & <b>切断</b>' >/dev/null
	m plan contact add --party '<img src=x onerror=alert(2)>' --phone 000 >/dev/null
	m --as 1 plan approve 3 >/dev/null
	expect_exit 0 m --format md plan render
	assert_contains "$T/out" "# 試験市緊急時対応計画"
	assert_contains "$T/out" "## 1 関係者の連絡先"
	assert_contains "$T/out" "## 3 対応措置"
	assert_contains "$T/out" "\\<script\\>"
	expect_exit 0 m plan render -o plan.md
	assert_contains plan.md "## 4 再発防止措置"
	expect_exit 0 m --format html plan render
	assert_contains "$T/out" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;切断&lt;/b&gt;"
	assert_contains "$T/out" "&lt;img src=x onerror=alert(2)&gt;"
	assert_not_contains "$T/out" "<script>"
	assert_not_contains "$T/out" "<img"
	assert_contains "$T/out" "緊急時対応計画"
	expect_exit 0 m --format pdf plan render -o plan.pdf
	[ "$(head -c 5 plan.pdf)" = "%PDF-" ] || fail "not a PDF"
	pdftotext plan.pdf plan.txt
	assert_contains plan.txt "試験市緊急時対応計画"
	assert_contains plan.txt "関係者の連絡先"
	# an older version renders as it was
	expect_exit 0 m --format md plan render 1
	assert_contains "$T/out" "第1版"
	assert_not_contains "$T/out" "script"
	expect_exit 2 m --format md plan render 9
}
