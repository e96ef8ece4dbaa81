# mamori netcheck MODEL.json: the three-zone model checker (docs/netcheck.md).
# Opens no database: every test is t_tool_nc_* (skipped on PostgreSQL).
# The compliant example is docs/examples/netmodel.json; each violation kind
# is a small mutation of it.  Python starts slowly on a loaded machine, so
# each test makes all its mutated models in one python run (nc_models).

NC_EXAMPLE="$ROOT/docs/examples/netmodel.json"

# nc_models NAME 'python statements on d' [NAME 'statements' …]: the example,
# changed, into $T/NAME.json each.  H, S, F index hosts, segments and
# firewalls by name.
nc_models() {
	python3 - "$NC_EXAMPLE" "$T" "$@" <<'PY'
import json, sys
src, out, args = sys.argv[1], sys.argv[2], sys.argv[3:]
for name, code in zip(args[::2], args[1::2]):
    d = json.load(open(src))
    H = {h["name"]: h for h in d["hosts"]}
    S = {s["id"]: s for s in d["segments"]}
    F = {f["name"]: f for f in d["firewalls"]}
    exec(code)
    json.dump(d, open(f"{out}/{name}.json", "w"), ensure_ascii=False, indent=1)
PY
}

# nc_has FILE control rule from to: the JSON result lists that violation
# (the writer's key order is fixed: control, rule, from, to, message).
nc_has() {
	grep -qF "{\"control\":\"$2\",\"rule\":\"$3\",\"from\":\"$4\",\"to\":\"$5\",\"message\":" "$1" ||
		{ fail "no violation $2 $3 $4 → $5"; sed 's/^/    /' "$1" | head -c 1500 >&2; return 1; }
}

# nc_rules FILE: the distinct rule ids of the result, sorted, space-separated.
nc_rules() {
	grep -o '"rule":"[^"]*"' "$1" | cut -d'"' -f4 | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# nc_check NAME control rule from to [message fragment]: $T/NAME.json has
# that violation (exit 1).
nc_check() {
	expect_exit 1 "$MAMORI" netcheck "$T/$1.json" --format json
	nc_has "$T/out" "$2" "$3" "$4" "$5"
	[ -z "${6:-}" ] || assert_contains "$T/out" "$6"
}

nc_clean() { expect_exit 0 "$MAMORI" netcheck "$T/$1.json"; }

t_tool_nc_example_passes() {
	expect_exit 0 "$MAMORI" netcheck "$NC_EXAMPLE" --format json
	assert_eq "$(nc_rules "$T/out")" ""
	# LGWAN and Internet meet only through the 無害化装置 / 画面転送装置
	assert_contains "$T/out" '"reach":[{"from":"lg","to":"inet","direct":false,"via_sanitizer":true,'
	assert_contains "$T/out" '{"from":"inet","to":"lg","direct":false,"via_sanitizer":true,'
	assert_eq "$(grep -o '"from":"[a-z]*","to":"[a-z]*","direct"' "$T/out" | wc -l)" 2
	expect_exit 0 "$MAMORI" netcheck "$NC_EXAMPLE"
	assert_contains "$T/out" "違反は見つかりませんでした"
}

t_tool_nc_docs_example_is_the_file() {
	python3 - "$ROOT/docs/netcheck.md" "$NC_EXAMPLE" "$T/result.txt" <<'PY'
import json, re, sys
doc = open(sys.argv[1]).read()
ex = re.search(r"<!-- example -->\n```json\n(.*?)```", doc, re.S).group(1)
assert ex == open(sys.argv[2]).read(), "docs example differs from docs/examples/netmodel.json"
json.loads(ex)
res = re.search(r"<!-- result -->\n```\n(.*?)```", doc, re.S).group(1)
open(sys.argv[3], "w").write(res)
PY
	MAMORI_NOW=2026-06-01T00:00:00Z "$MAMORI" netcheck "$NC_EXAMPLE" >"$T/actual.txt"
	assert_eq "$(diff "$T/result.txt" "$T/actual.txt")" ""
}

t_tool_nc_controls_are_catalog_clauses() {
	for id in 3.1.1 3.1.2.2 3.2.1 3.3.2 3.3.3 6.1.10.4 6.1.13.1; do
		m catalog show "$id" >/dev/null || fail "$id is not in the catalog"
		grep -qF "\`$id\`" "$ROOT/docs/netcheck.md" || fail "$id not documented"
	done
	# every control the checker can emit is one of those
	assert_eq "$(grep -ho 'nc_violation(c, "[0-9.]*"\|path_violation(c, "[0-9.]*"\|control = "[0-9.]*"' \
		"$ROOT"/src/core/netcheck_rules.c | grep -o '"[0-9.]*"' | tr -d '"' | sort -u |
		grep -vxE '3\.1\.1|3\.1\.2\.2|3\.2\.1|3\.3\.2|3\.3\.3|6\.1\.10\.4|6\.1\.13\.1')" ""
}

