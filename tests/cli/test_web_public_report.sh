# The public reporting page (/report, guideline 5.3(2)): off unless the
# profile switches it on (404), a form without sign-in protected by the
# pre-login token (403 without it), a report filed as an incident of source
# resident or external, the 受付番号 shown and nothing else, bad input (422,
# values kept, nothing written), markup escaped, and the limit per address
# (429 on the fourth report within the hour, nothing written).

wpub_incidents() { m --format json incident list | grep -o '"incident_no":"[^"]*"' | wc -l; }

# A fresh form page and its token for JAR: wpub_form JAR (token to stdout).
wpub_form() {
	web_get "$1" /report >"$T/form.$1"
	web_csrf_of "$T/form.$1"
}

# POST /report as JAR with the token: wpub_post JAR TOKEN [curl args…]
wpub_post() {
	local jar=$1 token=$2; shift 2
	web_status "$jar" /report --data-urlencode "csrf=$token" "$@"
}

t_wpub_off_is_absent() {
	web_org
	m profile show >"$T/profile"
	assert_contains "$T/profile" "public_incident_report"
	web_start
	st=$(web_status anon /report); assert_eq "${st%% *}" 404
	st=$(web_status anon /report -X POST -d 'name=x'); assert_eq "${st%% *}" 403
	# with a token from /login it is still absent: the page is off
	web_get anon /login >"$T/login"
	tok=$(web_csrf_of "$T/login")
	st=$(wpub_post anon "$tok" --data-urlencode name=x); assert_eq "${st%% *}" 403
	assert_eq "$(wpub_incidents)" 0
	web_stop
	expect_exit 2 m profile set public_incident_report maybe
	m profile set public_incident_report はい >/dev/null
	m --format json profile show >"$T/p.json"
	assert_contains "$T/p.json" '"public_incident_report":"yes"'
	m profile set public_incident_report no >/dev/null
	m --format json profile show >"$T/p.json"
	assert_contains "$T/p.json" '"public_incident_report":"no"'
}

