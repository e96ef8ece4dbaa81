# One incident in the browser and the JSON API (docs/web.md 「インシデント
# （詳細・対応・報告書）」, docs/api.md): the detail page, every step of the
# response through the forms (each POST → 303, and `mamori incident show`
# agrees), who may do what (404 out of scope, 403 without the role), CSRF,
# bad input (422, nothing written), escaping, notices, targets, the report
# downloads and the API.  Uses the demo municipality (架空市) and the helpers
# of test_web.sh.
#
# People of the demo: CSIRT member 050016, the CISO 900001 (demo account,
# TOTP), the 職員 170003 of 秘書課 (demo account) and the 男女共同参画課長 920004.

# Entries in the journal (nothing written means this does not change).
wid_journal_n() { sql "SELECT COUNT(*) FROM journal"; }

# The incident number in `incident new`'s output.
wid_no_of() { grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$1" | head -1; }

# A field of the incident as `mamori incident show --format json` prints it.
wid_show() { m --format json incident show "$1" >"$T/show.json"; python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = d
for k in sys.argv[2].split("."):
    v = v[int(k)] if isinstance(v, list) else v[k]
print(json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) or v is None or isinstance(v, bool) else v)
' "$T/show.json" "$2"; }

# The id of the last timeline step of KIND.
wid_step_id() { sql "SELECT MAX(id) FROM case_event WHERE case_kind = 'incident' AND kind = '$2'
	AND case_id = (SELECT id FROM incident WHERE incident_no = '$1')"; }

# The demo, a new incident reported by the 職員 (NO), and everyone signed in.
wid_world() {
	m demo >/dev/null
	m --as 170003 incident new --title '<b>USB</b>の紛失' --category malware \
		--situation '<script>alert(1)</script>端末が警告を表示' --cause 不審メール \
		--damage 端末1台 --record 画面写真 --asset S002-001 >"$T/new"
	NO=$(wid_no_of "$T/new")
	[ -n "$NO" ] || fail "no incident number: $(cat "$T/new")"
	pwc=$(web_account 050016); pwm=$(web_account 920004)
	web_start
	st=$(web_login csirt 050016 "$pwc" 'Csirt-Password-2026xy'); assert_eq "$st" "303 $URL/"
	st=$(web_login staff 170003 demo-shokuin-kakuu); assert_eq "$st" "303 $URL/"
	st=$(web_login other 920004 "$pwm" 'Danjo-Password-2026xy'); assert_eq "$st" "303 $URL/"
	web_login_demo_totp ciso 900001 demo-ciso-kakuu
	for who in csirt staff other ciso; do
		web_get "$who" / >"$T/dash.$who"
		web_csrf_of "$T/dash.$who" >"$T/csrf.$who"
		[ -s "$T/csrf.$who" ] || fail "$who is not signed in"
	done
}

# POSTs a step as WHO: wid_step WHO KIND [curl args…]; prints status and Location.
wid_step() {
	local who=$1 kind=$2; shift 2
	web_status "$who" "/incidents/$NO/step" --data-urlencode "csrf=$(cat "$T/csrf.$who")" \
		--data-urlencode "kind=$kind" "$@"
}

t_wid_whole_life_through_the_web() {
	wid_world
	# the reporter sees the 第一報 escaped, may add a note, and nothing else
	st=$(web_status staff "/incidents/$NO"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" "<h1>インシデント $NO <small>&lt;b&gt;USB&lt;/b&gt;の紛失</small></h1>"
	assert_contains "$T/body" '<dt>状況</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;端末が警告を表示</dd>'
	assert_not_contains "$T/body" '<script>alert(1)'
	assert_contains "$T/body" '<dt>推定原因</dt><dd>不審メール</dd>'
	assert_contains "$T/body" '<dt>インシデントに該当するか</dt><dd>未評価（CSIRTが評価中）</dd>'
	assert_contains "$T/body" 'S002-001'
	assert_contains "$T/body" '秘書課 業務ファイル'
	assert_contains "$T/body" '<dt>最高機密性</dt><dd>機密性2</dd>'
	assert_contains "$T/body" '経過 #'
	assert_contains "$T/body" '<td>受付</td>'
	assert_contains "$T/body" 'name="kind" value="note"'
	assert_not_contains "$T/body" 'name="kind" value="assess"'
	assert_not_contains "$T/body" '報告書を作成する'
	n0=$(wid_journal_n)
	st=$(wid_step staff assess --data-urlencode is_incident=yes); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '「CSIRT評価」は、あなたの役割とこのインシデントの状態（受付）では行えません'
	assert_eq "$(wid_journal_n)" "$n0"
	assert_eq "$(wid_show "$NO" state)" received
	st=$(wid_step staff note --data-urlencode 'note=<script>alert(2)</script>追記')
	assert_eq "$st" "303 $URL/incidents/$NO?r=done"
	web_get staff "/incidents/$NO?r=done" >"$T/d"
	assert_contains "$T/d" '記録しました。'
	assert_contains "$T/d" '&lt;script&gt;alert(2)&lt;/script&gt;追記'
	assert_not_contains "$T/d" '<script>alert(2)'
	# CSIRT: the assessment form, then every step in turn
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" 'name="kind" value="assess"'
	assert_contains "$T/d" '報告書を作成する'
	assert_not_contains "$T/d" 'name="kind" value="measure"'
	st=$(wid_step csirt assess --data-urlencode is_incident=yes --data-urlencode note=マルウェアと判断)
	assert_eq "$st" "303 $URL/incidents/$NO?r=done"
	assert_eq "$(wid_show "$NO" state)" responding
	assert_eq "$(wid_show "$NO" is_incident)" true
	st=$(wid_step csirt measure --data-urlencode note=端末を隔離); assert_eq "${st%% *}" 303
	st=$(wid_step csirt recovery --data-urlencode note=再セットアップを指示); assert_eq "${st%% *}" 303
	# a cut-off without a reason: 422 with the message, the values kept, nothing written
	n0=$(wid_journal_n)
	st=$(wid_step csirt cutoff --data-urlencode 'target=<i>庁内LAN</i>' --data-urlencode emergency=1)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '遮断には対象'
	assert_contains "$T/body" 'value="&lt;i&gt;庁内LAN&lt;/i&gt;"'
	assert_eq "$(wid_journal_n)" "$n0"
	# without the CSRF token: 403, nothing written
	st=$(web_status csirt "/incidents/$NO/step" --data-urlencode kind=cutoff \
		--data-urlencode target=庁内LAN --data-urlencode reason=拡大防止)
	assert_eq "${st%% *}" 403
	assert_eq "$(wid_journal_n)" "$n0"
	# an emergency cut-off ordered by the 統括, then its after-the-fact report
	st=$(wid_step csirt cutoff --data-urlencode target=庁内LAN --data-urlencode reason=拡大防止 \
		--data-urlencode ordered_by=930001 --data-urlencode emergency=1)
	assert_eq "${st%% *}" 303
	cut=$(wid_step_id "$NO" cutoff)
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" "<td>経過 #$cut</td>"
	assert_contains "$T/d" '<dt>遮断の対象</dt><dd>庁内LAN</dd>'
	assert_contains "$T/d" '<dt>理由</dt><dd>拡大防止</dd>'
	assert_contains "$T/d" '<dt>指示した職員</dt><dd>930001（市川 彩）</dd>'
	assert_contains "$T/d" '<dt>緊急</dt><dd>緊急遮断</dd>'
	assert_contains "$T/d" '<dt>事後報告</dt><dd>未報告</dd>'
	assert_contains "$T/d" "<option value=\"$cut\">経過 #$cut"
	st=$(wid_step csirt cutoff_report --data-urlencode "ref=$cut" --data-urlencode note=統括へ報告)
	assert_eq "${st%% *}" 303
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '<dt>事後報告</dt><dd>済</dd>'
	assert_contains "$T/d" "<dt>対象の遮断</dt><dd>経過 #$cut</dd>"
	assert_not_contains "$T/d" 'name="kind" value="cutoff_report"'
	# investigate, prevention; the directive is the CISO's alone
	st=$(wid_step csirt investigate --data-urlencode note=送信元を解析); assert_eq "${st%% *}" 303
	assert_eq "$(wid_show "$NO" state)" investigating
	st=$(wid_step csirt prevention --data-urlencode note=添付の無害化); assert_eq "${st%% *}" 303
	assert_eq "$(wid_show "$NO" state)" prevention
	st=$(wid_step csirt directive --data-urlencode note=注意喚起); assert_eq "${st%% *}" 403
	web_get ciso "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" 'name="kind" value="directive"'
	st=$(wid_step ciso directive --data-urlencode note=全職員へ注意喚起); assert_eq "${st%% *}" 303
	st=$(wid_step csirt close); assert_eq "$st" "303 $URL/incidents/$NO?r=done"
	assert_eq "$(wid_show "$NO" state)" closed
	m incident show "$NO" >"$T/cli"
	for k in CSIRT評価 応急措置 復旧の指示 ネットワーク・システムの遮断 緊急遮断の事後報告 原因究明 \
		再発防止策 CISOの指示 完了 記録; do
		assert_contains "$T/cli" "$k"
	done
	# once closed, no step is offered but a note
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '<dt>状態</dt><dd>完了</dd>'
	assert_not_contains "$T/d" 'name="kind" value="close"'
	st=$(wid_step csirt measure --data-urlencode note=x); assert_eq "${st%% *}" 403
	web_stop
	m verify >/dev/null
}

t_wid_scope_and_refusals() {
	wid_world
	# the 職員 sees their own report only: another's answers 404 like a missing number
	st=$(web_status staff /incidents/I2026-000002); assert_eq "${st%% *}" 404
	cp "$T/body" "$T/404a"
	st=$(web_status staff /incidents/I2026-999999); assert_eq "${st%% *}" 404
	cmp "$T/404a" "$T/body"
	st=$(web_status staff /incidents/I2026-000002/step --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		--data-urlencode kind=note --data-urlencode note=x)
	assert_eq "${st%% *}" 404
	st=$(web_status staff /api/v1/incidents/I2026-000002); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"code":"not_found"'
	# another 課's manager: 404 on the 秘書課's incident, page and API
	for p in "/incidents/$NO" "/api/v1/incidents/$NO"; do
		st=$(web_status other "$p"); assert_eq "${st%% *}" 404
	done
	st=$(web_status other "/incidents/$NO/notify" --data-urlencode "csrf=$(cat "$T/csrf.other")" \
		--data-urlencode party=manager)
	assert_eq "${st%% *}" 404
	# a resident's contact is shown to CSIRT only
	web_get csirt /incidents/I2026-000003 >"$T/d"
	assert_contains "$T/d" '<dt>報告者の連絡先</dt><dd>090-0000-0000</dd>'
	assert_contains "$T/d" '住民等外部からの連絡'
	# bad input: an unknown kind, a report without its cut-off, all 422 and nothing written
	n0=$(wid_journal_n)
	st=$(wid_step csirt nosuch); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '手順の種類（kind）が正しくありません'
	st=$(wid_step csirt assess); assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'CSIRT評価には'
	st=$(wid_step csirt note); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '記録する内容'
	assert_eq "$(wid_journal_n)" "$n0"
	web_stop
}

t_wid_notify_and_targets() {
	wid_world
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '連絡済みにする'
	assert_contains "$T/d" '<option value="電話">電話</option>'
	web_get staff "/incidents/$NO" >"$T/d"
	assert_not_contains "$T/d" '連絡済みにする'
	# the 職員 may not record notices
	n0=$(wid_journal_n)
	st=$(web_status staff "/incidents/$NO/notify" --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		--data-urlencode party=manager --data-urlencode channel=電話)
	assert_eq "${st%% *}" 403
	assert_eq "$(wid_journal_n)" "$n0"
	# CSIRT records the 課's manager told by phone
	st=$(web_status csirt "/incidents/$NO/notify" --data-urlencode "csrf=$(cat "$T/csrf.csirt")" \
		--data-urlencode party=manager --data-urlencode channel=電話 --data-urlencode 'note=<b>課長へ</b>')
	assert_eq "$st" "303 $URL/incidents/$NO?r=done"
	m --format json incident show "$NO" >"$T/j"
	assert_contains "$T/j" '"channel":"電話","done_at":"2026-06-01T01:00:00Z"'
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '&lt;b&gt;課長へ&lt;/b&gt;'
	assert_contains "$T/d" '<td>連絡</td>'
	# an unknown party: 422
	st=$(web_status csirt "/incidents/$NO/notify" --data-urlencode "csrf=$(cat "$T/csrf.csirt")" \
		--data-urlencode party=nosuch)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '通知先「nosuch」はありません'
	# targets: the reporter adds an asset; a duplicate and an unknown one are refused
	st=$(web_status staff "/incidents/$NO/targets" --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		--data-urlencode 'assets=S002-002')
	assert_eq "$st" "303 $URL/incidents/$NO?r=done"
	m --format json incident show "$NO" >"$T/j"
	assert_contains "$T/j" '"asset_no":"S002-002"'
	web_get staff "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '秘書課 公表資料'
	n0=$(wid_journal_n)
	st=$(web_status csirt "/incidents/$NO/targets" --data-urlencode "csrf=$(cat "$T/csrf.csirt")" \
		--data-urlencode 'assets=S002-002')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'S002-002'
	assert_contains "$T/body" 'value="S002-002"'
	st=$(web_status csirt "/incidents/$NO/targets" --data-urlencode "csrf=$(cat "$T/csrf.csirt")")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '追加する資産番号かシステムコードを入力してください'
	assert_eq "$(wid_journal_n)" "$n0"
	# another 課's manager may not even see it
	st=$(web_status other "/incidents/$NO/targets" --data-urlencode "csrf=$(cat "$T/csrf.other")" \
		--data-urlencode 'assets=S001-001')
	assert_eq "${st%% *}" 404
	# a notice past its due time is marked on its row (the server's clock is
	# 10:00 JST; detected at 08:00, the first links were due at 09:00)
	m --as 170003 incident new --title 遅れ --situation 連絡が遅れた --detected '2026-06-01 08:00' >"$T/late"
	late=$(wid_no_of "$T/late")
	web_get csirt "/incidents/$late" >"$T/d"
	assert_contains "$T/d" '<tr class="inc-overdue"><td>情報セキュリティ管理者'
	assert_contains "$T/d" '（期限超過）'
	# and the dashboards of those concerned list it; another 課's manager's does not
	web_get csirt / >"$T/dash"
	assert_contains "$T/dash" '連絡が遅れているインシデント'
	assert_contains "$T/dash" "$late"
	web_get staff / >"$T/dash"
	assert_contains "$T/dash" "$late"
	web_get other / >"$T/dash"
	assert_not_contains "$T/dash" "$late"
	assert_contains "$T/dash" '期限を過ぎた連絡はありません'
	web_stop
	m verify >/dev/null
}

# POSTs a report as WHO for incident N: wid_report WHO N KIND FORMAT.
wid_report() {
	web_status "$1" "/incidents/$2/report" --data-urlencode "csrf=$(cat "$T/csrf.$1")" \
		--data-urlencode "kind=$3" --data-urlencode "format=$4"
}

t_wid_report_downloads() {
	wid_world
	steps() { sql "SELECT COUNT(*) FROM case_event WHERE kind = 'report'"; }
	# the 第一報 as HTML: the same bytes as the CLI's, and a "report" step
	m --format html incident report "$NO" --kind first -o "$T/cli.html" >/dev/null
	r0=$(steps)
	st=$(wid_report csirt "$NO" first html); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: text/html; charset=utf-8'
	assert_contains "$T/head" "Content-Disposition: attachment; filename=\"mamori-incident-$NO-first.html\"; filename*=UTF-8''${NO}_%E7%AC%AC%E4%B8%80%E5%A0%B1.html"
	cmp "$T/cli.html" "$T/body" || fail "the page's 第一報 differs from the CLI's"
	assert_contains "$T/body" "$NO"
	assert_eq "$(steps)" $((r0 + 1))
	assert_eq "$(sql "SELECT body FROM case_event WHERE id = (SELECT MAX(id) FROM case_event)")" '{"format":"html","report":"first"}'
	# PDF and .xlsx
	st=$(wid_report csirt "$NO" progress pdf); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: application/pdf'
	[ "$(head -c 4 "$T/body")" = %PDF ] || fail "not a PDF"
	st=$(wid_report csirt "$NO" first xlsx); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	assert_contains "$T/head" "filename=\"mamori-incident-$NO-first.xlsx\""
	[ "$(head -c 4 "$T/body" | od -An -tx1 | tr -d ' ')" = 504b0304 ] || fail "not a zip"
	python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml")' "$T/body"
	assert_eq "$(steps)" $((r0 + 3))
	# the final report only once closed: 409, nothing written
	st=$(wid_report csirt "$NO" final pdf); assert_eq "${st%% *}" 409
	assert_contains "$T/body" '最終報告は作成できません'
	st=$(wid_report csirt I2026-000001 final html); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '最終報告'
	assert_contains "$T/body" 'I2026-000001'
	# bad kind or format: 422; not a responder: 403; out of scope: 404; no CSRF: 403
	st=$(wid_report csirt "$NO" nosuch pdf); assert_eq "${st%% *}" 422
	st=$(wid_report csirt "$NO" first doc); assert_eq "${st%% *}" 422
	st=$(wid_report staff "$NO" first pdf); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '報告書を作成できるのは'
	st=$(wid_report other "$NO" first pdf); assert_eq "${st%% *}" 404
	st=$(web_status csirt "/incidents/$NO/report" --data-urlencode kind=first --data-urlencode format=pdf)
	assert_eq "${st%% *}" 403
	assert_eq "$(steps)" $((r0 + 4))
	# the timeline names each report
	web_get csirt "/incidents/$NO" >"$T/d"
	assert_contains "$T/d" '<td>報告書の作成</td>'
	assert_contains "$T/d" '<dt>報告書</dt><dd>第一報</dd><dt>形式</dt><dd>xlsx</dd>'
	web_stop
	m verify >/dev/null
}

t_wid_api_detail_and_steps() {
	wid_world
	# the detail is `incident show --format json` under "incident"
	st=$(web_status csirt "/api/v1/incidents/$NO"); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: application/json'
	m --format json incident show "$NO" >"$T/cli.json"
	python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["incident"]
b = json.load(open(sys.argv[2]))
assert a == b, (a, b)' "$T/body" "$T/cli.json"
	# a step with a token, no CSRF needed
	m --format json account token add 050016 --name wid >"$T/tok"
	tok=$(sed 's/.*"token":"\([^"]*\)".*/\1/' "$T/tok")
	st=$(web_status none "/api/v1/incidents/$NO/step" -H "Authorization: Bearer $tok" \
		-d kind=assess -d is_incident=yes --data-urlencode note=該当)
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"responding"'
	assert_eq "$(wid_show "$NO" state)" responding
	# refusals with stable codes; nothing written
	n0=$(wid_journal_n)
	st=$(web_status none "/api/v1/incidents/$NO/step" -H "Authorization: Bearer $tok" \
		-d kind=cutoff -d target=LAN)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '{"error":{"code":"validation","message":"遮断には'
	st=$(web_status staff "/api/v1/incidents/$NO/step" --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		-d kind=measure)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"forbidden"'
	st=$(web_status staff "/api/v1/incidents/$NO/step" -d kind=note -d note=x)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	assert_eq "$(wid_journal_n)" "$n0"
	# notify and targets through the API
	st=$(web_status none "/api/v1/incidents/$NO/notify" -H "Authorization: Bearer $tok" \
		-d party=csirt --data-urlencode channel=メール)
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"channel":"メール"'
	st=$(web_status none "/api/v1/incidents/$NO/targets" -H "Authorization: Bearer $tok" \
		-d 'assets=S001-001')
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"asset_no":"S001-001"'
	st=$(web_status none "/api/v1/incidents/$NO/targets" -H "Authorization: Bearer $tok" \
		-d 'assets=S001-001')
	assert_eq "${st%% *}" 400
	web_stop
	m verify >/dev/null
}

# A 持ち出し that is out offers a report of its loss, linked to the request.
t_wid_report_from_a_lost_takeout() {
	wid_world
	rno=$(m --as 170003 request new 持ち出し --asset S002-001 --field 品目=ノートPC --field 数量=1 \
		--field 目的=説明会 --field 場所=県庁 --field 返却予定日=2026-06-10 | grep -o '[0-9]\{4\}-[0-9]\{6\}')
	m --as 950001 request approve "$rno" >/dev/null
	web_get staff "/requests/$rno" >"$T/r"
	assert_not_contains "$T/r" '紛失・盗難としてインシデントを報告する'
	m --as 170003 request done "$rno" >/dev/null
	web_get staff "/requests/$rno" >"$T/r"
	assert_contains "$T/r" '紛失・盗難としてインシデントを報告する'
	assert_contains "$T/r" "/incidents/new?category=loss_theft&amp;origin=request%3A$rno&amp;assets=S002-001"
	# the linked form comes filled in, the origin kept hidden
	web_get staff "/incidents/new?category=loss_theft&origin=request%3A$rno&assets=S002-001" >"$T/f"
	assert_contains "$T/f" "<input type=\"hidden\" name=\"origin\" value=\"request:$rno\">"
	assert_contains "$T/f" 'S002-001</textarea>'
	st=$(web_status staff /incidents/new --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		--data-urlencode title=ノートPCの紛失 --data-urlencode category=loss_theft \
		--data-urlencode situation=帰庁時に紛失に気づいた --data-urlencode "origin=request:$rno" \
		--data-urlencode assets=S002-001)
	assert_eq "${st%% *}" 303
	lost=$(echo "$st" | grep -o 'I[0-9]\{4\}-[0-9]\{6\}')
	m --format json incident show "$lost" >"$T/j"
	assert_contains "$T/j" "\"origin\":\"request:$rno\""
	web_get staff "/incidents/$lost" >"$T/d"
	assert_contains "$T/d" "<dt>発端</dt><dd>申請 $rno</dd>"
	# an origin that does not exist: 422, nothing written
	n0=$(wid_journal_n)
	st=$(web_status staff /incidents/new --data-urlencode "csrf=$(cat "$T/csrf.staff")" \
		--data-urlencode title=x --data-urlencode situation=y --data-urlencode origin=request:2026-999999)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '発端の記録「2026-999999」はありません'
	assert_eq "$(wid_journal_n)" "$n0"
	web_stop
	m verify >/dev/null
}
