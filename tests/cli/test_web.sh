# The web server (mamori serve): security headers, deny-by-default routing,
# sign-in with temporary passwords and TOTP, CSRF, organisational scope,
# escaping, the JSON API and sign-out.  Each test starts its own server on
# a free port and stops it at the end; a non-zero exit of the server (an
# ASan leak report, say) fails the test.

# Starts `mamori serve` on a random free port; sets URL and WEB_PID.
# The port is drawn from the 10,000 above MAMORI_TEST_PORT_BASE, so suites
# running side by side (tests/run.sh) never draw the same one.
web_start() {
	local try port
	for try in 1 2 3 4 5 6 7 8; do
		port=$((${MAMORI_TEST_PORT_BASE:-20000} + RANDOM % 10000))
		"$MAMORI" --db "$DB" serve --listen "127.0.0.1:$port" >"$T/serve.out" 2>"$T/serve.err" &
		WEB_PID=$!
		trap web_kill EXIT
		for _ in $(seq 100); do
			# The answer must come from our server, not from one another
			# test left on the port: ours is still running.
			if curl -s -o /dev/null "http://127.0.0.1:$port/login" &&
				kill -0 "$WEB_PID" 2>/dev/null; then
				URL="http://127.0.0.1:$port"
				return 0
			fi
			kill -0 "$WEB_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill "$WEB_PID" 2>/dev/null || true
		wait "$WEB_PID" 2>/dev/null || true
		WEB_PID=
	done
	fail "mamori serve did not start"; sed 's/^/    /' "$T/serve.err" >&2; return 1
}

# The trap's last resort: never leave a server behind.
web_kill() {
	if [ -n "${WEB_PID:-}" ]; then
		kill "$WEB_PID" 2>/dev/null || true
		wait "$WEB_PID" 2>/dev/null || true
	fi
}

# Stops the server cleanly and fails unless it exits 0.
web_stop() {
	local rc=0
	kill -TERM "$WEB_PID"
	wait "$WEB_PID" || rc=$?
	WEB_PID=
	[ "$rc" = 0 ] || { fail "mamori serve exited $rc"; sed 's/^/    /' "$T/serve.err" >&2; return 1; }
}

# curl with a cookie jar: wget JAR PATH [curl args…]; body to stdout.
web_get() { local jar=$1 path=$2; shift 2; curl -s -b "$T/jar.$jar" -c "$T/jar.$jar" "$@" "$URL$path"; }
# The status code and Location of a request: web_status JAR PATH [args…]
web_status() { local jar=$1 path=$2; shift 2; curl -s -o "$T/body" -D "$T/head" -w '%{http_code} %{redirect_url}' -b "$T/jar.$jar" -c "$T/jar.$jar" "$@" "$URL$path"; }
# The CSRF token of the form in a saved page.
web_csrf_of() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }

