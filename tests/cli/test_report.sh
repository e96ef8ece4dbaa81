# `mamori report`: the annual report to the 情報セキュリティ委員会 (9.3) in
# html/pdf/xlsx/json with its numbers checked section by section, an empty
# 年度 that says so, the record of what was reported, policy revision
# proposals linked to policy versions, and OSCAL assessment results that
# NIST's schema accepts (and a broken copy it refuses).
#
# The tests' clock is 2026-06-01T01:00:00Z (令和8年度).  All data is made
# through mamori's own commands (training, inspect, audit, action, incident,
# exception, policy, report proposal).

REP_OSCAL="$ROOT/tests/oscal"
rep_oscal_validate() { node "$REP_OSCAL/validate.js" "$REP_OSCAL/oscal_assessment-results_schema.json" "$1"; }

# case_org (課員 10, 総務課長 11, 統括 20, システム管理者 21, CISO 40) and a
# 課 whose name is markup, to see it escaped in tables and charts.
rep_org() {
	case_org
	m org add --code S4 --name '<i>監査課</i>' --kind 課 --parent B1 >/dev/null
}

rep_journal_len() { sql "SELECT COUNT(*) FROM journal"; }

# Training, self-inspection, audit and corrective actions through their
# commands.  The audit and the actions are filed with the clock at
# 2026-05-13, so that an action due 2026-05-20 is overdue on 2026-06-01.
rep_seed_cycle() {
	m --as 20 training course add --code T1 --title 情報セキュリティ基礎 --audience all >/dev/null
	m --as 20 training course add --code T2 --title 標的型攻撃メール訓練 --kind drill --audience all >/dev/null
	m --as 20 training session add --course T1 --date 2026-05-10 >/dev/null
	m --as 20 training session add --course T2 --date 2026-05-20 >/dev/null
	m --as 20 training session add --course T1 --date 2025-05-10 >/dev/null
	m --as 20 training attend 1 --staff 10 --score 90 --passed >/dev/null
	m --as 20 training attend 2 --staff 11 >/dev/null
	m --as 20 training attend 1 --staff 20 --score 30 --failed >/dev/null
	m --as 20 training attend 3 --staff 21 --passed >/dev/null
	# staff of S1 (10, 11) and S2 (21) are asked one question on 2.2.8.2 and one on 5.1.1.2
	m --as 20 inspect create --title "令和8年度 自己点検" --opens 2026-05-01 --due 2026-06-30 --roles staff \
		--clauses 2.2.8.2,5.1.1.2 --units S1,S2 >/dev/null
	m --as 20 inspect open S2026-01 >/dev/null
	m --as 10 inspect answer S2026-01 --q 1 --answer 実施 >/dev/null
	m --as 10 inspect answer S2026-01 --q 2 --answer 未実施 --comment '<b>未申請</b>' --submit >/dev/null
	m --as 21 inspect answer S2026-01 --q 1 --answer 一部実施 >/dev/null
	m --as 21 inspect answer S2026-01 --q 2 --answer 実施 --submit >/dev/null
	m --as 11 inspect answer S2026-01 --q 1 --answer 未実施 >/dev/null # not submitted: not counted
	m staff add --no 50 --name 監査統括 --unit S3 >/dev/null
	m role assign audit_lead 50 >/dev/null
	echo 台帳 >"$T/台帳.txt"
	MAMORI_NOW=2026-05-13T00:00:00Z rep_seed_audit
}

rep_seed_audit() {
	m --as 50 audit new --title 総務課の監査 --target unit --unit S1 --starts 2026-05-12 >/dev/null
	m --as 50 audit item add A2026-000001 2.2.8.2 7.4.1 --method 書類の確認 >/dev/null
	m --as 50 audit item set A2026-000001 2.2.8.2 --result conform >/dev/null
	m --as 50 audit item set A2026-000001 7.4.1 --result nonconform --note 申請の記録がない >/dev/null
	m --as 50 audit evidence add A2026-000001 "$T/台帳.txt" --item 7.4.1 >/dev/null
	m --as 50 audit finding add A2026-000001 --clause 7.4.1 --severity major --description 例外措置の申請がない >/dev/null
	m --as 40 audit finding direct A2026-000001-F01 --directive 手順を整えること >/dev/null
	m --as 40 audit finding action A2026-000001-F01 --measure 申請手順を周知する --unit S1 --due 2026-05-20 >/dev/null
	m --as 20 inspect measure add S2026-01 --unit S2 --clause 2.2.8.2 --problem 持ち出し記録 --measure 台帳を整える \
		--due 2026-05-20 --owner 21 >/dev/null
	m --as 20 inspect measure add S2026-01 --unit S2 --clause 2.2.8.2 --problem 記録漏れ --measure 記録する \
		--due 2026-05-20 --owner 21 >/dev/null
	m --as 21 action done C2026-000002 --note 整えた >/dev/null
	m --as 20 action verify C2026-000002 >/dev/null
	m --as 21 action done C2026-000003 --note 記録した >/dev/null
}

