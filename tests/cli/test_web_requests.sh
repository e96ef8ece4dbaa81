# 申請・承認 in the browser and the JSON API (docs/web.md, docs/api.md):
# filing from the generated form, the 承認待ち list, approving, carrying out
# and confirming the return, the refused self-approval, scope (another 課's
# manager gets 404), CSRF, validation, escaping, the CSV export and the API.
# Uses the helpers of test_web.sh.

# Entries in the journal (nothing written means this does not change).
webreq_journal_n() { m --format json journal --limit 1000000 | grep -o '"seq":' | wc -l; }

# web_org plus a laptop of 総務課 (S1) and an asset of 税務課 (S3).
webreq_org() {
	web_org
	m asset add --no PC1 --name '<i>ノートPC</i>' --type 情報システム --unit S1 --manager 1 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no TAX1 --name 税務端末 --type 情報システム --unit S3 --manager 2 --c 2 --i 1 --a 1 >/dev/null
}

# Posts the 持ち出し form as JAR with the given extra curl args; prints status.
webreq_post_takeout() {
	local jar=$1; shift
	web_get "$jar" /requests/new/takeout >"$T/form.$jar"
	local csrf; csrf=$(web_csrf_of "$T/form.$jar")
	web_status "$jar" /requests/new/takeout --data-urlencode "csrf=$csrf" "$@"
}

