# 監査 and 改善措置 in the browser and the JSON API (docs/web.md 「監査・改善
# 措置」, docs/api.md): the plan drafted by the audit lead and approved by the
# CISO, an audit created from the form, auditors (independence refused with
# the reason), items from the catalog, evidence uploaded and downloaded byte
# for byte with its SHA-256, findings, the CISO's directive, a request to
# another 課 and its answer, a corrective action through done and verify, the
# report in the CLI's bytes; scope (404), roles (403), CSRF (403), refused
# input (422/400, nothing written) and escaping.  Uses test_web.sh's helpers.
# The tests' clock is 2026-06-01T01:00:00Z (10:00 JST).

# web_org (総務課長 1 of S1, 税務課長 2 of S3, 総務一郎 3, CISO 9) plus the
# audit lead (6, S2) and an auditor without any role (7, S2).
wau_org() {
	web_org
	m staff add --no 6 --name 監査統括 --unit S2 >/dev/null
	m staff add --no 7 --name 監査人七 --unit S2 >/dev/null
	m role assign audit_lead 6 >/dev/null
}

wau_journal_n() { sql "SELECT COUNT(*) FROM journal"; }

# Signs in staff (3), boss (総務課長 1), tax (税務課長 2), auditor (7), and
# with TOTP lead (6) and ciso (9); each one's CSRF token in $T/csrf.JAR.
wau_signin() {
	local pw st who
	pw=$(web_account 3); st=$(web_login staff 3 "$pw" 'Hoshi-Tsuki-Kawa-48a'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 1); st=$(web_login boss 1 "$pw" 'Yama-Mori-Hana-45b'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 2); st=$(web_login tax 2 "$pw" 'Kaze-Nami-Ishi-58c'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 7); st=$(web_login auditor 7 "$pw" 'Sakura-Kiri-Tori-50d'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 6); web_signin_enrol lead 6 "$pw" 'Yuki-Hikari-Mizu-84e'
	pw=$(web_account 9); web_signin_enrol ciso 9 "$pw" 'Taiyo-Kusa-Kumo-40f'
	for who in staff boss tax auditor lead ciso; do
		web_get "$who" /audits >"$T/audits.$who"
		web_csrf_of "$T/audits.$who" >"$T/csrf.$who"
	done
}

# POST as JAR to PATH with the person's CSRF token and more curl args.
wau_post() {
	local jar=$1 path=$2; shift 2
	web_status "$jar" "$path" --data-urlencode "csrf=$(cat "$T/csrf.$jar")" "$@"
}

# An open audit A2026-000001 of 税務課 (S3) with 7 as auditor and 5.4.3.3 as item.
wau_audit() {
	m --as 6 audit new --title 税務課の監査 --target unit --unit S3 --starts 2026-06-01 >/dev/null
	m --as 6 audit member add A2026-000001 --staff 7 >/dev/null
	m --as 6 audit item add A2026-000001 5.4.3.3 >/dev/null
}

