# 例外措置 and 違反 in the browser and the JSON API (docs/web.md 「例外措置」
# 「違反」, docs/api.md): the life of an exception (filed by a manager,
# permitted by the CISO, reviewed, ended), an emergency one reported then
# decided, the refused self-decision, a violation recorded, guided,
# suspended by the 統括 (the account follows) and lifted; scope (404 out of
# it, 403 without the role), CSRF, bad input (422, nothing written),
# escaping, CSV and the API.  Uses the demo municipality (架空市) and the
# helpers of test_web.sh.
#
# People of the demo: the CISO 900001 and the 統括 930001 (demo accounts,
# TOTP), the 市民課長 and 情報システム管理者 of SYS01 030002 (TOTP), the
# 秘書課長 950001 and the 職員 170003 of 秘書課 (demo accounts).  Demo
# records: E2026-000001 (permitted, SYS01), E2026-000002 (emergency,
# waiting for its report), V2026-000001 (佐野 of 市民課, under guidance).

wexv_journal_n() { sql "SELECT COUNT(*) FROM journal"; }

# The demo with everyone signed in; the CSRF token of each in $T/csrf.WHO.
wexv_world() {
	m demo >/dev/null
	web_start
	st=$(web_login kacho 950001 demo-kacho-kakuu); assert_eq "$st" "303 $URL/"
	st=$(web_login staff 170003 demo-shokuin-kakuu); assert_eq "$st" "303 $URL/"
	web_login_demo_totp ciso 900001 demo-ciso-kakuu
	web_login_demo_totp chief 930001 demo-tokatsu-kakuu
	web_login_demo_totp sysadm 030002 demo-sysadmin-kakuu
	for who in kacho staff ciso chief sysadm; do
		web_get "$who" / >"$T/dash.$who"
		web_csrf_of "$T/dash.$who" >"$T/csrf.$who"
		[ -s "$T/csrf.$who" ] || fail "$who is not signed in"
	done
}

# POSTs as WHO to PATH with the CSRF token: wexv_post WHO PATH [curl args…].
wexv_post() {
	local who=$1 path=$2; shift 2
	web_status "$who" "$path" --data-urlencode "csrf=$(cat "$T/csrf.$who")" "$@"
}

# The 課 option value of the filing form (unit:CODE) as WHO sees it.
wexv_unit_target() {
	web_get "$1" /exceptions/new | grep -o 'value="unit:[^"]*"' | head -1 | sed 's/value="//; s/"$//'
}

