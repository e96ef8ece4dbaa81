# 研修・訓練 in the browser and the JSON API (docs/training.md "Web",
# docs/web.md, docs/api.md): courses, the 年度 plan and its approval by the
# committee (never by its drafter), sessions, attendance entered and
# imported by upload, each 課's completion within scope, the 統括's
# analysis and the committee report's downloads (the CLI's bytes).
# The tests' clock is 2026-06-01T01:00:00Z: 令和8年度 (2026).

# web_org (総務課長 1, 税務課長 2, 総務一郎 3, CISO 9) plus 税務花子 (13),
# the 統括情報セキュリティ責任者 (20) and a committee member (41).
wtr_org() {
	web_org
	m staff add --no 13 --name 税務花子 --unit S3 >/dev/null
	m staff add --no 20 --name 統括責任者 --unit S2 >/dev/null
	m staff add --no 41 --name 委員 --unit S2 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign committee 41 >/dev/null
}

wtr_journal_n() { m --format json journal --limit 1000000 | grep -o '"seq":' | wc -l; }

# A POST of a form on PAGE as JAR: wtr_post JAR PAGE PATH [curl args…].
wtr_post() {
	local jar=$1 page=$2 path=$3; shift 3
	web_get "$jar" "$page" >"$T/form.$jar"
	local csrf; csrf=$(web_csrf_of "$T/form.$jar")
	web_status "$jar" "$path" --data-urlencode "csrf=$csrf" "$@"
}

wtr_signin() { # JAR NO NEWPASS [enrol]
	local pw; pw=$(web_account "$2")
	if [ "${4:-}" = enrol ]; then
		web_signin_enrol "$1" "$2" "$pw" "$3"
	else
		local st; st=$(web_login "$1" "$2" "$pw" "$3"); assert_eq "$st" "303 $URL/"
	fi
}

