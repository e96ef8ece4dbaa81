# The read side of the JSON API beyond assets and findings: who am I, the
# profile, the catalog, the organisation, staff and the journal, each with
# the same scope as its page.  Uses the helpers of test_web.sh and
# test_web_pages.sh (webpages_org), which run-cli.sh sources beside this file.

# An API token for staff NO (an account is made first); prints the token.
webapi_token() {
	web_account "$1" >/dev/null
	m --format json account token add "$1" --name "script$1" >"$T/tok.$1"
	sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok.$1"
}

# GET with a token: webapi_get TOKEN PATH; sets $T/body and prints the status.
webapi_get() { web_status none "$2" -H "Authorization: Bearer $1"; }

t_webapi_me_profile_catalog() {
	web_org
	tok=$(webapi_token 3)
	web_start
	st=$(webapi_get "$tok" /api/v1/me); assert_eq "$st" "200 "
	assert_contains "$T/head" "Content-Type: application/json; charset=utf-8"
	assert_contains "$T/head" "Cache-Control: no-store"
	assert_contains "$T/body" '"staff_no":"3"'
	assert_contains "$T/body" '"unit":"S1"'
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/body"
	st=$(webapi_get "$tok" /api/v1/profile); assert_eq "$st" "200 "
	assert_contains "$T/body" '"profile":{"kind":'
	assert_contains "$T/body" '"password_min_length":12'
	# the catalog: search, and one clause as `catalog show --format json`
	st=$(webapi_get "$tok" '/api/v1/catalog?q=%E6%8C%81%E3%81%A1%E5%87%BA%E3%81%97'); assert_eq "$st" "200 "
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["clauses"]))' "$T/body")
	[ "$n" -ge 1 ] && [ "$n" -lt 431 ] || fail "search gave $n clauses"
	st=$(webapi_get "$tok" /api/v1/catalog); assert_eq "$st" "200 "
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["clauses"]))' "$T/body")
	assert_eq "$n" 431
	st=$(webapi_get "$tok" /api/v1/catalog/2.2.8.2); assert_eq "$st" "200 "
	m --format json catalog show 2.2.8.2 >"$T/cli.json"
	python3 - "$T/body" "$T/cli.json" <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))["clause"]
cli = json.load(open(sys.argv[2]))
assert api == cli, "API clause differs from the CLI's"
PY
	st=$(webapi_get "$tok" /api/v1/catalog/9.9.9.9); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"error":{"code":"not_found"'
	web_stop
}

# The organisation for everyone; staff and journal only for their roles, and
# a manager sees only their own 課's people.
t_webapi_org_staff_journal_scope() {
	webpages_org
	tok3=$(webapi_token 3); tok1=$(webapi_token 1); tok9=$(webapi_token 9)
	web_start
	st=$(webapi_get "$tok3" /api/v1/org); assert_eq "$st" "200 "
	python3 - "$T/body" <<'PY'
import json, sys
units = {u["code"]: u for u in json.load(open(sys.argv[1]))["units"]}
assert units["S1"]["manager"] == ["1"], units["S1"]
assert "C1" not in units, "a closed unit is listed"
assert all(u["depth"] >= 0 for u in units.values())
PY
	st=$(webapi_get "$tok3" /api/v1/staff); assert_eq "${st%% *}" 403
	st=$(webapi_get "$tok3" /api/v1/journal); assert_eq "${st%% *}" 403
	# the 総務課 manager: their 課's people with contact details, nobody else
	st=$(webapi_get "$tok1" /api/v1/staff); assert_eq "$st" "200 "
	python3 - "$T/body" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
nos = sorted(s["staff_no"] for s in d["staff"])
assert nos == ["1", "3"], nos
assert d["total"] == 2
assert any(s.get("phone") == "03-1111-0001" for s in d["staff"]), d
PY
	st=$(webapi_get "$tok1" /api/v1/staff/2); assert_eq "${st%% *}" 404
	st=$(webapi_get "$tok1" /api/v1/staff/3); assert_eq "$st" "200 "
	assert_contains "$T/body" '"staff":{'
	st=$(webapi_get "$tok1" '/api/v1/staff?limit=0'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	# the CISO: everyone, and the journal with paging by cursor
	st=$(webapi_get "$tok9" '/api/v1/staff?limit=2'); assert_eq "$st" "200 "
	assert_contains "$T/body" '"limit":2'
	st=$(webapi_get "$tok9" '/api/v1/journal?subject=staff'); assert_eq "$st" "200 "
	python3 - "$T/body" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["entries"], d
assert all(e["subject"].startswith("staff") for e in d["entries"])
assert not any(e["subject"].startswith(("account", "session", "api_token")) for e in d["entries"])
PY
	st=$(webapi_get "$tok9" '/api/v1/journal?since=2026-13-01'); assert_eq "${st%% *}" 400
	# verify: POST with the token needs no CSRF field
	st=$(web_status none /api/v1/journal/verify -X POST -H "Authorization: Bearer $tok9"); assert_eq "$st" "200 "
	assert_contains "$T/body" '"ok":true'
	web_stop
}

# A journal longer than one page: the cursor in "next" fetches the rest.
t_webapi_journal_paging() {
	web_org
	for i in $(seq 10 70); do m staff add --no "$i" --name "職員$i" --unit S1 >/dev/null; done
	tok9=$(webapi_token 9)
	web_start
	st=$(webapi_get "$tok9" '/api/v1/journal?subject=staff'); assert_eq "$st" "200 "
	next=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["entries"])==50; print(d["next"]["before"])' "$T/body")
	st=$(webapi_get "$tok9" "/api/v1/journal?subject=staff&before=$next"); assert_eq "$st" "200 "
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert 0 < len(d["entries"]) < 50 and d["next"] is None, d["next"]' "$T/body"
	web_stop
}

# Each worker keeps the organisation tree between requests; a change made by
# the CLI while the server runs must show at once, on every worker.
t_webapi_org_tree_follows_changes() {
	web_org
	tok=$(webapi_token 3)
	web_start
	for _ in 1 2 3 4; do # more requests than worker threads: every cache is warm
		st=$(webapi_get "$tok" /api/v1/org); assert_eq "$st" "200 "
	done
	assert_not_contains "$T/body" '"code":"S9"'
	m org add --code S9 --name 新設課 --kind 課 --parent B1 >/dev/null
	for _ in 1 2 3 4; do
		st=$(webapi_get "$tok" /api/v1/org); assert_eq "$st" "200 "
		assert_contains "$T/body" '"code":"S9"'
	done
	m org close S9 --date 2026-05-31 >/dev/null
	for _ in 1 2 3 4; do
		webapi_get "$tok" /api/v1/org >/dev/null
		assert_not_contains "$T/body" '"code":"S9"'
	done
	# records of the new 課 are served at once, within scope
	m org add --code S8 --name 新設二課 --kind 課 --parent B1 >/dev/null
	m asset add --no N8 --name 新設の資産 --type 情報 --unit S8 --manager 2 >/dev/null
	tok2=$(webapi_token 2)
	st=$(webapi_get "$tok2" /api/v1/assets/N8); assert_eq "$st" "200 "
	st=$(webapi_get "$tok" /api/v1/assets/N8); assert_eq "${st%% *}" 404
	web_stop
}
