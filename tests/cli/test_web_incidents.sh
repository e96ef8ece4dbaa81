# インシデントの一覧・報告・自分の対応 in the browser and the JSON API
# (docs/web.md, docs/api.md): a member of staff files a 第一報 from the form
# and sees it in their list; another member of staff does not; the CISO sees
# every incident; the filters, the overdue mark and the CSV; refused input
# (422, nothing written), CSRF, escaping; 自分の対応 for a manager, CSIRT and
# the CISO; the API list, filing and categories.  Uses test_web.sh's helpers.
# The tests' clock is 2026-06-01T01:00:00Z (10:00 JST).

# 総務課員 (10) and 税務課員 (13), 総務課長 (11, manager of S1), CSIRT責任者
# (22), the CISO (30), and assets of 総務課.
wi_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 13 --name 税務課員 --unit S3 >/dev/null
	m staff add --no 22 --name CSIRT責任者 --unit S2 >/dev/null
	m staff add --no 30 --name 副市長 --unit B1 >/dev/null
	m system add --code SYS1 --name 住記システム --unit S2 --zone mynumber >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign csirt_lead 22 >/dev/null
	m role assign ciso 30 >/dev/null
	m asset add --no PC1 --name ノートPC --type 情報システム --unit S1 --manager 11 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no D1 --name 住記バックアップ --type 媒体 --unit S1 --manager 11 --c 3 --i 2 --a 2 \
		--zone mynumber --personal 特定個人情報 >/dev/null
}

# Entries in the journal (nothing written leaves this unchanged).
wi_journal_n() { m --format json journal --limit 1000000 | grep -o '"seq":' | wc -l; }

# Signs in 10 (clerk), 13 (other), 11 (boss), 22 (csirt) and 30 (ciso, with TOTP).
wi_signin_all() {
	local pw st
	pw=$(web_account 10); st=$(web_login clerk 10 "$pw" 'Clerk-Password-2026xy'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 13); st=$(web_login other 13 "$pw" 'Other-Password-2026xy'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 11); st=$(web_login boss 11 "$pw" 'Boss-Password-2026xyz'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 22); st=$(web_login csirt 22 "$pw" 'Csirt-Password-2026xy'); assert_eq "$st" "303 $URL/"
	pw=$(web_account 30); web_signin_enrol ciso 30 "$pw" 'Ciso-Password-2026xyz'
}

# Posts the 第一報 form as JAR with extra curl args; prints status and Location.
wi_post_report() {
	local jar=$1; shift
	web_get "$jar" /incidents/new >"$T/form.$jar"
	local csrf; csrf=$(web_csrf_of "$T/form.$jar")
	web_status "$jar" /incidents/new --data-urlencode "csrf=$csrf" "$@"
}

