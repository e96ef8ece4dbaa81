# 自己点検 (9.2) on the web: the campaign list with "my checklists", the
# signed-in checklist (save, submit), creating and running a campaign
# (open, remind, one-time links, measures), the public one-time link page
# with its own CSRF cookie and rate limit, results and downloads, and the
# JSON API.  Scope (404), roles (403), CSRF (403), bad input (422/400 with
# nothing written) and escaping are checked along the way.
# The people and the campaign come from test_inspect.sh (ins_org,
# ins_campaign): 総務課 S1 課員 10 and manager 11, 情報政策課 S2 12 and the 統括
# 20, 税務課 S3 13 (not asked), the CISO 40.

# Accounts for 10 (staff), 11 (manager), 13 (staff outside) and 20 (統括);
# jars s10, m11, s13, c20 signed in.
wins_world() {
	ins_org
	ins_campaign
	local pw
	web_start
	for n in 10 13; do
		pw=$(web_account $n)
		assert_eq "$(web_login s$n $n "$pw" "Wins-Kaze-Hikari-Mori-Umi")" "303 $URL/"
	done
	pw=$(web_account 11)
	wins_signin m11 11 "$pw"
	pw=$(web_account 20)
	wins_signin c20 20 "$pw"
}

# Signs in a person whose roles may need TOTP (enrols it when asked).
wins_signin() {
	local jar=$1 no=$2 pw=$3 st
	st=$(web_login "$jar" "$no" "$pw" "Wins-Kaze-Hikari-Mori-Umi")
	if [ "$st" = "303 $URL/totp/setup" ]; then
		local secret csrf code
		web_get "$jar" /totp/setup >"$T/setup"
		secret=$(grep -o '<code class="secret">[A-Z2-7]*' "$T/setup" | sed 's/.*>//')
		csrf=$(web_csrf_of "$T/setup")
		code=$(web_totp "$secret" "$(web_now_unix)")
		web_get "$jar" /totp/setup --data-urlencode "code=$code" --data-urlencode "csrf=$csrf" >/dev/null
	else
		assert_eq "$st" "303 $URL/"
	fi
}

wins_csrf() { web_get "$1" "$2" >"$T/form"; web_csrf_of "$T/form"; }

t_wins_answer_save_submit() {
	wins_world
	web_get s10 /inspect >"$T/list"
	assert_contains "$T/list" "あなたが回答する点検表"
	assert_contains "$T/list" 'href="/inspect/S2026-01/answer?role=staff"'
	web_get s10 "/inspect/S2026-01/answer" >"$T/a"
	assert_contains "$T/a" 'name="a1" value="partial"'
	assert_contains "$T/a" "一時保存"
	assert_not_contains "$T/a" "style="
	local csrf j0
	csrf=$(web_csrf_of "$T/a")
	j0=$(ins_journal)
	# no CSRF token: refused by the router
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d a1=done -d action=save)" "403 "
	# a bad answer: 422, the values kept, nothing written
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" -d a1=done -d a2=bogus \
		--data-urlencode 'c1=<b>keep</b>' -d action=save | cut -d' ' -f1)" 422
	assert_contains "$T/body" "&lt;b&gt;keep&lt;/b&gt;"
	# a comment without an answer
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" --data-urlencode 'c3=x' -d action=save | cut -d' ' -f1)" 422
	assert_contains "$T/body" "問3: コメントだけでは保存できません"
	# submitting with questions unanswered is refused whole
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" -d a1=done -d action=submit | cut -d' ' -f1)" 422
	assert_eq "$(ins_journal)" "$j0"
	# a partial save: 303, then the page shows it, escaped
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" -d a1=partial \
		--data-urlencode 'c1=<script>x</script>' -d action=save)" \
		"303 $URL/inspect/S2026-01/answer?role=staff&part=0&done=saved"
	web_get s10 "/inspect/S2026-01/answer?done=saved" >"$T/a"
	assert_contains "$T/a" "回答を一時保存しました"
	assert_contains "$T/a" 'name="a1" value="partial" checked'
	assert_contains "$T/a" "&lt;script&gt;x&lt;/script&gt;"
	assert_not_contains "$T/a" "<script>x"
	m --as 10 --format csv inspect checklist S2026-01 >"$T/cl"
	assert_contains "$T/cl" "一部実施"
	# every question, then submit: the CLI agrees, and answers are closed
	local n args=()
	n=$(sql "SELECT COUNT(*) FROM inspect_question q JOIN inspect_campaign c ON c.id = q.campaign_id WHERE c.campaign_no = 'S2026-01' AND q.role = 'staff'")
	for i in $(seq "$n"); do args+=(-d "a$i=done"); done
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" "${args[@]}" -d action=submit)" \
		"303 $URL/inspect/S2026-01/answer?role=staff&part=0&done=submitted"
	m inspect respondents S2026-01 >"$T/r"
	assert_contains "$T/r" "10	総務課員	総務課	職員等	$n/$n	提出済み"
	assert_eq "$(web_status s10 /inspect/S2026-01/answer -d "csrf=$csrf" -d a1=na -d action=save | cut -d' ' -f1)" 409
	web_get s10 /inspect >"$T/list"
	assert_contains "$T/list" "回答を待っている点検表はありません"
	web_stop
}