# A field of `mamori exception|violation show NO --format json`.
wexv_show() { m --format json "$1" show "$2" | python3 -c '
import json, sys
d = json.load(sys.stdin)
v = (d.get("exceptions") or d.get("violations"))[0]
print(v[sys.argv[1]] if v.get(sys.argv[1]) is not None else "")' "$3"; }

t_wx_life_of_an_exception() {
	wexv_world
	target=$(wexv_unit_target kacho)
	[ -n "$target" ] || fail "no 課 in the 秘書課長's form"
	# the form offers only the 課 the manager may file for
	web_get kacho /exceptions/new >"$T/form"
	assert_contains "$T/form" 'name="clause"'
	assert_not_contains "$T/form" 'system:'
	st=$(wexv_post kacho /exceptions/new --data-urlencode "target=$target" -d clause=6.2.4 \
		--data-urlencode 'reason=<script>x</script>窓口が止まる' --data-urlencode scope=受付端末2台 \
		--data-urlencode measures=目視で監視 -d starts_on=2026-06-01 -d ends_on=2026-09-30)
	no=$(sed -n 's|.*/exceptions/\(E[0-9-]*\)$|\1|p' <<<"$st")
	[ -n "$no" ] || fail "no exception number in: $st"
	assert_eq "$st" "303 $URL/exceptions/$no"
	assert_eq "$(wexv_show exception "$no" state)" requested
	# the detail escapes the reason; the requester has no decide form
	st=$(web_status kacho "/exceptions/$no"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '&lt;script&gt;x&lt;/script&gt;窓口が止まる'
	assert_not_contains "$T/body" '<script>x'
	assert_not_contains "$T/body" 'value="permit"'
	assert_contains "$T/body" '申請中'
	# the list shows it (short reason escaped) and the CSV carries it with a BOM
	web_get kacho /exceptions >"$T/list"
	assert_contains "$T/list" "/exceptions/$no"
	assert_contains "$T/list" '&lt;script&gt;'
	assert_not_contains "$T/list" '<script>x'
	assert_not_contains "$T/list" 'E2026-000001'
	web_get kacho '/exceptions?format=csv' >"$T/csv"
	head -c 3 "$T/csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	assert_contains "$T/csv" '番号,区分,条項,課,システム'
	assert_contains "$T/csv" "$no,通常,6.2.4"
	# the manager may not decide (403, nothing written)
	n0=$(wexv_journal_n)
	st=$(wexv_post kacho "/exceptions/$no/decide" -d decision=permit); assert_eq "${st%% *}" 403
	assert_contains "$T/body" 'CISO'
	assert_eq "$(wexv_journal_n)" "$n0"
	# the CISO sees the decide form and permits; the CLI agrees
	web_get ciso "/exceptions/$no" >"$T/d"
	assert_contains "$T/d" 'value="permit"'
	st=$(wexv_post ciso "/exceptions/$no/decide" -d decision=permit --data-urlencode note=3か月で見直し)
	assert_eq "$st" "303 $URL/exceptions/$no"
	assert_eq "$(wexv_show exception "$no" state)" permitted
	assert_eq "$(wexv_show exception "$no" decided_by)" 900001
	web_get ciso "/exceptions/$no" >"$T/d"
	assert_contains "$T/d" '3か月で見直し'
	assert_contains "$T/d" '<strong>許可</strong>'
	assert_not_contains "$T/d" 'value="permit"'
	# a second decision is refused for the state (409)
	st=$(wexv_post ciso "/exceptions/$no/decide" -d decision=reject); assert_eq "${st%% *}" 409
	# review by the CISO, then the requester ends it
	st=$(wexv_post ciso "/exceptions/$no/review" --data-urlencode note=代替措置を確認)
	assert_eq "$st" "303 $URL/exceptions/$no"
	[ -n "$(wexv_show exception "$no" reviewed_at)" ] || fail "no review recorded"
	st=$(wexv_post kacho "/exceptions/$no/review"); assert_eq "${st%% *}" 403
	st=$(wexv_post kacho "/exceptions/$no/end" --data-urlencode note=端末を更新した)
	assert_eq "$st" "303 $URL/exceptions/$no"
	assert_eq "$(wexv_show exception "$no" state)" ended
	web_get kacho "/exceptions/$no" >"$T/d"
	assert_contains "$T/d" '端末を更新した'
	assert_not_contains "$T/d" '/end"'
	# the state filter, sorting (the current column marked) and paging
	web_get ciso '/exceptions?state=ended' >"$T/l"
	assert_contains "$T/l" "$no"
	assert_not_contains "$T/l" 'E2026-000001'
	web_get ciso '/exceptions?sort=clause&dir=asc' >"$T/l"
	assert_contains "$T/l" 'aria-sort="ascending"'
	python3 - "$T/l" <<'PY' || fail "not sorted by clause"
import re, sys
rows = re.findall(r'<tr><td><a href="/exceptions/[^"]*">[^<]*</a>(?:[^<]|<span[^>]*>[^<]*</span>)*</td><td>([^<]*)</td>', open(sys.argv[1]).read())
assert rows == sorted(rows) and len(rows) == 3, rows
PY
	web_get ciso '/exceptions?limit=1&offset=1' >"$T/l"
	assert_eq "$(grep -c '<tr><td><a href="/exceptions/' "$T/l")" 1
	assert_contains "$T/l" '3 件中'
	m verify >/dev/null
	web_stop
}

t_wx_emergency_reported_then_decided() {
	wexv_world
	# the demo's emergency exception waits for its report: no decide form yet
	web_get ciso /exceptions/E2026-000002 >"$T/d"
	assert_contains "$T/d" '緊急実施（報告待ち）'
	assert_not_contains "$T/d" 'value="permit"'
	web_get ciso '/exceptions?emergency=1' >"$T/l"
	assert_contains "$T/l" E2026-000002
	assert_not_contains "$T/l" E2026-000001
	# deciding before the report: refused for the state
	st=$(wexv_post ciso /exceptions/E2026-000002/decide -d decision=permit); assert_eq "${st%% *}" 409
	assert_contains "$T/body" 'まだ報告されていません'
	# the system's administrator reports it
	web_get sysadm /exceptions/E2026-000002 >"$T/d"
	assert_contains "$T/d" '/exceptions/E2026-000002/report'
	st=$(wexv_post sysadm /exceptions/E2026-000002/report --data-urlencode note=電話で報告)
	assert_eq "$st" "303 $URL/exceptions/E2026-000002"
	[ -n "$(wexv_show exception E2026-000002 reported_at)" ] || fail "not reported"
	# now the CISO decides
	st=$(wexv_post ciso /exceptions/E2026-000002/decide -d decision=permit)
	assert_eq "$st" "303 $URL/exceptions/E2026-000002"
	assert_eq "$(wexv_show exception E2026-000002 state)" permitted
	# a system admin files an emergency exception for their system
	web_get sysadm /exceptions/new >"$T/form"
	assert_contains "$T/form" 'value="system:SYS01"'
	st=$(wexv_post sysadm /exceptions/new -d target=system:SYS01 -d clause=6.1.2 -d emergency=1 \
		--data-urlencode reason=装置の故障 --data-urlencode scope=バックアップ \
		--data-urlencode measures=手動で取得 -d ends_on=2026-06-10)
	no=$(sed -n 's|.*/exceptions/\(E[0-9-]*\)$|\1|p' <<<"$st")
	[ -n "$no" ] || fail "no number: $st"
	assert_eq "$(wexv_show exception "$no" state)" applied
	assert_eq "$(wexv_show exception "$no" emergency)" True
	web_stop
}

t_wx_self_decision_refused() {
	m demo >/dev/null
	# the 課 whose manager is 950001 (the demo's 秘書課)
	unit=$(sql "SELECT o.code FROM role_assignment r JOIN org_unit o ON o.id = r.unit_id
		JOIN staff s ON s.id = r.staff_id WHERE r.role = 'manager' AND s.staff_no = '950001'")
	[ -n "$unit" ] || fail "no 課 managed by 950001"
	m role assign manager 900001 --unit "$unit" >/dev/null
	m --as 900001 exception request --clause 6.2.4 --reason 自分の申請 --scope 端末 --measures 監視 \
		--ends 2026-07-01 --unit "$unit" >"$T/out"
	no=$(grep -o 'E[0-9]\{4\}-[0-9]\{6\}' "$T/out" | head -1)
	[ -n "$no" ] || fail "no number: $(cat "$T/out")"
	web_start
	web_login_demo_totp ciso 900001 demo-ciso-kakuu
	web_get ciso / >"$T/dash"; web_csrf_of "$T/dash" >"$T/csrf.ciso"
	web_get ciso "/exceptions/$no" >"$T/d"
	assert_contains "$T/d" '自分が申請した例外措置は決裁できません'
	assert_not_contains "$T/d" 'value="permit"'
	n0=$(wexv_journal_n)
	st=$(wexv_post ciso "/exceptions/$no/decide" -d decision=permit); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '自分が申請した例外措置は決裁できません（兼務の禁止 1.8.1）'
	assert_eq "$(wexv_journal_n)" "$n0"
	assert_eq "$(wexv_show exception "$no" state)" requested
	web_stop
}

t_wx_scope_csrf_and_bad_input() {
	wexv_world
	# the plain 職員: an empty register, 404 on records and actions, 403 on the form
	st=$(web_status staff /exceptions); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '該当する例外措置はありません'
	assert_not_contains "$T/body" '/exceptions/new'
	st=$(web_status staff /exceptions/E2026-000001); assert_eq "${st%% *}" 404
	cp "$T/body" "$T/404a"
	st=$(web_status staff /exceptions/E2099-999999); assert_eq "${st%% *}" 404
	cmp -s "$T/404a" "$T/body" || fail "404 pages differ"
	st=$(wexv_post staff /exceptions/E2026-000001/decide -d decision=permit); assert_eq "${st%% *}" 404
	st=$(wexv_post staff /exceptions/E2026-000001/end); assert_eq "${st%% *}" 404
	st=$(web_status staff /exceptions/new); assert_eq "${st%% *}" 403
	web_get staff '/exceptions?format=csv' >"$T/csv"
	assert_not_contains "$T/csv" E2026-
	# another 課's manager does not see 市民課's system exceptions; the 統括 sees all
	st=$(web_status kacho /exceptions/E2026-000001); assert_eq "${st%% *}" 404
	web_get chief /exceptions >"$T/l"; assert_contains "$T/l" E2026-000001; assert_contains "$T/l" E2026-000002
	web_get sysadm /exceptions >"$T/l"; assert_contains "$T/l" E2026-000001
	# CSRF missing: 403, nothing written
	n0=$(wexv_journal_n)
	st=$(web_status ciso /exceptions/E2026-000001/review -d note=x); assert_eq "${st%% *}" 403
	target=$(wexv_unit_target kacho)
	st=$(web_status kacho /exceptions/new -d "target=$target" -d clause=6.2.4 -d reason=r -d scope=s \
		-d measures=m -d ends_on=2026-09-30); assert_eq "${st%% *}" 403
	assert_eq "$(wexv_journal_n)" "$n0"
	# bad input: 422 with the values kept, nothing written
	st=$(wexv_post kacho /exceptions/new --data-urlencode "target=$target" -d clause=99.99 \
		--data-urlencode 'reason=<b>理由</b>' -d scope=s -d measures=m -d ends_on=2026-09-30)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'role="alert"'
	assert_contains "$T/body" '&lt;b&gt;理由&lt;/b&gt;'
	assert_contains "$T/body" 'value="99.99"'
	st=$(wexv_post kacho /exceptions/new --data-urlencode "target=$target" -d clause=6.2.4 \
		-d reason=r -d scope=s -d measures=m -d starts_on=2026-09-30 -d ends_on=2026-06-30)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '終了日'
	st=$(wexv_post kacho /exceptions/new -d target=system:SYS01 -d clause=6.2.4 -d reason=r -d scope=s \
		-d measures=m -d ends_on=2026-09-30)
	assert_eq "${st%% *}" 422
	# an unknown decision on a request waiting for one: 422; on a settled one: 409
	m --as 950001 exception request --clause 6.2.4 --reason r --scope s --measures m --ends 2026-07-01 \
		--unit "${target#unit:}" >"$T/out"
	no=$(grep -o 'E[0-9]\{4\}-[0-9]\{6\}' "$T/out" | head -1)
	n0=$(wexv_journal_n)
	st=$(wexv_post ciso "/exceptions/$no/decide" -d decision=maybe); assert_eq "${st%% *}" 422
	assert_contains "$T/body" '決定（permit: 許可 / reject: 却下）を指定してください'
	st=$(wexv_post ciso /exceptions/E2026-000001/decide -d decision=maybe); assert_eq "${st%% *}" 409
	assert_eq "$(wexv_journal_n)" "$n0"
	web_stop
}

t_wv_violation_guidance_suspend_lift() {
	wexv_world
	# the manager records a violation by their own 職員
	web_get kacho /violations/new >"$T/form"; assert_contains "$T/form" 'name="staff"'
	st=$(wexv_post kacho /violations/new -d staff=170003 -d clause=5.4.3.3 \
		--data-urlencode 'description=<script>x</script>付箋にパスワード')
	no=$(sed -n 's|.*/violations/\(V[0-9-]*\)$|\1|p' <<<"$st")
	[ -n "$no" ] || fail "no violation number in: $st"
	assert_eq "$(wexv_show violation "$no" state)" recorded
	st=$(web_status kacho "/violations/$no"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '&lt;script&gt;x&lt;/script&gt;付箋にパスワード'
	assert_not_contains "$T/body" '<script>x'
	assert_contains "$T/body" '情報セキュリティ管理者へ通知'
	assert_not_contains "$T/body" 'value="suspend"'
	# the list and the CSV
	web_get kacho /violations >"$T/l"; assert_contains "$T/l" "/violations/$no"
	assert_not_contains "$T/l" V2026-000001
	web_get kacho '/violations?format=csv' >"$T/csv"
	head -c 3 "$T/csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	assert_contains "$T/csv" "$no,170003"
	# suspension before guidance: refused for the state
	st=$(wexv_post chief "/violations/$no/restrict" -d action=suspend); assert_eq "${st%% *}" 409
	# guidance by the manager
	st=$(wexv_post kacho "/violations/$no/step" -d kind=guidance --data-urlencode note=口頭で指導)
	assert_eq "$st" "303 $URL/violations/$no"
	assert_eq "$(wexv_show violation "$no" state)" guided
	# the manager may not suspend (403, nothing written)
	n0=$(wexv_journal_n)
	st=$(wexv_post kacho "/violations/$no/restrict" -d action=suspend); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '統括情報セキュリティ責任者'
	assert_eq "$(wexv_journal_n)" "$n0"
	# the 統括 suspends: rights rows, notices, and the account is disabled
	web_get chief "/violations/$no" >"$T/d"; assert_contains "$T/d" 'value="suspend"'
	st=$(wexv_post chief "/violations/$no/restrict" -d action=suspend --data-urlencode note=改善なし)
	assert_eq "$st" "303 $URL/violations/$no"
	assert_eq "$(wexv_show violation "$no" state)" suspended
	m account list >"$T/acc"; grep 170003 "$T/acc" >"$T/acc1"
	assert_not_contains "$T/acc1" '有効'
	st=$(web_status staff /); assert_eq "$st" "303 $URL/login"
	web_get chief "/violations/$no" >"$T/d"
	assert_contains "$T/d" 'ネットワーク・情報システムの利用権（本人）'
	assert_contains "$T/d" 'CISO へ通知'
	assert_contains "$T/d" '/lift"'
	# lifting: the account is enabled again
	st=$(wexv_post chief "/violations/$no/lift" --data-urlencode note=研修を受講)
	assert_eq "$st" "303 $URL/violations/$no"
	assert_eq "$(wexv_show violation "$no" state)" lifted
	m account list >"$T/acc"; grep 170003 "$T/acc" >"$T/acc1"
	assert_contains "$T/acc1" '有効'
	st=$(web_login staff2 170003 demo-shokuin-kakuu); assert_eq "$st" "303 $URL/"
	m verify >/dev/null
	web_stop
}

t_wv_scope_csrf_and_bad_input() {
	wexv_world
	# the plain 職員 (even the subject of a record): 403 on every violation route
	for p in /violations /violations/new /violations/V2026-000001 /api/v1/violations; do
		st=$(web_status staff "$p"); assert_eq "${st%% *}" 403 || { echo "  at $p" >&2; return 1; }
	done
	st=$(wexv_post staff /violations/V2026-000001/step -d kind=note -d note=x); assert_eq "${st%% *}" 403
	# another 課's manager: 404 on 市民課's record and its actions
	st=$(web_status kacho /violations/V2026-000001); assert_eq "${st%% *}" 404
	st=$(wexv_post kacho /violations/V2026-000001/step -d kind=note -d note=x); assert_eq "${st%% *}" 404
	# 市民課's manager and the organisation-wide roles see it
	web_get sysadm /violations >"$T/l"; assert_contains "$T/l" V2026-000001
	web_get ciso '/violations?state=guided' >"$T/l"; assert_contains "$T/l" V2026-000001
	web_get ciso '/violations?state=lifted' >"$T/l"; assert_not_contains "$T/l" V2026-000001
	n0=$(wexv_journal_n)
	# recording someone outside one's scope reads like an unknown number
	st=$(wexv_post kacho /violations/new -d staff=040007 -d description=x); assert_eq "${st%% *}" 422
	cp "$T/body" "$T/out1"
	st=$(wexv_post kacho /violations/new -d staff=999999 -d description=x); assert_eq "${st%% *}" 422
	assert_contains "$T/out1" 'あなたの担当する範囲にいません'
	assert_contains "$T/body" 'あなたの担当する範囲にいません'
	# a manager neither records nor sees a case about themselves
	st=$(wexv_post kacho /violations/new -d staff=950001 -d description=x); assert_eq "${st%% *}" 422
	m --as 930001 violation record --staff 950001 --description 施錠忘れ >"$T/own"
	own=$(grep -o 'V[0-9]\{4\}-[0-9]\{6\}' "$T/own" | head -1)
	st=$(web_status kacho "/violations/$own"); assert_eq "${st%% *}" 404
	st=$(web_status chief "/violations/$own"); assert_eq "${st%% *}" 200
	n0=$(wexv_journal_n)
	# missing description, unknown clause, unknown kind: 422 with values kept
	st=$(wexv_post kacho /violations/new -d staff=170003 -d 'clause=<i>9</i>' -d description=)
	assert_eq "${st%% *}" 422; assert_contains "$T/body" 'value="&lt;i&gt;9&lt;/i&gt;"'
	st=$(wexv_post kacho /violations/new -d staff=170003 -d clause=99.99 -d description=x)
	assert_eq "${st%% *}" 422
	st=$(wexv_post sysadm /violations/V2026-000001/step -d kind=praise); assert_eq "${st%% *}" 422
	st=$(wexv_post sysadm /violations/V2026-000001/step -d kind=note); assert_eq "${st%% *}" 422
	# CSRF missing
	st=$(web_status sysadm /violations/V2026-000001/step -d kind=corrected); assert_eq "${st%% *}" 403
	assert_eq "$(wexv_journal_n)" "$n0"
	# a note by 市民課's manager is written
	st=$(wexv_post sysadm /violations/V2026-000001/step -d kind=note --data-urlencode 'note=<b>面談</b>')
	assert_eq "$st" "303 $URL/violations/V2026-000001"
	web_get sysadm /violations/V2026-000001 >"$T/d"; assert_contains "$T/d" '&lt;b&gt;面談&lt;/b&gt;'
	web_stop
}

t_wx_api_exceptions_and_violations() {
	wexv_world
	for n in 900001 950001 170003 930001; do
		m --format json account token add $n --name wexv >"$T/tok"
		eval "tok$n=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")"
	done
	api() { local tok=$1; shift; web_status none "$@" -H "Authorization: Bearer $tok"; }
	# the register: the CISO sees both demo exceptions; the 職員 none
	st=$(api "$tok900001" /api/v1/exceptions); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"exception_no":"E2026-000001"'
	assert_contains "$T/body" '"total":2'
	st=$(api "$tok170003" /api/v1/exceptions); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"total":0'
	st=$(api "$tok170003" /api/v1/exceptions/E2026-000001); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"code":"not_found"'
	st=$(api "$tok900001" '/api/v1/exceptions?state=bogus'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	st=$(api "$tok900001" '/api/v1/exceptions?limit=0'); assert_eq "${st%% *}" 400
	st=$(api "$tok900001" /api/v1/exceptions/E2026-000001); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"events":['
	assert_contains "$T/body" '"system":"SYS01"'
	# filing with a token (no CSRF needed); a refused one writes nothing
	target=$(wexv_unit_target kacho); unit=${target#unit:}
	n0=$(wexv_journal_n)
	st=$(api "$tok950001" /api/v1/exceptions -d "unit=$unit" -d clause=6.2.4 -d reason=r -d scope=s \
		-d measures=m); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"validation"'
	st=$(api "$tok170003" /api/v1/exceptions -d unit=X -d clause=6.2.4); assert_eq "${st%% *}" 403
	assert_eq "$(wexv_journal_n)" "$n0"
	st=$(api "$tok950001" /api/v1/exceptions -d "unit=$unit" -d clause=6.2.4 \
		--data-urlencode 'reason=<script>' -d scope=s -d measures=m -d ends_on=2026-08-31)
	assert_eq "${st%% *}" 201
	no=$(grep -o '"exception_no":"E[0-9-]*"' "$T/body" | sed 's/.*:"//; s/"$//')
	assert_contains "$T/body" '"reason":"\u003cscript\u003e"' || assert_contains "$T/body" '"reason":"<script>"'
	# deciding: the requester may not (403), the CISO may
	st=$(api "$tok950001" "/api/v1/exceptions/$no/decide" -d decision=permit); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"forbidden"'
	st=$(api "$tok900001" "/api/v1/exceptions/$no/decide" -d decision=reject --data-urlencode note=代替不足)
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"rejected"'
	st=$(api "$tok900001" "/api/v1/exceptions/$no/decide" -d decision=permit); assert_eq "${st%% *}" 409
	assert_contains "$T/body" '"code":"conflict"'
	# a session cookie posting to the API still needs the CSRF token
	st=$(web_status ciso /api/v1/exceptions/E2026-000002/decide -d decision=permit); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	# violations: the 職員 is refused, the 統括 sees all, the 秘書課長 only their 課
	st=$(api "$tok170003" /api/v1/violations); assert_eq "${st%% *}" 403
	st=$(api "$tok930001" /api/v1/violations); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"violation_no":"V2026-000001"'
	st=$(api "$tok950001" /api/v1/violations/V2026-000001); assert_eq "${st%% *}" 404
	st=$(api "$tok930001" /api/v1/violations/V2026-000001); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"rights":[]'
	assert_contains "$T/body" '"staff":"040007"'
	st=$(api "$tok950001" /api/v1/violations -d staff=170003 --data-urlencode description=無断持ち出し)
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"state":"recorded"'
	vno=$(grep -o '"violation_no":"V[0-9-]*"' "$T/body" | sed 's/.*:"//; s/"$//')
	m violation show "$vno" >"$T/cli"; assert_contains "$T/cli" '無断持ち出し'
	st=$(api "$tok950001" /api/v1/violations -d staff=040007 -d description=x); assert_eq "${st%% *}" 400
	web_stop
}
