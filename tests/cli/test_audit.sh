# 情報セキュリティ監査 (guideline 9.1) and 改善措置: the plan and its
# approval, auditors' independence, items, evidence kept by hash, findings,
# the CISO's directive, requests to other 課, corrective actions, the report
# to the committee and the check rules (docs/audit.md).

# The people the audit tests act with.  S3 税務課 is audited:
#   10 総務課員 (independent), 11 総務課長 (manager S1), 20 統括 (chief_officer),
#   21 情報政策課長 (manager S2), 30 税務課員, 31 税務課長 (manager S3),
#   32 税務部長 (officer B2), 34 システム管理者 of SYS2 (owned by S3, works in S2),
#   40 CISO, 41 監査統括 (audit_lead, S2), 42 委員 (committee, S1).
au_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 20 --name 統括 --unit B1 >/dev/null
	m staff add --no 21 --name 情報政策課長 --unit S2 >/dev/null
	m staff add --no 30 --name 税務課員 --unit S3 >/dev/null
	m staff add --no 31 --name 税務課長 --unit S3 >/dev/null
	m staff add --no 32 --name 税務部長 --unit B2 >/dev/null
	m staff add --no 34 --name システム管理者 --unit S2 >/dev/null
	m staff add --no 40 --name 副市長 --unit B1 >/dev/null
	m staff add --no 41 --name 監査統括 --unit S2 >/dev/null
	m staff add --no 42 --name 委員 --unit S1 >/dev/null
	m system add --code SYS2 --name 税務システム --unit S3 --zone mynumber >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign manager 21 --unit S2 >/dev/null
	m role assign manager 31 --unit S3 >/dev/null
	m role assign officer 32 --unit B2 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign system_admin 34 --system SYS2 >/dev/null
	m role assign ciso 40 >/dev/null
	m role assign audit_lead 41 >/dev/null
	m role assign committee 42 >/dev/null
}

au_plan() {
	m --as 41 audit plan draft --year 2026 --title 監査計画 --scope 全庁 --targets 税務課 \
		--schedule 9月 --method 書面 >/dev/null
	m --as 42 audit plan approve --year 2026 >/dev/null
}

# An open audit of 税務課 (A2026-000001) with 総務課員 as auditor.
au_audit() {
	au_plan
	m --as 41 audit new --title 税務課の監査 --target unit --unit S3 --starts 2026-06-01 >/dev/null
	m --as 41 audit member add A2026-000001 --staff 10 >/dev/null
}

count() { sql "SELECT count(*) FROM $1"; }

t_au_plan_needs_lead_and_committee_approval() {
	au_org
	expect_exit 2 m --as 10 audit plan draft --year 2026 --title 計画 --scope 全庁 --targets 税務課 --schedule 9月 --method 書面
	assert_contains "$T/err" "情報セキュリティ監査統括責任者か CISO"
	expect_exit 2 m --as 41 audit plan draft --year 2026 --title 計画 --scope 全庁 --targets 税務課 --schedule 9月
	assert_contains "$T/err" "--method"
	expect_exit 2 m --as 41 audit plan draft --year 1999 --title 計画 --scope 全庁 --targets 税務課 --schedule 9月 --method 書面
	expect_exit 2 m --as 41 audit plan draft --year 二千 --title 計画
	assert_eq "$(count audit_plan)" 0
	expect_exit 0 m --as 41 audit plan draft --year 2026 --title 計画 --scope 全庁 --targets 税務課 --schedule 9月 --method 書面
	expect_exit 2 m --as 41 audit plan approve --year 2026
	assert_contains "$T/err" "CISO か情報セキュリティ委員会の委員"
	expect_exit 0 m --as 42 audit plan approve --year 2026
	expect_exit 2 m --as 40 audit plan approve --year 2026
	assert_contains "$T/err" "承認済み"
	# a change after approval is a new version that waits for its own approval
	expect_exit 0 m --as 41 audit plan draft --year 2026 --title 計画（変更） --scope 全庁 --targets 税務課、会計課 --schedule 9月 --method 書面
	expect_exit 0 m audit plan show --year 2026
	assert_contains "$T/out" "第2版"
	assert_contains "$T/out" "承認済みの版は第1版"
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"audit.plan.approved"'
	assert_contains "$T/out" "第2版"
	expect_exit 0 m --as 40 audit plan approve --year 2026
	expect_exit 0 m --format json audit plan list
	assert_contains "$T/out" '"targets":"税務課、会計課"'
	assert_eq "$(sql "SELECT count(*) FROM audit_plan WHERE approved_at IS NOT NULL")" 2
}