t_wtr_courses_and_plan() {
	wtr_org
	web_start
	wtr_signin staff 3 'Staff-Password-5678xy'
	wtr_signin chief 20 'Chief-Password-5678xy' enrol
	wtr_signin ciso 9 'Ciso-Password-5678xyz' enrol
	wtr_signin cttee 41 'Cttee-Password-5678xy'
	# staff may not open the form nor post it
	st=$(web_status staff /training/courses/new); assert_eq "${st%% *}" 403
	st=$(wtr_post staff /training /training/courses/new --data-urlencode code=X1 --data-urlencode title=t)
	assert_eq "${st%% *}" 403
	# the 統括 registers a course; the title comes back escaped
	st=$(web_status chief /training/courses/new); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'name="pass_mark"'
	st=$(wtr_post chief /training/courses/new /training/courses/new --data-urlencode code=C01 \
		--data-urlencode 'title=<script>x</script>基礎研修' --data-urlencode kind=course \
		--data-urlencode who=all --data-urlencode method=elearning --data-urlencode pass_mark=70)
	assert_eq "$st" "303 $URL/training?done=course"
	m --format json training course list >"$T/courses"
	assert_contains "$T/courses" '"code":"C01"'
	assert_contains "$T/courses" '"pass_mark":70'
	web_get chief /training >"$T/ov"
	assert_contains "$T/ov" '&lt;script&gt;x&lt;/script&gt;基礎研修'
	assert_not_contains "$T/ov" '<script>x</script>'
	# a roles audience and a drill
	st=$(wtr_post chief /training/courses/new /training/courses/new --data-urlencode code=M01 \
		--data-urlencode title=管理者研修 --data-urlencode who=roles --data-urlencode roles=manager)
	assert_eq "${st%% *}" 303
	st=$(wtr_post chief /training/courses/new /training/courses/new --data-urlencode code=D01 \
		--data-urlencode title=標的型メール訓練 --data-urlencode kind=drill --data-urlencode who=all)
	assert_eq "${st%% *}" 303
	# bad input: 422, values kept, nothing written
	n0=$(wtr_journal_n)
	st=$(wtr_post chief /training/courses/new /training/courses/new --data-urlencode code=C02 \
		--data-urlencode 'title=<b>二つ目</b>' --data-urlencode who=all --data-urlencode pass_mark=200)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'role="alert"'
	assert_contains "$T/body" 'value="&lt;b&gt;二つ目&lt;/b&gt;"'
	st=$(wtr_post chief /training/courses/new /training/courses/new --data-urlencode code=C01 \
		--data-urlencode title=重複 --data-urlencode who=all)
	assert_eq "${st%% *}" 422
	assert_eq "$(wtr_journal_n)" "$n0"
	# changing a course: the form shows it; a new pass mark; the kind stays
	assert_contains "$T/ov" 'href="/training/courses/C01/edit"'
	st=$(web_status chief /training/courses/C01/edit); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'name="pass_mark" inputmode="numeric" value="70"'
	st=$(wtr_post chief /training/courses/C01/edit /training/courses/C01/edit --data-urlencode title=基礎研修 \
		--data-urlencode who=all --data-urlencode method=classroom --data-urlencode pass_mark=60)
	assert_eq "$st" "303 $URL/training?done=course_edit"
	m --format json training course list >"$T/courses2"
	assert_contains "$T/courses2" '"pass_mark":60'
	assert_contains "$T/courses2" '"method":"classroom"'
	st=$(web_status chief /training/courses/NONE/edit); assert_eq "${st%% *}" 404
	st=$(web_status staff /training/courses/C01/edit); assert_eq "${st%% *}" 403
	n0=$(wtr_journal_n)
	st=$(wtr_post chief /training/courses/C01/edit /training/courses/C01/edit --data-urlencode title= --data-urlencode who=all)
	assert_eq "${st%% *}" 422
	assert_eq "$(wtr_journal_n)" "$n0"
	# retiring: a bad date is 422, then retired (the CLI agrees), again 409
	st=$(wtr_post chief /training/courses/M01/edit /training/courses/M01/retire --data-urlencode date=2026-99-01)
	assert_eq "${st%% *}" 422
	assert_eq "$(wtr_journal_n)" "$n0"
	st=$(wtr_post staff /training /training/courses/M01/retire); assert_eq "${st%% *}" 403
	st=$(wtr_post chief /training/courses/M01/edit /training/courses/M01/retire --data-urlencode date=2026-05-31)
	assert_eq "$st" "303 $URL/training?done=course_retire"
	m --format json training course list --all >"$T/courses3"
	assert_contains "$T/courses3" '"retired_on":"2026-05-31"'
	st=$(wtr_post chief /training/courses/M01/edit /training/courses/M01/retire); assert_eq "${st%% *}" 409
	n0=$(wtr_journal_n)
	# CSRF missing
	st=$(web_status chief /training/courses/new -X POST --data-urlencode code=C09 --data-urlencode title=t)
	assert_eq "${st%% *}" 403
	assert_eq "$(wtr_journal_n)" "$n0"
	# the plan: the 統括 drafts, cannot approve (no role: 403); a bad month is 422
	st=$(web_status chief '/training/plan?fy=2026'); assert_eq "${st%% *}" 200
	assert_contains "$T/body" 'name="course_0"'
	st=$(wtr_post chief /training/plan '/training/plan/draft?fy=2026' --data-urlencode course_0=C01 \
		--data-urlencode month_0=13)
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '1 から 12'
	assert_eq "$(wtr_journal_n)" "$n0"
	st=$(wtr_post chief /training/plan '/training/plan/draft?fy=2026' --data-urlencode course_0=C01 \
		--data-urlencode month_0=7 --data-urlencode course_1=D01 --data-urlencode month_1=11 \
		--data-urlencode instructor_1=情報政策課 --data-urlencode 'note=<i>案</i>')
	assert_eq "$st" "303 $URL/training/plan?fy=2026"
	m --format json training plan show --year 2026 >"$T/plan"
	assert_contains "$T/plan" '"course":"D01"'
	web_get chief '/training/plan?fy=2026' >"$T/planp"
	assert_contains "$T/planp" '第1版'
	assert_contains "$T/planp" '未承認'
	assert_contains "$T/planp" '&lt;i&gt;案&lt;/i&gt;'
	assert_not_contains "$T/planp" '委員会として承認する'
	st=$(wtr_post chief /training/plan '/training/plan/approve?fy=2026'); assert_eq "${st%% *}" 403
	st=$(wtr_post staff /training/plan '/training/plan/draft?fy=2026' --data-urlencode course_0=C01 --data-urlencode month_0=5)
	assert_eq "${st%% *}" 403
	# the committee approves; approving again is a conflict
	web_get cttee '/training/plan?fy=2026' >"$T/planc"
	assert_contains "$T/planc" '第1版を委員会として承認する'
	st=$(wtr_post cttee '/training/plan?fy=2026' '/training/plan/approve?fy=2026')
	assert_eq "$st" "303 $URL/training/plan?fy=2026"
	m training plan show --year 2026 >"$T/plant"; assert_contains "$T/plant" 委員
	st=$(wtr_post cttee '/training/plan?fy=2026' '/training/plan/approve?fy=2026'); assert_eq "${st%% *}" 409
	# the CISO drafts version 2 and may not approve it (the drafter): 403
	st=$(wtr_post ciso /training/plan '/training/plan/draft?fy=2026' --data-urlencode course_0=C01 --data-urlencode month_0=6)
	assert_eq "${st%% *}" 303
	n1=$(wtr_journal_n)
	st=$(wtr_post ciso '/training/plan?fy=2026' '/training/plan/approve?fy=2026'); assert_eq "${st%% *}" 403
	assert_contains "$T/body" 'は、その計画を承認できません'
	assert_eq "$(wtr_journal_n)" "$n1"
	web_get staff '/training?fy=2026' >"$T/ovs"
	assert_contains "$T/ovs" '第2版 — 承認待ち'
	st=$(web_status staff '/training?fy=xyz'); assert_eq "${st%% *}" 400
	web_stop
}

