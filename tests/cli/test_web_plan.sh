# The 緊急時対応計画 in the web (GET /plan, its downloads and /api/v1/plan,
# the edits of /plan/init|field|contacts|review and the CISO's approval):
# who may read and edit, contact details masked by scope, bad input (422,
# nothing written), state (409), CSRF (403), escaping, and the CLI agreeing.
#
# People (web_org plus): 統括 (7, chief_officer), 離任者 (8, a manager of
# 税務課 who left without the role being ended).  Sessions: staff (3),
# manager (1), chief (7), ciso (9).

wpl_world() {
	web_org
	m staff add --no 7 --name 統括責任者 --unit S2 --phone 000-7777 --email chief@example.jp >/dev/null
	m role assign chief_officer 7 >/dev/null
	m staff add --no 5 --name 総務係員 --unit S1 --phone 000-5555 >/dev/null
	m role assign csirt 5 >/dev/null
	m staff add --no 8 --name 退職課長 --unit S3 --phone 000-8888 >/dev/null
	m role assign manager 8 --unit S3 >/dev/null
	m staff retire 8 --date 2026-05-31 >/dev/null
	pw1=$(web_account 1); pw3=$(web_account 3); pw7=$(web_account 7); pw9=$(web_account 9)
}

wpl_signin() {
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_signin_enrol chief 7 "$pw7" 'Chief-Password-2026x'
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	for who in staff manager chief ciso; do
		web_get "$who" / >"$T/dash.$who"
		web_csrf_of "$T/dash.$who" >"$T/csrf.$who"
		[ -s "$T/csrf.$who" ] || fail "$who is not signed in"
	done
}

# POST as WHO with the CSRF token: wpl_post WHO PATH [curl args…]
wpl_post() { local who=$1 path=$2; shift 2; web_status "$who" "$path" --data-urlencode "csrf=$(cat "$T/csrf.$who")" "$@"; }
wpl_versions() { m --format json plan list | grep -o '"version":[0-9]*' | wc -l; }