t_tool_nc_mynumber_isolated() {
	nc_models open "d['links'].append({'a': 'mn-juki', 'b': 'lg-office'})" \
		relay "d['hosts'].append({'name': 'lg-relay', 'segment': 'lg-office', 'addresses': ['10.20.0.7'], 'role': 'relay'})
d['links'].append({'a': 'mn-juki', 'b': 'lg-office', 'firewall': 'fw-mn'})
F['fw-mn']['rules'].append({'id': 'mn-3', 'action': 'allow', 'from': 'juki-cs', 'to': 'lg-relay', 'protocol': 'tcp', 'ports': '25'})
F['fw-lg']['rules'].append({'id': 'lg-9', 'action': 'allow', 'from': 'lg-relay', 'to': 'lgwan', 'protocol': 'tcp', 'ports': '25'})"
	nc_check open 3.1.1 net.mynumber.isolated mn-juki lg-office "マイナンバー利用事務系の「mn-juki」"
	nc_has "$T/out" 3.1.1 net.mynumber.isolated lg-office mn-juki
	# through a relay in the LGWAN zone, on to the LGWAN itself
	nc_check relay 3.1.1 net.mynumber.isolated mn-juki lg-relay "fw-mn の規則 mn-3"
	nc_has "$T/out" 3.1.1 net.mynumber.isolated mn-juki lgwan
	assert_contains "$T/out" "lg-relay（中継）"
}

t_tool_nc_specific_not_pinned() {
	nc_models ports "F['fw-mn']['rules'][0]['ports'] = 'any'" \
		seg "F['fw-mn']['rules'][1]['from'] = 'mn-juki'" \
		dflt "F['fw-mn']['default'] = 'allow'" \
		open "d['links'].append({'a': 'mn-juki', 'b': 'juki-net'})"
	nc_check ports 3.1.1 net.specific.pinned mn-juki juki-net "fw-mn の規則 mn-1"
	nc_check seg 3.1.1 net.specific.pinned mn-juki chukan "fw-mn の規則 mn-2"
	nc_check dflt 3.1.1 net.specific.pinned juki-net mn-juki "既定の方針 allow"
	nc_check open 3.1.1 net.specific.pinned mn-juki juki-net "ファイアウォールを通らない経路"
}

t_tool_nc_specific_peer_not_allowed() {
	local add="d['peers'].append({'id': 'vendor', 'kind': 'other', 'addresses': ['203.0.113.0/28']})
d['links'].append({'a': 'mn-juki', 'b': 'vendor', 'firewall': 'fw-mn'})
F['fw-mn']['rules'].append({'id': 'mn-9', 'action': 'allow', 'from': 'juki-cs', 'to': 'vendor', 'protocol': 'tcp', 'ports': '22'})"
	nc_models vendor "$add" listed "$add
d['allowed_specific_peers'] = ['juki', 'chukan', 'other']" \
		asp "d['peers'].append({'id': 'asp', 'kind': 'LGWAN-ASP', 'addresses': ['172.20.0.0/28']})
d['links'].append({'a': 'mn-juki', 'b': 'asp', 'firewall': 'fw-mn'})
F['fw-mn']['rules'].append({'id': 'mn-4', 'action': 'allow', 'from': 'juki-cs', 'to': 'asp', 'protocol': 'tcp', 'ports': '443', 'specific': True})"
	nc_check vendor 3.1.1 net.specific.peer mn-juki vendor "fw-mn の規則 mn-9"
	# put on the list, the same pinned path is fine
	nc_clean listed
	# and LGWAN-ASP is on the default list (3.1.1 commentary)
	nc_clean asp
}