t_wins_scope_and_roles() {
	wins_world
	# 13 (S3) was not asked: the campaign and its checklist are 404, managing 403
	assert_eq "$(web_status s13 /inspect/S2026-01 | cut -d' ' -f1)" 404
	assert_eq "$(web_status s13 /inspect/S2026-01/answer | cut -d' ' -f1)" 404
	assert_eq "$(web_status s13 /inspect/S2026-01/results | cut -d' ' -f1)" 404
	assert_eq "$(web_status s13 /inspect/S2099-01 | cut -d' ' -f1)" 404
	assert_eq "$(web_status s13 /inspect/new | cut -d' ' -f1)" 403
	local csrf; csrf=$(wins_csrf s13 /inspect)
	assert_eq "$(web_status s13 /inspect/S2026-01/close -d "csrf=$csrf" | cut -d' ' -f1)" 403
	web_get s13 /inspect >"$T/l"
	assert_not_contains "$T/l" "S2026-01"
	# the S1 manager sees S1's respondents only; staff 10 their own row
	web_get m11 /inspect/S2026-01 >"$T/p"
	assert_contains "$T/p" "総務課員"
	assert_not_contains "$T/p" "情報政策課員"
	web_get s10 /inspect/S2026-01 >"$T/p"
	assert_contains "$T/p" "総務課員"
	assert_not_contains "$T/p" "総務課長"
	assert_not_contains "$T/p" "督促する"
	# the 統括 sees everyone, with the managing forms
	web_get c20 "/inspect/S2026-01?pending=1" >"$T/p"
	assert_contains "$T/p" "情報政策課員"
	assert_contains "$T/p" "督促する"
	assert_contains "$T/p" "該当 5 人"
	# reports and OSCAL are for those who see everyone
	assert_eq "$(web_status s10 "/inspect/S2026-01/download?format=pdf" | cut -d' ' -f1)" 403
	assert_eq "$(web_status s10 "/inspect/S2026-01/download?format=bogus" | cut -d' ' -f1)" 400
	web_stop
}