t_wau_plan_and_new_audit() {
	wau_org
	web_start
	wau_signin
	# the CISO appoints a second audit lead; nobody else may, and an unknown number is refused
	assert_contains "$T/audits.staff" '監査統括（6）'
	assert_not_contains "$T/audits.lead" 'action="/audits/lead"'
	st=$(wau_post lead /audits/lead -d staff=7); assert_eq "${st%% *}" 403
	st=$(wau_post ciso /audits/lead -d staff=999); assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'name="staff" value="999"'
	st=$(wau_post ciso /audits/lead -d staff=7); assert_eq "$st" "303 $URL/audits?r=done#lead"
	m role list >"$T/roles"; assert_contains "$T/roles" '監査人七'
	# the plan: drafted by the audit lead, approved by the CISO
	assert_contains "$T/audits.lead" '監査（令和8年度）'
	assert_contains "$T/audits.lead" 'action="/audits/plan"'
	assert_not_contains "$T/audits.staff" 'action="/audits/plan"'
	st=$(wau_post lead /audits/plan -d fy=2026 -d title=監査実施計画 -d scope=全庁 -d targets=税務課 \
		-d schedule=9月 -d method=書面); assert_eq "$st" "303 $URL/audits?fy=2026&r=done"
	m audit plan show --year 2026 >"$T/plan"
	assert_contains "$T/plan" '監査実施計画'
	# the lead drafted it, so the lead is not offered approval; the CISO is
	web_get lead /audits >"$T/l2"; assert_not_contains "$T/l2" 'action="/audits/plan/approve"'
	web_get ciso /audits >"$T/c2"; assert_contains "$T/c2" 'action="/audits/plan/approve"'
	st=$(wau_post staff /audits/plan/approve -d fy=2026); assert_eq "${st%% *}" 403
	st=$(wau_post ciso /audits/plan/approve -d fy=2026); assert_eq "$st" "303 $URL/audits?fy=2026&r=done"
	web_get ciso /audits >"$T/c3"; assert_contains "$T/c3" '承認済み（副市長（9））'
	# a new audit; missing fields and a 課 unknown are refused with nothing written
	n0=$(wau_journal_n)
	st=$(wau_post lead /audits/new -d 'title=<script>x</script>' -d target=unit); assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'class="error"'
	assert_contains "$T/body" 'value="&lt;script&gt;x&lt;/script&gt;"'
	assert_not_contains "$T/body" '<script>x</script>'
	st=$(wau_post lead /audits/new -d title=x -d target=planet -d unit=S3); assert_eq "${st%% *}" 422
	assert_eq "$(wau_journal_n)" "$n0"
	# no role: 403; no CSRF token: 403
	st=$(wau_post staff /audits/new -d title=x -d target=unit -d unit=S3); assert_eq "${st%% *}" 403
	st=$(web_status lead /audits/new -d title=x -d target=unit -d unit=S3); assert_eq "${st%% *}" 403
	assert_eq "$(wau_journal_n)" "$n0"
	st=$(wau_post lead /audits/new -d 'title=<b>税務課</b>の監査' -d target=unit -d unit=S3 -d starts=2026-06-02)
	assert_eq "$st" "303 $URL/audits/A2026-000001?r=done"
	m audit list >"$T/list"; assert_contains "$T/list" 'A2026-000001'
	web_get lead /audits/A2026-000001 >"$T/show"
	assert_contains "$T/show" '&lt;b&gt;税務課&lt;/b&gt;の監査'
	assert_contains "$T/show" '<dd>監査実施計画</dd>'
	# the contractor audit names its subcontractors (9.1.4)
	st=$(wau_post lead /audits/new -d title=委託先監査 -d target=contractor -d unit=S3 -d contractor=架空データ株式会社 \
		-d 'subcontractors=再委託一株式会社、再委託二株式会社'); assert_eq "$st" "303 $URL/audits/A2026-000002?r=done"
	web_get ciso /audits/A2026-000002 >"$T/c"; assert_contains "$T/c" '再委託二株式会社'
	# who sees what: the audited 課's manager yes, another 課's manager and staff no
	web_get tax /audits >"$T/tax"; assert_contains "$T/tax" 'A2026-000001'
	web_get boss /audits >"$T/boss"; assert_not_contains "$T/boss" 'A2026-000001'
	assert_contains "$T/boss" '見られる監査はありません'
	st=$(web_status boss /audits/A2026-000001); assert_eq "${st%% *}" 404
	st=$(web_status staff /audits/A2026-000001); assert_eq "${st%% *}" 404
	st=$(web_status staff /audits/A2026-999999); assert_eq "${st%% *}" 404
	st=$(web_status staff '/audits?fy=xyz'); assert_eq "${st%% *}" 400
	web_stop
}

