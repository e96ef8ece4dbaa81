# 年次報告 and ポリシー改定の提案 in the browser and the JSON API
# (docs/web.md 「年次報告」, docs/api.md, docs/annual-report.md "Web"): the
# report page with its downloads (the same bytes as `mamori report annual`
# and `report oscal`), recording it as reported, proposals filed, adopted
# and rejected; who may (403 without the role), CSRF (403), bad input (422
# or 400, nothing written), escaping; and the dashboard's cards of the
# yearly cycle.  Uses the demo municipality (架空市) and test_web.sh.
#
# People of the demo: the CISO 900001 and the 統括 930001 (TOTP), the
# 情報システム管理者 030002 (TOTP, owner of the open corrective action
# C2026-000001), the 秘書課長 950001 and the 職員 170003 (no report role);
# the CISO and the 統括 sit on the committee, so both decide proposals.
# The audit lead 910001 (an account made here) proposes but does not decide.
# Demo proposals: R2026-01 (提案中), R2026-02 (不採用).

war_journal_n() { sql "SELECT COUNT(*) FROM journal"; }

war_world() {
	m demo >/dev/null
	web_start
	st=$(web_login kacho 950001 demo-kacho-kakuu); assert_eq "$st" "303 $URL/"
	st=$(web_login staff 170003 demo-shokuin-kakuu); assert_eq "$st" "303 $URL/"
	web_login_demo_totp ciso 900001 demo-ciso-kakuu
	web_login_demo_totp chief 930001 demo-tokatsu-kakuu
	pw=$(web_account 910001)
	web_signin_enrol audit 910001 "$pw" 'Kansa-Password-2026x'
	for who in kacho staff ciso chief audit; do
		web_get "$who" / >"$T/dash.$who"
		web_csrf_of "$T/dash.$who" >"$T/csrf.$who"
		[ -s "$T/csrf.$who" ] || fail "$who is not signed in"
	done
}

# POSTs as WHO to PATH with the CSRF token: war_post WHO PATH [curl args…].
war_post() {
	local who=$1 path=$2; shift 2
	web_status "$who" "$path" --data-urlencode "csrf=$(cat "$T/csrf.$who")" "$@"
}