t_au_new_refuses_bad_input() {
	au_org
	expect_exit 2 m audit new --title 監査 --target unit --unit S3
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 10 audit new --title 監査 --target unit --unit S3
	expect_exit 2 m --as 41 audit new --title 監査 --target office --unit S3
	assert_contains "$T/err" "unit（課）"
	expect_exit 2 m --as 41 audit new --title 監査 --target unit --unit S9
	assert_contains "$T/err" "S9"
	expect_exit 2 m --as 41 audit new --target unit --unit S3
	expect_exit 2 m --as 41 audit new --title 監査 --target contractor
	assert_contains "$T/err" "--contractor"
	expect_exit 2 m --as 41 audit new --title 監査 --target system --system NOPE
	expect_exit 2 m --as 41 audit new --title 監査 --target unit --unit S3 --starts 2026-07-01 --ends 2026-06-01
	expect_exit 2 m --as 41 audit new --title 監査 --target unit --unit S3 --starts 2026-02-30
	assert_eq "$(count audit)" 0
	assert_eq "$(sql "SELECT count(*) FROM journal WHERE kind LIKE 'audit%'")" 0
	expect_exit 0 m --as 41 audit new --title 監査 --target unit --unit S3
	assert_contains "$T/out" "A2026-000001"
}

t_au_independence_is_enforced() {
	au_org
	au_plan
	m --as 41 audit new --title 税務課の監査 --target unit --unit S3 >/dev/null
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 30
	assert_contains "$T/err" "税務課員（30）は監査対象の税務課に所属している"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 31
	assert_contains "$T/err" "税務課長（31）"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 32
	assert_contains "$T/err" "情報セキュリティ責任者の役割"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 34
	assert_contains "$T/err" "情報システム「税務システム」の情報システム管理者"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 10 --external 外部
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 10 --role boss
	expect_exit 2 m --as 10 audit member add A2026-000001 --staff 11
	assert_eq "$(count audit_member)" 0
	expect_exit 0 m --as 41 audit member add A2026-000001 --staff 10 --role lead
	expect_exit 0 m --as 41 audit member add A2026-000001 --external "監査法人 <b>山田</b>"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 10
	assert_contains "$T/err" "既に"
	assert_eq "$(count audit_member)" 2
	# the system's own audit: its administrator may not audit it either
	m --as 41 audit new --title システム監査 --target system --system SYS2 >/dev/null
	expect_exit 2 m --as 41 audit member add A2026-000002 --staff 34
	assert_contains "$T/err" "税務システム"
	# a transfer into the audited 課 after joining is found by check
	m staff transfer 10 --unit S3 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"audit.independence"'
}

t_au_items_from_the_catalog() {
	au_org
	au_audit
	expect_exit 2 m --as 41 audit item add A2026-000001 6.2 9.9.9 --method 書面
	assert_contains "$T/err" "9.9.9"
	assert_eq "$(count audit_item)" 0
	expect_exit 0 m --as 41 audit item add A2026-000001 6.2 2.2.1.* --method 書面
	n=$(count audit_item)
	[ "$n" -gt 10 ] || fail "only $n items"
	assert_eq "$(sql "SELECT count(*) FROM audit_item WHERE clause = '2.2.1'")" 1
	assert_eq "$(sql "SELECT count(*) FROM audit_item WHERE clause = '2.2.1.1'")" 1
	expect_exit 0 m --as 41 audit item add A2026-000001 2.2.1
	assert_eq "$(count audit_item)" "$n"
	expect_exit 2 m --as 10 audit item set A2026-000001 2.2.1 --result great
	expect_exit 2 m --as 11 audit item set A2026-000001 2.2.1 --result conform
	assert_contains "$T/err" "監査人"
	expect_exit 2 m --as 10 audit item set A2026-000001 9.1.1 --result conform
	assert_eq "$(sql "SELECT count(*) FROM audit_item WHERE result IS NOT NULL")" 0
	expect_exit 0 m --as 10 audit item set A2026-000001 2.2.1 --result nonconform --note "台帳に<未登録>"
	expect_exit 0 m --format json audit show A2026-000001
	assert_contains "$T/out" '"clause":"2.2.1","method":"書面","note":"台帳に<未登録>","result":"nonconform"'
}