# Incidents, exceptions and proposals through their commands.
rep_seed_cases() {
	m --as 10 incident new --title 紛失 --category 紛失・盗難 --severity high --situation 紛失した \
		--detected '2026-05-10 09:00' >/dev/null
	m --as 10 incident new --title 誤送信 --category 誤送信 --severity medium --situation 誤って送った \
		--detected '2026-05-20 09:00' >/dev/null
	m --as 10 incident new --title 前年度 --category 紛失・盗難 --severity high --situation 前年度の事案 \
		--detected '2025-12-01 09:00' >/dev/null
	m --as 11 exception request --clause 7.4.1 --reason 理由 --scope 範囲 --measures 代替 \
		--starts 2026-06-01 --ends 2026-12-31 >/dev/null
	m --as 40 exception permit E2026-000001 >/dev/null
	m --as 11 exception request --clause 7.4.1 --reason 理由2 --scope 範囲2 --measures 代替2 \
		--starts 2026-06-01 --ends 2026-06-30 >/dev/null
	m --as 40 exception reject E2026-000002 --note 不要 >/dev/null
	m policy render >/dev/null 2>&1
	m --as 40 policy approve 1 >/dev/null
	m --as 20 report proposal add --year 2026 --clause 7.4.1 --proposal 例外措置の期限を定める \
		--reason 監査で申請漏れ --source audit --ref A2026-000001-F01 >/dev/null
	m --as 20 report proposal add --year 2026 --clause 2.2.8.2 --proposal '<script>alert(1)</script>' \
		--reason '持ち出し & 返却' --source inspect --ref S2026-01 >/dev/null
	m policy render --edition public >/dev/null 2>&1
	m --as 40 report proposal adopt R2026-01 --version 2 >/dev/null
}