t_wau_members_items_and_independence() {
	wau_org
	m --as 6 audit new --title 税務課の監査 --target unit --unit S3 --starts 2026-06-01 >/dev/null
	web_start
	wau_signin
	n0=$(wau_journal_n)
	# 税務課長 belongs to the audited 課: refused, with the reason, nothing written
	st=$(wau_post lead /audits/A2026-000001/members -d staff=2 -d role=auditor); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '税務課長'
	assert_contains "$T/body" 'name="staff" value="2"'
	st=$(wau_post lead /audits/A2026-000001/members -d staff=7 -d external=外部); assert_eq "${st%% *}" 422
	st=$(wau_post auditor /audits/A2026-000001/members -d staff=7); assert_eq "${st%% *}" 404
	st=$(wau_post tax /audits/A2026-000001/members -d staff=7); assert_eq "${st%% *}" 403
	# items: one unknown clause refuses the whole call
	st=$(wau_post lead /audits/A2026-000001/items -d 'clauses=5.4.3.3 9.9.9.9'); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '9.9.9.9'
	assert_eq "$(wau_journal_n)" "$n0"
	st=$(wau_post lead /audits/A2026-000001/members -d staff=7); assert_eq "$st" "303 $URL/audits/A2026-000001?r=done#members"
	st=$(wau_post lead /audits/A2026-000001/members -d 'external=監査法人<i>さくら</i>'); assert_eq "${st%% *}" 303
	st=$(wau_post lead /audits/A2026-000001/items -d 'clauses=5.4.3.3、6.1.6.1' -d method=書面確認); assert_eq "${st%% *}" 303
	m audit show A2026-000001 >"$T/cli"
	assert_contains "$T/cli" '監査人七'
	assert_contains "$T/cli" '5.4.3.3'
	# the auditor (no role at all) now sees the audit and records a result
	web_get auditor /audits >"$T/a"; assert_contains "$T/a" 'A2026-000001'
	st=$(wau_post auditor /audits/A2026-000001/result -d clause=5.4.3.3 -d result=nonconform -d 'note=共有ID'); assert_eq "${st%% *}" 303
	st=$(wau_post auditor /audits/A2026-000001/result -d clause=5.4.3.3 -d result=maybe); assert_eq "${st%% *}" 422
	web_get auditor /audits/A2026-000001 >"$T/show"
	assert_contains "$T/show" '不適合'
	assert_contains "$T/show" '監査法人&lt;i&gt;さくら&lt;/i&gt;'
	assert_not_contains "$T/show" 'action="/audits/A2026-000001/members"'
	web_stop
}

t_wau_evidence_upload_download() {
	wau_org
	wau_audit
	web_start
	wau_signin
	printf '端末,利用者\nPC-01,共有\n' >"$T/端末一覧.csv"
	printf '<html><script>alert(1)</script></html>' >"$T/page.html"
	st=$(web_status auditor /audits/A2026-000001/evidence -F "csrf=$(cat "$T/csrf.auditor")" -F "file=@$T/端末一覧.csv" \
		-F kind=evidence -F item=5.4.3.3); assert_eq "$st" "303 $URL/audits/A2026-000001?r=done#evidence"
	st=$(web_status auditor /audits/A2026-000001/evidence -F "csrf=$(cat "$T/csrf.auditor")" -F "file=@$T/page.html" \
		-F kind=working_paper); assert_eq "${st%% *}" 303
	sum=$(sha256sum "$T/端末一覧.csv" | cut -d' ' -f1)
	web_get lead /audits/A2026-000001 >"$T/show"
	assert_contains "$T/show" "$sum"
	assert_contains "$T/show" '監査調書'
	m --format json audit evidence list A2026-000001 >"$T/ev"
	assert_contains "$T/ev" "$sum"
	id=$(sql "SELECT id FROM audit_evidence WHERE sha256 = '$sum'")
	# the exact bytes, as an attachment; an HTML file is never served as a page
	web_status lead "/audits/A2026-000001/evidence?id=$id" >/dev/null
	cmp "$T/body" "$T/端末一覧.csv"
	assert_contains "$T/head" 'Content-Disposition: attachment;'
	assert_contains "$T/head" "filename*=UTF-8''%E7%AB%AF"
	id2=$(sql "SELECT id FROM audit_evidence WHERE filename = 'page.html'")
	web_status tax "/audits/A2026-000001/evidence?id=$id2" >/dev/null
	cmp "$T/body" "$T/page.html"
	assert_contains "$T/head" 'Content-Type: application/octet-stream'
	# the same as the CLI's copy
	m audit evidence get A2026-000001 "$id" -o "$T/cli.csv" >/dev/null
	cmp "$T/cli.csv" "$T/端末一覧.csv"
	# outside the audit's scope: 404; unknown id: 404; no CSRF: 403; no file: 422; not an auditor: 403
	st=$(web_status boss "/audits/A2026-000001/evidence?id=$id"); assert_eq "${st%% *}" 404
	st=$(web_status staff "/audits/A2026-000001/evidence?id=$id"); assert_eq "${st%% *}" 404
	st=$(web_status lead "/audits/A2026-000001/evidence?id=99999"); assert_eq "${st%% *}" 404
	n0=$(wau_journal_n)
	st=$(web_status auditor /audits/A2026-000001/evidence -F "file=@$T/page.html"); assert_eq "${st%% *}" 403
	st=$(web_status auditor /audits/A2026-000001/evidence -F "csrf=$(cat "$T/csrf.auditor")" -F kind=evidence); assert_eq "${st%% *}" 422
	st=$(web_status tax /audits/A2026-000001/evidence -F "csrf=$(cat "$T/csrf.tax")" -F "file=@$T/page.html"); assert_eq "${st%% *}" 403
	assert_eq "$(wau_journal_n)" "$n0"
	# a blob altered behind mamori's back is refused, never served
	sql "UPDATE file_blob SET data = 'QUJD' WHERE sha256 = '$sum'" >/dev/null
	st=$(web_status lead "/audits/A2026-000001/evidence?id=$id"); assert_eq "${st%% *}" 409
	web_stop
}