t_au_evidence_round_trip_and_tamper() {
	au_org
	au_audit
	m --as 41 audit item add A2026-000001 2.2.1 >/dev/null
	head -c 200000 /dev/urandom >"$T/scan.pdf"
	printf '%%PDF-1.4 test' >"$T/memo.bin"
	: >"$T/empty.txt"
	expect_exit 2 m --as 10 audit evidence add A2026-000001 "$T/empty.txt"
	expect_exit 2 m --as 10 audit evidence add A2026-000001 "$T/nothere.pdf"
	expect_exit 2 m --as 10 audit evidence add A2026-000001 "$T/scan.pdf" --item 9.1.1
	expect_exit 2 m --as 10 audit evidence add A2026-000001 "$T/scan.pdf" --kind photo
	expect_exit 2 m --as 11 audit evidence add A2026-000001 "$T/scan.pdf"
	truncate -s 65M "$T/huge.bin"
	expect_exit 2 m --as 10 audit evidence add A2026-000001 "$T/huge.bin"
	assert_contains "$T/err" "64 MiB"
	assert_eq "$(count audit_evidence)" 0
	assert_eq "$(count file_blob)" 0
	expect_exit 0 m --as 10 audit evidence add A2026-000001 "$T/scan.pdf" --item 2.2.1
	expect_exit 0 m --as 10 audit evidence add A2026-000001 "$T/memo.bin" --kind working_paper
	expect_exit 0 m --format json audit evidence list A2026-000001
	assert_contains "$T/out" "\"sha256\":\"$(sha256sum "$T/scan.pdf" | cut -c1-64)\""
	assert_contains "$T/out" '"content_type":"application/pdf","filename":"memo.bin"'
	expect_exit 0 m audit evidence get A2026-000001 1 -o "$T/back.pdf"
	cmp "$T/scan.pdf" "$T/back.pdf" || fail "bytes differ"
	expect_exit 2 m audit evidence get A2026-000001 9 -o "$T/x"
	expect_exit 2 m audit evidence get A2026-000001 1
	expect_exit 0 m verify
	# a blob changed behind mamori's back is refused and found by verify
	sql "UPDATE file_blob SET data = 'JVBERi0xLjQgdGFtcGVyZWQ=' WHERE size = 13"
	expect_exit 1 m audit evidence get A2026-000001 2 -o "$T/memo.out"
	assert_contains "$T/err" "改ざん"
	[ ! -e "$T/memo.out" ] || fail "a tampered file was written"
	expect_exit 1 m verify
	assert_contains "$T/out" "証跡ファイル"
	sql "DELETE FROM file_blob WHERE size = 13"
	expect_exit 1 m audit evidence get A2026-000001 2 -o "$T/memo.out"
	assert_contains "$T/err" "ありません"
}