# The JSON summary's figure for key.
rep_figure() { grep -o "\"$2\":[0-9]*" "$1" | head -1 | cut -d: -f2; }
# Row of a section in the JSON whose first cell is $3, as text.
rep_row() { python3 -c '
import json,sys
d=json.load(open(sys.argv[1]))
for s in d["sections"]:
    if s["id"]==sys.argv[2]:
        for r in s["rows"]:
            if r[0]==sys.argv[3]: print("|".join(r))
' "$1" "$2" "$3"; }

t_rep_proposal_add_list_adopt_reject() {
	case_org
	m policy render >/dev/null 2>&1
	# before any 決裁 there is no current version to link
	m --as 20 report proposal add --year 2026 --clause 7.4.1 --proposal 期限を定める --reason 申請漏れ \
		--source 監査 >"$T/o"
	assert_contains "$T/o" "ポリシー改定の提案 R2026-01 を登録しました"
	m --as 40 policy approve 1 >/dev/null
	m --as 40 report proposal add --clause 2.2.8.2 --proposal 記録を残す --reason 点検結果 --source inspect >/dev/null
	m --format json report proposal list >"$T/l"
	assert_contains "$T/l" '"base_version":0,"clause":"7.4.1"'
	assert_contains "$T/l" '"base_version":1,"clause":"2.2.8.2"'
	assert_contains "$T/l" '"no":"R2026-02"'
	assert_contains "$T/l" '"source":"audit"'
	assert_contains "$T/l" '"state":"proposed","state_label":"提案中"'
	# refused input: exit 2 and nothing written
	local before; before=$(rep_journal_len)
	expect_exit 2 m report proposal add --clause 7.4.1 --proposal x --reason y --source other
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 10 report proposal add --clause 7.4.1 --proposal x --reason y --source other
	assert_contains "$T/err" "改定を提案できません"
	expect_exit 2 m --as 20 report proposal add --clause 99.9 --proposal x --reason y --source other
	assert_contains "$T/err" "カタログにありません"
	expect_exit 2 m --as 20 report proposal add --clause 7.4.1 --reason y --source other
	assert_contains "$T/err" "--proposal"
	expect_exit 2 m --as 20 report proposal add --clause 7.4.1 --proposal x --reason y --source mail
	assert_contains "$T/err" "--source"
	expect_exit 2 m --as 20 report proposal add --clause 7.4.1 --proposal x --reason y --source audit --ref A2099-000001
	assert_contains "$T/err" "A2099-000001"
	expect_exit 2 m --as 20 report proposal add --year 令和 --clause 7.4.1 --proposal x --reason y --source other
	assert_contains "$T/err" "--year"
	expect_exit 2 m --as 20 report proposal adopt R2026-01 --version 1
	assert_contains "$T/err" "採否を決められません"
	expect_exit 2 m --as 40 report proposal adopt R2026-01
	assert_contains "$T/err" "--version"
	expect_exit 2 m --as 40 report proposal adopt R2026-01 --version 9
	assert_contains "$T/err" "第9版はありません"
	expect_exit 2 m --as 40 report proposal adopt R2026-02 --version 1
	assert_contains "$T/err" "新しくありません"
	expect_exit 2 m --as 40 report proposal reject R2026-02
	assert_contains "$T/err" "--note"
	expect_exit 2 m --as 40 report proposal reject R2026-09 --note x
	assert_contains "$T/err" "R2026-09"
	expect_exit 2 m report proposal list --year x
	m --format json report proposal list --year 2026 >"$T/p2026"
	m --format json report proposal list --year R8 >"$T/pR8"
	assert_eq "$(cat "$T/pR8")" "$(cat "$T/p2026")"
	assert_contains "$T/pR8" "R2026-01"
	expect_exit 2 m --format pdf report proposal list
	assert_contains "$T/err" "text、json、csv"
	expect_exit 2 m report proposal
	assert_eq "$(rep_journal_len)" "$before"
	# the decisions
	m --as 40 report proposal adopt R2026-01 --version 1 >"$T/o"
	assert_contains "$T/o" "改定提案 R2026-01 を採用としました"
	m --as 40 report proposal reject R2026-02 --note 次年度に検討 >/dev/null
	expect_exit 2 m --as 40 report proposal reject R2026-01 --note x
	assert_contains "$T/err" "すでに「採用」です"
	assert_eq "$(sql "SELECT state || ':' || COALESCE(adopted_version_id, 0) FROM policy_proposal ORDER BY id" | tr '\n' ' ')" \
		"adopted:1 rejected:0 "
	assert_eq "$(sql "SELECT COUNT(*) FROM case_event WHERE case_kind = 'proposal'")" 4
	m report proposal show R2026-02 >"$T/s"
	assert_contains "$T/s" "状態      不採用"
	assert_contains "$T/s" "提案時    第1版"
	assert_contains "$T/s" "次年度に検討"
	m --format json report proposal show R2026-01 >"$T/s"
	assert_contains "$T/s" '"adopted_version":1'
	expect_exit 2 m report proposal show R2026-99
	assert_contains "$T/err" "R2026-99"
	m --format csv report proposal list --state 不採用 >"$T/c"
	assert_eq "$(wc -l <"$T/c")" 2
	assert_contains "$T/c" "R2026-02"
	m report proposal list --year 2025 >"$T/t"
	[ ! -s "$T/t" ] || fail "2025 should list nothing"
	m verify >/dev/null
}

t_rep_annual_empty_year_says_so() {
	m init --name 試験市 --kind 市 >/dev/null
	m report annual --year 2026 -o "$T/r.html" >/dev/null
	local s
	for s in "この年度の監査はありません" "この年度のインシデントはありません" "この年度の例外措置はありません" \
		"この年度の自己点検はありません" "未完了の改善措置はありません" "この年度のポリシー改定の提案はありません" \
		"この年度の研修の受講記録はありません" "課が登録されていません" "令和8年度 情報セキュリティ対策の実施状況報告"; do
		assert_contains "$T/r.html" "$s"
	done
	m --format json report annual --year 2026 >"$T/r.json"
	assert_eq "$(rep_figure "$T/r.json" incidents)" 0
	assert_eq "$(rep_figure "$T/r.json" audits)" 0
	assert_eq "$(rep_figure "$T/r.json" proposals)" 0
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/r.json"
	m --format pdf report annual --year 2026 -o "$T/r.pdf" >/dev/null
	assert_eq "$(head -c 5 "$T/r.pdf")" "%PDF-"
	command -v pdftotext >/dev/null && { pdftotext "$T/r.pdf" "$T/r.txt"; assert_contains "$T/r.txt" "この年度の監査はありません"; }
	m --format xlsx report annual --year 2026 -o "$T/r.xlsx" >/dev/null
	python3 - "$T/r.xlsx" <<'EOF'
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]*)"', wb)
assert names[0] == "概要" and "監査" in names and "改定提案" in names, names
assert "この年度の監査はありません" in z.read("xl/sharedStrings.xml").decode()
EOF
	# a 年度 before anything at all
	m --format json report annual --year 2000 >"$T/r0.json"
	assert_contains "$T/r0.json" '"fiscal_year":2000'
}

