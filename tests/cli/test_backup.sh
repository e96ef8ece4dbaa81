# Backup and restore: round trips on both backends, and refusals.

backup_org() {
	small_org
	m staff import "$ROOT/tests/fixtures/staff/roster.csv" >/dev/null
	m role assign manager 100001 --unit S1 >/dev/null
}

t_backup_restore_round_trip() {
	backup_org
	m backup "$T/b.bak" >/dev/null
	[ -s "$T/b.bak" ] && [ -s "$T/b.bak.key" ]
	[ "$(stat -c %a "$T/b.bak")" = 600 ]
	"$MAMORI" --db "$T/restored.db" restore "$T/b.bak" >"$T/out"
	assert_contains "$T/out" "検証済み"
	"$MAMORI" --db "$T/restored.db" verify >/dev/null
	"$MAMORI" --db "$T/restored.db" --format json staff list >"$T/after"
	m --format json staff list >"$T/before"
	cmp "$T/before" "$T/after"
	# the restored database keeps working and chaining
	"$MAMORI" --db "$T/restored.db" staff add --no 9 --name 新人 --unit S1 >/dev/null
	"$MAMORI" --db "$T/restored.db" verify >/dev/null
}

t_dump_round_trip_between_backends() {
	backup_org
	m backup "$T/d.mamori-dump" >/dev/null
	head -1 "$T/d.mamori-dump" | grep -q '^MAMORI-DUMP 1 '
	tail -1 "$T/d.mamori-dump" | grep -q '^END '
	# into a SQLite file, whatever the source backend
	"$MAMORI" --db "$T/from-dump.db" restore "$T/d.mamori-dump" >/dev/null
	"$MAMORI" --db "$T/from-dump.db" verify >/dev/null
	"$MAMORI" --db "$T/from-dump.db" --format json role list >"$T/roles"
	assert_contains "$T/roles" '"staff_no":"100001"'
}

t_restore_refuses_bad_backups() {
	backup_org
	m backup "$T/d.mamori-dump" >/dev/null
	head -n 5 "$T/d.mamori-dump" >"$T/cut.mamori-dump"
	expect_exit 2 "$MAMORI" --db "$T/r1.db" restore "$T/cut.mamori-dump"
	sed 's/山田 太郎/山田 次郎/' "$T/d.mamori-dump" >"$T/edited.mamori-dump"
	cp "$T/d.mamori-dump.key" "$T/edited.mamori-dump.key"
	expect_exit 2 "$MAMORI" --db "$T/r2.db" restore "$T/edited.mamori-dump"
	assert_contains "$T/err" "検証に失敗しました"
	echo "not a backup" >"$T/junk"
	expect_exit 2 "$MAMORI" --db "$T/r3.db" restore "$T/junk"
	assert_contains "$T/err" "mamori のバックアップではありません"
	# a non-empty target is refused, and keeps what it had
	expect_exit 2 m restore "$T/d.mamori-dump"
	assert_contains "$T/err" "空である必要があります"
	m verify >/dev/null
}