# A TOTP code (RFC 6238, SHA-1, 30 s, 6 digits) for base32 SECRET at unix
# time T: mamori's clock is pinned by MAMORI_NOW in the tests.
web_totp() {
	python3 - "$1" "$2" <<'PY'
import base64, hashlib, hmac, struct, sys
s = sys.argv[1].replace(' ', '').upper()
key = base64.b32decode(s + '=' * (-len(s) % 8))
h = hmac.new(key, struct.pack('>Q', int(sys.argv[2]) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print('%06d' % ((struct.unpack('>I', h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
web_now_unix() { date -u -d "$MAMORI_NOW" +%s; }

# The temporary password of a new account for staff NO.
web_account() {
	m --format json account add "$1" >"$T/acct.$1"
	sed 's/.*"temporary_password":"\([^"]*\)".*/\1/' "$T/acct.$1"
}

# Signs JAR in as LOGIN with PASSWORD (a temporary one is changed to
# NEWPASS); ends on the dashboard or, for a privileged account, wherever the
# flow stops (the caller continues).  Prints the last status line.
web_login() {
	local jar=$1 login=$2 password=$3 newpass=${4:-}
	web_get "$jar" /login >"$T/page"
	local csrf; csrf=$(web_csrf_of "$T/page")
	local st; st=$(web_status "$jar" /login --data-urlencode "login=$login" \
		--data-urlencode "password=$password" --data-urlencode "csrf=$csrf")
	if [ "${st#* }" = "$URL/password" ] && [ -n "$newpass" ]; then
		web_get "$jar" /password >"$T/page"
		csrf=$(web_csrf_of "$T/page")
		st=$(web_status "$jar" /password --data-urlencode "old=$password" \
			--data-urlencode "new=$newpass" --data-urlencode "again=$newpass" \
			--data-urlencode "csrf=$csrf")
	fi
	echo "$st"
}

# 総務課 (S1) and 税務課 (S3), a manager for each and one staff member.
web_org() {
	small_org
	m staff add --no 1 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 2 --name 税務課長 --unit S3 >/dev/null
	m staff add --no 3 --name 総務一郎 --unit S1 >/dev/null
	m staff add --no 9 --name 副市長 --unit S2 >/dev/null
	m role assign manager 1 --unit S1 >/dev/null
	m role assign manager 2 --unit S3 >/dev/null
	m role assign ciso 9 >/dev/null
}

web_assert_headers() { # head file
	assert_contains "$1" "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
	assert_contains "$1" "X-Frame-Options: DENY"
	assert_contains "$1" "X-Content-Type-Options: nosniff"
	assert_contains "$1" "Referrer-Policy: no-referrer"
}

t_web_headers_404_and_anonymous() {
	web_org
	web_start
	for p in /login /static/app.css /no/such/page /assets /api/v1/assets; do
		web_status anon "$p" >/dev/null
		web_assert_headers "$T/head"
	done
	st=$(web_status anon /no/such/page); assert_eq "${st%% *}" 404
	st=$(web_status anon /assets); assert_eq "$st" "303 $URL/login"
	st=$(web_status anon /); assert_eq "$st" "303 $URL/login"
	st=$(web_status anon /api/v1/assets); assert_eq "${st%% *}" 401
	assert_contains "$T/head" "Content-Type: application/json"
	assert_contains "$T/body" '"error":{"code":"unauthenticated"'
	# a body over 64 KiB is refused unread; a malformed form is refused
	head -c 70000 /dev/zero | tr '\0' a >"$T/big"
	st=$(web_status anon /login --data-binary @"$T/big"); assert_eq "${st%% *}" 413
	st=$(web_status anon /login -d 'login=%zz'); assert_eq "${st%% *}" 400
	web_status anon /login >/dev/null
	assert_contains "$T/head" "Content-Type: text/html; charset=utf-8"
	assert_contains "$T/body" 'lang="ja"'
	assert_contains "$T/body" "ログインと操作の内容は記録され"
	web_stop
}

t_web_bad_login_same_answer() {
	web_org
	pw=$(web_account 3)
	web_start
	web_get jar /login >"$T/page"
	csrf=$(web_csrf_of "$T/page")
	web_get jar /login --data-urlencode login=3 --data-urlencode password=wrong-password \
		--data-urlencode "csrf=$csrf" >"$T/wrong"
	web_get jar /login --data-urlencode login=nobody --data-urlencode password=wrong-password \
		--data-urlencode "csrf=$csrf" >"$T/unknown"
	cmp "$T/wrong" "$T/unknown"
	assert_contains "$T/wrong" "ログインIDまたはパスワードが正しくありません"
	# the sign-in form itself needs its CSRF token
	st=$(web_status jar /login --data-urlencode login=3 --data-urlencode "password=$pw")
	assert_eq "${st%% *}" 403
	# five failures lock the account: even the right password is refused, with the time
	for i in 2 3 4 5; do
		web_get jar /login --data-urlencode login=3 --data-urlencode password=wrong-password \
			--data-urlencode "csrf=$csrf" >/dev/null
	done
	web_get jar /login --data-urlencode login=3 --data-urlencode "password=$pw" \
		--data-urlencode "csrf=$csrf" >"$T/locked"
	assert_contains "$T/locked" "一時的にロックされています"
	assert_not_contains "$T/jar.jar" "mamori_session"
	web_stop
}

t_web_password_change_csrf_and_logout() {
	web_org
	pw=$(web_account 3)
	web_start
	st=$(web_login jar 3 "$pw" 'Sora-Kumo-Umi-2026')
	assert_eq "$st" "303 $URL/"
	web_get jar / >"$T/dash"
	assert_contains "$T/dash" "前回ログイン"
	assert_contains "$T/dash" "総務一郎"
	web_status jar / >/dev/null
	assert_contains "$T/head" "Cache-Control: no-store"
	cp "$T/jar.jar" "$T/jar.old"
	# a POST without the session's CSRF token is refused
	st=$(web_status jar /logout -X POST -d x=1); assert_eq "${st%% *}" 403
	st=$(web_status jar /logout -d csrf=0000); assert_eq "${st%% *}" 403
	csrf=$(web_csrf_of "$T/dash")
	st=$(web_status jar /logout --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/login"
	# the old cookie no longer opens anything
	st=$(web_status old /assets); assert_eq "$st" "303 $URL/login"
	web_stop
}

t_web_privileged_needs_totp() {
	web_org
	pw=$(web_account 9)
	web_start
	st=$(web_login jar 9 "$pw" 'Kaze-Hikari-Mori-2026')
	assert_eq "$st" "303 $URL/totp/setup"
	# nothing else opens before enrolment
	st=$(web_status jar /assets); assert_eq "$st" "303 $URL/totp/setup"
	web_get jar /totp/setup >"$T/setup"
	secret=$(grep -o '<code class="secret">[A-Z2-7]*' "$T/setup" | sed 's/.*>//')
	[ -n "$secret" ] || fail "no secret on the setup page"
	csrf=$(web_csrf_of "$T/setup")
	code=$(web_totp "$secret" "$(web_now_unix)")
	web_get jar /totp/setup --data-urlencode "code=$code" --data-urlencode "csrf=$csrf" >"$T/codes"
	assert_contains "$T/codes" "リカバリーコード"
	st=$(web_status jar /findings); assert_eq "${st%% *}" 200
	csrf=$(web_csrf_of "$T/codes")
	web_status jar /logout --data-urlencode "csrf=$csrf" >/dev/null
	# signing in again asks for a code after the password
	st=$(web_login jar2 9 'Kaze-Hikari-Mori-2026')
	assert_eq "$st" "303 $URL/login/totp"
	st=$(web_status jar2 /); assert_eq "$st" "303 $URL/login/totp"
	web_get jar2 /login/totp >"$T/page"
	csrf=$(web_csrf_of "$T/page")
	web_get jar2 /login/totp --data-urlencode code=000000 --data-urlencode "csrf=$csrf" >"$T/bad"
	assert_contains "$T/bad" "確認コードが正しくありません"
	code=$(web_totp "$secret" $(($(web_now_unix) + 30)))
	st=$(web_status jar2 /login/totp --data-urlencode "code=$code" --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/"
	web_get jar2 / >"$T/dash"
	assert_contains "$T/dash" "点検結果（章ごと）"
	web_stop
}

t_web_scope_and_escaping() {
	web_org
	m asset add --no A1 --name '<script>alert(1)</script>' --type 情報 --unit S1 --manager 1 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no B1 --name 税務データ --type 情報 --unit S3 --manager 2 --c 2 --i 1 --a 1 >/dev/null
	pw=$(web_account 1)
	web_start
	st=$(web_login jar 1 "$pw" 'Ame-Tsuchi-Hoshi-2026'); assert_eq "$st" "303 $URL/"
	web_get jar /assets >"$T/list"
	assert_contains "$T/list" '&lt;script&gt;alert(1)&lt;/script&gt;'
	assert_not_contains "$T/list" '<script>alert(1)'
	assert_not_contains "$T/list" 'B1'
	assert_not_contains "$T/list" '税務データ'
	st=$(web_status jar /assets/A1); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '&lt;script&gt;alert(1)&lt;/script&gt;'
	assert_not_contains "$T/body" '<script>alert(1)'
	# another 課's asset is not found, exactly like a missing one
	st=$(web_status jar /assets/B1); assert_eq "${st%% *}" 404
	cp "$T/body" "$T/b1"
	st=$(web_status jar /assets/NOSUCH); assert_eq "${st%% *}" 404
	cmp "$T/b1" "$T/body"
	# a manager does not see the findings page
	st=$(web_status jar /findings); assert_eq "${st%% *}" 403
	# search folds 全角 to 半角
	web_get jar '/assets?q=%EF%BC%A1%EF%BC%91' >"$T/q"
	assert_contains "$T/q" '/assets/A1'
	web_stop
}

t_web_api_token_and_session() {
	web_org
	m asset add --no A1 --name 住民データ --type 情報 --unit S1 --manager 1 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no B1 --name 税務データ --type 情報 --unit S3 --manager 2 --c 2 --i 1 --a 1 >/dev/null
	web_account 1 >/dev/null
	m --format json account token add 1 --name script >"$T/tok"
	token=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	[ ${#token} = 64 ] || fail "no token: $(cat "$T/tok")"
	web_start
	st=$(web_status none /api/v1/assets -H "Authorization: Bearer $token")
	assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: application/json"
	assert_contains "$T/body" '"asset_no":"A1"'
	assert_not_contains "$T/body" '"asset_no":"B1"'
	assert_contains "$T/body" '"total":1'
	st=$(web_status none /api/v1/findings -H "Authorization: Bearer $token")
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"error":{"code":"forbidden"'
	st=$(web_status none /api/v1/assets -H "Authorization: Bearer $(printf '0%.0s' $(seq 64))")
	assert_eq "${st%% *}" 401
	assert_contains "$T/body" '"error":{"code":"unauthenticated","message":"'
	web_stop
}

# Signs a privileged account in for the first time: temporary password,
# new password, TOTP enrolment.  Leaves JAR signed in.
web_signin_enrol() {
	local jar=$1 login=$2 pw=$3 newpass=$4 secret csrf code st
	st=$(web_login "$jar" "$login" "$pw" "$newpass")
	assert_eq "$st" "303 $URL/totp/setup"
	web_get "$jar" /totp/setup >"$T/setup"
	secret=$(grep -o '<code class="secret">[A-Z2-7]*' "$T/setup" | sed 's/.*>//')
	csrf=$(web_csrf_of "$T/setup")
	code=$(web_totp "$secret" "$(web_now_unix)")
	web_get "$jar" /totp/setup --data-urlencode "code=$code" --data-urlencode "csrf=$csrf" >"$T/codes"
	assert_contains "$T/codes" "リカバリーコード"
}

# Signs the demo's TOTP account NO (password PW; `m demo` made it) in as
# JAR: password, then the code of the demo's TOTP secret.
web_login_demo_totp() {
	local jar=$1 no=$2 pw=$3 st csrf code
	st=$(web_login "$jar" "$no" "$pw")
	assert_eq "$st" "303 $URL/login/totp"
	web_get "$jar" /login/totp >"$T/page"
	csrf=$(web_csrf_of "$T/page")
	code=$(web_totp MAMORIDEMOTOTPKAKUUSHIMAMORIDEMO "$(web_now_unix)")
	st=$(web_status "$jar" /login/totp --data-urlencode "code=$code" --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/"
}

# Every route with every kind of person, against the table in docs/web.md.
t_web_access_table() {
	web_org
	m staff add --no 4 --name 総務部長 --unit B1 >/dev/null
	m role assign officer 4 --unit B1 >/dev/null
	m asset add --no A1 --name 総務の資産 --type 情報 --unit S1 --manager 1 >/dev/null
	m asset add --no A3 --name 一郎の資産 --type 情報 --unit S1 --manager 3 >/dev/null
	m asset add --no B1 --name 税務の資産 --type 情報 --unit S3 --manager 2 >/dev/null
	pw1=$(web_account 1); pw3=$(web_account 3); pw4=$(web_account 4); pw9=$(web_account 9)
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_login officer 4 "$pw4" 'Officer-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	# path | anon staff manager officer ciso
	while read -r path want; do
		got=""
		for who in anon staff manager officer ciso; do
			st=$(web_status "$who" "$path")
			got="$got ${st%% *}"
		done
		assert_eq "${got# }" "$want" || { echo "  at $path" >&2; return 1; }
	done <<'TABLE'
/ 303 200 200 200 200
/findings 303 403 403 403 200
/catalog 303 200 200 200 200
/catalog/1.1.1 303 200 200 200 200
/catalog/9.9.9.9 303 404 404 404 404
/assets 303 200 200 200 200
/assets/A1 303 404 200 200 200
/assets/A3 303 200 200 200 200
/assets/B1 303 404 404 404 200
/api/v1/assets 401 200 200 200 200
/api/v1/findings 401 403 403 403 200
/login/totp 303 303 303 303 303
/password 303 303 303 303 303
/totp/setup 303 303 303 303 303
/admin 404 404 404 404 404
TABLE
	# the lists agree with the pages: staff 3 sees only A3, the ciso all three
	web_get staff /api/v1/assets >"$T/s"; assert_contains "$T/s" '"total":1'
	web_get officer /api/v1/assets >"$T/o"; assert_contains "$T/o" '"total":2'
	web_get ciso /api/v1/assets >"$T/c"; assert_contains "$T/c" '"total":3'
	# 前回ログイン: the second sign-in shows the first one's address
	web_login again 3 'Staff-Password-2026x' >/dev/null
	web_get again / >"$T/dash"
	assert_contains "$T/dash" "接続元 127.0.0.1"
	web_stop
}

# The dashboard: a request waiting for the manager, not for the requester.
t_web_dashboard_waiting_request() {
	web_org
	m asset add --no PC1 --name ノートPC --type 情報システム --unit S1 --manager 1 --c 2 --i 1 --a 1 >/dev/null
	m --as 3 request new 持ち出し --asset PC1 --field 品目=ノートPC --field 数量=1 \
		--field 目的=説明会 --field 場所=県庁 --field 返却予定日=2026-06-10 >"$T/req"
	no=$(grep -o '[0-9]\{4\}-[0-9]\{6\}' "$T/req" | head -1)
	[ -n "$no" ] || fail "no request number: $(cat "$T/req")"
	pw1=$(web_account 1); pw3=$(web_account 3)
	web_start
	web_login boss 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_get boss / >"$T/boss.html"
	assert_contains "$T/boss.html" "$no"
	assert_contains "$T/boss.html" "持ち出し"
	web_login clerk 3 "$pw3" 'Clerk-Password-2026xy' >/dev/null
	web_get clerk / >"$T/clerk.html"
	assert_not_contains "$T/clerk.html" "$no"
	assert_contains "$T/clerk.html" "決裁待ちの申請はありません"
	web_stop
}

# Idle timeout: 15 minutes for a privileged role, 30 for everyone else.
# mamori's clock is MAMORI_NOW, so the server is restarted later in time.
t_web_idle_timeout() {
	web_org
	pw3=$(web_account 3); pw9=$(web_account 9)
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	web_stop
	start=$MAMORI_NOW
	MAMORI_NOW=$(date -u -d "$start 16 minutes" +%Y-%m-%dT%H:%M:%SZ) web_start
	st=$(web_status ciso /); assert_eq "$st" "303 $URL/login"
	st=$(web_status staff /); assert_eq "${st%% *}" 200
	web_stop
	MAMORI_NOW=$(date -u -d "$start 47 minutes" +%Y-%m-%dT%H:%M:%SZ) web_start
	st=$(web_status staff /); assert_eq "$st" "303 $URL/login"
	web_stop
}

# Uploads: multipart bodies carry their CSRF field like urlencoded ones; only
# a sender with credentials gets the large limit; broken bodies are refused.
t_web_multipart_transport() {
	web_org
	pw=$(web_account 3)
	web_start
	web_login staff 3 "$pw" 'Staff-Password-2026x' >/dev/null
	web_get staff / >"$T/dash"
	csrf=$(web_csrf_of "$T/dash")
	# the script every page loads is served from mamori itself
	assert_contains "$T/dash" '<script src="/static/app.js" defer></script>'
	st=$(web_status anon /static/app.js); assert_eq "$st" "200 "
	assert_contains "$T/head" "Content-Type: text/javascript; charset=utf-8"
	web_assert_headers "$T/head"
	assert_contains "$T/body" 'form[data-upload]'
	# 100 KiB: too much for a stranger, fine for a signed-in sender (the
	# route then answers as for any POST: here 405, /assets takes no POST)
	head -c 100000 /dev/urandom >"$T/blob"
	st=$(web_status anon /login -F "csrf=x" -F "file=@$T/blob"); assert_eq "${st%% *}" 413
	st=$(web_status staff / -F "csrf=$csrf" -F "file=@$T/blob"); assert_eq "${st%% *}" 405
	# a multipart body cut short is refused, not taken for a smaller file
	printf -- '--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nhalf' "$csrf" >"$T/cut"
	st=$(web_status staff /logout -H 'Content-Type: multipart/form-data; boundary=b' --data-binary @"$T/cut")
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" "送信されたフォームを読み取れません"
	st=$(web_status staff /); assert_eq "${st%% *}" 200
	# a well-formed multipart sign-out: its CSRF field is read from the body
	st=$(web_status staff /logout -F "csrf=$csrf"); assert_eq "$st" "303 $URL/login"
	st=$(web_status staff /); assert_eq "$st" "303 $URL/login"
	web_stop
}