t_wpub_report_and_limit() {
	web_org
	m profile set public_incident_report yes >/dev/null
	web_start
	# the form: no sign-in, no navigation, a token in a cookie for /report only
	st=$(web_status anon /report); assert_eq "${st%% *}" 200
	for s in 'action="/report"' 'name="name"' 'name="contact"' 'name="title"' 'name="situation"' \
		'name="noticed"' 'name="as_org"' "事業者・関係機関として報告" "取扱い"; do
		assert_contains "$T/body" "$s"
	done
	assert_not_contains "$T/body" '<nav class="site"'
	assert_contains "$T/body" "本市の情報システム"
	assert_contains "$T/head" "Path=/report"
	tok=$(web_csrf_of "$T/body")
	# no token, a wrong token, the sign-in form's token: 403, nothing written
	st=$(web_status anon /report --data-urlencode name=住民 --data-urlencode contact=000-1234-5678 \
		--data-urlencode situation=状況); assert_eq "${st%% *}" 403
	wrong=${tok%?}0; [ "$wrong" != "$tok" ] || wrong=${tok%?}1 # the last digit changed
	st=$(wpub_post anon "$wrong" --data-urlencode name=住民 --data-urlencode contact=000-1234-5678 \
		--data-urlencode situation=状況); assert_eq "${st%% *}" 403
	web_get other /login >"$T/login"
	st=$(wpub_post other "$(web_csrf_of "$T/login")" --data-urlencode name=住民 \
		--data-urlencode contact=000-1234-5678 --data-urlencode situation=状況); assert_eq "${st%% *}" 403
	assert_eq "$(wpub_incidents)" 0
	# bad input: 422, the form again with the values kept, nothing written
	st=$(wpub_post anon "$tok" --data-urlencode 'name=<b>山田</b>' --data-urlencode contact=000-1234-5678 \
		--data-urlencode 'title=件名です'); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "何が起きたか（状況）を入力してください"
	assert_contains "$T/body" 'value="&lt;b&gt;山田&lt;/b&gt;"'
	assert_contains "$T/body" 'value="件名です"'
	st=$(wpub_post anon "$tok" --data-urlencode name=山田 --data-urlencode contact=わかりません \
		--data-urlencode situation=状況); assert_eq "${st%% *}" 422
	st=$(wpub_post anon "$tok" --data-urlencode 'name=　' --data-urlencode contact=000-1234-5678 \
		--data-urlencode situation=状況); assert_eq "${st%% *}" 422
	head -c 2001 /dev/zero | tr '\0' a >"$T/long"
	st=$(wpub_post anon "$tok" --data-urlencode name=山田 --data-urlencode contact=000-1234-5678 \
		--data-urlencode "situation@$T/long"); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "2,000 文字以内"
	# text that is not UTF-8 is refused by the server before the page (400)
	st=$(wpub_post anon "$tok" --data-urlencode name=山田 --data-urlencode contact=000-1234-5678 \
		--data-urlencode situation=状況 --data-urlencode "$(printf 'noticed=\377\376')"); assert_eq "${st%% *}" 400
	assert_eq "$(wpub_incidents)" 0
	# 2,000 characters of Japanese are fine (the limit counts characters)
	python3 -c 'print("あ" * 2000, end="")' >"$T/jp"
	st=$(wpub_post anon "$tok" --data-urlencode 'name=<script>x</script>' --data-urlencode 'contact=yamada@example.jp' \
		--data-urlencode "situation@$T/jp" --data-urlencode 'noticed=昨日の夕方'); assert_eq "${st%% *}" 200
	assert_contains "$T/body" "受付番号 <strong>I2026-000001</strong>"
	assert_contains "$T/body" "&lt;script&gt;x&lt;/script&gt; 様"
	assert_not_contains "$T/body" "<script>x</script>"
	assert_not_contains "$T/body" 'href="/incidents/'
	assert_contains "$T/head" "Cache-Control: no-store"
	assert_eq "$(wpub_incidents)" 1
	m --format json incident show I2026-000001 >"$T/inc"
	assert_contains "$T/inc" '"source":"resident"'
	assert_contains "$T/inc" '"reporter":"<script>x</script>"'
	assert_eq "$(sql "SELECT reporter_contact FROM incident WHERE incident_no = 'I2026-000001'")" yamada@example.jp
	assert_contains "$T/inc" '気付いた時期（報告者による）: 昨日の夕方'
	assert_contains "$T/inc" '"title":"住民からの報告：'
	m journal >"$T/journal"
	assert_contains "$T/journal" "public:report"
	m verify >/dev/null
	# an outside party, with a 件名
	st=$(wpub_post anon "$tok" --data-urlencode name=委託事業者 --data-urlencode contact=000-2222-3333 \
		--data-urlencode title=不審な通信 --data-urlencode situation=通信を検知 --data-urlencode as_org=1)
	assert_eq "${st%% *}" 200
	m --format json incident show I2026-000002 >"$T/inc"
	assert_contains "$T/inc" '"source":"external"'
	assert_contains "$T/inc" '"title":"不審な通信"'
	st=$(wpub_post anon "$tok" --data-urlencode name=住民三 --data-urlencode contact=000-4444-5555 \
		--data-urlencode situation=三件目); assert_eq "${st%% *}" 200
	# the fourth report from this address within the hour: 429, nothing written
	st=$(wpub_post anon "$tok" --data-urlencode name=住民四 --data-urlencode contact=000-4444-5555 \
		--data-urlencode situation=四件目); assert_eq "${st%% *}" 429
	assert_contains "$T/body" "短時間に多くの報告が送信されました。しばらくしてから再度お試しいただくか、電話でご連絡ください。"
	assert_eq "$(wpub_incidents)" 3
	# CSIRT sees the reports in the incident list
	m --format json incident list >"$T/list"
	assert_contains "$T/list" '"state":"received"'
	web_stop
	# switched off again: absent
	m profile set public_incident_report no >/dev/null
	web_start
	st=$(web_status anon /report); assert_eq "${st%% *}" 404
	web_stop
}
