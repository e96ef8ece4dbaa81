# The ポリシー pages of the web UI and the policy endpoints of the JSON API:
# the versions list and its access rules, rendering and 決裁 through the
# browser, downloads in four formats, the clause-by-clause diff, and the gap
# analysis of an uploaded 例規.  Uses the helpers of test_web.sh (web_start,
# web_login, web_signin_enrol, …), which run-cli.sh sources beside this file.

# web_org (ciso 9, managers 1 and 2, staff 3) signed in as staff and ciso;
# version 1 (internal edition, not approved) rendered by the CLI.
webpol_setup() {
	web_org
	pw3=$(web_account 3); pw9=$(web_account 9)
	m policy render >/dev/null 2>&1
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
}

# The CSRF token of JAR's session, read from a page it may open.
webpol_csrf() { web_get "$1" /policy >"$T/csrfpage"; web_csrf_of "$T/csrfpage"; }

# The number of journal entries: a refused request must not add any.
webpol_journal() { sql "SELECT COUNT(*) FROM journal"; }

t_webpol_list_and_access() {
	webpol_setup
	# path | anon staff ciso
	while read -r path want; do
		got=""
		for who in anon staff ciso; do
			st=$(web_status "$who" "$path")
			got="$got ${st%% *}"
		done
		assert_eq "${got# }" "$want" || { echo "  at $path" >&2; return 1; }
	done <<'TABLE'
/policy 303 200 200
/policy?format=csv 303 200 200
/policy/1 303 404 200
/policy/1/download?format=md 303 404 200
/policy/2 303 404 404
/policy/abc 303 404 404
/policy/01 303 404 404
/policy/diff 303 403 200
/policy/gap 303 403 200
/api/v1/policy/versions 401 200 200
/api/v1/policy/versions/1 401 404 200
/api/v1/policy/versions/9 401 404 404
TABLE
	# the unapproved version 1 is not in staff's list, but is in the ciso's
	web_get staff /policy >"$T/s"
	assert_contains "$T/s" "決裁済みの版だけを表示しています"
	assert_not_contains "$T/s" 'href="/policy/1"'
	assert_not_contains "$T/s" "現在のプロファイルで作成"
	web_get staff / >"$T/dash"; assert_contains "$T/dash" '<a href="/policy">ポリシー</a>'
	web_get ciso /policy >"$T/c"
	assert_contains "$T/c" '<a href="/policy/1">第1版</a>'
	assert_contains "$T/c" "未決裁"
	assert_contains "$T/c" "内部版（非公開）"
	assert_contains "$T/c" "現在のプロファイルで作成"
	assert_contains "$T/c" 'href="/policy?sort=rendered&amp;dir=asc"'
	web_get staff /api/v1/policy/versions >"$T/sj"; assert_eq "$(cat "$T/sj")" '{"versions":[]}'
	web_get ciso /api/v1/policy/versions >"$T/cj"
	assert_contains "$T/cj" '"approved_by":0'
	assert_contains "$T/cj" '"edition":"internal"'
	assert_contains "$T/cj" '"version":1'
	# the CSV: BOM, Japanese header, the version
	web_get ciso '/policy?format=csv' >"$T/csv"
	[ "$(head -c 3 "$T/csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
	assert_contains "$T/csv" "番号,版,題名,作成日時,作成者,プロファイル版,決裁者,決裁日時,SHA-256"
	assert_contains "$T/csv" "1,内部版（非公開）,試験市情報セキュリティポリシー"
	web_stop
}

t_webpol_render_and_approve() {
	webpol_setup
	csrf=$(webpol_csrf ciso)
	# rendering the internal edition again gives version 1 back
	st=$(web_status ciso /policy/render --data-urlencode edition=internal --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/policy/1?r=same"
	st=$(web_status ciso /policy/render --data-urlencode edition=public --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/policy/2?r=new"
	web_get ciso '/policy/2?r=new' >"$T/p2"
	assert_contains "$T/p2" "新しい版として記録しました"
	assert_contains "$T/p2" "試験市情報セキュリティ基本方針"
	assert_contains "$T/p2" "第2版を決裁する"
	st=$(web_status ciso /policy/render --data-urlencode edition=public --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/policy/2?r=same"
	assert_eq "$(sql "SELECT COUNT(*) FROM policy_version")" 2
	# refused: no CSRF, a bad edition, staff
	n=$(webpol_journal)
	st=$(web_status ciso /policy/render --data-urlencode edition=public); assert_eq "${st%% *}" 403
	st=$(web_status ciso /policy/render --data-urlencode edition=secret --data-urlencode "csrf=$csrf")
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" "公開版（public）か内部版（internal）"
	scsrf=$(webpol_csrf staff)
	st=$(web_status staff /policy/render --data-urlencode edition=public --data-urlencode "csrf=$scsrf")
	assert_eq "${st%% *}" 403
	st=$(web_status staff /policy/2/approve --data-urlencode "csrf=$scsrf"); assert_eq "${st%% *}" 403
	st=$(web_status ciso /policy/2/approve -X POST); assert_eq "${st%% *}" 403
	assert_eq "$(webpol_journal)" "$n"
	# the 決裁, once
	st=$(web_status ciso /policy/2/approve --data-urlencode "csrf=$csrf")
	assert_eq "$st" "303 $URL/policy/2?r=approved"
	web_get ciso /policy/2 >"$T/p2"
	assert_contains "$T/p2" "副市長"
	assert_not_contains "$T/p2" "第2版を決裁する"
	st=$(web_status ciso /policy/2/approve --data-urlencode "csrf=$csrf")
	assert_eq "${st%% *}" 409
	assert_contains "$T/body" "ポリシーの第2版は"
	assert_contains "$T/body" "決裁済みです"
	assert_eq "$(sql "SELECT COUNT(*) FROM policy_version WHERE approved_by IS NOT NULL")" 1
	# staff now sees version 2, still not version 1
	st=$(web_status staff /policy/2); assert_eq "${st%% *}" 200
	web_get staff /policy >"$T/s"
	assert_contains "$T/s" 'href="/policy/2"'
	assert_not_contains "$T/s" 'href="/policy/1"'
	# the API: a Bearer token needs no CSRF; a second 決裁 is a 409
	m --format json account token add 9 --name script >"$T/tok"
	token=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	st=$(web_status none /api/v1/policy/versions/1/approve -X POST -H "Authorization: Bearer $token")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" '"approved_at":"2026-06-01T01:00:00Z"'
	assert_contains "$T/body" '"approver":"副市長"'
	assert_contains "$T/body" '"blocks":[{'
	st=$(web_status none /api/v1/policy/versions/1/approve -X POST -H "Authorization: Bearer $token")
	assert_eq "${st%% *}" 409
	assert_contains "$T/body" '{"error":{"code":"already_approved","message":"ポリシーの第1版は'
	# a session cookie on the API needs the CSRF token like any form
	st=$(web_status ciso /api/v1/policy/versions/1/approve -X POST); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"csrf"'
	m account token add 3 --name s >/dev/null
	m --format json account token add 3 --name s2 >"$T/tok3"
	token3=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok3")
	st=$(web_status none /api/v1/policy/versions/1/approve -X POST -H "Authorization: Bearer $token3")
	assert_eq "${st%% *}" 403
	# the 統括 renders but does not approve; the audit lead does neither
	m role assign chief_officer 2 >/dev/null
	m role assign audit_lead 1 >/dev/null
	pw2=$(web_account 2); pw1=$(web_account 1)
	web_signin_enrol chief 2 "$pw2" 'Chief-Password-abcdx'
	web_signin_enrol audit 1 "$pw1" 'Audit-Password-xyzw!'
	ccsrf=$(webpol_csrf chief); acsrf=$(webpol_csrf audit)
	m profile set password_min_length 16 >/dev/null
	st=$(web_status chief /policy/render --data-urlencode edition=internal --data-urlencode "csrf=$ccsrf")
	assert_eq "$st" "303 $URL/policy/3?r=new"
	st=$(web_status chief /policy/3/approve --data-urlencode "csrf=$ccsrf"); assert_eq "${st%% *}" 403
	st=$(web_status audit /policy/render --data-urlencode edition=internal --data-urlencode "csrf=$acsrf")
	assert_eq "${st%% *}" 403
	st=$(web_status audit /policy/3); assert_eq "${st%% *}" 200
	assert_not_contains "$T/body" "第3版を決裁する"
	st=$(web_status audit /policy/gap); assert_eq "${st%% *}" 200
	expect_exit 0 m verify
	web_stop
}

t_webpol_downloads() {
	webpol_setup
	st=$(web_status ciso '/policy/1/download?format=pdf'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: application/pdf"
	assert_contains "$T/head" "Content-Disposition: attachment; filename=\"mamori-policy-1-internal.pdf\"; filename*=UTF-8''%E8%A9%A6%E9%A8%93%E5%B8%82"
	[ "$(head -c 4 "$T/body")" = "%PDF" ] || fail "not a PDF"
	pdftotext "$T/body" "$T/pdf.txt"
	assert_contains "$T/pdf.txt" "試験市情報セキュリティポリシー"
	assert_contains "$T/pdf.txt" "第1条"
	st=$(web_status ciso '/policy/1/download?format=md'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: text/markdown; charset=utf-8"
	assert_contains "$T/head" 'filename="mamori-policy-1-internal.md"'
	assert_contains "$T/body" "# 試験市情報セキュリティポリシー"
	assert_contains "$T/body" "内部版（非公開）　第1版　未決裁"
	st=$(web_status ciso '/policy/1/download?format=html'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: text/html; charset=utf-8"
	assert_contains "$T/body" "<title>試験市情報セキュリティポリシー</title>"
	st=$(web_status ciso '/policy/1/download?format=json'); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: application/json"
	# the same bytes as the CLI prints
	m --format json policy show 1 >"$T/cli.json"
	cmp -s "$T/body" "$T/cli.json" || fail "JSON differs from policy show"
	st=$(web_status ciso '/policy/1/download?format=docx'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" "html、md、pdf、json"
	st=$(web_status ciso '/policy/1/download'); assert_eq "${st%% *}" 400
	# the page shows the document inside the layout, marked 非公開
	web_get ciso /policy/1 >"$T/p1"
	assert_contains "$T/p1" '<article class="policy-doc">'
	assert_contains "$T/p1" "非公開（庁内限り）"
	assert_contains "$T/p1" 'href="/policy/1/download?format=pdf"'
	assert_not_contains "$T/p1" "<style>"
	web_stop
}

t_webpol_diff_shows_changed_clause() {
	webpol_setup
	m profile set password_min_length 16 >/dev/null
	m profile adopt 1.1.2 >/dev/null
	m policy render >/dev/null 2>&1
	web_get ciso '/policy/diff?a=1&b=2' >"$T/d"
	assert_contains "$T/d" "第1版 → 第2版: 追加 2、削除 0、変更 1"
	assert_contains "$T/d" '<tr class="changed"><td><span class="mark">＊ 変更</span></td><td><a href="/catalog/5.4.3.3">5.4.3.3</a>'
	assert_contains "$T/d" '<tr class="added"><td><span class="mark">＋ 追加</span>'
	assert_contains "$T/d" "16文字以上"
	assert_contains "$T/d" "12文字以上"
	web_get ciso /policy/2 >"$T/p2"
	assert_contains "$T/p2" 'href="/policy/diff?a=1&amp;b=2"'
	st=$(web_status ciso '/policy/diff?a=1&b=9'); assert_eq "${st%% *}" 404
	st=$(web_status ciso '/policy/diff?a=1&b=x'); assert_eq "${st%% *}" 404
	st=$(web_status staff '/policy/diff?a=1&b=2'); assert_eq "${st%% *}" 403
	web_get ciso /policy/diff >"$T/form"
	assert_contains "$T/form" '<select id="d-a" name="a">'
	web_stop
}

t_webpol_gap_upload_matches_cli() {
	webpol_setup
	doc="$ROOT/tests/gap/set2.docx"
	m --format json policy gap "$doc" >"$T/cli.json" 2>/dev/null || true
	m --format csv policy gap "$doc" >"$T/cli.csv" 2>/dev/null || true
	cov=$(grep -o '"status":"covered"' "$T/cli.json" | wc -l)
	par=$(grep -o '"status":"partial"' "$T/cli.json" | wc -l)
	mis=$(grep -o '"status":"missing"' "$T/cli.json" | wc -l)
	[ "$((cov + par + mis))" -gt 100 ] || fail "the CLI rated too few clauses"
	csrf=$(webpol_csrf ciso)
	n=$(webpol_journal)
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$doc")
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" "<dt>記載あり</dt><dd>$cov</dd>"
	assert_contains "$T/body" "<dt>一部不足</dt><dd>$par</dd>"
	assert_contains "$T/body" "<dt>未記載</dt><dd>$mis</dd>"
	assert_contains "$T/body" "<dd>set2.docx</dd>"
	assert_eq "$(grep -c '<tr class="gap-' "$T/body")" "$((cov + par + mis))"
	# filtered to the missing clauses
	web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$doc" -F show=missing >/dev/null
	assert_eq "$(grep -c '<tr class="gap-missing' "$T/body")" "$mis"
	assert_eq "$(grep -c '<tr class="gap-' "$T/body")" "$mis"
	# the CSV is the CLI's with a BOM
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$doc" -F format=csv)
	assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: text/csv; charset=utf-8"
	printf '\xef\xbb\xbf' | cat - "$T/cli.csv" >"$T/want.csv"
	cmp -s "$T/body" "$T/want.csv" || fail "CSV differs from policy gap --format csv"
	# the API gives the contract JSON, byte for byte
	m --format json account token add 9 --name gap >"$T/tok"
	token=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	n=$(webpol_journal)
	st=$(web_status none /api/v1/policy/gap -H "Authorization: Bearer $token" -F "file=@$doc")
	assert_eq "${st%% *}" 200
	cmp -s "$T/body" "$T/cli.json" || fail "JSON differs from policy gap --format json"
	assert_eq "$(webpol_journal)" "$n"
	web_stop
}

t_webpol_gap_bad_uploads() {
	webpol_setup
	csrf=$(webpol_csrf ciso)
	n=$(webpol_journal)
	head -c 3000 /dev/urandom >"$T/garbage.docx"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$T/garbage.docx")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'role="alert"'
	assert_contains "$T/body" "garbage.docx"
	printf 'abc\0\1\2\3def\0\0\0' >"$T/bin.txt"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$T/bin.txt")
	assert_eq "${st%% *}" 422
	printf '%%PDF-1.4\n' >"$T/p.pdf"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F "file=@$T/p.pdf")
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" "読めるのは .txt、.md、.html、.docx のファイルです"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F part=basic)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" "ファイルを選んでください"
	# no CSRF, or staff
	st=$(web_status ciso /policy/gap -F "file=@$ROOT/tests/gap/set4.md"); assert_eq "${st%% *}" 403
	scsrf=$(webpol_csrf staff)
	st=$(web_status staff /policy/gap -F "csrf=$scsrf" -F "file=@$ROOT/tests/gap/set4.md")
	assert_eq "${st%% *}" 403
	# the API's stable codes
	m --format json account token add 9 --name gap >"$T/tok"
	token=$(sed 's/.*"token":"\([0-9a-f]*\)".*/\1/' "$T/tok")
	st=$(web_status none /api/v1/policy/gap -H "Authorization: Bearer $token" -F "file=@$T/garbage.docx")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '"code":"unreadable_document"'
	st=$(web_status none /api/v1/policy/gap -H "Authorization: Bearer $token" -F "file=@$T/p.pdf")
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"unsupported_type"'
	# markup in a file name comes back escaped, in the result and in an error
	cp "$ROOT/tests/gap/set4.md" "$T/plain.md"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F 'file=@'"$T/plain.md"';filename=<i>x.md')
	assert_eq "${st%% *}" 200
	assert_contains "$T/body" "&lt;i&gt;x.md"
	assert_not_contains "$T/body" "<i>x"
	st=$(web_status ciso /policy/gap -F "csrf=$csrf" -F 'file=@'"$T/garbage.docx"';filename=<b>g.docx')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" "&lt;b&gt;g.docx"
	assert_not_contains "$T/body" "<b>g"
	assert_eq "$(webpol_journal)" "$n"
	web_stop
}