t_wtr_sessions_attendance_import() {
	wtr_org
	m --as 20 training course add --code C01 --title 情報セキュリティ基礎 --audience all --pass-mark 70 >/dev/null
	web_start
	wtr_signin staff 3 'Staff-Password-5678xy'
	wtr_signin boss 1 'Boss-Password-5678xyz'
	wtr_signin tax 2 'Taxboss-Password-5678x'
	wtr_signin chief 20 'Chief-Password-5678xy' enrol
	# a session: staff 403, bad date 422 nothing written, the 統括 303
	st=$(web_status staff /training/sessions/new); assert_eq "${st%% *}" 403
	n0=$(wtr_journal_n)
	st=$(wtr_post chief /training/sessions/new /training/sessions/new --data-urlencode course=C01 \
		--data-urlencode held_on=2026-13-40 --data-urlencode 'place=<u>会議室</u>')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'value="&lt;u&gt;会議室&lt;/u&gt;"'
	assert_eq "$(wtr_journal_n)" "$n0"
	st=$(wtr_post chief /training/sessions/new /training/sessions/new --data-urlencode course=C01 \
		--data-urlencode held_on=2026-05-10 --data-urlencode 'place=<u>会議室</u>')
	assert_eq "$st" "303 $URL/training/sessions/1"
	m --format json training session list --year 2026 >"$T/sl"; assert_contains "$T/sl" '"held_on":"2026-05-10"'
	# attendance by the 総務課長 for his 課; not for 税務課 (403); bad input 422
	st=$(wtr_post boss /training/sessions/1 /training/sessions/1/attend --data-urlencode staff_no=3 --data-urlencode score=85)
	assert_eq "$st" "303 $URL/training/sessions/1?recorded=1"
	m --format json training session show 1 >"$T/ss"; assert_contains "$T/ss" '"score":85'
	n1=$(wtr_journal_n)
	st=$(wtr_post boss /training/sessions/1 /training/sessions/1/attend --data-urlencode staff_no=13)
	assert_eq "${st%% *}" 403
	st=$(wtr_post boss /training/sessions/1 /training/sessions/1/attend --data-urlencode staff_no=3 --data-urlencode score=abc)
	assert_eq "${st%% *}" 422
	st=$(wtr_post boss /training/sessions/1 /training/sessions/1/attend --data-urlencode 'staff_no=<b>99</b>')
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" '&lt;b&gt;99&lt;/b&gt;'
	assert_not_contains "$T/body" '<b>99</b>'
	st=$(wtr_post staff /training/sessions/1 /training/sessions/1/attend --data-urlencode staff_no=3)
	assert_eq "${st%% *}" 403
	st=$(web_status boss /training/sessions/1/attend -X POST --data-urlencode staff_no=3); assert_eq "${st%% *}" 403
	st=$(web_status boss /training/sessions/99); assert_eq "${st%% *}" 404
	st=$(web_status boss /training/sessions/abc); assert_eq "${st%% *}" 404
	assert_eq "$(wtr_journal_n)" "$n1"
	# import: the manager may not; a bad file names the line and column, writes nothing
	web_get chief /training/sessions/1 >"$T/sp"
	assert_contains "$T/sp" 'enctype="multipart/form-data"'
	assert_contains "$T/sp" 'data-upload'
	csrf=$(web_csrf_of "$T/sp")
	printf '職員番号,氏名,得点\r\n13,税務花子,90\r\nA1234,誰か,50\r\n' >"$T/bad.csv"
	st=$(web_status chief /training/sessions/1/import -F "csrf=$csrf" -F "file=@$T/bad.csv")
	assert_eq "${st%% *}" 422
	assert_contains "$T/body" 'bad.csv 3行目「職員番号」'
	assert_eq "$(wtr_journal_n)" "$n1"
	web_get boss /training/sessions/1 >"$T/spb"; bcsrf=$(web_csrf_of "$T/spb")
	assert_not_contains "$T/spb" 'data-upload'
	st=$(web_status boss /training/sessions/1/import -F "csrf=$bcsrf" -F "file=@$T/bad.csv"); assert_eq "${st%% *}" 403
	st=$(web_status chief /training/sessions/1/import -F "file=@$T/bad.csv"); assert_eq "${st%% *}" 403
	# a good file in CP932 is taken
	printf '職員番号,氏名,得点,合否\r\n13,税務花子,90,合格\r\n1,総務課長,,未受講\r\n' | iconv -f UTF-8 -t CP932 >"$T/good.csv"
	st=$(web_status chief /training/sessions/1/import -F "csrf=$csrf" -F "file=@$T/good.csv")
	assert_eq "$st" "303 $URL/training/sessions/1?added=1&updated=0&unchanged=0&skipped=1"
	web_get chief "/training/sessions/1?added=1&updated=0&unchanged=0&skipped=1" >"$T/spc"
	assert_contains "$T/spc" '追加 1 件'
	assert_contains "$T/spc" '税務花子'
	grep -o "<p class=\"pager\">[^<]*" "$T/spc" >&2; assert_contains "$T/spc" '2 件中 1〜2 件目'
	# scope of the attendance list: the 税務課長 sees 税務課's, staff their own
	web_get tax /training/sessions/1 >"$T/spt"
	assert_contains "$T/spt" '税務花子'
	assert_not_contains "$T/spt" '総務一郎'
	web_get staff /training/sessions/1 >"$T/sps"
	assert_contains "$T/sps" '総務一郎'
	assert_not_contains "$T/sps" '税務花子'
	assert_not_contains "$T/sps" 'name="staff_no"'
	# the CSV of the list, in the same scope
	web_status tax '/training/sessions/1?format=csv' >/dev/null
	assert_contains "$T/head" 'attachment; filename="training-session-1.csv"'
	assert_contains "$T/body" '13,税務花子,税務課,90,合格,import'
	assert_not_contains "$T/body" '総務一郎'
	web_get chief '/training/sessions/1?format=csv' >"$T/csvc"
	assert_contains "$T/csvc" '3,総務一郎,総務課,85,合格,web'
	web_stop
}