t_rep_annual_numbers_in_every_section() {
	rep_org
	rep_seed_cycle
	rep_seed_cases
	m --format json report annual --year 2026 >"$T/r.json"
	# training: 6 staff in office, 2 trained (one failed the test, one in 2025)
	assert_eq "$(rep_figure "$T/r.json" staff)" 6
	assert_eq "$(rep_figure "$T/r.json" trained)" 2
	assert_eq "$(rep_figure "$T/r.json" sessions)" 2
	assert_eq "$(rep_figure "$T/r.json" drills)" 1
	assert_eq "$(rep_row "$T/r.json" training S1)" "S1|総務課|2|2|100.0%"
	assert_eq "$(rep_row "$T/r.json" training S2)" "S2|情報政策課|1|0|0.0%"
	# self-inspection: only submitted checklists count
	assert_eq "$(rep_figure "$T/r.json" answers_done)" 2
	assert_eq "$(rep_figure "$T/r.json" answers_partial)" 1
	assert_eq "$(rep_figure "$T/r.json" answers_not_done)" 1
	assert_eq "$(rep_row "$T/r.json" compliance_chapter 2 | cut -d'|' -f5-9)" "1|1|0|0|75.0%"
	assert_eq "$(rep_row "$T/r.json" compliance_chapter 5 | cut -d'|' -f5-9)" "1|0|1|0|50.0%"
	assert_eq "$(rep_row "$T/r.json" compliance_unit S1 | cut -d'|' -f4-8)" "1|0|1|0|50.0%"
	assert_eq "$(rep_row "$T/r.json" compliance_unit S2 | cut -d'|' -f4-8)" "1|1|0|0|75.0%"
	assert_eq "$(rep_row "$T/r.json" inspections S2026-01)" "S2026-01|令和8年度 自己点検|実施中|2026-05-01〜2026-06-30|3|2|66.7%|62.5%"
	# incidents of the 年度 only (the 2025 one is left out)
	assert_eq "$(rep_figure "$T/r.json" incidents)" 2
	assert_eq "$(rep_figure "$T/r.json" incidents_high)" 1
	assert_eq "$(rep_row "$T/r.json" incidents 紛失・盗難)" "紛失・盗難|1|0|0|0|1"
	assert_eq "$(rep_row "$T/r.json" incidents_notable I2026-000001 | cut -d'|' -f1-3)" "I2026-000001|2026-05-10|紛失・盗難"
	# exceptions
	assert_eq "$(rep_figure "$T/r.json" exceptions_requested)" 2
	assert_eq "$(rep_figure "$T/r.json" exceptions_permitted)" 1
	assert_eq "$(rep_figure "$T/r.json" exceptions_rejected)" 1
	assert_eq "$(rep_figure "$T/r.json" exceptions_in_force)" 1
	assert_eq "$(rep_figure "$T/r.json" exceptions_expired)" 0
	# audit, findings, corrective actions not yet verified
	assert_eq "$(rep_figure "$T/r.json" audits)" 1
	assert_eq "$(rep_figure "$T/r.json" audit_findings)" 1
	assert_eq "$(rep_row "$T/r.json" audits A2026-000001)" "A2026-000001|総務課の監査|総務課|実施中|2|1|1|0|1|0|0"
	assert_eq "$(rep_figure "$T/r.json" corrective_open)" 2
	assert_eq "$(rep_figure "$T/r.json" corrective_overdue)" 1
	assert_eq "$(rep_row "$T/r.json" corrective_open C2026-000001 | cut -d'|' -f8)" "対応中（期限超過）"
	assert_eq "$(rep_row "$T/r.json" corrective_open C2026-000003 | cut -d'|' -f8)" "完了報告済み"
	[ -z "$(rep_row "$T/r.json" corrective_open C2026-000002)" ] || fail "a verified action is listed"
	# proposals, linked to the versions
	assert_eq "$(rep_figure "$T/r.json" proposals)" 2
	assert_eq "$(rep_figure "$T/r.json" proposals_adopted)" 1
	assert_eq "$(rep_row "$T/r.json" proposals R2026-01 | cut -d'|' -f7-9)" "採用|第1版（決裁済み）|第2版（決裁前）"
	# the same figures in the HTML, with charts, and markup escaped everywhere
	m report annual --year 2026 -o "$T/r.html" >/dev/null
	assert_contains "$T/r.html" "<svg"
	assert_contains "$T/r.html" "<title>課別の研修受講率</title>"
	assert_contains "$T/r.html" "<title>区分・重大度別のインシデント</title>"
	assert_contains "$T/r.html" '<td class="n">62.5%</td>'
	assert_contains "$T/r.html" "&lt;script&gt;alert(1)&lt;/script&gt;"
	assert_contains "$T/r.html" "持ち出し &amp; 返却"
	assert_not_contains "$T/r.html" "<script>"
	assert_not_contains "$T/r.html" "<i>監査課</i>"
	# the 課 with a markup name is a label of the training chart, escaped there
	python3 - "$T/r.html" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg.*?</svg>", html, re.S)
assert any("&lt;i&gt;監査課&lt;/i&gt;" in s for s in svgs), "escaped label not in a chart"
import xml.dom.minidom
for s in svgs:
    xml.dom.minidom.parseString(s)  # every chart is well-formed XML
EOF
	# deterministic: the same data gives the same bytes, in HTML and PDF
	m report annual --year 2026 -o "$T/r2.html" >/dev/null
	cmp "$T/r.html" "$T/r2.html" || fail "two HTML reports differ"
	m --format pdf report annual --year 2026 -o "$T/a.pdf" >/dev/null
	m --format pdf report annual --year 2026 -o "$T/b.pdf" >/dev/null
	cmp "$T/a.pdf" "$T/b.pdf" || fail "two PDF reports differ"
	command -v pdftotext >/dev/null && { pdftotext "$T/a.pdf" "$T/a.txt"; assert_contains "$T/a.txt" "A2026-000001"; }
	m --format xlsx report annual --year 2026 -o "$T/r.xlsx" >/dev/null
	python3 - "$T/r.xlsx" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
for want in ("A2026-000001-F01", "C2026-000001", "R2026-01", "62.5%", "&lt;script&gt;"):
    assert want in s, want
EOF
	# the previous 年度 sees only its own session and incident
	m --format json report annual --year 2025 >"$T/p.json"
	assert_eq "$(rep_figure "$T/p.json" incidents)" 1
	assert_eq "$(rep_figure "$T/p.json" sessions)" 1
	assert_eq "$(rep_figure "$T/p.json" audits)" 0
}