t_wau_findings_directive_spread_actions() {
	wau_org
	wau_audit
	web_start
	wau_signin
	n0=$(wau_journal_n)
	st=$(wau_post auditor /audits/A2026-000001/findings -d clause=no.such -d severity=major -d description=x); assert_eq "${st%% *}" 422
	st=$(wau_post auditor /audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=huge -d description=x); assert_eq "${st%% *}" 422
	st=$(web_status auditor /audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=major -d description=x); assert_eq "${st%% *}" 403
	assert_eq "$(wau_journal_n)" "$n0"
	st=$(wau_post auditor /audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=major \
		-d 'description=<script>x</script>ID の共有'); assert_eq "$st" "303 $URL/audits/A2026-000001?r=done#findings"
	m audit finding list >"$T/f"; assert_contains "$T/f" 'A2026-000001-F01'
	web_get tax /audits/A2026-000001 >"$T/t"
	assert_contains "$T/t" '&lt;script&gt;x&lt;/script&gt;ID の共有'
	assert_not_contains "$T/t" '<script>x</script>'
	# the directive is the CISO's
	st=$(wau_post lead /audits/A2026-000001/directive -d finding=A2026-000001-F01 -d directive=直せ); assert_eq "${st%% *}" 403
	st=$(wau_post ciso /audits/A2026-000001/directive -d finding=A2026-000009-F01 -d directive=直せ); assert_eq "${st%% *}" 422
	st=$(wau_post ciso /audits/A2026-000001/directive -d finding=A2026-000001-F01 -d directive=共有IDを廃止すること)
	assert_eq "${st%% *}" 303
	st=$(wau_post ciso /audits/A2026-000001/directive -d finding=A2026-000001-F01 -d directive=again); assert_eq "${st%% *}" 422
	# the request to 総務課: its manager now sees the audit and answers
	st=$(wau_post ciso /audits/A2026-000001/spread -d finding=A2026-000001-F01 -d units=S3); assert_eq "${st%% *}" 422
	st=$(wau_post ciso /audits/A2026-000001/spread -d finding=A2026-000001-F01 -d units=S1); assert_eq "${st%% *}" 303
	web_get boss /audits/A2026-000001 >"$T/b"
	assert_contains "$T/b" 'action="/audits/A2026-000001/answer"'
	web_get boss /audits >"$T/b2"; web_csrf_of "$T/b2" >"$T/csrf.boss"
	st=$(wau_post tax /audits/A2026-000001/answer -d finding=A2026-000001-F01 -d unit=S1 -d found=no -d answer=x); assert_eq "${st%% *}" 403
	st=$(wau_post boss /audits/A2026-000001/answer -d finding=A2026-000001-F01 -d unit=S3 -d found=no -d answer=x); assert_eq "${st%% *}" 422
	st=$(wau_post boss /audits/A2026-000001/answer -d finding=A2026-000001-F01 -d unit=S1 -d found=yes -d answer=総務課にも共有IDあり)
	assert_eq "${st%% *}" 303
	st=$(wau_post boss /audits/A2026-000001/answer -d finding=A2026-000001-F01 -d unit=S1 -d found=no -d answer=again); assert_eq "${st%% *}" 409
	m audit spread list A2026-000001-F01 >"$T/sp"; assert_contains "$T/sp" '総務課にも共有IDあり'
	# corrective actions: the 税務課 manager files one for their 課
	st=$(wau_post staff /audits/A2026-000001/action -d finding=A2026-000001-F01 -d measure=x); assert_eq "${st%% *}" 404
	st=$(wau_post tax /audits/A2026-000001/action -d finding=A2026-000001-F01 -d measure=個人IDを発行する -d due=2026-05-01)
	assert_eq "${st%% *}" 303
	m action list >"$T/al"; assert_contains "$T/al" 'C2026-000001'
	# the action: overdue in the list; the owner (税務課長) reports it done, not verifies it
	web_get tax '/actions?state=overdue' >"$T/ov"; assert_contains "$T/ov" 'C2026-000001'
	assert_contains "$T/ov" '期限超過'
	web_get tax '/actions?state=closed' >"$T/cl"; assert_not_contains "$T/cl" 'C2026-000001'
	st=$(web_status staff /actions/C2026-000001); assert_eq "${st%% *}" 404
	st=$(web_status boss /actions/C2026-000001); assert_eq "${st%% *}" 404
	st=$(wau_post lead /actions/C2026-000001/verify -d ok=yes); assert_eq "${st%% *}" 409
	st=$(wau_post lead /actions/C2026-000001/done -d note=x); assert_eq "${st%% *}" 403
	st=$(wau_post tax /actions/C2026-000001/done); assert_eq "${st%% *}" 422
	st=$(wau_post tax /actions/C2026-000001/done -d 'note=<i>発行済み</i>'); assert_eq "$st" "303 $URL/actions/C2026-000001?r=done"
	st=$(wau_post tax /actions/C2026-000001/verify -d ok=yes); assert_eq "${st%% *}" 403
	st=$(wau_post lead /actions/C2026-000001/verify -d ok=no); assert_eq "${st%% *}" 422
	st=$(wau_post lead /actions/C2026-000001/verify -d ok=yes -d note=確認した); assert_eq "${st%% *}" 303
	m action show C2026-000001 >"$T/as"; assert_contains "$T/as" '確認済み'
	m audit finding show A2026-000001-F01 >"$T/fs"; assert_contains "$T/fs" '措置確認済み'
	web_get tax /actions/C2026-000001 >"$T/ac"
	assert_contains "$T/ac" '&lt;i&gt;発行済み&lt;/i&gt;'
	assert_contains "$T/ac" '経過'
	web_get lead '/actions?state=closed' >"$T/cl2"; assert_contains "$T/cl2" 'C2026-000001'
	web_status lead '/actions?state=closed&format=csv' >/dev/null
	assert_contains "$T/head" 'Content-Type: text/csv; charset=utf-8'
	head -c 3 "$T/body" | od -An -tx1 | tr -d ' \n' >"$T/bom"; assert_eq "$(cat "$T/bom")" efbbbf
	assert_contains "$T/body" 'C2026-000001,監査,税務課,5.4.3.3'
	assert_contains "$T/body" '確認済み'
	st=$(web_status lead '/actions?state=bogus'); assert_eq "${st%% *}" 400
	# closing the audit; afterwards nothing more is added
	st=$(wau_post lead /audits/A2026-000001/close -d conclusion=概ね適合); assert_eq "${st%% *}" 303
	st=$(wau_post auditor /audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=minor -d description=y); assert_eq "${st%% *}" 409
	web_stop
}

