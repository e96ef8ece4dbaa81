#!/bin/bash
# The web server under load (issue 5): wrk with 64 connections for 30 s
# against GET /api/v1/assets?limit=50 (API token) and the dashboard HTML
# (signed-in session) on the demo data, each beside nginx serving a static
# file of the same size in the same run.  Targets: ≥ 5,000 requests/s,
# p99 ≤ 50 ms, no errors.
# Called by bench/run.sh with $M and $W; alone: M=build/mamori W=$(mktemp -d) bench/web.sh
set -euo pipefail
: "${M:?}" "${W:?}"
SECS=${WEB_SECONDS:-30}
PORT=$((20000 + RANDOM % 20000))
NGINX_PORT=$((PORT + 1))
DB=$W/web.db
rm -f "$DB" "$DB.key" "$DB-wal" "$DB-shm"
"$M" --db "$DB" demo >/dev/null
# the CISO sees the whole register; the 課長 has no second factor to type
TOKEN=$("$M" --db "$DB" --format json account token add 900001 --name bench |
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')

"$M" --db "$DB" serve --listen "127.0.0.1:$PORT" >"$W/serve.log" 2>&1 &
SERVER=$!
NGINX_DIR=$W/nginx
cleanup() {
	kill "$SERVER" 2>/dev/null || true
	[ -f "$NGINX_DIR/nginx.pid" ] && kill "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.1; done

# a signed-in session of the 課長 (950001) for the dashboard
JAR=$W/cookies
curl -s -c "$JAR" -o "$W/login.html" "http://127.0.0.1:$PORT/login"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$W/login.html" | head -1)
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "login=950001" \
	--data-urlencode "password=demo-kacho-kakuu" --data-urlencode "csrf=$CSRF" \
	"http://127.0.0.1:$PORT/login"
COOKIE=$(awk '$6 == "mamori_session" {print $7}' "$JAR")

curl -s -H "Authorization: Bearer $TOKEN" -o "$W/assets.json" "http://127.0.0.1:$PORT/api/v1/assets?limit=50"
curl -s -b "mamori_session=$COOKIE" -o "$W/dashboard.html" "http://127.0.0.1:$PORT/"
grep -q '"assets"' "$W/assets.json" || { echo "web bench: the API did not answer: $(head -c 200 "$W/assets.json")"; exit 1; }
grep -q 'ダッシュボード' "$W/dashboard.html" || { echo "web bench: could not sign in for the dashboard"; exit 1; }

# nginx serving files of the same sizes
mkdir -p "$NGINX_DIR/www"
cp "$W/assets.json" "$NGINX_DIR/www/assets.json"
cp "$W/dashboard.html" "$NGINX_DIR/www/dashboard.html"
cat >"$NGINX_DIR/nginx.conf" <<CONF
worker_processes 2;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $NGINX_DIR;
	proxy_temp_path $NGINX_DIR;
	fastcgi_temp_path $NGINX_DIR;
	uwsgi_temp_path $NGINX_DIR;
	scgi_temp_path $NGINX_DIR;
	server { listen 127.0.0.1:$NGINX_PORT; root $NGINX_DIR/www; }
}
CONF
nginx -c "$NGINX_DIR/nginx.conf"

# wrk URL [HEADER]: "requests/s p99 errors"
load() {
	local out
	if [ -n "${2:-}" ]; then
		out=$(wrk -t2 -c64 -d"${SECS}s" --latency -H "$2" "$1")
	else
		out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$1")
	fi
	local rps p99 errors
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	errors=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
	echo "$rps $p99 $errors"
}
read -r api_rps api_p99 api_err <<<"$(load "http://127.0.0.1:$PORT/api/v1/assets?limit=50" "Authorization: Bearer $TOKEN")"
read -r ng1_rps ng1_p99 _ <<<"$(load "http://127.0.0.1:$NGINX_PORT/assets.json")"
read -r dash_rps dash_p99 dash_err <<<"$(load "http://127.0.0.1:$PORT/" "Cookie: mamori_session=$COOKIE")"
read -r ng2_rps ng2_p99 _ <<<"$(load "http://127.0.0.1:$NGINX_PORT/dashboard.html")"

echo "web, wrk 64 connections × ${SECS} s on the demo data (targets ≥ 5000 req/s, p99 ≤ 50 ms, 0 errors):"
printf '  GET /api/v1/assets?limit=50 (%s bytes)  %8s req/s  p99 %8s  errors %s\n' \
	"$(wc -c <"$W/assets.json")" "$api_rps" "$api_p99" "$api_err"
printf '  nginx, static file of that size       %8s req/s  p99 %8s\n' "$ng1_rps" "$ng1_p99"
printf '  GET / dashboard (%s bytes)             %8s req/s  p99 %8s  errors %s\n' \
	"$(wc -c <"$W/dashboard.html")" "$dash_rps" "$dash_p99" "$dash_err"
printf '  nginx, static file of that size       %8s req/s  p99 %8s\n' "$ng2_rps" "$ng2_p99"