t_rep_annual_bad_input_writes_nothing() {
	case_org
	local before; before=$(rep_journal_len)
	expect_exit 2 m report annual --year 26 -o "$T/x.html"
	assert_contains "$T/err" "--year"
	expect_exit 2 m report annual --year abc -o "$T/x.html"
	expect_exit 2 m --format csv report annual -o "$T/x.html"
	assert_contains "$T/err" "html、pdf、xlsx、json"
	expect_exit 2 m --format xlsx report annual
	assert_contains "$T/err" "-o"
	expect_exit 2 m report annual --record -o "$T/x.html"
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 10 report annual --record -o "$T/x.html"
	assert_contains "$T/err" "年次報告を記録できません"
	expect_exit 2 m --as 99 report annual --record -o "$T/x.html"
	expect_exit 2 m --as 40 report annual --record --reported-on 2026-13-40 -o "$T/x.html"
	expect_exit 2 m --as 40 --format xlsx report annual --record --reported-on 昨日 -o "$T/x.xlsx"
	expect_exit 2 m report annual --note x -o "$T/x.html"
	expect_exit 2 m report annual --bogus
	expect_exit 2 m report nothing
	expect_exit 2 m report history --year 1999
	assert_contains "$T/err" "--year"
	expect_exit 2 m --format html report history
	assert_contains "$T/err" "text、json、csv"
	[ ! -e "$T/x.html" ] && [ ! -e "$T/x.html.part" ] && [ ! -e "$T/x.xlsx" ] && [ ! -e "$T/x.xlsx.part" ] ||
		fail "a refused report left a file"
	assert_eq "$(rep_journal_len)" "$before"
	assert_eq "$(sql "SELECT COUNT(*) FROM committee_report")" 0
}