t_tool_nc_mynumber_usb_and_wifi() {
	nc_models usb "H['mn-pc01']['usb_export'] = True" \
		wifi "S['mn-juki']['wifi'] = {'ssid': 'mn-ap', 'security': 'WPA3-Enterprise'}"
	nc_check usb 3.1.2.2 net.mynumber.usb mn-pc01 ""
	assert_eq "$(nc_rules "$T/out")" "net.mynumber.usb"
	nc_check wifi 6.1.13.1 net.mynumber.wifi mn-juki mn-ap
	assert_eq "$(nc_rules "$T/out")" "net.mynumber.wifi"
}

t_tool_nc_wifi_not_enterprise() {
	nc_models psk "S['inet-office']['wifi']['security'] = 'WPA2-PSK'" \
		wep "H['inet-ap1']['wifi']['security'] = 'WEP'"
	nc_check psk 6.1.13.1 net.wifi.enterprise inet-office midori-staff "WPA2-PSK"
	nc_check wep 6.1.13.1 net.wifi.enterprise inet-ap1 midori-staff
}

t_tool_nc_lgwan_internet_unsanitized() {
	nc_models relay "H['sanitizer1']['role'] = 'relay'" \
		rule "d['links'].append({'a': 'lg-office', 'b': 'inet-office', 'firewall': 'fw-inet'})
F['fw-inet']['rules'].insert(0, {'id': 'in-0', 'action': 'allow', 'from': 'inet-pc01', 'to': 'lg-wsus', 'protocol': 'tcp', 'ports': '8530'})"
	# the 無害化装置 demoted to a plain relay: the same paths no longer sanitise
	nc_check relay 3.2.1 net.lgwan_internet.unsanitized inet-office lg-office "sanitizer1（中継）"
	# a direct rule through a new link between the zones
	nc_check rule 3.2.1 net.lgwan_internet.unsanitized inet-office lg-wsus "fw-inet の規則 in-0"
	assert_eq "$(nc_rules "$T/out")" "net.lgwan_internet.unsanitized"
}

t_tool_nc_earlier_deny_shadows_allow() {
	local link="d['links'].append({'a': 'lg-office', 'b': 'inet-office', 'firewall': 'fw-inet'})
F['fw-inet']['rules'].append({'id': 'in-9', 'action': 'allow', 'from': 'inet-office', 'to': 'lg-office', 'protocol': 'tcp', 'ports': '445'})"
	nc_models shadowed "$link" narrow "$link
F['fw-inet']['rules'][0]['protocol'] = 'tcp'
F['fw-inet']['rules'][0]['ports'] = '445'"
	# in-1 denies inet-office → lg wholly, so the later allow opens nothing
	nc_clean shadowed
	# a deny limited to one port shadows nothing (the check errs towards reach)
	nc_check narrow 3.2.1 net.lgwan_internet.unsanitized inet-office lg-office "in-9"
}

t_tool_nc_internet_bypasses_security_cloud() {
	nc_models bypass "d['links'].append({'a': 'inet-office', 'b': 'internet', 'firewall': 'fw-inet'})"
	nc_check bypass 3.3.2 net.internet.security_cloud inet-office internet "fw-inet の規則 in-4"
}

t_tool_nc_shared_devices() {
	nc_models printer "H['lg-print']['also_in'] = ['inet-office']" \
		wsus "H['lg-wsus']['also_in'] = ['inet-office']" \
		pc "H['lg-pc01']['also_in'] = ['mn-juki']; H['lg-pc01']['usb_export'] = False" \
		mnprint "H['lg-print']['also_in'] = ['mn-juki']"
	nc_check printer 3.2.1 net.shared_device lg-print inet-office "プリンタ「lg-print」"
	nc_check wsus 3.2.1 net.shared_device lg-wsus inet-office "更新サーバ"
	nc_check pc 3.1.1 net.shared_device lg-pc01 mn-juki
	# a printer with a port in the マイナンバー系 and one in the LGWAN系 is tolerated
	nc_clean mnprint
}

