#!/bin/bash
# pg-temp.sh — a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-temp.sh start DIR       create and start a cluster in DIR, print its URL
#   scripts/pg-temp.sh newdb DIR NAME  (re)create database NAME, print its URL
#   scripts/pg-temp.sh stop DIR        stop the cluster and remove DIR
#
# The cluster listens only on a unix socket inside DIR (no TCP), trusts every
# local connection and runs with fsync off: it is for tests, never for data.
# Only the URL goes to stdout, so `URL=$(scripts/pg-temp.sh start DIR)` works;
# messages go to stderr and failures exit non-zero.  The port ($PGTEMP_PORT,
# default 5499) only names the socket file, so clusters in different DIRs do
# not clash.
#
# Run as root (the usual CI case) the server runs as the `postgres` user,
# because initdb refuses to run as root; run as anyone else it runs as that
# user.  Needs PostgreSQL 13 or later (DROP DATABASE … WITH (FORCE)).

set -euo pipefail

PROG=pg-temp.sh
PG_USER=postgres
DEFAULT_DB=mamori_test
# start and stop only ever delete a directory holding this marker, so a
# mistyped DIR cannot wipe someone's files.
MARKER=.pg-temp

# Settings from the caller's environment that would redirect or break our
# connections to the socket.
unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGSSLMODE PGREQUIRESSL PGOPTIONS PGDATABASE

die() {
	echo "$PROG: $*" >&2
	exit 1
}

usage() {
	cat >&2 <<EOF
usage: $PROG start DIR
       $PROG newdb DIR NAME
       $PROG stop DIR
EOF
	exit 2
}

# The newest installed server; Debian installs major versions side by side
# under /usr/lib/postgresql/<version>/bin.
newest_bindir() {
	local best
	best=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
	[[ -x $best ]] ||
		die "PostgreSQL が見つかりません (/usr/lib/postgresql/*/bin/initdb)。apt-get install postgresql を実行してください"
	dirname "$best"
}

# The binaries matching an existing cluster's version, so stopping a stale
# cluster works even after another version was installed.
cluster_bindir() {
	local dir=$1 ver
	ver=$(cat "$dir/data/PG_VERSION" 2>/dev/null || true)
	if [[ -n $ver && -x /usr/lib/postgresql/$ver/bin/pg_ctl ]]; then
		echo "/usr/lib/postgresql/$ver/bin"
	else
		newest_bindir
	fi
}

# Runs a command as the server's owner.
as_owner() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u "$PG_USER" -- "$@"
	else
		"$@"
	fi
}

abs_dir() {
	local d=$1
	[[ -n $d ]] || die "DIR が空です"
	[[ $d == /* ]] || d=$(pwd)/$d
	while [[ $d == */ && $d != / ]]; do
		d=${d%/}
	done
	printf '%s\n' "$d"
}

# Refuses directories that are obviously not a scratch directory.
check_dir() {
	case $1 in
	"" | / | /tmp | /var/tmp | /root | /home | "${HOME:-/}" | "$(pwd)")
		die "DIR に $1 は使えません (専用の空ディレクトリを指定してください)" ;;
	esac
}