t_webreq_file_approve_done_return() {
	webreq_org
	pw1=$(web_account 1); pw2=$(web_account 2); pw3=$(web_account 3)
	web_start
	st=$(web_login clerk 3 "$pw3" 'Clerk-Password-2026xy'); assert_eq "$st" "303 $URL/"
	st=$(web_login boss 1 "$pw1" 'Manager-Password-2026x'); assert_eq "$st" "303 $URL/"
	st=$(web_login other 2 "$pw2" 'Manager-Password-Zeimu'); assert_eq "$st" "303 $URL/"
	# the nav and the types, each linked to its clause
	web_get clerk / >"$T/dash"; assert_contains "$T/dash" '<a href="/requests">申請・承認</a>'
	web_get clerk /requests/new >"$T/types"
	assert_contains "$T/types" '<a href="/requests/new/takeout">持ち出し</a>'
	assert_contains "$T/types" '<a href="/catalog/5.1.1.3.2">5.1.1.3.2</a>'
	# the form is generated from the type's fields
	web_get clerk /requests/new/takeout >"$T/form"
	assert_contains "$T/form" 'name="return_due" type="date"'
	assert_contains "$T/form" 'name="item" type="text"'
	assert_contains "$T/form" '<option value="PC1">'
	assert_not_contains "$T/form" 'TAX1'
	st=$(webreq_post_takeout clerk --data-urlencode 'item=<script>alert(1)</script>' \
		--data-urlencode quantity=1 --data-urlencode purpose=説明会 --data-urlencode place=県庁 \
		--data-urlencode return_due=2026-06-10 --data-urlencode asset=PC1)
	no=$(sed -n 's|.*/requests/\([0-9-]*\)$|\1|p' <<<"$st")
	assert_eq "$st" "303 $URL/requests/$no"
	[ -n "$no" ] || fail "no request number in: $st"
	m request show "$no" >"$T/cli"
	assert_contains "$T/cli" "総務一郎"
	assert_contains "$T/cli" "申請中"
	# the detail escapes the field and the asset's name
	st=$(web_status clerk "/requests/$no"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '&lt;script&gt;alert(1)&lt;/script&gt;'
	assert_not_contains "$T/body" '<script>alert(1)'
	assert_contains "$T/body" '&lt;i&gt;ノートPC&lt;/i&gt;'
	assert_contains "$T/body" '自己承認はできません'
	assert_not_contains "$T/body" 'value="approved"'
	# the list (mine) shows it, escaped, and echoes a search escaped
	web_get clerk '/requests?q=%3Cb%3E' >"$T/search"
	assert_contains "$T/search" 'value="&lt;b&gt;"'
	web_get clerk /requests >"$T/mine"
	assert_contains "$T/mine" "/requests/$no"
	assert_contains "$T/mine" '&lt;i&gt;ノートPC&lt;/i&gt;'
	assert_not_contains "$T/mine" '<i>ノートPC'
	# self-approval is refused: state unchanged, nothing journaled
	n0=$(webreq_journal_n)
	web_get clerk "/requests/$no" >"$T/d"; csrf=$(web_csrf_of "$T/d")
	st=$(web_status clerk "/requests/$no/decide" --data-urlencode "csrf=$csrf" \
		--data-urlencode decision=approved)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '自己承認はできません（兼務の禁止 1.8.1）'
	assert_eq "$(webreq_journal_n)" "$n0"
	m request show "$no" >"$T/cli"; assert_contains "$T/cli" "申請中"
	# another 課's manager: 404 like a missing request, absent from every list
	st=$(web_status other "/requests/$no"); assert_eq "${st%% *}" 404
	cp "$T/body" "$T/404a"
	st=$(web_status other "/requests/2026-999999"); assert_eq "${st%% *}" 404
	cmp "$T/404a" "$T/body"
	for tab in mine waiting all; do
		web_get other "/requests?tab=$tab" >"$T/o"; assert_not_contains "$T/o" "$no"
	done
	web_get other "/requests/$no" >/dev/null
	csrf=$(web_csrf_of "$T/o")
	st=$(web_status other "/requests/$no/decide" --data-urlencode "csrf=$csrf" --data-urlencode decision=approved)
	assert_eq "${st%% *}" 404
	# the 課's manager sees it waiting (and on the dashboard) and approves
	web_get boss / >"$T/dash"
	assert_contains "$T/dash" "href=\"/requests/$no\""
	assert_contains "$T/dash" '承認待ちの申請 1 件'
	web_get boss '/requests?tab=waiting' >"$T/w"
	assert_contains "$T/w" "/requests/$no"
	assert_contains "$T/w" '承認待ち（1）'
	web_get boss "/requests/$no" >"$T/d"
	assert_contains "$T/d" 'value="approved"'
	csrf=$(web_csrf_of "$T/d")
	# without the CSRF token: 403 and nothing written
	st=$(web_status boss "/requests/$no/decide" --data-urlencode decision=approved)
	assert_eq "${st%% *}" 403
	assert_eq "$(webreq_journal_n)" "$n0"
	st=$(web_status boss "/requests/$no/decide" --data-urlencode "csrf=$csrf" \
		--data-urlencode decision=approved --data-urlencode 'note=<b>確認済</b>')
	assert_eq "$st" "303 $URL/requests/$no"
	web_get boss "/requests/$no" >"$T/d"
	assert_contains "$T/d" '<dt>状態</dt><dd>許可</dd>'
	assert_contains "$T/d" '&lt;b&gt;確認済&lt;/b&gt;'
	assert_contains "$T/d" '総務課長（1）'
	m request show "$no" >"$T/cli"; assert_contains "$T/cli" "許可"
	web_get boss '/requests?tab=waiting' >"$T/w"; assert_not_contains "$T/w" "/requests/$no"
	# deciding again is refused
	st=$(web_status boss "/requests/$no/decide" --data-urlencode "csrf=$csrf" --data-urlencode decision=rejected)
	assert_eq "${st%% *}" 409
	# only the requester records it carried out, then the manager the return
	st=$(web_status boss "/requests/$no/done" --data-urlencode "csrf=$csrf"); assert_eq "${st%% *}" 403
	web_get clerk "/requests/$no" >"$T/d"; csrf3=$(web_csrf_of "$T/d")
	assert_contains "$T/d" '実施済にする'
	st=$(web_status clerk "/requests/$no/done" --data-urlencode "csrf=$csrf3" --data-urlencode date=2026-06-01)
	assert_eq "$st" "303 $URL/requests/$no"
	st=$(web_status clerk "/requests/$no/return" --data-urlencode "csrf=$csrf3"); assert_eq "${st%% *}" 403
	web_get boss "/requests/$no" >"$T/d"; assert_contains "$T/d" '返却を確認する'
	st=$(web_status boss "/requests/$no/return" --data-urlencode "csrf=$csrf" --data-urlencode date=2026-06-05)
	assert_eq "$st" "303 $URL/requests/$no"
	m request show "$no" >"$T/cli"
	assert_contains "$T/cli" "返却済"
	assert_contains "$T/cli" "2026-06-05（確認 総務課長）"
	web_stop
	m verify >/dev/null
}

t_webreq_form_errors_and_csrf() {
	webreq_org
	pw3=$(web_account 3)
	web_start
	st=$(web_login clerk 3 "$pw3" 'Clerk-Password-2026xy'); assert_eq "$st" "303 $URL/"
	n0=$(webreq_journal_n)
	# a required field left empty: the form again, values kept, nothing written
	st=$(webreq_post_takeout clerk --data-urlencode 'item=<b>カメラ</b>' --data-urlencode quantity= \
		--data-urlencode purpose=取材 --data-urlencode place=市民会館 \
		--data-urlencode return_due=2026-06-10 --data-urlencode asset=PC1)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '「数量」を入力してください'
	assert_contains "$T/body" 'value="&lt;b&gt;カメラ&lt;/b&gt;"'
	assert_contains "$T/body" 'value="市民会館"'
	assert_contains "$T/body" 'name="csrf"'
	assert_eq "$(webreq_journal_n)" "$n0"
	# a bad date: the engine's message, nothing written
	st=$(webreq_post_takeout clerk --data-urlencode item=カメラ --data-urlencode quantity=1 \
		--data-urlencode purpose=取材 --data-urlencode place=市民会館 \
		--data-urlencode return_due=2026-13-45 --data-urlencode asset=PC1)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '返却予定日'
	assert_contains "$T/body" 'value="2026-13-45"'
	# another 課's asset, and one that does not exist, get the same answer
	st=$(webreq_post_takeout clerk --data-urlencode item=端末 --data-urlencode quantity=1 \
		--data-urlencode purpose=x --data-urlencode place=y \
		--data-urlencode return_due=2026-06-10 --data-urlencode asset=TAX1)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '資産番号「TAX1」はあなたが申請できる資産の中にありません'
	st=$(webreq_post_takeout clerk --data-urlencode item=端末 --data-urlencode quantity=1 \
		--data-urlencode purpose=x --data-urlencode place=y \
		--data-urlencode return_due=2026-06-10 --data-urlencode asset=NOSUCH)
	assert_contains "$T/body" '資産番号「NOSUCH」はあなたが申請できる資産の中にありません'
	# no CSRF token: 403 and nothing written
	st=$(web_status clerk /requests/new/takeout --data-urlencode item=カメラ --data-urlencode quantity=1 \
		--data-urlencode purpose=取材 --data-urlencode place=市民会館 \
		--data-urlencode return_due=2026-06-10 --data-urlencode asset=PC1)
	assert_eq "${st%% *}" 403
	assert_eq "$(webreq_journal_n)" "$n0"
	m --format json request list >"$T/l"; assert_contains "$T/l" '"requests":[]'
	# an unknown type is not found; anonymous people are sent to sign in
	st=$(web_status clerk /requests/new/nosuch); assert_eq "${st%% *}" 404
	st=$(web_status anon /requests); assert_eq "$st" "303 $URL/login"
	st=$(web_status anon /api/v1/requests); assert_eq "${st%% *}" 401
	web_stop
}

t_webreq_csv_and_filters() {
	webreq_org
	m --as 3 request new 持ち出し --asset PC1 --field 品目=カメラ --field 数量=1 \
		--field '目的==HYPERLINK("x")' --field 場所=県庁 --field 返却予定日=2026-06-10 >/dev/null
	m --as 3 request new 廃棄 --asset PC1 --field 目的=更新 >/dev/null
	m --as 2 request new 持ち出し --asset TAX1 --field 品目=税務PC --field 数量=1 \
		--field 目的=研修 --field 場所=県庁 --field 返却予定日=2026-06-10 >/dev/null
	pw1=$(web_account 1)
	web_start
	st=$(web_login boss 1 "$pw1" 'Manager-Password-2026x'); assert_eq "$st" "303 $URL/"
	st=$(web_status boss '/requests?tab=waiting&format=csv'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" 'Content-Type: text/csv; charset=utf-8'
	[ "$(head -c 3 "$T/body" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
	assert_contains "$T/body" '申請番号,種類,申請者の職員番号,申請者,課,対象,状態,申請日時'
	assert_contains "$T/body" '総務一郎'
	assert_contains "$T/body" '目的: =HYPERLINK'
	assert_contains "$T/body" '廃棄'
	assert_not_contains "$T/body" '税務PC'
	[ "$(grep -c '^2026-' "$T/body")" = 2 ] || fail "expected 2 rows: $(cat "$T/body")"
	# one type: its fields become columns, and a formula is neutralised
	web_get boss '/requests?tab=waiting&type=takeout&format=csv' >"$T/c"
	assert_contains "$T/c" '返却日,品目,数量,目的,場所,返却予定日'
	assert_contains "$T/c" "カメラ,1,\"'=HYPERLINK(\"\"x\"\")\",県庁,2026-06-10"
	# filters: type, text (NFKC: 全角 matches), sort links
	web_get boss '/requests?tab=waiting&type=disposal&format=csv' >"$T/c"
	[ "$(grep -c '^2026-' "$T/c")" = 1 ] || fail "type filter"
	assert_contains "$T/c" '廃棄'
	web_get boss '/requests?tab=waiting&q=%EF%BD%B6%EF%BE%92%EF%BE%97&format=csv' >"$T/c"
	[ "$(grep -c '^2026-' "$T/c")" = 1 ] || fail "search: $(cat "$T/c")"
	web_get boss '/requests?tab=waiting&sort=type&dir=desc' >"$T/p"
	assert_contains "$T/p" 'aria-sort="descending"'
	assert_contains "$T/p" '種類 ▼'
	# paging keeps the filters and the page size
	web_get boss '/requests?tab=waiting&limit=1&sort=no&dir=asc' >"$T/p"
	assert_contains "$T/p" '2 件中 1〜1 件目'
	assert_contains "$T/p" 'href="/requests?tab=waiting&amp;sort=no&amp;dir=asc&amp;limit=1&amp;offset=1" rel="next"'
	web_get boss '/requests?tab=waiting&limit=1&sort=no&dir=asc&offset=1' >"$T/p2"
	assert_contains "$T/p2" '2 件中 2〜2 件目'
	assert_contains "$T/p2" 'rel="prev"'
	web_get boss '/requests?tab=waiting&state=approved' >"$T/p"
	assert_contains "$T/p" '該当する申請はありません'
	web_stop
}

t_webreq_api() {
	webreq_org
	m system add --code SYS1 --name 住記システム --unit S2 --zone mynumber >/dev/null
	m staff add --no 20 --name 統括責任者 --unit S2 >/dev/null
	m staff add --no 21 --name システム管理者 --unit S2 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign system_admin 21 --system SYS1 >/dev/null
	for n in 1 2 3 9 20 21; do
		eval "pw$n=$(web_account $n)"
		m --format json account token add $n --name t >"$T/tok"
		eval "tok$n=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")"
	done
	web_start
	api() { local tok=$1; shift; web_status none "$@" -H "Authorization: Bearer $tok"; }
	st=$(api "$tok3" /api/v1/request-types); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"id":"takeout"'
	assert_contains "$T/body" '{"input":"date","key":"return_due","label":"返却予定日","required":1}'
	# file with a token (no CSRF needed); a missing field is a validation error
	n0=$(webreq_journal_n)
	st=$(api "$tok3" /api/v1/requests -d type=takeout -d asset=PC1 -d item=PC -d purpose=会議)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"validation"'
	assert_contains "$T/body" '「数量」を入力してください'
	assert_eq "$(webreq_journal_n)" "$n0"
	st=$(api "$tok3" /api/v1/requests -d type=takeout -d asset=PC1 -d item=PC -d quantity=1 \
		-d purpose=会議 -d place=県庁 -d return_due=2026-06-10)
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"state":"filed"'
	no=$(grep -o '"request_no":"[0-9-]*"' "$T/body" | sed 's/.*:"//; s/"//')
	[ -n "$no" ] || fail "no request_no: $(cat "$T/body")"
	st=$(api "$tok3" '/api/v1/requests?mine=1'); assert_contains "$T/body" "\"request_no\":\"$no\""
	assert_contains "$T/body" '"total":1'
	st=$(api "$tok1" '/api/v1/requests?waiting=1'); assert_contains "$T/body" "\"request_no\":\"$no\""
	# out of scope: 404 on the detail and on deciding, absent from the list
	st=$(api "$tok2" "/api/v1/requests/$no"); assert_eq "${st%% *}" 404
	assert_contains "$T/body" '"code":"not_found"'
	st=$(api "$tok2" "/api/v1/requests/$no/decide" -d decision=approved); assert_eq "${st%% *}" 404
	st=$(api "$tok2" /api/v1/requests); assert_contains "$T/body" '"total":0'
	# an endpoint for roles the caller does not hold: 403
	st=$(api "$tok3" /api/v1/findings); assert_eq "${st%% *}" 403
	# self-approval refused, nothing journaled
	n0=$(webreq_journal_n)
	st=$(api "$tok3" "/api/v1/requests/$no/decide" -d decision=approved); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"self_approval"'
	assert_eq "$(webreq_journal_n)" "$n0"
	st=$(api "$tok1" "/api/v1/requests/$no/decide" -d decision=maybe); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"validation"'
	st=$(api "$tok1" "/api/v1/requests/$no/decide" -d decision=approved -d note=OK)
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"approved"'
	assert_contains "$T/body" '"decided_by":"1","decision":"approved","note":"OK"'
	st=$(api "$tok1" "/api/v1/requests/$no/decide" -d decision=approved); assert_eq "${st%% *}" 409
	assert_contains "$T/body" '"code":"already_decided"'
	# two approvers in order: 統括 then the system's 情報システム管理者
	st=$(api "$tok3" /api/v1/requests -d type=software -d system=SYS1 -d software=エディタ \
		-d device=PC1 -d purpose=文書作成)
	assert_eq "${st%% *}" 201
	sw=$(grep -o '"request_no":"[0-9-]*"' "$T/body" | sed 's/.*:"//; s/"//')
	assert_contains "$T/body" '"next_role":"chief_officer"'
	st=$(api "$tok21" "/api/v1/requests/$sw/decide" -d decision=approved); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"not_your_turn"'
	st=$(api "$tok20" "/api/v1/requests/$sw/decide" -d decision=approved); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"next_role":"system_admin"'
	assert_contains "$T/body" '"state":"filed"'
	st=$(api "$tok21" "/api/v1/requests/$sw/decide" -d decision=approved); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"state":"approved"'
	st=$(api "$tok21" "/api/v1/requests/$sw"); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"role":"chief_officer"'
	assert_contains "$T/body" '"role":"system_admin"'
	# the CISO sees every request; the other 課's manager still none
	st=$(api "$tok9" /api/v1/requests); assert_contains "$T/body" '"total":2'
	st=$(api "$tok2" /api/v1/requests); assert_contains "$T/body" '"total":0'
	st=$(api "$tok3" '/api/v1/requests?state=approved&type=software'); assert_contains "$T/body" '"total":1'
	# a signed-in browser posting to the API still needs the CSRF token
	st=$(web_login clerk 3 "$pw3" 'Clerk-Password-2026xy'); assert_eq "$st" "303 $URL/"
	st=$(web_status clerk /api/v1/requests -d type=network_connect -d device=PC -d purpose=x)
	assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	web_get clerk / >"$T/dash"; csrf=$(web_csrf_of "$T/dash")
	st=$(web_status clerk /api/v1/requests -d type=network_connect -d device=PC -d purpose=x -d "csrf=$csrf")
	assert_eq "${st%% *}" 201
	web_stop
	m verify >/dev/null
}