t_wins_create_open_remind_measure() {
	wins_world
	local csrf j0
	csrf=$(wins_csrf c20 /inspect/new)
	assert_contains "$T/form" 'name="roles" value="staff" checked'
	j0=$(ins_journal)
	# no role chosen: 422, title kept and escaped, nothing written
	assert_eq "$(web_status c20 /inspect/new -d "csrf=$csrf" --data-urlencode 'title=<i>点検</i>' -d opens=2026-07-01 \
		-d due=2026-07-31 | cut -d' ' -f1)" 422
	assert_contains "$T/body" 'value="&lt;i&gt;点検&lt;/i&gt;"'
	assert_eq "$(ins_journal)" "$j0"
	assert_eq "$(web_status c20 /inspect/new -d "csrf=$csrf" -d 'title=追加点検' -d opens=2026-07-01 -d due=2026-07-31 \
		-d roles=staff -d clauses=2 -d units=S3)" "303 $URL/inspect/S2026-02?done=created"
	m inspect show S2026-02 >"$T/s"
	assert_contains "$T/s" "準備中"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_respondent r JOIN inspect_campaign c ON c.id = r.campaign_id WHERE c.campaign_no = 'S2026-02'")" 1
	web_get c20 /inspect/S2026-02 >"$T/p"
	assert_contains "$T/p" "開始する"
	assert_eq "$(web_status c20 /inspect/S2026-02/open -d "csrf=$csrf")" "303 $URL/inspect/S2026-02?done=opened"
	# opening twice: 409, nothing written
	j0=$(ins_journal)
	assert_eq "$(web_status c20 /inspect/S2026-02/open -d "csrf=$csrf" | cut -d' ' -f1)" 409
	assert_eq "$(ins_journal)" "$j0"
	# reminders (no relay: recorded, the pending list shown)
	assert_eq "$(web_status c20 /inspect/S2026-01/remind -d "csrf=$csrf")" \
		"303 $URL/inspect/S2026-01?pending=1&done=reminded#respondents"
	m inspect respondents S2026-01 >"$T/r"
	assert_contains "$T/r" "督促 1 回"
	# an improvement measure: refused without a problem, filed with one
	j0=$(ins_journal)
	assert_eq "$(web_status c20 /inspect/S2026-01/measures -d "csrf=$csrf" -d unit=S1 \
		--data-urlencode 'measure=<b>m</b>' | cut -d' ' -f1)" 422
	assert_contains "$T/body" 'role="alert"'
	assert_contains "$T/body" 'required>&lt;b&gt;m&lt;/b&gt;</textarea>'
	assert_contains "$T/body" '<option value="S1" selected>'
	assert_eq "$(ins_journal)" "$j0"
	assert_eq "$(web_status c20 /inspect/S2026-01/measures -d "csrf=$csrf" -d unit=S1 -d clause=2.1 \
		--data-urlencode 'problem=<script>p</script>' -d 'measure=研修を行う')" "303 $URL/inspect/S2026-01?done=measure"
	assert_eq "$(sql "SELECT COUNT(*) FROM corrective_action WHERE source = 'inspect'")" 1
	web_get c20 /inspect/S2026-01 >"$T/p"
	assert_contains "$T/p" "&lt;script&gt;p&lt;/script&gt;"
	assert_contains "$T/p" "研修を行う"
	# the manager of S1 may not manage campaigns
	csrf=$(wins_csrf m11 /inspect)
	assert_eq "$(web_status m11 /inspect/S2026-01/remind -d "csrf=$csrf" | cut -d' ' -f1)" 403
	web_stop
}