t_wau_report_same_bytes_as_cli() {
	wau_org
	wau_audit
	m --as 7 audit finding add A2026-000001 --clause 5.4.3.3 --severity minor --description 共有ID >/dev/null
	web_start
	wau_signin
	web_status tax '/audits/A2026-000001/report?format=text' >/dev/null
	m --format text audit report A2026-000001 >"$T/cli.md"
	cmp "$T/body" "$T/cli.md"
	assert_contains "$T/head" 'Content-Disposition: attachment; filename="mamori-audit-A2026-000001.md"'
	web_status lead '/audits/A2026-000001/report?format=pdf' >/dev/null
	assert_contains "$T/head" 'Content-Type: application/pdf'
	head -c 5 "$T/body" >"$T/magic"; assert_eq "$(cat "$T/magic")" '%PDF-'
	web_status lead '/audits/A2026-000001/report?format=xlsx' >/dev/null
	assert_contains "$T/head" 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	head -c 2 "$T/body" >"$T/magic"; assert_eq "$(cat "$T/magic")" 'PK'
	st=$(web_status lead '/audits/A2026-000001/report?format=exe'); assert_eq "${st%% *}" 400
	st=$(web_status boss '/audits/A2026-000001/report?format=text'); assert_eq "${st%% *}" 404
	web_stop
}