t_wi_report_list_and_scope() {
	wi_org
	web_start
	wi_signin_all
	# the list offers the form; the form has the fields and defaults to now (JST)
	web_get clerk /incidents >"$T/list0"
	assert_contains "$T/list0" '<a class="button" href="/incidents/new">インシデントを報告</a>'
	assert_contains "$T/list0" '該当 0 件'
	st=$(web_status clerk /incidents/new); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'name="detected" type="datetime-local" value="2026-06-01T10:00"'
	assert_contains "$T/body" '<option value="leak">情報漏えい</option>'
	assert_contains "$T/body" '<option value="S1">総務課</option>'
	assert_contains "$T/body" '自分の課（総務課）'
	assert_contains "$T/body" 'name="situation"'
	assert_contains "$T/body" '<label for="i-title">件名<span class="req">必須</span></label>'
	st=$(wi_post_report clerk --data-urlencode 'title=<script>x</script>USB紛失' \
		--data-urlencode category=loss_theft --data-urlencode detected=2026-06-01T09:30 \
		--data-urlencode situation=帰庁時に紛失に気づいた --data-urlencode cause=置き忘れ \
		--data-urlencode $'assets=PC1\nD1' --data-urlencode systems=SYS1)
	no=$(grep -o 'I[0-9]\{4\}-[0-9]\{6\}' <<<"$st" | head -1)
	[ -n "$no" ] || fail "no incident number in: $st"
	assert_eq "$st" "303 $URL/incidents/$no"
	# the CLI agrees: reporter, detection read as JST, targets, severity from D1
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"detected_at":"2026-06-01T00:30:00Z"'
	assert_contains "$T/show" '"severity":"high"'
	assert_contains "$T/show" '"source":"staff"'
	assert_contains "$T/show" '"state":"received"'
	assert_contains "$T/show" '"asset_no":"D1"'
	assert_contains "$T/show" '"system_code":"SYS1"'
	m incident show "$no" >"$T/showt"; assert_contains "$T/showt" 総務課員
	# the reporter sees it in their list, escaped, linked to the detail page
	web_get clerk /incidents >"$T/list"
	assert_contains "$T/list" "<a href=\"/incidents/$no\">$no</a>"
	assert_contains "$T/list" '&lt;script&gt;x&lt;/script&gt;USB紛失'
	assert_not_contains "$T/list" '<script>x'
	assert_contains "$T/list" '紛失・盗難'
	assert_contains "$T/list" '<td>高</td><td>受付</td><td>2026-06-01 09:30</td>'
	assert_contains "$T/list" '該当 1 件'
	# the reporter may open the detail page; another 課's member of staff gets
	# 404 there, and sees it nowhere else either: page, API, CSV
	st=$(web_status clerk "/incidents/$no"); assert_eq "${st%% *}" 200
	st=$(web_status other "/incidents/$no"); assert_eq "${st%% *}" 404
	st=$(web_status other "/api/v1/incidents/$no"); assert_eq "${st%% *}" 404
	web_get other /incidents >"$T/olist"
	assert_not_contains "$T/olist" "$no"
	assert_contains "$T/olist" '該当 0 件'
	web_get other /api/v1/incidents >"$T/oapi"
	assert_contains "$T/oapi" '"total":0'
	web_get other '/incidents?format=csv' >"$T/ocsv"
	assert_not_contains "$T/ocsv" "$no"
	# the 課's manager (told of it) and the CISO (everything) see it
	web_get boss /incidents >"$T/blist"; assert_contains "$T/blist" "$no"
	web_get ciso /incidents >"$T/clist"; assert_contains "$T/clist" "$no"
	assert_contains "$T/clist" 'すべてのインシデントを表示しています'
	web_get ciso /api/v1/incidents >"$T/capi"
	assert_contains "$T/capi" "\"incident_no\":\"$no\""
	assert_contains "$T/capi" '"total":1'
	m verify >/dev/null
	web_stop
}

t_wi_bad_input_csrf() {
	wi_org
	web_start
	wi_signin_all
	n0=$(wi_journal_n)
	# no 状況: 422, the values kept, nothing written
	st=$(wi_post_report clerk --data-urlencode 'title=<b>件名</b>' --data-urlencode situation= \
		--data-urlencode cause=推定)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '状況を入力してください'
	assert_contains "$T/body" 'value="&lt;b&gt;件名&lt;/b&gt;"'
	assert_contains "$T/body" '>推定</textarea>'
	# an unknown 資産番号: the engine's message, 422
	st=$(wi_post_report clerk --data-urlencode title=件名 --data-urlencode situation=状況 \
		--data-urlencode 'assets=NOPE9')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'NOPE9'
	assert_contains "$T/body" 'value="件名"'
	# a detection time in the future (11:00 JST is after 10:00 JST)
	st=$(wi_post_report clerk --data-urlencode title=件名 --data-urlencode situation=状況 \
		--data-urlencode detected=2026-06-01T11:00)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '検知日時が未来です'
	# an unreadable time (the engine's message), an unknown 区分 (the form's)
	st=$(wi_post_report clerk --data-urlencode title=件名 --data-urlencode situation=状況 \
		--data-urlencode detected=きのう)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '検知日時「きのう」を読めません'
	st=$(wi_post_report clerk --data-urlencode title=件名 --data-urlencode situation=状況 \
		--data-urlencode category=nope)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '区分を一覧から選んでください'
	# no CSRF token: 403, nothing written
	st=$(web_status clerk /incidents/new --data-urlencode title=件名 --data-urlencode situation=状況)
	assert_eq "${st%% *}" 403
	assert_eq "$(wi_journal_n)" "$n0"
	m --format json incident list >"$T/cli"
	assert_not_contains "$T/cli" '"incident_no"'
	# signed out: to the sign-in page
	st=$(web_status anon /incidents/new); assert_eq "$st" "303 $URL/login"
	web_stop
}

