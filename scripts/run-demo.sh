#!/bin/sh
# `make run`: builds the demo municipality 架空市 into demo/mamori.db (fresh
# each time) and shows what it holds.  The web UI (a later milestone) will be
# served from here on http://127.0.0.1:8080; until then this prints the
# organisation, the emergency contact tree, the check findings and verify.
set -eu
cd "$(dirname "$0")/.."
M=build/mamori
mkdir -p demo
rm -f demo/mamori.db demo/mamori.db-wal demo/mamori.db-shm demo/mamori.db.key
export MAMORI_DB=demo/mamori.db
$M demo
echo
echo "== 組織（部局と課室、先頭 20 行）=="
$M org list | head -20
echo "…"
echo
echo "== 緊急連絡網（先頭 15 行）=="
$M org contacts | head -15
echo "…"
echo
echo "== 情報資産台帳（機密性2以上、先頭 10 件）=="
$M asset list --c 2 | head -10
echo "…"
echo
echo "== 点検（mamori check）=="
$M check || true
echo
echo "== 記録の検証（mamori verify）=="
$M verify
echo
echo "データベース: demo/mamori.db（署名鍵 demo/mamori.db.key）"
echo "例: MAMORI_DB=demo/mamori.db build/mamori staff list --search やまだ"
