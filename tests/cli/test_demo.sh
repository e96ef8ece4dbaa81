# The demo municipality: realistic size, every role filled, a few
# deliberate findings, deterministic, and it verifies.

t_demo_builds_checks_and_verifies() {
	[ "$BACKEND" = sqlite ] || return 0 # same code path on both; once is enough for 1,200 staff
	m demo >"$T/out"
	assert_contains "$T/out" "職員 1200"
	assert_contains "$T/out" "情報システム 40"
	[ "$(sql "SELECT count(*) FROM org_unit WHERE kind IN ('bureau','commission','assembly','fire','enterprise')")" = 10 ]
	[ "$(sql "SELECT count(*) FROM org_unit WHERE kind IN ('section','branch')")" = 60 ]
	[ "$(sql "SELECT count(*) FROM role_assignment WHERE role = 'ciso' AND ended_on IS NULL")" = 1 ]
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"org.manager.per_section"'
	assert_contains "$T/out" '"rule":"org.system_admin.per_system"'
	assert_contains "$T/out" '"rule":"org.role.holder_left"'
	assert_contains "$T/out" '"rule":"org.role.holder_moved"'
	assert_contains "$T/out" '"subject":"asset:SYS01-D-P1"'
	assert_contains "$T/out" '"subject":"asset:SYS02-B2"'
	[ "$(sql "SELECT count(*) FROM asset")" -gt 200 ]
	m verify >/dev/null
	# deterministic: a second demo holds exactly the same rows
	"$MAMORI" --db "$T/second.db" demo >/dev/null
	for table in org_unit staff info_system role_assignment asset storage_location; do
		a=$(sqlite3 "$DB" "SELECT * FROM $table ORDER BY id" | sha256sum)
		b=$(sqlite3 "$T/second.db" "SELECT * FROM $table ORDER BY id" | sha256sum)
		assert_eq "$a" "$b"
	done
	expect_exit 2 m demo
}
