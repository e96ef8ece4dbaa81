# Real firewall configurations in a network model (docs/netcheck.md,
# 実機の設定の取込み): iptables-save and `nft -j list ruleset` output made by
# the real tools (tests/fixtures/firewall/make-fixtures.sh).  These open no
# database, so they are t_tool_* (SQLite and ASan runs only).

FW_FIXTURES="$ROOT/tests/fixtures/firewall"

# Copies the models and the rulesets into $T.
fw_copy() { cp "$FW_FIXTURES"/*.json "$FW_FIXTURES"/*.iptables "$T"/; }

# The imported firewalls of an expanded model, one rule a line.
fw_rules_summary() {
	python3 -c '
import json, sys
m = json.load(sys.stdin)
for f in m["firewalls"]:
    if f["name"] == "fw-cloud":
        continue
    print(f["name"], f["default"])
    for r in f.get("rules", []):
        print(" ", r["id"], r["action"], r["from"] + ">" + r["to"], r.get("protocol", "any"), r.get("ports", "any"))
'
}

# Expands model-FORMAT.json into $T/expanded.json and its rules into $T/got.
fw_expand() { # FORMAT
	fw_copy
	"$MAMORI" netcheck "$T/model-$1.json" --expand >"$T/expanded.json"
	fw_rules_summary <"$T/expanded.json" >"$T/got"
}

t_tool_fw_iptables_rules() {
	fw_expand iptables
	cat >"$T/want" <<'EOF'
fw-lgwan-inet deny
  fw-lgwan-inet#1 allow 10.20.9.10/32>172.16.5.10/32 tcp 443,8443
  fw-lgwan-inet#2 allow seg-lgwan>172.16.6.0/24 tcp 3389
  fw-lgwan-inet#3 allow seg-lgwan>seg-inet udp 1024-65535
  fw-lgwan-inet#4 allow 172.16.5.10/32>10.20.9.10/32 tcp 25
  fw-lgwan-inet#5 allow 172.16.0.0/16>10.20.3.0/24 tcp 445
  fw-lgwan-inet#6 allow 2001:db8:20:9::10/128>2001:db8:172:5::10/128 tcp 443
fw-mynumber deny
  fw-mynumber#1 allow 10.10.1.20/32>10.99.1.10/32 tcp 443
  fw-mynumber#2 allow 10.10.1.21/32>10.99.1.0/24 tcp 8080
EOF
	diff "$T/want" "$T/got" >&2
	# the origin names the file, the line, the jump and the comment
	assert_contains "$T/expanded.json" 'iptables-save:fw-lgwan-inet.iptables:17 (14行目のジャンプから) 「一時的なファイル共有」'
	# the limit-narrowed rule is read wider, and says so
	assert_contains "$T/expanded.json" '[表せない条件を除いて広めに解釈]'
	# the expanded model stands alone: checking it gives the same rules
	"$MAMORI" netcheck "$T/expanded.json" --expand | fw_rules_summary >"$T/again"
	diff "$T/want" "$T/again" >&2
}

t_tool_fw_nft_rules() {
	fw_expand nft
	cat >"$T/want" <<'EOF'
fw-lgwan-inet deny
  fw-lgwan-inet#1 allow 10.20.9.10/32>172.16.5.10/32 tcp 443,8443
  fw-lgwan-inet#2 allow 10.20.9.11/32>172.16.5.10/32 tcp 443,8443
  fw-lgwan-inet#3 allow seg-lgwan>172.16.6.0/24 tcp 3389
  fw-lgwan-inet#4 allow 2001:db8:20:9::10/128>2001:db8:172:5::10/128 tcp 443
  fw-lgwan-inet#5 allow seg-lgwan>seg-inet udp 1024-65535
  fw-lgwan-inet#6 deny seg-lgwan>seg-inet any any
  fw-lgwan-inet#7 allow 172.16.5.10/32>10.20.9.10/32 tcp 25
  fw-lgwan-inet#8 allow 172.16.5.10/32>10.20.9.11/32 tcp 25
  fw-lgwan-inet#9 allow 172.16.0.0/16>10.20.3.0/24 tcp 445
fw-mynumber deny
  fw-mynumber#1 allow 10.10.1.20/32>10.99.1.10/32 tcp 443
  fw-mynumber#2 allow 10.10.1.21/32>10.99.1.0/24 tcp 8080
  fw-mynumber#3 deny seg-mn>chukan any any
  fw-mynumber#4 deny seg-mn>seg-lgwan any any
  fw-mynumber#5 deny seg-lgwan>seg-mn any any
EOF
	diff "$T/want" "$T/got" >&2
	assert_contains "$T/expanded.json" 'nft:fw-lgwan-inet.nft.json:rule handle 18 (handle 9 のジャンプから) 「一時的なファイル共有」'
}

# The ruleset opens the LGWAN接続系 to the インターネット接続系 for SMB
# (line 17, in the INET_TO_LGWAN chain): netcheck reports it under 3.2.1, and
# stops reporting it once the jump into that chain is gone.
t_tool_fw_violation_from_ruleset() {
	fw_copy
	local fmt
	for fmt in iptables nft; do
		expect_exit 1 "$MAMORI" netcheck "$T/model-$fmt.json" --format json
		python3 - "$T/out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))["violations"]
hit = [x for x in v if x["control"] == "3.2.1" and x["from"] == "seg-inet" and x["to"] == "seg-lgwan"]
assert hit, v
assert "fw-lgwan-inet#" in hit[0]["message"], hit[0]
PY
	done
	sed -i '/-j INET_TO_LGWAN/d' "$T/fw-lgwan-inet.iptables"
	"$MAMORI" netcheck "$T/model-iptables.json" --format json >"$T/fixed" || true
	python3 - "$T/fixed" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))["violations"]
assert not [x for x in v if x["from"] == "seg-inet" and x["to"] == "seg-lgwan"], v
PY
}

# A model with one firewall importing FILE in FORMAT (eth0 LGWAN, eth1 Internet).
fw_small_model() { # FILE FORMAT
	cat >"$T/model.json" <<EOF
{"municipality": "試験市", "model": "alpha",
 "zones": [{"id": "lg", "area": "lgwan"}, {"id": "in", "area": "internet"}],
 "segments": [{"id": "seg-lg", "zone": "lg", "cidr": ["10.20.0.0/16"]},
              {"id": "seg-in", "zone": "in", "cidr": ["172.16.0.0/16"]}],
 "firewalls": [{"name": "fw1", "interfaces": {"eth0": "seg-lg", "eth1": "seg-in"},
                "import": [{"format": "$2", "file": "$1"}]}],
 "links": [{"a": "seg-lg", "b": "seg-in", "firewall": "fw1"}]}
EOF
}

# Bad input: exit 2, the file and line (iptables) or JSON path (nft) on
# stderr, nothing on stdout.
t_tool_fw_bad_input() {
	local rules=$'*filter\n:FORWARD DROP [0:0]\n'
	local -a cases=(
		"${rules}-A FORWARD -s gw.example.jp -j ACCEPT\nCOMMIT|fw1.rules:3: アドレス「gw.example.jp」"
		"${rules}-A FORWARD -p tcp --dport 70000 -j ACCEPT\nCOMMIT|fw1.rules:3: ポート「70000」"
		"${rules}-A NOCHAIN -j ACCEPT\nCOMMIT|fw1.rules:3: チェーン「NOCHAIN」"
		"${rules}-A FORWARD -j ACCEPT|COMMIT"
		"-A FORWARD -j ACCEPT|fw1.rules:1:"
		"*nat\nCOMMIT|FORWARD"
	)
	local c
	for c in "${cases[@]}"; do
		printf '%b\n' "${c%%|*}" >"$T/fw1.rules"
		fw_small_model fw1.rules iptables-save
		expect_exit 2 "$MAMORI" netcheck "$T/model.json" --format json
		assert_contains "$T/err" "${c#*|}"
		[ ! -s "$T/out" ] || fail "output on refusal: $(cat "$T/out")"
	done
	local head='{"nftables":[{"chain":{"family":"inet","table":"f","name":"forward","type":"filter","hook":"forward","prio":0,"policy":"drop"}},'
	cases=(
		"${head}{\"rule\":{\"family\":\"inet\",\"table\":\"f\",\"chain\":\"forward\",\"handle\":2,\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"ip\",\"field\":\"saddr\"}},\"right\":\"gw.example.jp\"}},{\"accept\":null}]}}]}|nftables[1].rule.expr[0].match.right"
		"${head}{\"rule\":{\"family\":\"inet\",\"table\":\"f\",\"chain\":\"forward\",\"handle\":2,\"expr\":[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"ip\",\"field\":\"saddr\"}},\"right\":\"@nope\"}},{\"accept\":null}]}}]}|名前付きセット"
		"${head}{\"rule\":{\"family\":\"inet\",\"table\":\"f\",\"chain\":\"other\",\"expr\":[]}}]}|nftables[1].rule"
		'{"nftables":[|JSON として読めません'
		'{"nftables":[]}|forward'
	)
	for c in "${cases[@]}"; do
		printf '%s\n' "${c%%|*}" >"$T/fw1.json"
		fw_small_model fw1.json nft-json
		expect_exit 2 "$MAMORI" netcheck "$T/model.json" --format json
		assert_contains "$T/err" "${c#*|}"
		assert_contains "$T/err" "fw1.json"
		[ ! -s "$T/out" ] || fail "output on refusal: $(cat "$T/out")"
	done
}

t_tool_fw_jump_loop() {
	printf '%s\n' '*filter' ':FORWARD DROP [0:0]' ':A - [0:0]' ':B - [0:0]' \
		'-A FORWARD -i eth0 -j A' '-A A -p tcp -j B' '-A B -j A' 'COMMIT' >"$T/fw1.rules"
	fw_small_model fw1.rules iptables-save
	expect_exit 2 "$MAMORI" netcheck "$T/model.json"
	assert_contains "$T/err" 'fw1.rules:7: チェーン「B」から「A」へのジャンプが輪になっています'
	cat >"$T/fw1.json" <<'EOF'
{"nftables":[{"chain":{"family":"ip","table":"f","name":"forward","type":"filter","hook":"forward","prio":0,"policy":"drop"}},
 {"chain":{"family":"ip","table":"f","name":"a"}},
 {"rule":{"family":"ip","table":"f","chain":"forward","handle":3,"expr":[{"jump":{"target":"a"}}]}},
 {"rule":{"family":"ip","table":"f","chain":"a","handle":4,"expr":[{"goto":{"target":"a"}}]}}]}
EOF
	fw_small_model fw1.json nft-json
	expect_exit 2 "$MAMORI" netcheck "$T/model.json"
	assert_contains "$T/err" 'nftables[3].rule.expr[0].goto.target: チェーンのジャンプが輪になっています'
}

# An interface the model does not name: an allow through it is read as from
# anywhere (the checker cannot place it, and must not miss what it opens);
# a deny through it is left out.
t_tool_fw_unknown_interface() {
	printf '%s\n' '*filter' ':FORWARD DROP [0:0]' '-A FORWARD -i docker0 -j DROP' \
		'-A FORWARD -i docker0 -o eth0 -j ACCEPT' 'COMMIT' >"$T/fw1.rules"
	fw_small_model fw1.rules iptables-save
	"$MAMORI" netcheck "$T/model.json" --expand >"$T/x.json"
	python3 - "$T/x.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["firewalls"][0]["rules"]
assert len(r) == 1, r
assert r[0]["action"] == "allow" and r[0]["from"] == "any" and r[0]["to"] == "seg-lg", r
assert "docker0" in r[0]["comment"], r
PY
	expect_exit 1 "$MAMORI" netcheck "$T/model.json" --format json
	assert_contains "$T/out" '"3.2.1"'
}

# The committed fixtures are what the real tools print: made again in a
# network namespace when this machine allows one, they give the same rules.
t_tool_fw_fixtures_regenerate() {
	if ! unshare -n true 2>/dev/null || ! command -v iptables-save >/dev/null ||
		! command -v nft >/dev/null; then
		echo "t_tool_fw_fixtures_regenerate: unshare -n or the firewall tools are not available here; comparison skipped" >&2
		return 0
	fi
	mkdir "$T/regen"
	if ! "$FW_FIXTURES/make-fixtures.sh" "$T/regen" 2>"$T/regen.err"; then
		echo "t_tool_fw_fixtures_regenerate: the firewall tools failed in the namespace (no netfilter here?); comparison skipped: $(head -3 "$T/regen.err")" >&2
		return 0
	fi
	cp "$FW_FIXTURES"/model-*.json "$T/regen/"
	local fmt
	for fmt in iptables nft; do
		"$MAMORI" netcheck "$FW_FIXTURES/model-$fmt.json" --expand | fw_rules_summary >"$T/committed"
		"$MAMORI" netcheck "$T/regen/model-$fmt.json" --expand | fw_rules_summary >"$T/fresh"
		diff "$T/committed" "$T/fresh" >&2
		[ "$(grep -c '#' "$T/fresh")" -gt 5 ] || fail "too few rules from $fmt"
	done
}