t_wtr_overview_reports_api() {
	wtr_org
	m --as 20 training course add --code C01 --title 情報セキュリティ基礎 --audience all --pass-mark 70 >/dev/null
	m --as 20 training course add --code M01 --title 管理者研修 --audience manager >/dev/null
	m --as 20 training session add --course C01 --date 2026-05-10 >/dev/null
	m --as 20 training attend 1 --staff 3 --score 80 >/dev/null
	m --as 20 training attend 1 --staff 2 --score 50 >/dev/null
	web_start
	wtr_signin staff 3 'Staff-Password-5678xy'
	wtr_signin boss 1 'Boss-Password-5678xyz'
	wtr_signin ciso 9 'Ciso-Password-5678xyz' enrol
	# staff: my training only, no 課 table, no CSV
	web_get staff /training >"$T/ovs"
	assert_contains "$T/ovs" 'わたしの研修'
	assert_contains "$T/ovs" '受講済み（2026-05-10）'
	assert_contains "$T/ovs" '80 点'
	assert_not_contains "$T/ovs" '<tr><td>管理者研修</td>'
	assert_not_contains "$T/ovs" '課室別の受講状況'
	st=$(web_status staff '/training?format=csv'); assert_eq "${st%% *}" 403
	st=$(web_status staff /training/report); assert_eq "${st%% *}" 403
	# the 総務課長: his 課 only, and the course meant for managers
	web_get boss /training >"$T/ovb"
	assert_contains "$T/ovb" '課室別の受講状況'
	assert_contains "$T/ovb" '<td>S1 総務課</td>'
	assert_not_contains "$T/ovb" '税務課'
	assert_contains "$T/ovb" '<td class="tr-no">未受講</td>'
	web_status boss '/training?format=csv' >/dev/null
	assert_contains "$T/head" 'attachment; filename="training-completion-2026.csv"'
	assert_contains "$T/body" '2026,S1,総務課,'
	assert_not_contains "$T/body" 'S3'
	st=$(web_status boss /training/report); assert_eq "${st%% *}" 403
	# the CISO: every 課, the analysis, downloads with the CLI's bytes
	web_get ciso /training >"$T/ovc"
	assert_contains "$T/ovc" '<td>S3 税務課</td>'
	st=$(web_status ciso '/training/report?fy=2026'); assert_eq "${st%% *}" 200
	assert_contains "$T/body" '研修別'
	assert_contains "$T/body" '得点分布'
	curl -s -b "$T/jar.ciso" -o "$T/web.json" "$URL/training/report?fy=2026&format=json"
	m training report committee --year 2026 --format json >"$T/cli.json"
	cmp "$T/web.json" "$T/cli.json" || fail "the JSON report differs from the CLI's"
	curl -s -b "$T/jar.ciso" -o "$T/web.xlsx" "$URL/training/report?fy=2026&format=xlsx"
	m training report committee --year 2026 --format xlsx -o "$T/cli.xlsx" >/dev/null
	cmp "$T/web.xlsx" "$T/cli.xlsx" || fail "the xlsx report differs from the CLI's"
	st=$(web_status ciso '/training/report?format=doc'); assert_eq "${st%% *}" 400
	# recording the report to the committee (CISO), CSRF checked
	st=$(wtr_post ciso '/training/report' '/training/report/record?fy=2026' --data-urlencode 'note=<b>第1回</b>')
	assert_eq "$st" "303 $URL/training/report?fy=2026"
	m --format json training report records --year 2026 >"$T/rec"; assert_contains "$T/rec" '<b>第1回</b>'
	web_get ciso /training/report >"$T/rp"; assert_contains "$T/rp" '&lt;b&gt;第1回&lt;/b&gt;'
	st=$(wtr_post boss /training '/training/report/record?fy=2026'); assert_eq "${st%% *}" 403
	# the API
	web_get staff /api/v1/training/courses >"$T/ac"
	assert_contains "$T/ac" '"code":"C01"'
	assert_contains "$T/ac" '"pass_mark":70'
	web_get staff '/api/v1/training/sessions?fy=2026' >"$T/as"
	assert_contains "$T/as" '"attendees":2'
	st=$(web_status staff /api/v1/training/summary); assert_eq "${st%% *}" 403
	assert_contains "$T/body" '"code":"forbidden"'
	web_get boss /api/v1/training/summary >"$T/asb"
	assert_contains "$T/asb" '"code":"S1"'
	assert_not_contains "$T/asb" '"S3"'
	web_get ciso '/api/v1/training/summary?fy=2026' >"$T/asc"
	assert_contains "$T/asc" '"code":"S3"'
	st=$(web_status ciso '/api/v1/training/summary?fy=bad'); assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"bad_parameter"'
	web_get boss /training >"$T/p"; bcsrf=$(web_csrf_of "$T/p")
	st=$(web_status boss /api/v1/training/sessions/1/attendance --data-urlencode "csrf=$bcsrf" --data-urlencode staff_no=1 --data-urlencode score=75)
	assert_eq "${st%% *}" 201
	assert_contains "$T/body" '"attendance":{"passed":1,"score":75,"session":1,"source":"web","staff_no":"1"}'
	m --format json training session show 1 >"$T/ss"; assert_contains "$T/ss" '"score":75'
	st=$(web_status boss /api/v1/training/sessions/1/attendance --data-urlencode "csrf=$bcsrf" --data-urlencode staff_no=13)
	assert_eq "${st%% *}" 403
	st=$(web_status boss /api/v1/training/sessions/1/attendance --data-urlencode "csrf=$bcsrf" --data-urlencode staff_no=1 --data-urlencode score=101)
	assert_eq "${st%% *}" 400
	assert_contains "$T/body" '"code":"validation"'
	st=$(web_status boss /api/v1/training/sessions/7/attendance --data-urlencode "csrf=$bcsrf" --data-urlencode staff_no=1)
	assert_eq "${st%% *}" 404
	st=$(web_status boss /api/v1/training/sessions/1/attendance --data-urlencode staff_no=1)
	assert_eq "${st%% *}" 403
	web_stop
}

t_wtr_demo_pages() {
	m demo >/dev/null
	web_start
	web_login_demo_totp ciso 900001 demo-ciso-kakuu
	web_get ciso /training >"$T/ov"
	assert_contains "$T/ov" '承認待ち'
	assert_contains "$T/ov" '課室別の受講状況'
	assert_contains "$T/ov" '/training/sessions/'
	web_get ciso '/training?fy=2025' >"$T/ov25"
	assert_contains "$T/ov25" '委員会承認済み'
	web_get ciso '/training/report?fy=2025' >"$T/rp"
	assert_contains "$T/rp" '研修別'
	sid=$(grep -o '/training/sessions/[0-9][0-9]*' "$T/ov25" | head -1)
	web_get ciso "$sid" >"$T/sp"
	assert_contains "$T/sp" "件中 1〜" || { grep -o "<p class=\"pager\">[^<]*" "$T/sp"; head -c 3000 "$T/sp" | tail -c 1500; false; }
	web_stop
}
