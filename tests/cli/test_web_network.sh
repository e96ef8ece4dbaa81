# The web's ネットワーク構成 page (page_network*.c, api_network.c): who may
# open it, the picture and its escaping, registering an uploaded model, and
# the API against `mamori netcheck show --format json`.  Uses netweb_model
# from test_netcheck_store.sh.

# web_org's people (CISO 9, staff 3) signed in as jars ciso and staff.
wnet_signin() {
	local pw3 pw9
	pw3=$(web_account 3); pw9=$(web_account 9)
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
}

t_wnet_page_svg_and_escaping() {
	web_org
	netweb_model "$T/bad.json" '<script>alert(1)</script>' bad
	m --as 9 netcheck register "$T/bad.json" --note '<b>初版</b>' >/dev/null
	wnet_signin
	st=$(web_status ciso /network); assert_eq "$st" "200 "
	assert_contains "$T/body" "$NETWEB_RULE"
	assert_contains "$T/body" 'href="/catalog/3.1.1"'
	assert_contains "$T/body" '&lt;script&gt;alert(1)&lt;/script&gt;'
	assert_contains "$T/body" '&lt;b&gt;初版&lt;/b&gt;'
	assert_not_contains "$T/body" '<script>alert'
	assert_not_contains "$T/body" 'style='
	assert_contains "$T/body" '<svg xmlns="http://www.w3.org/2000/svg" class="netmap"'
	assert_contains "$T/body" 'class="net-violation"'
	assert_contains "$T/body" '領域間の到達性'
	assert_contains "$T/body" 'href="/network"'
	# the picture alone: an SVG download, no style attribute, text escaped
	st=$(web_status ciso /network/svg); assert_eq "$st" "200 "
	assert_contains "$T/head" "Content-Type: image/svg+xml"
	assert_contains "$T/head" "attachment; filename=\"mamori-network-v1.svg\""
	web_assert_headers "$T/head"
	assert_not_contains "$T/body" 'style='
	assert_not_contains "$T/body" '<script'
	assert_contains "$T/body" '&lt;script&gt;'
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$T/body"
	# the same model gives the same picture
	cp "$T/body" "$T/svg1"
	web_status ciso /network/svg >/dev/null
	cmp "$T/svg1" "$T/body"
	# staff: no page, no picture, no API, and no navigation entry
	st=$(web_status staff /network); assert_eq "${st%% *}" 403
	st=$(web_status staff /network/svg); assert_eq "${st%% *}" 403
	st=$(web_status staff /api/v1/network); assert_eq "${st%% *}" 403
	web_get staff / >"$T/dash"
	assert_not_contains "$T/dash" 'href="/network"'
	st=$(web_status ciso '/network?version=7'); assert_eq "${st%% *}" 404
	st=$(web_status ciso '/network?version=x'); assert_eq "${st%% *}" 400
	web_stop
}

t_wnet_api_equals_cli() {
	web_org
	netweb_model "$T/bad.json" LGWAN系 bad
	m --as 9 netcheck register "$T/bad.json" >/dev/null
	netweb_model "$T/good.json"
	m --as 9 netcheck register "$T/good.json" >/dev/null
	wnet_signin
	for v in "" 1; do
		q=${v:+?version=$v}
		st=$(web_status ciso "/api/v1/network$q"); assert_eq "$st" "200 "
		m netcheck show ${v:+--version $v} --format json >"$T/cli.json" || true
		python3 - "$T/body" "$T/cli.json" "${v:-2}" <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))
cli = json.load(open(sys.argv[2]))
assert api["model"]["version"] == int(sys.argv[3]), api["model"]
assert [x["version"] for x in api["versions"]] == [1, 2]
assert api["model"]["registered_by"] == "staff:9"
del api["model"], api["versions"]
assert api == cli, (api, cli)
PY
	done
	web_stop
}

t_wnet_register_upload() {
	web_org
	wnet_signin
	# before any model: the summaries say chapter 3 was not checked
	web_get ciso /findings >"$T/findings"
	assert_contains "$T/findings" "三層の対策（第3章）は点検していません"
	web_get ciso / >"$T/dash"
	assert_contains "$T/dash" "三層の対策（第3章）は点検していません"
	st=$(web_status ciso /network); assert_eq "$st" "200 "
	assert_contains "$T/body" "まだ登録されていません"
	csrf=$(web_csrf_of "$T/body")
	before=$(netweb_journal_count)
	# a model that does not parse: 422 naming the JSON path, nothing written
	netweb_model "$T/m.json"
	python3 - "$T/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["segments"][1]["zone"] = "no-such-zone"
json.dump(m, open(sys.argv[1], "w"), ensure_ascii=False)
PY
	st=$(web_status ciso /network/register -F "csrf=$csrf" -F "file=@$T/m.json"); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "segments[1].zone"
	assert_contains "$T/body" "何も書き込んでいません"
	# a model that imports firewall files: refused over the web, with what to do
	python3 - "$T/m.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["segments"][1]["zone"] = "lg"
m["firewalls"][0]["import"] = [{"format": "iptables-save", "file": "fw1.rules"}]
json.dump(m, open(sys.argv[1], "w"), ensure_ascii=False)
PY
	st=$(web_status ciso /network/register -F "csrf=$csrf" -F "file=@$T/m.json"); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "--expand"
	# no file, no CSRF token, the wrong person
	st=$(web_status ciso /network/register -F "csrf=$csrf"); assert_eq "${st%% *}" 400
	netweb_model "$T/bad.json" LGWAN系 bad
	st=$(web_status ciso /network/register -F "file=@$T/bad.json"); assert_eq "${st%% *}" 403
	web_get staff / >"$T/dash"; scsrf=$(web_csrf_of "$T/dash")
	st=$(web_status staff /network/register -F "csrf=$scsrf" -F "file=@$T/bad.json"); assert_eq "${st%% *}" 403
	assert_eq "$(netweb_journal_count)" "$before"
	# a good upload: 303 to the page, which shows the new version
	st=$(web_status ciso /network/register -F "csrf=$csrf" -F "note=Web から" -F "file=@$T/bad.json")
	assert_eq "$st" "303 $URL/network?registered=1"
	assert_eq "$(sql "SELECT registered_by || ' ' || note FROM net_model WHERE version = 1")" "staff:9 Web から"
	web_get ciso '/network?registered=1' >"$T/page"
	assert_contains "$T/page" "第1版として登録しました"
	assert_contains "$T/page" "$NETWEB_RULE"
	web_get ciso /findings >"$T/findings"
	assert_contains "$T/findings" "$NETWEB_RULE"
	assert_not_contains "$T/findings" "三層の対策（第3章）は点検していません"
	m netcheck show --format json >"$T/out" || true
	assert_contains "$T/out" "\"rule\":\"$NETWEB_RULE\""
	web_stop
}
