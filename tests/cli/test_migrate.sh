# A database written by an older build opens, migrates and still verifies.

t_schema_v1_fixture_opens_and_migrates() {
	[ "$BACKEND" = sqlite ] || return 0
	cp "$ROOT/tests/fixtures/schema-v1/v1.db" "$T/old.db"
	cp "$ROOT/tests/fixtures/schema-v1/v1.db.key" "$T/old.db.key"
	assert_eq "$(sqlite3 "$T/old.db" "SELECT value FROM meta WHERE key = 'schema_version'")" "1"
	DB=$T/old.db
	expect_exit 0 m verify
	assert_contains "$T/out" "記録 14 件"
	"$MAMORI" --db "$T/fresh.db" init --name 新市 --kind 市 >/dev/null
	latest=$(sqlite3 "$T/fresh.db" "SELECT value FROM meta WHERE key = 'schema_version'")
	[ "$latest" -ge 2 ]
	assert_eq "$(sqlite3 "$T/old.db" "SELECT value FROM meta WHERE key = 'schema_version'")" "$latest"
	sqlite3 "$T/old.db" "SELECT name FROM sqlite_master WHERE name = 'journal_at'" | grep -q journal_at
	# and keeps working: new writes chain onto the old journal
	m staff add --no 300001 --name 新版 --unit S1 >/dev/null
	m --format json journal --since 2026-04-01 --limit 100 >"$T/j"
	assert_contains "$T/j" '"kind":"staff.add"'
	expect_exit 0 m verify
	assert_contains "$T/out" "記録 15 件"
	expect_exit 1 m check
}

t_newer_database_is_refused() {
	small_org
	sql "UPDATE meta SET value = '999' WHERE key = 'schema_version'"
	expect_exit 2 m org list
	assert_contains "$T/err" "スキーマ版 999 はこの mamori"
}