t_au_finding_directive_spread_and_actions() {
	au_org
	au_audit
	expect_exit 2 m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity huge --description 共有ID
	expect_exit 2 m --as 10 audit finding add A2026-000001 --clause 0.0 --severity major --description 共有ID
	expect_exit 2 m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity major
	expect_exit 2 m --as 11 audit finding add A2026-000001 --clause 5.4.3.3 --severity major --description 共有ID
	assert_eq "$(count audit_finding)" 0
	expect_exit 0 m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity major --description 共有ID
	assert_contains "$T/out" "A2026-000001-F01"
	expect_exit 2 m --as 41 audit finding direct A2026-000001-F01 --directive 改めよ
	assert_contains "$T/err" "CISO"
	expect_exit 2 m --as 40 audit finding direct A2026-000001-F01
	expect_exit 0 m --as 40 audit finding direct A2026-000001-F01 --directive 個人別IDにせよ
	expect_exit 2 m --as 40 audit finding direct A2026-000001-F01 --directive 二度目
	# requests to other 課: CISO only, not the finding's own 課, every code known
	expect_exit 2 m --as 41 audit spread ask A2026-000001-F01 S1
	expect_exit 2 m --as 40 audit spread ask A2026-000001-F01 S3
	expect_exit 2 m --as 40 audit spread ask A2026-000001-F01 S1 S9
	assert_eq "$(count audit_spread)" 0
	expect_exit 0 m --as 40 audit spread ask A2026-000001-F01 S1 S2
	expect_exit 2 m --as 40 audit spread ask A2026-000001-F01 S1
	expect_exit 2 m --as 21 audit spread answer A2026-000001-F01 --unit S1 --found --answer あり
	expect_exit 2 m --as 11 audit spread answer A2026-000001-F01 --unit S1 --answer あり
	expect_exit 0 m --as 11 audit spread answer A2026-000001-F01 --unit S1 --found --answer 同様の共有IDあり
	expect_exit 2 m --as 11 audit spread answer A2026-000001-F01 --unit S1 --not-found --answer なし
	expect_exit 0 m --format json audit spread list A2026-000001-F01
	assert_contains "$T/out" '"state":"same_found","unit":"S1"'
	assert_contains "$T/out" '"state":"asked","unit":"S2"'
	# corrective actions: filed by the lead, done by the owner, verified by another
	expect_exit 2 m --as 10 audit finding action A2026-000001-F01 --measure ID発行
	expect_exit 2 m --as 41 audit finding action A2026-000001-F01
	expect_exit 2 m --as 41 audit finding action A2026-000001-F01 --measure ID発行 --due 2026-13-01
	assert_eq "$(count corrective_action)" 0
	expect_exit 0 m --as 41 audit finding action A2026-000001-F01 --measure ID発行 --due 2026-07-31
	assert_contains "$T/out" "C2026-000001"
	expect_exit 0 m --as 41 audit finding action A2026-000001-F01 --unit S1 --measure 総務課のID整理 --owner 10
	expect_exit 2 m --as 10 action done C2026-000001 --note 済み
	assert_contains "$T/err" "担当者か"
	expect_exit 2 m --as 31 action done C2026-000001
	expect_exit 2 m --as 31 action verify C2026-000001 --note 早すぎ
	expect_exit 0 m --as 31 action done C2026-000001 --note IDを発行した
	expect_exit 2 m --as 31 action verify C2026-000001
	assert_contains "$T/err" "担当者は自分の措置を確認できません"
	expect_exit 2 m --as 20 action verify C2026-000001
	assert_contains "$T/err" "情報セキュリティ監査統括責任者か CISO"
	expect_exit 2 m --as 41 action verify C2026-000001 --reject
	assert_eq "$(sql "SELECT state FROM corrective_action WHERE action_no = 'C2026-000001'")" done
	expect_exit 0 m --as 41 action verify C2026-000001 --reject --note 一部未発行
	assert_eq "$(sql "SELECT state FROM corrective_action WHERE action_no = 'C2026-000001'")" reopened
	expect_exit 0 m --as 31 action done C2026-000001 --note 全員に発行した
	expect_exit 0 m --as 41 action verify C2026-000001 --note 確認した
	assert_eq "$(sql "SELECT state FROM audit_finding")" directed
	expect_exit 0 m --as 10 action done C2026-000002 --note 整理した
	expect_exit 0 m --as 40 action verify C2026-000002
	assert_eq "$(sql "SELECT state FROM audit_finding")" closed
	expect_exit 0 m action show C2026-000001
	assert_contains "$T/out" "差し戻し"
	assert_contains "$T/out" "有効性の確認"
	expect_exit 0 m verify
}

t_au_action_list_filters() {
	au_org
	au_audit
	m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity minor --description 共有ID >/dev/null
	m --as 41 audit finding action A2026-000001-F01 --measure ID発行 --due 2026-05-01 >/dev/null
	m --as 41 audit finding action A2026-000001-F01 --measure 手順書 --due 2026-12-01 >/dev/null
	expect_exit 0 m action list --overdue
	assert_contains "$T/out" "C2026-000001"
	assert_not_contains "$T/out" "C2026-000002"
	expect_exit 0 m --format csv action list --state unverified --source audit --unit S3 --year 2026
	assert_contains "$T/out" "番号,発端,指摘事項"
	assert_contains "$T/out" "C2026-000002"
	expect_exit 0 m --format json action list --state verified
	assert_contains "$T/out" '{"actions":[]}'
	expect_exit 0 m --format json action list --year 2025
	assert_contains "$T/out" '{"actions":[]}'
	expect_exit 2 m action list --state finished
	expect_exit 2 m action list --source outside
	expect_exit 2 m action list --unit S9
	expect_exit 2 m action list --year 26
	expect_exit 2 m action show C2026-000099
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"corrective.audit_overdue"'
	assert_contains "$T/out" '"subject":"corrective_action:C2026-000001"'
}