t_tool_nc_external_check() {
	nc_models none "del d['external_check']" old "d['external_check']['date'] = '2025-05-31'" \
		year "d['external_check']['date'] = '2025-06-01'" \
		future "d['external_check']['date'] = '2026-06-02'" \
		alpha "del d['external_check']; d['model'] = 'α'" \
		apart "del d['external_check']; d['model'] = 'β'
d['hosts'] = [h for h in d['hosts'] if h['name'] not in ('sanitizer1', 'vdi-gw')]
F['fw-lg']['rules'] = [r for r in F['fw-lg']['rules'] if r['id'] == 'lg-1']
F['fw-inet']['rules'] = [r for r in F['fw-inet']['rules'] if r['id'] in ('in-1', 'in-4')]"
	nc_check none 3.3.3 net.beta.external_check "" "" "記録がありません"
	nc_check old 3.3.3 net.beta.external_check "" "" "1年を超えて"
	nc_check future 3.3.3 net.beta.external_check "" "" "今日"
	# exactly a year (MAMORI_NOW is 2026-06-01) is still within it
	nc_clean year
	# α needs none, and neither does β when LGWAN and Internet are fully apart
	nc_clean alpha
	nc_clean apart
	MAMORI_NOW=2027-06-02T00:00:00Z expect_exit 1 "$MAMORI" netcheck "$NC_EXAMPLE" --format json
	nc_has "$T/out" 3.3.3 net.beta.external_check "" ""
}

t_tool_nc_public_server_outside_dmz() {
	nc_models moved "H['www']['segment'] = 'inet-office'; H['www']['addresses'] = ['10.30.0.10']" \
		open "d['links'].append({'a': 'pub', 'b': 'internet'})"
	nc_check moved 6.1.10.4 net.public.dmz www inet-office
	nc_check open 6.1.10.4 net.public.dmz internet www "ファイアウォールがありません"
}

t_tool_nc_text_report_names_rules() {
	nc_models ports "F['fw-mn']['rules'][0]['ports'] = 'any'"
	expect_exit 1 "$MAMORI" netcheck "$T/ports.json"
	assert_contains "$T/out" "[3.1.1] net.specific.pinned"
	assert_contains "$T/out" "fw-mn の規則 mn-1"
	assert_contains "$T/out" "違反 1 件"
}

t_tool_nc_japanese_spellings_and_ipv6() {
	nc_models ja "d['model'] = 'β′'; d['zones'][0]['area'] = 'マイナンバー利用事務系'; H['mn-pc01']['role'] = '端末'
d['peers'][0]['kind'] = '住基ネット'; d['zones'][2]['area'] = 'インターネット接続系'; H['sanitizer1']['role'] = '無害化装置'" \
		v6 "S['inet-office']['cidr'].append('2001:db8:30::/64'); H['inet-pc01']['addresses'].append('2001:db8:30::101')
d['links'].append({'a': 'lg-office', 'b': 'inet-office', 'firewall': 'fw-inet'})
F['fw-inet']['rules'].insert(0, {'id': 'in-v6', 'action': 'allow', 'from': '2001:db8:30::101', 'to': 'lg-office', 'protocol': 'tcp', 'ports': '443'})"
	nc_clean ja
	nc_check v6 3.2.1 net.lgwan_internet.unsanitized inet-office lg-office "in-v6"
}

t_tool_nc_import_and_expand_round_trip() {
	printf '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -s 10.10.0.10/32 -d 172.16.10.0/28 -p tcp -m tcp --dport 443 -j ACCEPT\n-A FORWARD -i eth0 -o eth2 -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n' >"$T/fw-mn.rules"
	nc_models imp "F['fw-mn']['rules'] = []; F['fw-mn']['import'] = [{'format': 'iptables-save', 'file': 'fw-mn.rules'}]"
	expect_exit 0 "$MAMORI" netcheck "$T/imp.json" --expand
	cp "$T/out" "$T/expanded.json"
	assert_contains "$T/expanded.json" '"172.16.10.0/28"'
	# the interface rule (eth0 → eth2) names whole segments: not a 特定通信
	expect_exit 1 "$MAMORI" netcheck "$T/imp.json" --format json
	cp "$T/out" "$T/a.json"
	nc_has "$T/a.json" 3.1.1 net.specific.pinned mn-juki chukan
	expect_exit 1 "$MAMORI" netcheck "$T/expanded.json" --format json
	assert_eq "$(diff "$T/a.json" "$T/out")" ""
	# the example, expanded, checks the same
	expect_exit 0 "$MAMORI" netcheck "$NC_EXAMPLE" --expand
	cp "$T/out" "$T/ex.json"
	expect_exit 0 "$MAMORI" netcheck "$T/ex.json"
}

