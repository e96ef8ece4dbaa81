# The registered network model (mamori netcheck register / show), its `check`
# findings, backup and restore (docs/netcheck.md, 登録と点検).  These open
# the database, so they run on SQLite and PostgreSQL alike.

# A three-zone model: NETWEB_MODEL FILE [ZONE_NAME] [bad]
# "bad" adds a firewall rule that opens the マイナンバー利用事務系 to the
# LGWAN接続系 (a 3.1.1 violation); without it the model is the fixed one.
netweb_model() {
	python3 - "$@" <<'PY'
import json, sys
path = sys.argv[1]
zname = sys.argv[2] if len(sys.argv) > 2 else "LGWAN系"
bad = len(sys.argv) > 3 and sys.argv[3] == "bad"
rules = [{"id": "r-web", "action": "allow", "from": "seg-in", "to": "cloud", "protocol": "tcp", "ports": "443"}]
if bad:
    rules.insert(0, {"id": "r-open", "action": "allow", "from": "seg-mn", "to": "seg-lg", "protocol": "any"})
m = {
    "municipality": "試験市", "model": "alpha",
    "zones": [{"id": "mn", "name": "マイナンバー系", "area": "mynumber"},
              {"id": "lg", "name": zname, "area": "lgwan"},
              {"id": "in", "name": "インターネット系", "area": "internet"}],
    "segments": [{"id": "seg-mn", "zone": "mn", "cidr": ["10.1.0.0/24"]},
                 {"id": "seg-lg", "zone": "lg", "cidr": ["10.2.0.0/24"]},
                 {"id": "seg-in", "zone": "in", "cidr": ["10.3.0.0/24"]}],
    "peers": [{"id": "cloud", "name": "セキュリティクラウド", "kind": "security-cloud", "addresses": ["198.51.100.0/24"]},
              {"id": "inet", "name": "インターネット", "kind": "internet", "addresses": ["0.0.0.0/0"]}],
    "firewalls": [{"name": "fw1", "default": "deny", "rules": rules}],
    "links": [{"a": "seg-mn", "b": "seg-lg", "firewall": "fw1"},
              {"a": "seg-lg", "b": "seg-in", "firewall": "fw1"},
              {"a": "seg-in", "b": "cloud", "firewall": "fw1"},
              {"a": "cloud", "b": "inet"}],
}
with open(path, "w", encoding="utf-8") as f:
    json.dump(m, f, ensure_ascii=False, indent=1)
PY
}

# The violation the "bad" model adds, as netcheck names it.
NETWEB_RULE=net.mynumber.isolated

netweb_journal_count() { sql "SELECT COUNT(*) FROM journal"; }

t_net_register_check_and_fix() {
	m init --name 試験市 --kind 市 >/dev/null
	# no model: chapter 3 is not checked, and the text says so
	m check --format json >"$T/c0" || true
	assert_not_contains "$T/c0" '"rule":"net.'
	m check >"$T/c0.txt" || true
	assert_contains "$T/c0.txt" "ネットワーク構成が登録されていないため"
	netweb_model "$T/bad.json" LGWAN系 bad
	m --as 9 netcheck register "$T/bad.json" --note 初版 >"$T/out"
	assert_contains "$T/out" "第1版として登録しました"
	grep -q '違反 [1-9][0-9]* 件' "$T/out" || fail "no violation count: $(cat "$T/out")"
	# check has the violation with its clause and rule id
	expect_exit 1 m check --format json
	python3 - "$T/out" "$NETWEB_RULE" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
hit = [x for x in f if x["rule"] == sys.argv[2]]
assert hit and all(x["control"] == "3.1.1" and x["severity"] == "error" for x in hit), f
assert all("第1版" in x["message"] for x in hit)
PY
	m check >"$T/c1.txt" || true
	assert_not_contains "$T/c1.txt" "ネットワーク構成が登録されていないため"
	# show: the same contract JSON as checking the file itself
	expect_exit 1 m netcheck show --format json
	cp "$T/out" "$T/show.json"
	"$MAMORI" netcheck "$T/bad.json" --format json >"$T/file.json" || true
	assert_eq "$(cat "$T/show.json")" "$(cat "$T/file.json")"
	expect_exit 1 m netcheck show
	assert_contains "$T/out" "第1版"
	assert_contains "$T/out" "メモ: 初版"
	# the fixed model: a new version, and the findings are gone
	netweb_model "$T/good.json"
	m netcheck register "$T/good.json" >"$T/out"
	assert_contains "$T/out" "第2版として登録しました"
	m check --format json >"$T/c2" || true
	assert_not_contains "$T/c2" "\"rule\":\"$NETWEB_RULE\""
	m netcheck show --format json >"$T/show2.json" || true
	assert_not_contains "$T/show2.json" "\"rule\":\"$NETWEB_RULE\""
	# older versions stay readable; who registered is the journal actor
	expect_exit 1 m netcheck show --version 1 --format json
	assert_contains "$T/out" "\"rule\":\"$NETWEB_RULE\""
	assert_eq "$(sql "SELECT registered_by FROM net_model WHERE version = 1")" "staff:9"
	assert_eq "$(sql "SELECT COUNT(*) FROM journal WHERE kind = 'netmodel.register'")" "2"
	expect_exit 2 m netcheck show --version 3
	assert_contains "$T/err" "第3版はありません"
	expect_exit 2 m netcheck show --version x
	m verify >/dev/null
}