# Two incidents by the CLI: A detected at 07:00 JST (its 1-hour notices are
# overdue at 10:00 JST), B (malware) at 09:50 JST (not yet due).
wi_two_incidents() {
	m --as 10 incident new --title 誤送信A --category misdelivery --situation 宛先誤り \
		--detected '2026-06-01 07:00' --asset PC1 >"$T/a"
	m --as 10 incident new --title 'マルウェアB' --category malware --situation 不審な通信 \
		--detected '2026-06-01 09:50' >"$T/b"
	A=$(grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$T/a" | head -1)
	B=$(grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$T/b" | head -1)
}

t_wi_filters_overdue_csv() {
	wi_org
	wi_two_incidents
	m --as 22 incident step "$B" --kind assess --incident yes >/dev/null
	web_start
	wi_signin_all
	web_get ciso /incidents >"$T/all"
	assert_contains "$T/all" '該当 2 件'
	assert_contains "$T/all" "<tr class=\"inc-overdue\"><td><a href=\"/incidents/$A\">"
	assert_not_contains "$T/all" "<tr class=\"inc-overdue\"><td><a href=\"/incidents/$B\">"
	assert_contains "$T/all" '件超過</strong>'
	# newest first
	[ "$(grep -o 'I[0-9]\{4\}-[0-9]\{6\}</a>' "$T/all" | head -1)" = "$B</a>" ] || fail "newest not first"
	web_get ciso '/incidents?overdue=1' >"$T/over"
	assert_contains "$T/over" "$A"; assert_not_contains "$T/over" "$B"
	assert_contains "$T/over" 'name="overdue" value="1" checked'
	web_get ciso '/incidents?category=malware' >"$T/mal"
	assert_contains "$T/mal" "$B"; assert_not_contains "$T/mal" "$A"
	assert_contains "$T/mal" '<option value="malware" selected>'
	web_get ciso '/incidents?state=%E5%AF%BE%E5%BF%9C%E4%B8%AD' >"$T/resp"   # 対応中
	assert_contains "$T/resp" "$B"; assert_not_contains "$T/resp" "$A"
	web_get ciso '/incidents?state=received&overdue=1' >"$T/ro"
	assert_contains "$T/ro" "$A"; assert_contains "$T/ro" '該当 1 件'
	st=$(web_status ciso '/incidents?state=nope'); assert_eq "${st%% *}" 400
	# the CSV: BOM, header, every matching row, same filter
	st=$(web_status ciso '/incidents?format=csv&overdue=1'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: text/csv; charset=utf-8'
	assert_contains "$T/head" 'attachment; filename="incidents.csv"'
	head -c 3 "$T/body" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
	assert_contains "$T/body" '番号,件名,区分,重大度,状態,検知日時（日本時間）'
	assert_contains "$T/body" "$A,誤送信A,誤送信,"
	assert_contains "$T/body" '2026-06-01 07:00,2026-05-31T22:00:00Z'
	assert_not_contains "$T/body" "$B"
	[ "$(grep -c '^I2026' "$T/body")" = 1 ] || fail "CSV rows"
	web_get ciso '/incidents?format=csv' >"$T/csvall"
	[ "$(grep -c '^I2026' "$T/csvall")" = 2 ] || fail "CSV rows (all)"
	# the API takes the same filters
	web_get ciso '/api/v1/incidents?overdue=1' >"$T/api"
	assert_contains "$T/api" "\"incident_no\":\"$A\""
	assert_not_contains "$T/api" "\"incident_no\":\"$B\""
	assert_contains "$T/api" '"total":1'
	web_stop
}

t_wi_paging() {
	wi_org
	for i in $(seq 52); do
		m --as 10 incident new --title "件$i" --situation 状況 --detected '2026-06-01 08:00' >/dev/null
	done
	web_start
	wi_signin_all
	web_get clerk /incidents >"$T/p1"
	assert_contains "$T/p1" '該当 52 件'
	assert_contains "$T/p1" '52 件中 1〜50 件目'
	assert_contains "$T/p1" '>件52</td>'
	assert_not_contains "$T/p1" '>件2</td>'
	assert_contains "$T/p1" 'href="/incidents?offset=50" rel="next"'
	web_get clerk '/incidents?offset=50' >"$T/p2"
	assert_contains "$T/p2" '52 件中 51〜52 件目'
	assert_contains "$T/p2" '>件1</td>'
	web_get clerk '/incidents?format=csv' >"$T/csv"
	[ "$(grep -c '^I2026' "$T/csv")" = 52 ] || fail "CSV should hold all 52"
	web_get clerk '/api/v1/incidents?limit=2&offset=1' >"$T/api"
	assert_contains "$T/api" '"limit":2'
	assert_contains "$T/api" '"total":52'
	[ "$(grep -o '"incident_no"' "$T/api" | wc -l)" = 2 ] || fail "API page of 2"
	st=$(web_status clerk '/api/v1/incidents?limit=0'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	web_stop
}

t_wi_tasks() {
	wi_org
	wi_two_incidents
	web_start
	wi_signin_all
	# the 課's manager must be told of A (overdue) and B (not yet due)
	st=$(web_status boss /incidents/tasks); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'あなたへの連絡（未了）'
	assert_contains "$T/body" "<tr class=\"inc-overdue\"><td><a href=\"/incidents/$A\">$A</a> 誤送信A</td><td>情報セキュリティ管理者</td><td>2026-06-01 08:00 <strong class=\"inc-late\">期限超過</strong>"
	assert_contains "$T/body" "<tr><td><a href=\"/incidents/$B\">$B</a> マルウェアB</td><td>情報セキュリティ管理者</td><td>2026-06-01 10:50</td>"
	assert_not_contains "$T/body" '対応を待っているインシデント'
	# an ordinary member of staff: nothing to do
	web_get clerk /incidents/tasks >"$T/clerk"
	assert_contains "$T/clerk" '未了の連絡はありません'
	assert_not_contains "$T/clerk" '対応を待っているインシデント'
	# CSIRT: both wait on the assessment
	web_get csirt /incidents/tasks >"$T/csirt"
	assert_contains "$T/csirt" '受付 — CSIRT評価を待っているもの（2 件）'
	assert_contains "$T/csirt" 'CSIRT評価'
	# A goes through to 再発防止策: the CISO's directive, then 完了
	m --as 22 incident step "$A" --kind assess --incident yes >/dev/null
	m --as 22 incident step "$A" --kind investigate --note 調査 >/dev/null
	m --as 22 incident step "$A" --kind prevention --note 対策 >/dev/null
	web_get csirt /incidents/tasks >"$T/csirt2"
	assert_contains "$T/csirt2" '受付 — CSIRT評価を待っているもの（1 件）'
	assert_contains "$T/csirt2" '再発防止策 — CISOの指示・完了を待っているもの（1 件）'
	assert_contains "$T/csirt2" 'CISOの指示待ち'
	web_get ciso /incidents/tasks >"$T/ciso"
	assert_contains "$T/ciso" "<a href=\"/incidents/$A\">$A</a>"
	assert_contains "$T/ciso" '<td>CISOの指示</td>'
	m --as 30 incident step "$A" --kind directive --note 指示 >/dev/null
	web_get csirt /incidents/tasks >"$T/csirt3"
	assert_not_contains "$T/csirt3" 'CISOの指示待ち'
	assert_contains "$T/csirt3" '<td>完了</td>'
	web_stop
}

t_wi_api() {
	wi_org
	web_account 10 >/dev/null
	m --format json account token add 10 --name script >"$T/tok"
	token=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	web_start
	H="Authorization: Bearer $token"
	st=$(web_status none /api/v1/incident-categories -H "$H"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '{"crime":0,"cyber":1,"id":"malware","label":"マルウェア感染"}'
	# filing: 201 with the number, the severity and the notices
	st=$(web_status none /api/v1/incidents -H "$H" --data-urlencode title=API報告 \
		--data-urlencode situation=状況 --data-urlencode category=情報漏えい \
		--data-urlencode asset=D1 --data-urlencode detected=2026-06-01T00:10:00Z)
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"incident_no":"I2026-'
	assert_contains "$T/body" '"severity":"high"'
	assert_contains "$T/body" '"detected_at":"2026-06-01T00:10:00Z"'
	assert_contains "$T/body" '"party":"manager"'
	no=$(grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$T/body" | head -1)
	m incident show "$no" >"$T/cli"; assert_contains "$T/cli" 総務課員
	# refused input: 400 validation, nothing written
	n0=$(wi_journal_n)
	st=$(web_status none /api/v1/incidents -H "$H" --data-urlencode title=件名)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '{"error":{"code":"validation","message":"状況を入力してください'
	st=$(web_status none /api/v1/incidents -H "$H" --data-urlencode title=件名 \
		--data-urlencode situation=状況 --data-urlencode asset=NOPE9)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"validation"'
	st=$(web_status none /api/v1/incidents -H "$H" --data-urlencode title=件名 \
		--data-urlencode situation=状況 --data-urlencode detected=2026-06-02T00:00:00Z)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '検知日時が未来です'
	assert_eq "$(wi_journal_n)" "$n0"
	# the list
	st=$(web_status none /api/v1/incidents -H "$H"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" "\"incident_no\":\"$no\""
	assert_contains "$T/body" '"state_label":"受付"'
	st=$(web_status none '/api/v1/incidents?category=nope' -H "$H"); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	# a session POST without the CSRF token is refused
	pw=$(web_account 13); st=$(web_login other 13 "$pw" 'Other-Password-2026xy')
	st=$(web_status other /api/v1/incidents --data-urlencode title=件名 --data-urlencode situation=状況)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	st=$(web_status anon /api/v1/incidents); assert_eq "${st%% *}" 401
	web_stop
}