t_wau_api() {
	wau_org
	wau_audit
	web_start
	wau_signin
	web_get tax /api/v1/audits >"$T/list"
	assert_contains "$T/list" '"audit_no":"A2026-000001"'
	assert_contains "$T/list" '"total":1'
	web_get boss /api/v1/audits >"$T/none"; assert_contains "$T/none" '"total":0'
	st=$(web_status boss /api/v1/audits/A2026-000001); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"error":{"code":"not_found"'
	st=$(web_status anon /api/v1/audits); assert_eq "${st%% *}" 401
	st=$(web_status tax '/api/v1/audits?fy=nope'); assert_eq "${st%% *}" 400
	web_get auditor /api/v1/audits/A2026-000001 >"$T/one"
	assert_contains "$T/one" '"staff_no":"7"'
	# a finding through the API: refused input is 400 validation, nothing written
	n0=$(wau_journal_n)
	st=$(wau_post auditor /api/v1/audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=x -d description=y)
	assert_eq "${st%% *}" 400; assert_contains "$T/body" '"code":"validation"'
	st=$(web_status auditor /api/v1/audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=minor -d description=y)
	assert_eq "${st%% *}" 403; assert_contains "$T/body" '"code":"csrf"'
	assert_eq "$(wau_journal_n)" "$n0"
	st=$(wau_post auditor /api/v1/audits/A2026-000001/findings -d clause=5.4.3.3 -d severity=minor -d 'description=<b>y</b>')
	assert_eq "${st%% *}" 201; assert_contains "$T/body" '"finding_no":"A2026-000001-F01"'
	assert_contains "$T/body" '<b>y</b>'
	m --as 6 audit finding action A2026-000001-F01 --measure 直す --due 2026-12-31 >/dev/null
	web_get tax /api/v1/actions >"$T/acts"
	assert_contains "$T/acts" '"action_no":"C2026-000001"'
	assert_contains "$T/acts" '"overdue":false'
	web_get boss /api/v1/actions >"$T/acts0"; assert_contains "$T/acts0" '"total":0'
	st=$(web_status boss /api/v1/actions/C2026-000001); assert_eq "${st%% *}" 404
	st=$(wau_post lead /api/v1/actions/C2026-000001/verify -d ok=yes); assert_eq "${st%% *}" 409
	assert_contains "$T/body" '"code":"conflict"'
	st=$(wau_post tax /api/v1/actions/C2026-000001/done -d note=やった); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"done"'
	assert_contains "$T/body" '"events":['
	st=$(wau_post tax /api/v1/actions/C2026-000001/verify -d ok=yes); assert_eq "${st%% *}" 403
	st=$(wau_post lead /api/v1/actions/C2026-000001/verify -d ok=yes); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"verified"'
	web_stop
}