t_tool_nc_bad_models_name_the_path() {
	local i=0 cases=(
		"F['fw-lg']['rules'][0]['acton'] = 'allow'" "firewalls[1].rules[0].acton: 「acton」という項目はありません"
		"d['segmnets'] = []" "segmnets: 「segmnets」という項目はありません"
		"H['mn-pc01']['segment'] = 'seg-x'" "hosts[1].segment: 「seg-x」というセグメントはありません"
		"S['pub']['cidr'] = ['192.0.2.1/28']" "segments[5].cidr[0]:"
		"S['lg-dmz']['cidr'] = ['10.20.0.0/16']" "segments[2].cidr[0]: セグメント「lg-office」のアドレス範囲と重なって"
		"H['www']['addresses'] = ['10.0.0.1']" "hosts[9].addresses[0]: セグメント「pub」のアドレス範囲の外です"
		"d['zones'][1]['id'] = 'mn'" "zones[1].id: 「mn」という名前は既に使われています"
		"F['fw-lg']['rules'][0]['ports'] = '70000'" "firewalls[1].rules[0].ports:"
		"F['fw-lg']['rules'][0]['protocol'] = 'icmp'" "firewalls[1].rules[0].ports: ポートは protocol が tcp か udp"
		"F['fw-lg']['rules'][1]['id'] = 'lg-1'" "firewalls[1].rules[1].id: 規則 id「lg-1」"
		"F['fw-lg']['rules'][0]['to'] = 'nowhere'" "firewalls[1].rules[0].to: 「nowhere」は"
		"F['fw-lg']['rules'][0]['action'] = 'alow'" "firewalls[1].rules[0].action: 「alow」は allow か deny"
		"F['fw-lg']['import'] = [{'format': 'iptables-save', 'file': '../x'}]" "firewalls[1].import[0].file:"
		"F['fw-lg']['import'] = [{'format': 'iptables-save', 'file': 'missing.rules'}]" "firewalls[1].import[0].file: 「missing.rules」を読めません"
		"d['allowed_specific_peers'] = ['internet']" "allowed_specific_peers[0]: マイナンバー利用事務系は LGWAN やインターネットと"
		"d['model'] = 'gamma'" "model: 「gamma」は"
		"d['external_check']['date'] = '2026/02/10'" "external_check.date:"
		"d['links'][0]['firewall'] = 'fw-x'" "links[0].firewall: 「fw-x」というファイアウォールはありません"
		"d['links'][0]['b'] = 'juki-cs'" "links[0].b: 「juki-cs」はセグメントでも接続先でもありません"
		"H['mn-pc01']['mac'] = '00:11:22:33:44'" "hosts[1].mac:"
		"H['mn-pc01']['usb_export'] = 'no'" "hosts[1].usb_export: true か false"
		"d['hosts'][0]['name'] = '10.10.0.9'" "hosts[0].name: 「10.10.0.9」は any やアドレスと紛らわしい"
		"del d['zones']" "zones: 必須の項目がありません"
	)
	local args=()
	for ((i = 0; i < ${#cases[@]}; i += 2)); do args+=("bad$i" "${cases[i]}"); done
	nc_models "${args[@]}"
	for ((i = 0; i < ${#cases[@]}; i += 2)); do
		expect_exit 2 "$MAMORI" netcheck "$T/bad$i.json"
		assert_contains "$T/err" "bad$i.json: ${cases[i + 1]}"
		assert_eq "$(wc -c <"$T/out")" 0
	done
	printf '{"municipality": "x",' >"$T/m.json"
	expect_exit 2 "$MAMORI" netcheck "$T/m.json"
	assert_contains "$T/err" "JSON として読めません"
	expect_exit 2 "$MAMORI" netcheck "$T/none.json"
	assert_contains "$T/err" "none.json: 開けません"
	expect_exit 2 "$MAMORI" netcheck
	expect_exit 2 "$MAMORI" netcheck "$NC_EXAMPLE" --format csv
}