t_wins_links_public_page() {
	wins_world
	local csrf j0 tok
	csrf=$(wins_csrf c20 /inspect/S2026-01)
	# no base_url yet: refused, no link issued
	assert_eq "$(web_status c20 /inspect/S2026-01/links -d "csrf=$csrf" | cut -d' ' -f1)" 409
	assert_contains "$T/body" "base_url"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link")" 0
	expect_exit 2 m profile set base_url 'javascript:alert(1)'
	m profile set base_url https://mamori.city.example.lg.jp/ >/dev/null
	m profile show >"$T/prof"
	assert_contains "$T/prof" "base_url、メールのリンクの起点）: https://mamori.city.example.lg.jp"
	assert_eq "$(web_status c20 /inspect/S2026-01/links -d "csrf=$csrf" | cut -d' ' -f1)" 200
	assert_contains "$T/head" 'filename="inspect-S2026-01-links.csv"'
	cp "$T/body" "$T/links.csv"
	assert_eq "$(head -c 3 "$T/links.csv" | od -An -tx1 | tr -d ' ')" efbbbf
	assert_contains "$T/links.csv" "https://mamori.city.example.lg.jp/inspect/link/"
	tok=$(ins_token_of "$T/links.csv" 12)
	assert_eq "${#tok}" 64
	# the public page: no sign-in, no navigation, its own CSRF cookie
	web_get anon "/inspect/link/$tok" -D "$T/h" >"$T/pub"
	assert_contains "$T/pub" 'name="a1" value="done"'
	assert_not_contains "$T/pub" '<nav class="site"'
	assert_contains "$T/h" "Path=/inspect/link/$tok"
	local pc; pc=$(web_csrf_of "$T/pub")
	assert_eq "$(web_status anon "/inspect/link/$tok" -d a1=done -d action=save | cut -d' ' -f1)" 403
	assert_eq "$(web_status anon "/inspect/link/$tok" -d "csrf=$pc" -d a1=bogus -d action=save | cut -d' ' -f1)" 422
	assert_eq "$(web_status anon "/inspect/link/$tok" -d "csrf=$pc" -d a1=na --data-urlencode 'c1=<script>l</script>' \
		-d action=save)" "303 $URL/inspect/link/$tok?part=0&done=saved"
	web_get anon "/inspect/link/$tok" >"$T/pub"
	assert_contains "$T/pub" "&lt;script&gt;l&lt;/script&gt;"
	pc=$(web_csrf_of "$T/pub")
	local n args=()
	n=$(sql "SELECT COUNT(*) FROM inspect_question q JOIN inspect_campaign c ON c.id = q.campaign_id WHERE c.campaign_no = 'S2026-01' AND q.role = 'staff'")
	for i in $(seq "$n"); do args+=(-d "a$i=done"); done
	assert_eq "$(web_status anon "/inspect/link/$tok" -d "csrf=$pc" "${args[@]}" -d action=submit | cut -d' ' -f1)" 200
	assert_contains "$T/body" "回答を提出しました"
	m inspect respondents S2026-01 >"$T/r"
	assert_contains "$T/r" "12	情報政策課員	情報政策課	職員等	$n/$n	提出済み"
	# used now: 404, counted; two unknown tokens more, then the address waits
	assert_eq "$(web_status anon "/inspect/link/$tok" | cut -d' ' -f1)" 404
	assert_contains "$T/body" "使用済み"
	assert_eq "$(web_status anon "/inspect/link/$(printf 'a%.0s' $(seq 64))" | cut -d' ' -f1)" 404
	assert_eq "$(web_status anon "/inspect/link/nothex" | cut -d' ' -f1)" 404
	assert_eq "$(web_status anon "/inspect/link/$(ins_token_of "$T/links.csv" 10)" | cut -d' ' -f1)" 429
	# the token is in no log
	assert_not_contains "$T/serve.err" "$tok"
	assert_not_contains "$T/serve.out" "$tok"
	# the CLI takes the profile's base_url when --base-url is not given
	m --as 20 inspect links S2026-01 >"$T/cli.csv" 2>/dev/null
	assert_contains "$T/cli.csv" "https://mamori.city.example.lg.jp/inspect/link/"
	web_stop
}