t_war_report_page_and_downloads() {
	war_world
	st=$(web_status ciso /annual-report)
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '<h1>令和8年度 情報セキュリティ対策の実施状況報告</h1>'
	assert_contains "$T/body" '<div class="ar-report">'
	assert_contains "$T/body" '<svg xmlns="http://www.w3.org/2000/svg" class="chart"'
	assert_contains "$T/body" 'href="/annual-report/oscal?campaign=S2026-01"'
	assert_contains "$T/body" 'action="/annual-report/record"'
	# the CSP forbids inline style: the page has no style attribute or element
	! grep -q ' style=\|<style' "$T/body" || fail "inline style in the report page"
	# last 年度 by its Japanese name
	st=$(web_status ciso "/annual-report?fy=$(printf '令和7年度' | python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.stdin.read()))')")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '令和7年度 情報セキュリティ対策の実施状況報告'
	st=$(web_status ciso "/annual-report?fy=abc"); assert_eq "${st%% *}" 400
	# people without a report role
	for who in kacho staff; do
		st=$(web_status "$who" /annual-report); assert_eq "${st%% *}" 403
		st=$(web_status "$who" "/annual-report/download?format=json"); assert_eq "${st%% *}" 403
	done
	st=$(web_status none /annual-report); assert_eq "$st" "303 $URL/login"
	# the JSON and HTML are the CLI's bytes (MAMORI_NOW pins the day)
	m report annual --year 2026 --format json -o "$T/cli.json" >/dev/null
	st=$(web_status chief "/annual-report/download?fy=2026&format=json"); assert_eq "${st%% *}" 200
	cmp -s "$T/body" "$T/cli.json" || fail "the JSON download differs from mamori report annual"
	assert_contains "$T/head" 'attachment; filename="mamori-annual-report-2026.json"'
	m report annual --year 2026 --format html -o "$T/cli.html" >/dev/null
	st=$(web_status ciso "/annual-report/download?fy=2026&format=html"); assert_eq "${st%% *}" 200
	cmp -s "$T/body" "$T/cli.html" || fail "the HTML download differs from mamori report annual"
	st=$(web_status ciso "/annual-report/download?fy=2026&format=pdf"); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: application/pdf'
	assert_eq "$(head -c 5 "$T/body")" "%PDF-"
	st=$(web_status ciso "/annual-report/download?fy=2026&format=xlsx"); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'spreadsheetml.sheet'
	assert_eq "$(head -c 2 "$T/body")" "PK"
	st=$(web_status ciso "/annual-report/download?fy=2026&format=doc"); assert_eq "${st%% *}" 400
	# OSCAL: the CLI's bytes; an unknown number is 404
	m report oscal --campaign S2026-01 -o "$T/oscal.json" >/dev/null
	st=$(web_status ciso "/annual-report/oscal?campaign=S2026-01"); assert_eq "${st%% *}" 200
	cmp -s "$T/body" "$T/oscal.json" || fail "the OSCAL download differs from mamori report oscal"
	st=$(web_status ciso "/annual-report/oscal?audit=A2026-000002"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"assessment-results"'
	st=$(web_status ciso "/annual-report/oscal?audit=A2099-000001"); assert_eq "${st%% *}" 404
	st=$(web_status ciso "/annual-report/oscal"); assert_eq "${st%% *}" 400
	# the JSON API gives the gathered figures
	st=$(web_status chief "/api/v1/annual-report?fy=2026"); assert_eq "${st%% *}" 200
	cmp -s "$T/body" "$T/cli.json" || fail "the API differs from mamori report annual --format json"
	st=$(web_status staff "/api/v1/annual-report"); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"error":{"code":"forbidden"'
	web_stop
}

t_war_record_reported() {
	war_world
	n0=$(war_journal_n)
	# CSRF missing, a bad format, a bad date, someone without the role: nothing written
	st=$(web_status chief /annual-report/record -d fy=2026 -d format=json); assert_eq "${st%% *}" 403
	st=$(war_post chief /annual-report/record -d fy=2026 -d format=exe); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '形式は pdf、html、json のいずれかを選んでください'
	st=$(war_post chief /annual-report/record -d fy=2026 -d format=json -d reported_on=2026-13-45 \
		--data-urlencode 'note=<b>kept</b>')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'value="&lt;b&gt;kept&lt;/b&gt;"'
	st=$(war_post kacho /annual-report/record -d fy=2026 -d format=json); assert_eq "${st%% *}" 403
	assert_eq "$(war_journal_n)" "$n0"
	assert_eq "$(m report history --year 2026)" ""
	# recorded: 303, the history shows it, its hash is the download's
	st=$(war_post chief /annual-report/record -d fy=2026 -d format=json -d reported_on=2026-07-10 \
		--data-urlencode 'note=<script>x</script>')
	assert_eq "$st" "303 $URL/annual-report?fy=2026&r=recorded"
	web_get chief "/annual-report/download?fy=2026&format=json" >"$T/report.json"
	hash=$(sha256sum "$T/report.json" | cut -d' ' -f1)
	m report history --year 2026 --format json >"$T/hist"
	assert_contains "$T/hist" "\"content_hash\":\"$hash\""
	assert_contains "$T/hist" '"reported_on":"2026-07-10"'
	assert_contains "$T/hist" '"reported_by":"930001"'
	st=$(web_status ciso "/annual-report?fy=2026&r=recorded"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '委員会への報告として記録しました'
	assert_contains "$T/body" "$hash"
	assert_contains "$T/body" '&lt;script&gt;x&lt;/script&gt;'
	assert_not_contains "$T/body" '<script>x</script>'
	web_stop
}

t_war_proposal_life() {
	war_world
	st=$(web_status chief /proposals); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'href="/proposals/R2026-01"'
	assert_contains "$T/body" 'href="/proposals/new?fy=2026"'
	st=$(web_status chief "/proposals?state=rejected"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'R2026-02'
	assert_not_contains "$T/body" 'R2026-01'
	st=$(web_status chief "/proposals?state=bogus"); assert_eq "${st%% *}" 400
	st=$(web_status chief "/proposals?fy=2026&format=csv"); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'attachment; filename="proposals-2026.csv"'
	assert_eq "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" "efbbbf"
	assert_contains "$T/body" '番号,条項,提案,理由,きっかけ,参照,状態,提案時の版,採用した版'
	assert_contains "$T/body" 'R2026-02,5.2.2.2,'
	for who in kacho staff; do
		st=$(web_status "$who" /proposals); assert_eq "${st%% *}" 403
		st=$(war_post "$who" /proposals/new -d clause=6.2.4 -d proposal=x -d reason=y -d source=other)
		assert_eq "${st%% *}" 403
	done
	n0=$(war_journal_n)
	# bad input: 422 with the values kept, nothing written
	st=$(war_post chief /proposals/new -d clause=99.99 --data-urlencode 'proposal=<i>keep</i>' -d reason=y -d source=other)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '&lt;i&gt;keep&lt;/i&gt;</textarea>'
	st=$(war_post chief /proposals/new -d clause=6.2.4 -d proposal=x -d reason=y -d source=audit -d ref=A2099-000009)
	assert_eq "${st%% *}" 422
	st=$(war_post chief /proposals/new -d fy=abc -d clause=6.2.4 -d proposal=x -d reason=y -d source=other)
	assert_eq "${st%% *}" 422
	st=$(web_status chief /proposals/new -d clause=6.2.4 -d proposal=x -d reason=y -d source=other)
	assert_eq "${st%% *}" 403
	assert_eq "$(war_journal_n)" "$n0"
	# filed: 303 to its page; the CLI agrees; markup comes back escaped
	st=$(war_post audit /proposals/new -d fy=2026 -d clause=6.2.4 --data-urlencode 'proposal=<script>x</script>' \
		-d reason=監査の指摘 -d source=audit -d ref=A2026-000002)
	assert_eq "$st" "303 $URL/proposals/R2026-03?r=added"
	m report proposal show R2026-03 --format json >"$T/p"
	assert_contains "$T/p" '"state":"proposed"'
	assert_contains "$T/p" '"ref":"A2026-000002"'
	st=$(web_status audit "/proposals/R2026-03?r=added"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '改定提案を登録しました'
	assert_contains "$T/body" '<a href="/audits/A2026-000002">A2026-000002</a>'
	assert_contains "$T/body" '&lt;script&gt;x&lt;/script&gt;'
	assert_not_contains "$T/body" '<script>x</script>'
	# the audit lead may propose but not decide: no forms, and a POST is refused
	assert_not_contains "$T/body" 'action="/proposals/R2026-03/adopt"'
	n1=$(war_journal_n)
	st=$(war_post audit /proposals/R2026-03/adopt -d version=3); assert_eq "${st%% *}" 403
	# nor open the report, which is for the CISO, the 統括 and the committee; but the OSCAL results
	st=$(web_status audit /annual-report); assert_eq "${st%% *}" 403
	st=$(web_status audit "/annual-report/oscal?audit=A2026-000002"); assert_eq "${st%% *}" 200
	# the CISO decides: bad input is 422, nothing written
	web_get ciso /proposals/R2026-03 >"$T/page"
	assert_contains "$T/page" 'action="/proposals/R2026-03/adopt"'
	assert_contains "$T/page" 'action="/proposals/R2026-03/reject"'
	st=$(war_post ciso /proposals/R2026-03/adopt -d version=x); assert_eq "${st%% *}" 422
	st=$(war_post ciso /proposals/R2026-03/adopt -d version=1); assert_eq "${st%% *}" 422
	st=$(war_post ciso /proposals/R2026-03/reject -d note=); assert_eq "${st%% *}" 422
	st=$(web_status ciso /proposals/R2026-03/reject -d note=x); assert_eq "${st%% *}" 403
	assert_eq "$(war_journal_n)" "$n1"
	st=$(web_status ciso /proposals/R2099-01); assert_eq "${st%% *}" 404
	st=$(war_post ciso /proposals/R2099-01/adopt -d version=3); assert_eq "${st%% *}" 404
	# a newer version, then adopted with it
	m profile set post.ciso 市長 >/dev/null
	m policy render --edition internal -o "$T/policy.md" >/dev/null
	v=$(sql "SELECT MAX(id) FROM policy_version")
	base=$(sql "SELECT base_version_id FROM policy_proposal WHERE proposal_no = 'R2026-03'")
	[ "$v" -gt "$base" ] || fail "no policy version newer than the base ($v, $base)"
	st=$(war_post ciso /proposals/R2026-03/adopt -d "version=$v" -d note=第2回委員会)
	assert_eq "$st" "303 $URL/proposals/R2026-03?r=adopted"
	m report proposal show R2026-03 --format json >"$T/p"
	assert_contains "$T/p" '"state":"adopted"'
	assert_contains "$T/p" "\"adopted_version\":$v"
	web_get ciso /proposals/R2026-03 >"$T/page"
	assert_contains "$T/page" "<a href=\"/policy/$v\">第${v}版</a>"
	assert_contains "$T/page" "<strong>採用</strong>"
	assert_contains "$T/page" "<dt>採用した版</dt><dd>第${v}版</dd>"
	assert_contains "$T/page" "<dt>きっかけ</dt><dd>監査</dd>"
	# decided once: a second decision is a conflict
	st=$(war_post ciso /proposals/R2026-03/reject -d note=x); assert_eq "${st%% *}" 409
	# and rejected, with the reason
	st=$(war_post ciso /proposals/R2026-01/reject -d note=来年度に再検討)
	assert_eq "$st" "303 $URL/proposals/R2026-01?r=rejected"
	assert_contains <(m report proposal show R2026-01) '不採用'
	web_stop
}

t_war_proposal_api() {
	war_world
	st=$(web_status ciso "/api/v1/proposals?fy=2026"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"no":"R2026-01"'
	assert_contains "$T/body" '"state_label":"提案中"'
	st=$(web_status ciso "/api/v1/proposals?state=rejected"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"no":"R2026-02"'
	assert_not_contains "$T/body" '"no":"R2026-01"'
	st=$(web_status ciso "/api/v1/proposals/R2026-02"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '{"proposal":{'
	st=$(web_status ciso "/api/v1/proposals/R2099-01"); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"error":{"code":"not_found"'
	st=$(web_status staff "/api/v1/proposals"); assert_eq "${st%% *}" 403
	n0=$(war_journal_n)
	# a session POST without the CSRF token, refused input: nothing written
	st=$(web_status chief /api/v1/proposals -d clause=6.2.4 -d proposal=x -d reason=y -d source=other)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	st=$(war_post chief /api/v1/proposals -d clause=6.2.4 -d reason=y -d source=other)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"error":{"code":"validation"'
	st=$(war_post ciso /api/v1/proposals/R2026-01/adopt -d version=abc); assert_eq "${st%% *}" 400
	st=$(war_post audit /api/v1/proposals/R2026-01/reject -d note=x); assert_eq "${st%% *}" 403
	assert_eq "$(war_journal_n)" "$n0"
	st=$(war_post chief /api/v1/proposals -d clause=6.2.4 -d proposal=持ち出しの記録 -d reason=y -d source=other)
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"no":"R2026-03"'
	st=$(war_post ciso /api/v1/proposals/R2026-03/reject -d note=見送り); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"rejected"'
	assert_contains <(m report proposal show R2026-03) '不採用'
	web_stop
}

t_war_dashboard_cards() {
	m demo >/dev/null
	# a respondent of the open campaign S2026-01, asked in one role, who has not submitted yet
	# and has no demo account (those sign in with their own demo passwords)
	no=$(sql "SELECT s.staff_no FROM inspect_respondent r JOIN staff s ON s.id = r.staff_id
		JOIN inspect_campaign c ON c.id = r.campaign_id WHERE c.campaign_no = 'S2026-01'
		AND r.submitted_at IS NULL AND NOT EXISTS (SELECT 1 FROM account a WHERE a.staff_id = s.id)
		AND NOT EXISTS (SELECT 1 FROM inspect_respondent o
		WHERE o.campaign_id = r.campaign_id AND o.staff_id = r.staff_id AND o.id <> r.id)
		ORDER BY r.id LIMIT 1")
	[ -n "$no" ] || fail "no pending respondent in the demo"
	pw=$(web_account "$no")
	web_start
	st=$(web_login resp "$no" "$pw" 'Kaitou-Password-2026x'); assert_eq "$st" "303 $URL/"
	web_get resp / >"$T/dash"
	assert_contains "$T/dash" '<h2 id="ar-inspect">未回答の自己点検</h2>'
	assert_contains "$T/dash" '<a href="/inspect/S2026-01/answer">S2026-01</a>'
	assert_contains "$T/dash" '<h2 id="ar-training">研修</h2>'
	# 基礎研修 (全職員) is in the approved plan of 令和8年度 and not attended yet
	assert_contains "$T/dash" '情報セキュリティ基礎研修</a>（研修・7月予定）'
	# the owner of an open, overdue-free action; another owner's overdue one
	web_login_demo_totp sysadm 030002 demo-sysadmin-kakuu
	web_get sysadm / >"$T/dash"
	assert_contains "$T/dash" '<a href="/actions/C2026-000001">C2026-000001</a>'
	assert_not_contains "$T/dash" 'C2026-000003'
	assert_not_contains "$T/dash" '<a href="/inspect/S2026-01/answer">'
	# the owner of the overdue C2026-000003 (a privileged account: TOTP)
	owner=$(sql "SELECT s.staff_no FROM corrective_action a JOIN staff s ON s.id = a.owner_id
		WHERE a.action_no = 'C2026-000003'")
	pw=$(web_account "$owner")
	web_signin_enrol owner "$owner" "$pw" 'Tantou-Password-2026x'
	web_get owner / >"$T/dash"
	assert_contains "$T/dash" '<li class="ar-overdue"><a href="/actions/C2026-000003">C2026-000003</a>'
	assert_contains "$T/dash" '<strong>期限超過</strong>'
	web_stop
}