t_wpl_init_and_read() {
	wpl_world
	wpl_signin
	# no plan yet: everyone reads the page; only the editors get the button
	st=$(web_status staff /plan); assert_eq "${st%% *}" 200
	assert_contains "$T/body" "緊急時対応計画はまだありません"
	assert_not_contains "$T/body" 'action="/plan/init"'
	st=$(web_status chief /plan); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'action="/plan/init"'
	st=$(web_status staff /api/v1/plan); assert_eq "${st%% *}" 404
	# staff and managers may not create it; the 統括 may
	st=$(wpl_post staff /plan/init); assert_eq "${st%% *}" 403
	st=$(wpl_post manager /plan/init); assert_eq "${st%% *}" 403
	st=$(web_status chief /plan/init -X POST); assert_eq "${st%% *}" 403
	assert_eq "$(wpl_versions)" 0
	st=$(wpl_post chief /plan/init); assert_eq "$st" "303 $URL/plan?r=init"
	assert_eq "$(wpl_versions)" 1
	st=$(wpl_post chief /plan/init); assert_eq "${st%% *}" 409
	assert_eq "$(wpl_versions)" 1
	web_get chief '/plan?r=init' >"$T/plan"
	for s in "第1版" "1. 関係者の連絡先" "2. 報告すべき事項" "3. 対応措置" "4. 再発防止措置" \
		"5. 業務継続計画との関係" "CSIRT 責任者（統一的な窓口）" "（不在）" "未決裁" "版の一覧" \
		"ひな形から第1版を作成しました" "都道府県" "点検で見つかったこと"; do
		assert_contains "$T/plan" "$s"
	done
	# the 税務課 manager who left is flagged; the CISO is listed by name
	assert_contains "$T/plan" "離任（2026-05-31）"
	assert_contains "$T/plan" '<tr class="plan-left">'
	assert_contains "$T/plan" '<tr class="vacant"><td>CSIRT 責任者（統一的な窓口）</td>'
	assert_not_contains "$T/plan" '&quot;'

	assert_contains "$T/plan" "副市長"
	# a version that does not exist, a bad number
	st=$(web_status staff '/plan?version=9'); assert_eq "${st%% *}" 404
	st=$(web_status staff '/plan?version=x'); assert_eq "${st%% *}" 400
	st=$(web_status staff '/api/v1/plan?version=0'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	web_get staff '/api/v1/plan?version=1' >"$T/api"
	assert_contains "$T/api" '"version":1'
	assert_contains "$T/api" '"label":"CSIRT 責任者（統一的な窓口）"'
	st=$(web_status staff /plan/9/download?format=md); assert_eq "${st%% *}" 404
	web_stop
}

t_wpl_edit_refuse_and_approve() {
	wpl_world
	m plan init >/dev/null
	wpl_signin
	# a part replaced: 303, a new version, the CLI shows the text; markup escaped
	st=$(wpl_post chief /plan/field --data-urlencode field=measures \
		--data-urlencode $'text=遮断は統括が行う。\n<script>x</script>'); assert_eq "$st" "303 $URL/plan?r=field"
	assert_eq "$(wpl_versions)" 2
	m --format json plan show >"$T/show"
	assert_contains "$T/show" '遮断は統括が行う。'
	web_get staff /plan >"$T/plan"
	assert_contains "$T/plan" "<p>&lt;script&gt;x&lt;/script&gt;</p>"
	assert_not_contains "$T/plan" "<script>x</script>"
	assert_not_contains "$T/plan" 'action="/plan/field"'
	# refused input: 422, the typed text kept, nothing written
	st=$(wpl_post chief /plan/field --data-urlencode field=measures --data-urlencode 'text=   '); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "空にはできません"
	st=$(wpl_post chief /plan/field --data-urlencode field=nosuch --data-urlencode 'text=下書き<b>'); assert_eq "${st%% *}" 422
	st=$(wpl_post chief /plan/review --data-urlencode 'date=2026-02-30'); assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'value="2026-02-30"'
	st=$(wpl_post chief /plan/review --data-urlencode 'date=2027-01-01'); assert_eq "${st%% *}" 422
	st=$(wpl_post chief /plan/contacts --data-urlencode action=add --data-urlencode 'person=<i>名無し</i>'); assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'value="&lt;i&gt;名無し&lt;/i&gt;"'
	st=$(wpl_post chief /plan/contacts --data-urlencode action=remove --data-urlencode index=99); assert_eq "${st%% *}" 422
	st=$(wpl_post chief /plan/contacts --data-urlencode action=remove --data-urlencode index=x); assert_eq "${st%% *}" 422
	st=$(wpl_post chief /plan/contacts --data-urlencode action=add --data-urlencode 'party=県警' \
		--data-urlencode staff_no=8); assert_eq "${st%% *}" 422
	assert_contains "$T/body" "離任しています"
	assert_eq "$(wpl_versions)" 2
	# CSRF missing: 403, nothing written
	st=$(web_status chief /plan/review -X POST --data-urlencode 'date=2026-05-01'); assert_eq "${st%% *}" 403
	assert_eq "$(wpl_versions)" 2
	# contacts added and removed, a review recorded
	st=$(wpl_post ciso /plan/contacts --data-urlencode action=add --data-urlencode 'party=<b>県警</b> サイバー' \
		--data-urlencode 'phone=000-110-0000' --data-urlencode 'note=夜間も可'); assert_eq "$st" "303 $URL/plan?r=contact_add"
	n=$(m --format json plan show | grep -o '"party":"[^"]*"' | wc -l)
	web_get staff /plan >"$T/plan"
	assert_contains "$T/plan" "&lt;b&gt;県警&lt;/b&gt; サイバー"
	st=$(wpl_post chief /plan/contacts --data-urlencode action=remove --data-urlencode "index=$n"); assert_eq "$st" "303 $URL/plan?r=contact_remove"
	m --format json plan show >"$T/show"
	assert_not_contains "$T/show" "<b>県警</b>"
	st=$(wpl_post chief /plan/review --data-urlencode 'date=令和8年5月20日'); assert_eq "$st" "303 $URL/plan?r=review"
	m --format json plan show >"$T/show"
	assert_contains "$T/show" '"reviewed_on":"2026-05-20"'
	assert_eq "$(wpl_versions)" 5
	# approval: the CISO only, the latest only, once
	st=$(wpl_post chief /plan/5/approve); assert_eq "${st%% *}" 403
	st=$(wpl_post ciso /plan/4/approve); assert_eq "${st%% *}" 409
	st=$(wpl_post ciso /plan/99/approve); assert_eq "${st%% *}" 404
	st=$(wpl_post ciso /plan/5/approve); assert_eq "$st" "303 $URL/plan?r=approved"
	m --format json plan list >"$T/list"
	assert_contains "$T/list" '"approved_by":"9"'
	st=$(wpl_post ciso /plan/5/approve); assert_eq "${st%% *}" 409
	web_get staff /plan >"$T/plan"
	assert_contains "$T/plan" "決裁（副市長）"
	# an older version is shown read-only
	web_get chief '/plan?version=1' >"$T/old"
	assert_contains "$T/old" "過去の版を表示しています"
	assert_not_contains "$T/old" 'action="/plan/field"'
	web_stop
}

t_wpl_contact_details_scope() {
	wpl_world
	m staff add --no 6 --name 税務係員 --unit S3 --phone 000-6666 >/dev/null
	m role assign csirt_lead 6 >/dev/null
	m plan init >/dev/null
	m plan contact add --party 県警察本部 --phone 000-110-1234 >/dev/null
	m plan contact add --party 広報課 --staff 3 >/dev/null
	wpl_signin
	# the CISO sees every number
	web_get ciso /plan >"$T/ciso"
	for s in 000-7777 chief@example.jp 000-6666 000-5555 000-110-1234; do assert_contains "$T/ciso" "$s"; done
	# a plain member of staff sees the names but no number
	web_get staff /plan >"$T/staff"
	assert_contains "$T/staff" "統括責任者"
	assert_contains "$T/staff" "県警察本部"
	for s in 000-7777 chief@example.jp 000-6666 000-5555 000-110-1234; do assert_not_contains "$T/staff" "$s"; done
	assert_contains "$T/staff" "（非表示）"
	# the 総務課 manager sees the numbers of 総務課 people only
	web_get manager /plan >"$T/manager"
	assert_contains "$T/manager" 000-5555
	assert_not_contains "$T/manager" 000-6666
	assert_not_contains "$T/manager" 000-110-1234
	# the JSON and the documents are masked the same way
	st=$(web_status staff /api/v1/plan); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: application/json"
	assert_contains "$T/body" '"internal_contacts":['
	assert_not_contains "$T/body" 000-7777
	assert_not_contains "$T/body" 000-110-1234
	web_get ciso /api/v1/plan >"$T/api"
	assert_contains "$T/api" 000-110-1234
	for f in md html json; do
		st=$(web_status staff "/plan/1/download?format=$f"); assert_eq "${st%% *}" 200
		assert_not_contains "$T/body" 000-7777
		assert_contains "$T/head" "filename*=UTF-8''"
	done
	assert_contains "$T/head" 'filename="mamori-plan-1.json"'
	st=$(web_status ciso "/plan/1/download?format=pdf"); assert_eq "${st%% *}" 200
	assert_contains "$T/head" "Content-Type: application/pdf"
	head -c 5 "$T/body" >"$T/magic"; assert_contains "$T/magic" "%PDF-"
	st=$(web_status ciso "/plan/1/download?format=doc"); assert_eq "${st%% *}" 400
	st=$(web_status ciso "/plan/1/download?format=md"); assert_contains "$T/body" 000-7777
	web_stop
}

t_wpl_review_due_warning() {
	wpl_world
	MAMORI_NOW=2026-03-20T01:00:00Z m plan init >/dev/null
	wpl_signin
	web_get staff /plan >"$T/plan"
	assert_contains "$T/plan" "今年度未見直し"
	st=$(wpl_post chief /plan/review --data-urlencode 'date=2026-06-01'); assert_eq "${st%% *}" 303
	web_get staff /plan >"$T/plan"
	assert_not_contains "$T/plan" "今年度未見直し"
	web_stop
}