t_net_register_refuses_bad_model() {
	m init --name 試験市 --kind 市 >/dev/null
	before=$(netweb_journal_count)
	netweb_model "$T/m.json"
	python3 - "$T/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["segments"][1]["zone"] = "no-such-zone"
json.dump(m, open(sys.argv[1], "w"), ensure_ascii=False)
PY
	expect_exit 2 m netcheck register "$T/m.json"
	assert_contains "$T/err" "segments[1].zone"
	printf '{"zones": [' >"$T/broken.json"
	expect_exit 2 m netcheck register "$T/broken.json"
	expect_exit 2 m netcheck register "$T/missing.json"
	assert_contains "$T/err" "missing.json"
	expect_exit 2 m netcheck register
	assert_eq "$(netweb_journal_count)" "$before"
	assert_eq "$(sql "SELECT COUNT(*) FROM net_model")" "0"
	expect_exit 2 m netcheck show
	assert_contains "$T/err" "登録されていません"
}

# Imports are read relative to the model file and stored inlined: the
# registered model needs no other file.
t_net_register_inlines_imports() {
	m init --name 試験市 --kind 市 >/dev/null
	mkdir -p "$T/conf"
	# the real tool in a network namespace where allowed, else the same
	# ruleset as iptables-save prints it, so the import is tested either way
	unshare -n sh -c 'iptables -P FORWARD DROP && iptables -A FORWARD -s 10.3.0.0/24 -d 198.51.100.0/24 -p tcp --dport 443 -j ACCEPT && iptables-save' >"$T/conf/fw1.rules" 2>/dev/null ||
		printf '%s\n' '*filter' ':INPUT ACCEPT [0:0]' ':FORWARD DROP [0:0]' ':OUTPUT ACCEPT [0:0]' \
			'-A FORWARD -s 10.3.0.0/24 -d 198.51.100.0/24 -p tcp -m tcp --dport 443 -j ACCEPT' 'COMMIT' >"$T/conf/fw1.rules"
	netweb_model "$T/conf/model.json"
	python3 - "$T/conf/model.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["firewalls"][0]["rules"] = []
m["firewalls"][0]["import"] = [{"format": "iptables-save", "file": "fw1.rules"}]
json.dump(m, open(sys.argv[1], "w"), ensure_ascii=False)
PY
	cd / && m netcheck register "$T/conf/model.json" >"$T/out" && cd "$T"
	assert_contains "$T/out" "第1版として登録しました"
	rm "$T/conf/fw1.rules"
	m netcheck show --format json >"$T/show.json" || true
	sql "SELECT model FROM net_model" >"$T/stored"
	assert_not_contains "$T/stored" '"import"'
	assert_contains "$T/stored" "198.51.100.0/24"
}

t_net_backup_restore_keeps_model() {
	m init --name 試験市 --kind 市 >/dev/null
	netweb_model "$T/bad.json" LGWAN系 bad
	m netcheck register "$T/bad.json" >/dev/null
	m netcheck show --format json >"$T/before.json" || true
	m backup "$T/b.bak" >/dev/null
	# into an empty SQLite database on either backend, as t_backup_restore_round_trip
	DB2="$T/restored.db"
	"$MAMORI" --db "$DB2" restore "$T/b.bak" >/dev/null
	"$MAMORI" --db "$DB2" netcheck show --format json >"$T/after.json" || true
	assert_eq "$(cat "$T/after.json")" "$(cat "$T/before.json")"
	"$MAMORI" --db "$DB2" verify >/dev/null
	assert_eq "$("$MAMORI" --db "$DB2" netcheck show | head -1 | grep -c 第1版)" "1"
}

# A stored model this mamori cannot read (changed behind its back here) is a
# finding of its own, not silence.
t_net_unreadable_model_is_a_finding() {
	m init --name 試験市 --kind 市 >/dev/null
	netweb_model "$T/good.json"
	m netcheck register "$T/good.json" >/dev/null
	sql "UPDATE net_model SET model = '{\"zones\": 1}'"
	expect_exit 1 m check --format json
	assert_contains "$T/out" '"rule":"net.model.readable"'
	assert_contains "$T/out" "第1版"
	expect_exit 2 m netcheck show
	assert_contains "$T/err" "第1版"
}
