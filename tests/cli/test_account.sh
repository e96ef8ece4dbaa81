# Web sign-in accounts: add, list, reset, disable, API tokens, the sign-in
# log; nothing secret printed twice; the record still verifies; backups keep
# accounts but not the sign-in log.

account_org() {
	small_org
	m staff import "$ROOT/tests/fixtures/staff/roster.csv" >/dev/null
	m role assign ciso 100003 >/dev/null
}

# The value of a JSON string field in $1 (one-line JSON).
json_field() { sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" "$1"; }

t_account_add_list_reset_disable() {
	account_org
	m account add 100001 >"$T/add"
	assert_contains "$T/add" "仮パスワード"
	m --format json account add 100003 --admin >"$T/admin.json"
	temp=$(json_field "$T/admin.json" temporary_password)
	[ ${#temp} = 16 ]
	m account list >"$T/list"
	assert_contains "$T/list" "100001"
	assert_contains "$T/list" "仮パスワード"
	assert_contains "$T/list" "管理者"
	assert_contains "$T/list" "TOTP未登録"
	m --format json account list >"$T/list.json"
	assert_contains "$T/list.json" '"login":"100003"'
	assert_contains "$T/list.json" '"needs_totp":1'
	assert_contains "$T/list.json" '"must_change":1'
	m --format csv account list >"$T/list.csv"
	head -1 "$T/list.csv" | grep -q '^職員番号,氏名,状態'
	# a reset gives a new temporary password
	m --format json account reset 100003 >"$T/reset.json"
	temp2=$(json_field "$T/reset.json" temporary_password)
	[ ${#temp2} = 16 ] && [ "$temp" != "$temp2" ]
	m account reset 100003 --totp >/dev/null
	# disable, twice, and enable
	m account disable 100001 >/dev/null
	m account list >"$T/list"
	assert_contains "$T/list" "無効"
	expect_exit 2 m account disable 100001
	assert_contains "$T/err" "既に無効"
	m account enable 100001 >/dev/null
	expect_exit 2 m account enable 100001
	# nothing secret in the listings
	for f in list list.json list.csv; do
		assert_not_contains "$T/$f" "$temp"
		assert_not_contains "$T/$f" "$temp2"
		assert_not_contains "$T/$f" 'argon2'
	done
	# stored only as hashes
	[ "$(sql "SELECT count(*) FROM account WHERE pw_hash LIKE '\$argon2id\$%'")" = 2 ]
	[ "$(sql "SELECT count(*) FROM account WHERE pw_hash = '$temp2'")" = 0 ]
	m verify >/dev/null
}

t_account_bad_input() {
	account_org
	m account add 100001 >/dev/null
	expect_exit 2 m account add 100001
	assert_contains "$T/err" "既にあります"
	expect_exit 2 m account add 999999
	assert_contains "$T/err" "登録されていません"
	expect_exit 2 m account add
	assert_contains "$T/err" "職員番号を指定してください"
	expect_exit 2 m account add 100002 100003
	expect_exit 2 m account reset 100002
	assert_contains "$T/err" "アカウントはありません"
	expect_exit 2 m account disable 999999
	expect_exit 2 m account token add 100001
	assert_contains "$T/err" "--name"
	expect_exit 2 m account token add 999999 --name x
	expect_exit 2 m account log --limit abc
	expect_exit 2 m account frobnicate
	assert_contains "$T/err" "不明なサブコマンド"
	expect_exit 2 m --format pdf account list
	# a retired person gets no account
	m staff retire 100002 --date 2026-04-30 >/dev/null
	expect_exit 2 m account add 100002
	assert_contains "$T/err" "離任"
	# nothing half-written by the refusals
	[ "$(sql "SELECT count(*) FROM account")" = 1 ]
	m verify >/dev/null
}

t_account_tokens() {
	account_org
	m account add 100001 >/dev/null
	m --format json account token add 100001 --name 集計 >"$T/tok.json"
	token=$(json_field "$T/tok.json" token)
	[ ${#token} = 64 ]
	expect_exit 2 m account token add 100001 --name 集計
	assert_contains "$T/err" "既にあります"
	m account token list 100001 >"$T/tokens"
	assert_contains "$T/tokens" "集計"
	assert_not_contains "$T/tokens" "$token"
	m --format json account list >"$T/list.json"
	assert_contains "$T/list.json" '"tokens":1'
	# the database holds the SHA-256, never the token
	hash=$(printf %s "$token" | sha256sum | cut -d' ' -f1)
	[ "$(sql "SELECT count(*) FROM api_token WHERE token_hash = '$hash'")" = 1 ]
	[ "$(sql "SELECT count(*) FROM api_token WHERE token_hash = '$token'")" = 0 ]
	m account token revoke 100001 --name 集計 >/dev/null
	expect_exit 2 m account token revoke 100001 --name 集計
	assert_contains "$T/err" "有効な API トークン"
	m --format json account token list 100001 >"$T/tokens.json"
	assert_contains "$T/tokens.json" '"revoked_at":"'
	m account token add 100001 --name 集計 >/dev/null # the name is free again
	m verify >/dev/null
}

t_account_log() {
	account_org
	m --format json account add 100001 >"$T/add.json"
	temp=$(json_field "$T/add.json" temporary_password)
	m account reset 100001 >/dev/null
	m account token add 100001 --name ci >/dev/null
	m account disable 100001 >/dev/null
	m account log >"$T/log"
	assert_contains "$T/log" "アカウント作成"
	assert_contains "$T/log" "仮パスワードの再発行"
	assert_contains "$T/log" "API トークン発行"
	assert_contains "$T/log" "アカウント無効化"
	assert_not_contains "$T/log" "$temp"
	m --format json account log --limit 2 >"$T/log.json"
	assert_contains "$T/log.json" '"events":['
	[ "$(grep -o '"event":' "$T/log.json" | wc -l)" = 2 ]
	assert_contains "$T/log.json" '"event":"account_disabled"'
	m --format csv account log >"$T/log.csv"
	head -1 "$T/log.csv" | grep -q '^日時,ID,接続元,出来事,詳細'
	# the sign-in log and accounts stay out of the journal
	[ "$(sql "SELECT count(*) FROM journal WHERE kind LIKE 'account%' OR subject LIKE 'account%'")" = 0 ]
	m verify >/dev/null
}

# Accounts survive a backup and restore (nobody is locked out); the sign-in
# log and sessions do not come back.
t_account_backup_restore() {
	account_org
	m account add 100001 >/dev/null
	m account add 100003 --admin >/dev/null
	m account token add 100001 --name ci >/dev/null
	sql "INSERT INTO session(id, account_id, token_hash, stage, csrf, idle_minutes, created_at,
	     last_seen_at) VALUES (1, 1, 'x', 0, 'y', 30, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')" >/dev/null
	m backup "$T/b.bak" >/dev/null
	"$MAMORI" --db "$T/restored.db" restore "$T/b.bak" >/dev/null
	"$MAMORI" --db "$T/restored.db" verify >/dev/null
	m --format json account list >"$T/before"
	"$MAMORI" --db "$T/restored.db" --format json account list >"$T/after"
	cmp "$T/before" "$T/after"
	a=$(sql "SELECT pw_hash FROM account ORDER BY id")
	b=$(sqlite3 "$T/restored.db" "SELECT pw_hash FROM account ORDER BY id")
	assert_eq "$a" "$b"
	[ "$(sqlite3 "$T/restored.db" "SELECT count(*) FROM api_token")" = 1 ]
	[ "$(sqlite3 "$T/restored.db" "SELECT count(*) FROM session")" = 0 ]
	[ "$(sqlite3 "$T/restored.db" "SELECT count(*) FROM auth_event")" = 0 ]
	# the portable dump too
	m backup "$T/d.mamori-dump" >/dev/null
	grep -q '"t":"account"' "$T/d.mamori-dump"
	assert_not_contains "$T/d.mamori-dump" '"t":"auth_event"'
	assert_not_contains "$T/d.mamori-dump" '"t":"session"'
	"$MAMORI" --db "$T/from-dump.db" restore "$T/d.mamori-dump" >/dev/null
	"$MAMORI" --db "$T/from-dump.db" --format json account list >"$T/after2"
	cmp "$T/before" "$T/after2"
}

t_account_demo_credentials() {
	[ "$BACKEND" = sqlite ] || return 0 # the demo is backend-neutral and big; once is enough
	m demo >"$T/out"
	assert_contains "$T/out" "demo-ciso-kakuu"
	assert_contains "$T/out" "MAMORIDEMOTOTPKAKUUSHIMAMORIDEMO"
	[ "$(sql "SELECT count(*) FROM account")" = 6 ]
	[ "$(sql "SELECT count(*) FROM account WHERE totp_enrolled = 1")" = 4 ]
	[ "$(sql "SELECT count(*) FROM account WHERE must_change = 1")" = 0 ]
	m account list >"$T/list"
	assert_not_contains "$T/list" "demo-ciso-kakuu"
	m verify >/dev/null
}