t_rep_annual_record_keeps_the_hash() {
	case_org
	m --as 40 report annual --year 2026 --record --reported-on 2026-07-10 --note 第2回委員会 -o "$T/r.html" >"$T/o"
	assert_contains "$T/o" "委員会への報告として記録しました"
	local h; h=$(sha256sum "$T/r.html" | cut -d' ' -f1)
	assert_contains "$T/o" "$h"
	assert_eq "$(sql "SELECT fiscal_year || '|' || kind || '|' || reported_on || '|' || content_hash || '|' || note FROM committee_report")" \
		"2026|annual|2026-07-10|$h|第2回委員会"
	m --as 20 --format xlsx report annual --record -o "$T/r.xlsx" >/dev/null
	assert_eq "$(sql "SELECT content_hash FROM committee_report WHERE id = 2")" "$(sha256sum "$T/r.xlsx" | cut -d' ' -f1)"
	[ ! -e "$T/r.xlsx.part" ] || fail "scratch file left"
	m --format json report history --year 2026 >"$T/h"
	assert_contains "$T/h" "\"content_hash\":\"$h\",\"fiscal_year\":2026,\"kind\":\"annual\",\"note\":\"第2回委員会\",\"reported_by\":\"40\",\"reported_on\":\"2026-07-10\""
	m report history --year 2025 >"$T/h2"
	[ ! -s "$T/h2" ] || fail "2025 history not empty"
	m verify >/dev/null
}

t_rep_oscal_campaign_and_audit_validate() {
	"$REP_OSCAL/setup.sh"
	rep_org
	rep_seed_cycle
	rep_seed_cases
	m report oscal --campaign S2026-01 -o "$T/c.json" >/dev/null
	expect_exit 0 rep_oscal_validate "$T/c.json"
	assert_contains "$T/out" "valid"
	assert_contains "$REP_OSCAL/oscal_assessment-results_schema.json" '"http://csrc.nist.gov/ns/oscal/1.1.3/oscal-ar-schema.json"'
	assert_contains "$T/c.json" '"oscal-version":"1.1.3"'
	m report oscal --audit A2026-000001 >"$T/a.json"
	expect_exit 0 rep_oscal_validate "$T/a.json"
	# the mapping: catalog control ids, counts, states, the subject
	python3 - "$T/c.json" "$T/a.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))["assessment-results"]
r = c["results"][0]
ids = [x["control-id"] for x in r["reviewed-controls"]["control-selections"][0]["include-controls"]]
assert ids == ["c2.2.8.2", "c5.1.1.2"], ids
f = {x["target"]["target-id"]: x["target"]["status"]["state"] for x in r["findings"]}
assert f == {"c2.2.8.2": "not-satisfied", "c5.1.1.2": "not-satisfied"}, f
obs = {o["props"][0]["value"]: o for o in r["observations"]}
assert obs["2.2.8.2"]["description"] == "実施 1、一部実施 1、未実施 0、該当なし 0", obs["2.2.8.2"]["description"]
subject = r["local-definitions"]["components"][0]["uuid"]
assert all(o["subjects"][0]["subject-uuid"] == subject for o in r["observations"])
assert c["import-ap"]["href"] == "#" + c["back-matter"]["resources"][0]["uuid"]
a = json.load(open(sys.argv[2]))["assessment-results"]["results"][0]
f = [(x["target"]["target-id"], x["target"]["status"]["state"]) for x in a["findings"]]
assert f == [("c2.2.8.2", "satisfied"), ("c7.4.1", "not-satisfied"), ("c7.4.1", "not-satisfied")], f
ev = [o for o in a["observations"] if "relevant-evidence" in o]
assert len(ev) == 1 and "台帳.txt" in ev[0]["relevant-evidence"][0]["description"]
assert any(o["types"] == ["finding"] and o["description"] == "例外措置の申請がない" for o in a["observations"])
EOF
	# deterministic, with name-based (version 5) uuids
	m report oscal --campaign S2026-01 >"$T/c2.json"
	cmp "$T/c.json" "$T/c2.json" || fail "two exports differ"
	grep -Eq '"uuid":"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"' "$T/c.json" || fail "no v5 uuid"
	# a campaign with no questions answered yet still validates
	m --as 20 inspect create --title 追加の点検 --opens 2026-07-01 --due 2026-07-31 --roles staff --clauses 2.2.8.2 >/dev/null
	m report oscal --campaign S2026-02 >"$T/e.json"
	expect_exit 0 rep_oscal_validate "$T/e.json"
}