t_au_report_formats_and_record() {
	au_org
	au_audit
	m --as 41 audit item add A2026-000001 2.2.1 >/dev/null
	m --as 10 audit finding add A2026-000001 --clause 2.2.1 --severity major --description '<script>alert(1)</script>' >/dev/null
	expect_exit 0 m audit report A2026-000001
	assert_contains "$T/out" "## 監査の概要"
	assert_contains "$T/out" "A2026-000001-F01"
	expect_exit 0 m --format html audit report A2026-000001 -o "$T/r.html"
	grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/r.html" || fail "markup not escaped"
	! grep -qF '<script>alert' "$T/r.html" || fail "raw markup in html"
	expect_exit 0 m --format pdf audit report A2026-000001 -o "$T/r.pdf"
	[ "$(head -c 5 "$T/r.pdf")" = "%PDF-" ] || fail "not a PDF"
	expect_exit 2 m --format xlsx audit report A2026-000001
	expect_exit 2 m --format csv audit report A2026-000001
	expect_exit 2 m audit report A2026-000099
	expect_exit 2 m --format pdf audit report A2026-000001 -o "$T/s.pdf" --submit
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 10 --format pdf audit report A2026-000001 -o "$T/s.pdf" --submit
	[ ! -e "$T/s.pdf" ] || fail "a report was left without its record"
	assert_eq "$(count committee_report)" 0
	expect_exit 0 m --as 41 --format xlsx audit report A2026-000001 -o "$T/r.xlsx" --submit --reported-on 2026-06-10
	python3 - "$T/r.xlsx" <<'PY' || fail "xlsx sheets"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
for name in ("概要", "監査項目", "指摘事項", "改善措置", "他課への確認", "証跡"):
    assert name in wb, name
PY
	assert_eq "$(sql "SELECT kind || ' ' || fiscal_year || ' ' || reported_on || ' ' || note FROM committee_report")" "audit 2026 2026-06-10 A2026-000001"
	assert_eq "$(sql "SELECT content_hash FROM committee_report")" "$(sha256sum "$T/r.xlsx" | cut -c1-64)"
}

t_au_close_and_check_rules() {
	au_org
	au_audit
	m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity minor --description 共有ID >/dev/null
	expect_exit 2 m --as 41 audit close A2026-000001
	expect_exit 2 m --as 10 audit close A2026-000001 --conclusion 終了
	expect_exit 0 m --as 41 audit close A2026-000001 --conclusion おおむね適切
	expect_exit 2 m --as 41 audit item add A2026-000001 2.2.1
	assert_contains "$T/err" "終了しています"
	MAMORI_NOW=2026-08-01T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"audit.directive"'
	assert_contains "$T/out" '"rule":"audit.reported"'
	m --as 41 audit report A2026-000001 --submit >/dev/null
	# the next 年度: no audit in 2026 would be a finding; 2026 had one, 2027 has no plan
	MAMORI_NOW=2027-07-01T01:00:00Z expect_exit 1 m --format json check
	assert_not_contains "$T/out" '"rule":"audit.reported"'
	assert_not_contains "$T/out" '"rule":"audit.yearly"'
	assert_contains "$T/out" '"subject":"audit_plan:2027"'
	MAMORI_NOW=2028-07-01T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"subject":"audit:2027"'
	m role end "$(sql "SELECT id FROM role_assignment WHERE role = 'audit_lead'")" >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"audit.lead"'
}

# データ工房 shares its first byte with 、 and ，: the split must not cut it.
t_au_contractor_and_subcontractors() {
	au_org
	au_plan
	expect_exit 0 m --as 41 audit new --title 委託先監査 --target contractor --unit S2 \
		--contractor "架空データ株式会社" --subcontractors "下請A社、データ工房， 下請C社"
	expect_exit 2 m --as 41 audit member add A2026-000001 --staff 21
	expect_exit 0 m --as 41 audit member add A2026-000001 --staff 10
	expect_exit 0 m --format json audit show A2026-000001
	assert_contains "$T/out" '"contractor":"架空データ株式会社"'
	assert_contains "$T/out" '"subcontractors":["下請A社","データ工房","下請C社"]'
	expect_exit 0 m audit report A2026-000001
	assert_contains "$T/out" "再委託先: 下請A社、データ工房、下請C社"
	expect_exit 0 m --format json audit list --year 2026 --state open --unit S2
	assert_contains "$T/out" '"target_kind":"contractor"'
	expect_exit 2 m audit list --state done
	expect_exit 2 m --as 41 audit new --title 監査 --target unit --unit S3 --contractor 架空
}

