#!/bin/sh
# `make run`: builds the demo municipality 架空市 into demo/mamori.db (fresh
# each time), shows what it holds, and ends in the web UI on
# http://127.0.0.1:8080 (MAMORI_LISTEN to change; Ctrl-C stops it).
# `mamori demo` prints the demo accounts; sign in with one of them.
set -eu
cd "$(dirname "$0")/.."
M=build/mamori
mkdir -p demo
rm -f demo/mamori.db demo/mamori.db-wal demo/mamori.db-shm demo/mamori.db.key
export MAMORI_DB=demo/mamori.db
# kept to print the demo accounts again just before the server starts
DEMO_OUT=$($M demo)
echo "$DEMO_OUT"
echo
echo "== 組織（部局と課室、先頭 20 行）=="
$M org list | head -20
echo "…"
echo
echo "== 情報資産台帳（機密性2以上、先頭 10 件）=="
$M asset list --c 2 | head -10
echo "…"
echo
# the example network of docs/netcheck.md, registered by the 統括 so that
# 「ネットワーク」 shows its picture and `check` its chapter-3 findings
$M --as 930001 netcheck register docs/examples/netmodel.json \
	--note "デモ用のネットワーク構成（docs/examples/netmodel.json）" >/dev/null
echo "== 点検（mamori check、先頭 10 行）=="
$M check | head -10 || true
echo "…"
echo
echo "== 記録の検証（mamori verify）=="
$M verify
echo
echo "データベース: demo/mamori.db（署名鍵 demo/mamori.db.key）"
echo "例: MAMORI_DB=demo/mamori.db build/mamori staff list --search やまだ"
echo
echo "== Web 画面（docs/web.md）=="
echo "$DEMO_OUT" | sed -n '/デモ用のアカウント/,$p'
echo
exec $M serve --listen "${MAMORI_LISTEN:-127.0.0.1:8080}"