t_wins_results_downloads_api() {
	wins_world
	ins_answer_all 10 実施
	ins_answer_all 11 未実施 staff
	web_get c20 /inspect/S2026-01/results >"$T/res"
	assert_contains "$T/res" "課別"
	assert_contains "$T/res" "条項別"
	assert_contains "$T/res" "総務課"
	# OSCAL: the same bytes as the CLI
	assert_eq "$(web_status c20 "/inspect/S2026-01/download?format=oscal" | cut -d' ' -f1)" 200
	m report oscal --campaign S2026-01 >"$T/cli.json"
	cmp "$T/body" "$T/cli.json"
	assert_eq "$(web_status c20 "/inspect/S2026-01/download?format=xlsx" | cut -d' ' -f1)" 200
	assert_contains "$T/head" "spreadsheetml"
	assert_eq "$(head -c 2 "$T/body")" PK
	assert_eq "$(web_status c20 "/inspect/S2026-01/download?format=pdf" | cut -d' ' -f1)" 200
	assert_eq "$(head -c 4 "$T/body")" "%PDF"
	# a staff member's results count their own answers only
	web_get s10 /inspect/S2026-01/results >"$T/res10"
	assert_contains "$T/res10" "あなたが見られる範囲"
	# the API: list, detail in scope, answers with the session's CSRF
	web_get s10 /api/v1/inspect/campaigns >"$T/j"
	assert_contains "$T/j" '"campaign_no":"S2026-01"'
	assert_contains "$T/j" '"scope":"own"'
	web_get c20 "/api/v1/inspect/campaigns/S2026-01?pending=1&limit=2" >"$T/j"
	assert_contains "$T/j" '"total":3'
	assert_contains "$T/j" '"results":{'
	assert_eq "$(web_status s13 /api/v1/inspect/campaigns/S2026-01 | cut -d' ' -f1)" 404
	assert_contains "$T/body" '"code":"not_found"'
	local csrf; csrf=$(wins_csrf m11 /inspect)
	assert_eq "$(web_status m11 /api/v1/inspect/campaigns/S2026-01/answers -d a1=done | cut -d' ' -f1)" 403
	# 11 is asked as staff and as manager: the role must be named
	assert_eq "$(web_status m11 /api/v1/inspect/campaigns/S2026-01/answers -d "csrf=$csrf" -d a1=done | cut -d' ' -f1)" 400
	local j0; j0=$(ins_journal)
	assert_eq "$(web_status m11 /api/v1/inspect/campaigns/S2026-01/answers -d "csrf=$csrf" -d role=manager -d a1=bogus | cut -d' ' -f1)" 400
	assert_contains "$T/body" '"code":"validation"'
	assert_eq "$(ins_journal)" "$j0"
	assert_eq "$(web_status m11 /api/v1/inspect/campaigns/S2026-01/answers -d "csrf=$csrf" -d role=manager -d a1=partial | cut -d' ' -f1)" 200
	assert_contains "$T/body" '"answered":1'
	# 11's staff checklist was submitted by ins_answer_all: 409
	assert_eq "$(web_status m11 /api/v1/inspect/campaigns/S2026-01/answers -d "csrf=$csrf" -d role=staff -d a1=done | cut -d' ' -f1)" 409
	web_stop
}

t_wins_mail_links_and_reminders() {
	wins_world
	local csrf tok
	smtp_sink_start
	m profile set smtp_relay "127.0.0.1:$SMTP_PORT" >/dev/null
	m profile set mail_from joho@city.example.lg.jp >/dev/null
	m profile set base_url https://m.example.lg.jp >/dev/null
	csrf=$(wins_csrf c20 /inspect/S2026-01)
	assert_contains "$T/form" "メールアドレスのある人にはメールでも送る"
	# 10 and 11 (asked twice) have addresses; 12 and 20 get their links from the list
	assert_eq "$(web_status c20 /inspect/S2026-01/links -d "csrf=$csrf" -d mail=1 | cut -d' ' -f1)" 200
	cp "$T/body" "$T/links.csv"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link WHERE mailed_at IS NOT NULL")" 3
	assert_eq "$(grep -c /inspect/link/ "$T/links.csv")" 5
	tok=$(ins_token_of "$T/links.csv" 10)
	grep -l "$tok" "$T"/mail/*.eml >/dev/null 2>&1 || {
		for f in "$T"/mail/*.eml; do smtp_eml "$f" body; done >"$T/bodies"
		assert_contains "$T/bodies" "https://m.example.lg.jp/inspect/link/$tok"
	}
	assert_eq "$(web_status c20 /inspect/S2026-01/remind -d "csrf=$csrf" -d mail=1 | cut -d' ' -f1)" 303
	assert_eq "$(sql "SELECT SUM(reminders) FROM inspect_respondent")" 3
	smtp_eml "$T/mail/4.eml" subject >"$T/subj"
	assert_contains "$T/subj" "【自己点検の督促】S2026-01"
	smtp_sink_stop
	web_stop
}
