# Shared helpers for the CLI tests.  Each test is a function t_NAME run in
# its own temporary directory ($T) with a fresh database target ($DB).
#   $M           the mamori binary (with --db "$DB")
#   BACKEND      sqlite | pg
#   sql "…"      run SQL directly against the database, bypassing mamori
#   expect_exit N cmd…   run cmd, fail the test unless it exits N
#   assert_contains FILE TEXT, assert_not_contains FILE TEXT

fail() { echo "  $*" >&2; return 1; }

fresh_db() {
	if [ "$BACKEND" = pg ]; then
		local name="t_$(basename "$T" | tr -c 'a-z0-9_\n' '_')"
		DB=$("$ROOT/scripts/pg-temp.sh" newdb "$PG_TEMP_DIR" "$name") || return 1
		export MAMORI_KEY="$T/pg.key"
	else
		DB="$T/m.db"
		unset MAMORI_KEY
	fi
}

m() { "$MAMORI" --db "$DB" "$@"; }

sql() {
	if [ "$BACKEND" = pg ]; then
		psql -X -q -v ON_ERROR_STOP=1 -At "$DB" -c "$1"
	else
		sqlite3 "$DB" "$1"
	fi
}

expect_exit() {
	local want=$1; shift
	local got=0
	"$@" >"$T/out" 2>"$T/err" || got=$?
	if [ "$got" != "$want" ]; then
		fail "exit $got, want $want: $*"; sed 's/^/    /' "$T/err" "$T/out" | head -20 >&2; return 1
	fi
}

assert_contains() { grep -qF -- "$2" "$1" || { fail "$1 lacks: $2"; sed 's/^/    /' "$1" | head -20 >&2; return 1; }; }
assert_not_contains() { ! grep -qF -- "$2" "$1" || fail "$1 should not contain: $2"; }
assert_eq() { [ "$1" = "$2" ] || fail "got «$1», want «$2»"; }

# A small municipality: 総務部 > 総務課, 情報政策課; 税務部 > 税務課.
small_org() {
	m init --name 試験市 --kind 市 >/dev/null &&
	m org add --code B1 --name 総務部 --kind 部局 >/dev/null &&
	m org add --code S1 --name 総務課 --kind 課 --parent B1 >/dev/null &&
	m org add --code S2 --name 情報政策課 --kind 課 --parent B1 >/dev/null &&
	m org add --code B2 --name 税務部 --kind 部局 >/dev/null &&
	m org add --code S3 --name 税務課 --kind 課 --parent B2 >/dev/null
}

# The people and system the 例外措置 and 違反 tests act with: a 課員 (10),
# the 課's manager (11), the 統括責任者 (20), SYS1's administrator (21) and
# the CISO (40).
case_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 20 --name 統括 --unit B1 >/dev/null
	m staff add --no 21 --name システム管理者 --unit S2 >/dev/null
	m staff add --no 40 --name 副市長 --unit B1 >/dev/null
	m system add --code SYS1 --name 住記システム --unit S2 --zone mynumber >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign system_admin 21 --system SYS1 >/dev/null
	m role assign ciso 40 >/dev/null
}