# Percent-encodes a URI query value, byte by byte.
uri_encode() {
	local LC_ALL=C s=$1 out="" c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9/._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

url_for() { # DIR DBNAME
	printf 'postgresql://%s@/%s?host=%s&port=%s\n' \
		"$PG_USER" "$2" "$(uri_encode "$1")" "$(cat "$1/port")"
}

# Stops whatever server may still run in DIR (a killed test run leaves one
# behind), then deletes DIR.
cleanup_dir() {
	local dir=$1 bindir pid
	[[ -e $dir ]] || return 0
	[[ -d $dir ]] || die "$dir はディレクトリではありません"
	if [[ -z $(ls -A "$dir") ]]; then
		rmdir "$dir"
		return 0
	fi
	[[ -f $dir/$MARKER ]] ||
		die "$dir は pg-temp.sh が作ったディレクトリではないため削除しません"
	if [[ -f $dir/data/postmaster.pid ]]; then
		bindir=$(cluster_bindir "$dir")
		# fast rolls back open sessions; immediate if fast does not finish.
		as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -t 30 stop >/dev/null 2>&1 ||
			as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -t 30 stop >/dev/null 2>&1 ||
			true
		# Never delete the files of a server that is still running.
		pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
		if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
			grep -qa postgres "/proc/$pid/cmdline" 2>/dev/null; then
			die "$dir のサーバ (pid $pid) を停止できません"
		fi
	fi
	rm -rf "$dir" || die "$dir を削除できません"
}

# initdb with the UTF-8 C locale, or plain C where C.UTF-8 is missing.
run_initdb() {
	local dir=$1 bindir=$2 loc
	for loc in C.UTF-8 C; do
		if as_owner "$bindir/initdb" -D "$dir/data" -U "$PG_USER" -A trust -E UTF8 \
			--locale="$loc" >"$dir/initdb.log" 2>&1; then
			return 0
		fi
		as_owner rm -rf "$dir/data"
	done
	sed 's/^/  /' "$dir/initdb.log" >&2
	die "initdb に失敗しました (ログ: $dir/initdb.log)"
}

write_config() {
	local dir=$1 port=$2
	# A single quote inside a postgresql.conf string is written twice.
	local qdir=${dir//\'/\'\'}
	cat >>"$dir/data/postgresql.conf" <<EOF

# pg-temp.sh: a test cluster; unix socket only, durability off for speed
listen_addresses = ''
unix_socket_directories = '$qdir'
port = $port
fsync = off
full_page_writes = off
synchronous_commit = off
EOF
}

wait_ready() {
	local dir=$1 bindir=$2 i
	for ((i = 0; i < 300; i++)); do
		if "$bindir/pg_isready" -q -h "$dir" -p "$(cat "$dir/port")" -U "$PG_USER" -d postgres; then
			return 0
		fi
		sleep 0.1
	done
	tail -n 20 "$dir/postgres.log" >&2 || true
	die "PostgreSQL が応答しません (ログ: $dir/postgres.log)"
}

# Runs one SQL command in the maintenance database; NOTICEs such as
# "database does not exist, skipping" are kept off the terminal.
psql_admin() { # DIR BINDIR SQL
	PGOPTIONS='-c client_min_messages=warning' \
		"$2/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$(cat "$1/port")" \
		-U "$PG_USER" -d postgres -c "$3" >/dev/null
}

cmd_start() {
	local dir port bindir
	dir=$(abs_dir "$1")
	check_dir "$dir"
	port=${PGTEMP_PORT:-5499}
	if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
		die "PGTEMP_PORT が不正です: $port"
	fi
	# The socket path "DIR/.s.PGSQL.PORT" must fit in sun_path (107 bytes).
	((${#dir} + 20 <= 107)) ||
		die "DIR のパスが長すぎます (unix ソケットのパスは 107 バイトまで): $dir"
	bindir=$(newest_bindir)

	cleanup_dir "$dir"
	mkdir -p "$dir" || die "$dir を作成できません"
	: >"$dir/$MARKER"
	echo "$port" >"$dir/port"
	if [[ $(id -u) -eq 0 ]]; then
		id "$PG_USER" >/dev/null 2>&1 ||
			die "ユーザ $PG_USER がありません (postgresql パッケージを入れてください)"
		chown -R "$PG_USER:" "$dir"
		if ! as_owner test -w "$dir" -a -x "$dir"; then
			rm -rf "$dir"
			die "$PG_USER ユーザが $dir に書き込めません (親ディレクトリのパーミッションを確認してください)"
		fi
	fi
	# Tests not running as the owner must still reach the socket.
	chmod 755 "$dir"

	run_initdb "$dir" "$bindir"
	write_config "$dir" "$port"
	if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1; then
		tail -n 20 "$dir/postgres.log" >&2 || true
		die "PostgreSQL を起動できません (ログ: $dir/postgres.log)"
	fi
	wait_ready "$dir" "$bindir"
	psql_admin "$dir" "$bindir" "CREATE DATABASE $DEFAULT_DB" ||
		die "データベース $DEFAULT_DB を作成できません"
	url_for "$dir" "$DEFAULT_DB"
}

cmd_newdb() {
	local dir name=$2 bindir
	dir=$(abs_dir "$1")
	[[ $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
		die "データベース名は英小文字・数字・_ の 63 文字以内で、数字以外で始めてください: $name"
	[[ -f $dir/$MARKER && -f $dir/port && -d $dir/data ]] ||
		die "$dir に pg-temp.sh のクラスタがありません (先に start してください)"
	bindir=$(cluster_bindir "$dir")
	"$bindir/pg_isready" -q -h "$dir" -p "$(cat "$dir/port")" -U "$PG_USER" -d postgres ||
		die "$dir の PostgreSQL が応答しません"
	# FORCE ends sessions that a crashed test left connected.
	psql_admin "$dir" "$bindir" "DROP DATABASE IF EXISTS $name WITH (FORCE)" ||
		die "データベース $name を削除できません"
	psql_admin "$dir" "$bindir" "CREATE DATABASE $name" ||
		die "データベース $name を作成できません"
	url_for "$dir" "$name"
}

cmd_stop() {
	local dir
	dir=$(abs_dir "$1")
	check_dir "$dir"
	if [[ ! -e $dir ]]; then
		echo "$PROG: $dir はありません (停止済み)" >&2
		return 0
	fi
	cleanup_dir "$dir"
}

[[ $# -ge 1 ]] || usage
cmd=$1
shift
case $cmd in
start) [[ $# -eq 1 ]] || usage; cmd_start "$1" ;;
newdb) [[ $# -eq 2 ]] || usage; cmd_newdb "$1" "$2" ;;
stop) [[ $# -eq 1 ]] || usage; cmd_stop "$1" ;;
*) usage ;;
esac