t_rep_oscal_validator_rejects_broken_copies() {
	"$REP_OSCAL/setup.sh"
	rep_org
	rep_seed_cycle
	m report oscal --audit A2026-000001 >"$T/a.json"
	local kind
	for kind in bad-uuid no-import-ap bad-state bad-time extra; do
		python3 - "$kind" "$T/a.json" "$T/broken-$kind.json" <<'EOF'
import json, sys
kind, src, dst = sys.argv[1:]
d = json.load(open(src))
ar = d["assessment-results"]
r = ar["results"][0]
if kind == "bad-uuid": ar["uuid"] = ar["uuid"][:14] + "1" + ar["uuid"][15:]
if kind == "no-import-ap": del ar["import-ap"]
if kind == "bad-state": r["findings"][0]["target"]["status"]["state"] = "passed"
if kind == "bad-time": r["start"] = "2026-05-12"
if kind == "extra": r["score"] = 1
json.dump(d, open(dst, "w"), ensure_ascii=False)
EOF
		expect_exit 1 rep_oscal_validate "$T/broken-$kind.json" || fail "broken copy '$kind' accepted"
		assert_contains "$T/err" "INVALID"
	done
	expect_exit 0 rep_oscal_validate "$T/a.json"
}

t_rep_oscal_bad_input() {
	rep_org
	expect_exit 2 m report oscal
	assert_contains "$T/err" "--campaign"
	expect_exit 2 m report oscal --campaign S2026-01 --audit A2026-000001
	expect_exit 2 m report oscal --campaign S2099-01 -o "$T/x.json"
	assert_contains "$T/err" "自己点検「S2099-01」はありません"
	expect_exit 2 m report oscal --audit A2099-000001 -o "$T/x.json"
	assert_contains "$T/err" "監査「A2099-000001」はありません"
	expect_exit 2 m --format pdf report oscal --audit A2099-000001
	[ ! -e "$T/x.json" ] || fail "a refused export wrote a file"
}

# Without a font that draws Japanese, the PDF writers refuse with advice
# (which packages to install) and write no file, rather than print boxes.
t_rep_pdf_without_japanese_font() {
	m init --name 試験市 --kind 市 >/dev/null
	printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc</cachedir></fontconfig>\n' "$T" >"$T/fonts.conf"
	FONTCONFIG_FILE="$T/fonts.conf" expect_exit 2 m --format pdf report annual --year 2026 -o "$T/r.pdf"
	assert_contains "$T/err" "日本語フォントが見つかりません"
	[ ! -e "$T/r.pdf" ] || fail "a PDF was written without a Japanese font"
	# the same font lookup serves every PDF: the policy's too
	FONTCONFIG_FILE="$T/fonts.conf" expect_exit 2 m --format pdf policy render -o "$T/p.pdf"
	assert_contains "$T/err" "日本語フォントが見つかりません"
}