t_au_demo_has_every_state() {
	[ "$BACKEND" = sqlite ] || return 0 # the demo test already covers both paths once
	m demo >/dev/null
	assert_eq "$(sql "SELECT count(*) FROM audit")" 3
	assert_eq "$(sql "SELECT state FROM corrective_action WHERE source = 'audit' GROUP BY state ORDER BY state" | tr '\n' ,)" "open,reopened,verified,"
	assert_eq "$(sql "SELECT count(*) FROM committee_report WHERE kind = 'audit'")" 1
	assert_eq "$(sql "SELECT count(*) FROM audit_evidence")" 3
	m verify >/dev/null
}

t_au_backup_keeps_evidence() {
	au_org
	au_audit
	head -c 5000 /dev/urandom >"$T/photo.jpg"
	m --as 10 audit evidence add A2026-000001 "$T/photo.jpg" >/dev/null
	m backup "$T/b.bak" >/dev/null
	"$MAMORI" --db "$T/restored.db" restore "$T/b.bak" >/dev/null
	"$MAMORI" --db "$T/restored.db" verify >/dev/null
	"$MAMORI" --db "$T/restored.db" audit evidence get A2026-000001 1 -o "$T/back.jpg" >/dev/null
	cmp "$T/photo.jpg" "$T/back.jpg" || fail "evidence changed in the backup"
}

t_au_read_commands_and_their_refusals() {
	au_org
	au_audit
	m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity observation --description "<i>手順書</i>" >/dev/null
	before=$(sql "SELECT count(*) FROM journal")
	expect_exit 2 m audit show A2026-000099
	expect_exit 2 m audit show
	expect_exit 2 m audit evidence list A2026-000099
	expect_exit 2 m audit finding list --state gone
	expect_exit 2 m audit finding list --unit S9
	expect_exit 2 m audit finding list --audit A2026-000099
	expect_exit 2 m audit finding show A2026-000001-F09
	expect_exit 2 m audit spread list --unit S9
	expect_exit 2 m audit plan show --year 2030
	assert_contains "$T/err" "令和12年度"
	expect_exit 2 m audit plan list --year next
	expect_exit 2 m audit plan show --year 令和12年度
	assert_contains "$T/err" "令和12年度の監査計画はまだありません"
	expect_exit 2 m --as 10 audit item set A2026-000001
	expect_exit 2 m --as 10 audit evidence add A2026-000001
	expect_exit 2 m --as 41 audit member add
	expect_exit 2 m audit nothing
	expect_exit 2 m --format pdf audit list
	assert_eq "$(sql "SELECT count(*) FROM journal")" "$before"
	expect_exit 0 m --format json audit finding list --audit A2026-000001 --unit S3 --state open --year 2026
	assert_contains "$T/out" '"description":"<i>手順書</i>","directed_at":null'
	assert_contains "$T/out" '"severity":"observation"'
	expect_exit 0 m --format csv audit finding list
	assert_contains "$T/out" "番号,重大度,条項,課,内容"
	expect_exit 0 m --format json audit plan list
	assert_contains "$T/out" '"approved_by":"42"'
	expect_exit 0 m --format csv audit list
	assert_contains "$T/out" "A2026-000001,2026,税務課の監査,課,税務課"
	expect_exit 0 m audit show A2026-000001
	assert_contains "$T/out" "監査人    総務課員"
	assert_contains "$T/out" "指摘事項"
}

t_au_directive_within_thirty_days() {
	au_org
	au_audit
	m --as 10 audit finding add A2026-000001 --clause 5.4.3.3 --severity minor --description 共有ID >/dev/null
	# (the small organisation has findings of its own, so check exits 1 throughout)
	MAMORI_NOW=2026-06-30T01:00:00Z expect_exit 1 m --format json check
	assert_not_contains "$T/out" '"rule":"audit.directive"'
	MAMORI_NOW=2026-07-02T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"subject":"audit_finding:A2026-000001-F01"'
	m --as 40 audit finding direct A2026-000001-F01 --directive 改めよ >/dev/null
	MAMORI_NOW=2026-07-02T01:00:00Z expect_exit 1 m --format json check
	assert_not_contains "$T/out" '"rule":"audit.directive"'
}
