# 研修・訓練 (5.2): courses and drills, the 年度 plan and the committee's
# approval, sessions, attendance entered and imported (.csv UTF-8/CP932,
# .xlsx), the check rules, and the reports to the 課, the 統括 and the
# committee.  The clock is 2026-06-01 (令和8年度) unless a test says otherwise.

TRFIX="$ROOT/tests/fixtures/training"

tr_journal() { sql "SELECT COUNT(*) FROM journal"; }

# `check` finds nothing about training (the small org has other findings).
tr_no_training_findings() {
	local got=0
	m --format json check >"$T/out" 2>"$T/err" || got=$?
	[ "$got" -le 1 ] || fail "check exit $got"
	assert_not_contains "$T/out" '"rule":"training.'
}

# small_org with the people training needs: 統括 (20), CISO (40), a committee
# member (41), 総務課's manager (11) and five staff in two 課.
tr_org() {
	small_org
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 20 --name 統括 --unit B1 >/dev/null
	m staff add --no 40 --name 副市長 --unit B1 >/dev/null
	m staff add --no 41 --name 委員 --unit B1 >/dev/null
	m staff add --no 101 --name 山田太郎 --unit S1 >/dev/null
	m staff add --no 102 --name 佐藤花子 --unit S1 >/dev/null
	m staff add --no 103 --name 鈴木一郎 --unit S3 >/dev/null
	m staff add --no 104 --name 田中次郎 --unit S3 >/dev/null
	m staff add --no 105 --name 高橋三郎 --unit S3 >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign ciso 40 >/dev/null
	m role assign committee 41 >/dev/null
}

# tr_org with the basic course (pass mark 60), a new-hire course, a drill,
# and session 1 of the basic course on 2026-05-10.
tr_courses() {
	tr_org
	m --as 20 training course add --code C01 --title 情報セキュリティ基礎 --audience all \
		--method e-ラーニング --pass-mark 60 >/dev/null
	m --as 20 training course add --code N01 --title 新規採用者研修 --audience new_hires --method 集合研修 >/dev/null
	m --as 20 training course add --code D01 --title 標的型メール訓練 --kind drill --audience all >/dev/null
	m --as 20 training session add --course C01 --date 2026-05-10 --place 本庁舎 >/dev/null
}

tr_plan_file() {
	cat >"$T/plan.json" <<'EOF'
{"items":[{"course":"C01","month":6,"instructor":"情報政策課"},{"course":"N01","month":4},{"course":"D01","month":11}]}
EOF
}

t_tr_course_add_list_retire() {
	tr_org
	m --as 20 training course add --code C01 --title 情報セキュリティ基礎 --audience all --method e-ラーニング \
		--pass-mark 70 --description "全職員向け" >"$T/o"
	assert_contains "$T/o" "研修 C01（情報セキュリティ基礎）を登録しました"
	m --as 40 training course add --code M01 --title 管理者研修 --audience "system_admin,管理者" >/dev/null
	m --as 20 training course add --code D01 --title インシデント対応訓練 --kind 訓練 --audience csirt >/dev/null
	m training course list >"$T/l"
	assert_contains "$T/l" "C01	研修	情報セキュリティ基礎	対象 全職員	e-ラーニング	合格点 70"
	assert_contains "$T/l" "M01	研修	管理者研修	対象 情報セキュリティ管理者・情報システム管理者	-"
	assert_contains "$T/l" "D01	緊急時対応訓練	インシデント対応訓練	対象 CSIRT 要員	訓練・演習"
	m --format json training course list >"$T/j"
	# the audience is canonical JSON: sorted keys, roles sorted
	assert_contains "$T/j" '"audience":{"roles":["manager","system_admin"],"who":"roles"}'
	assert_contains "$T/j" '"audience":{"method":"elearning","who":"all"},"audience_label":"全職員","code":"C01"'
	assert_contains "$T/j" '"pass_mark":70'
	m --format csv training course list >"$T/c"
	assert_contains "$T/c" "コード,種類,名称,対象,実施方法,合格点,説明,登録日時,廃止日"
	m --as 20 training course retire M01 --date 2026-05-31 >/dev/null
	m training course list >"$T/l"
	assert_not_contains "$T/l" "M01"
	m training course list --all >"$T/l"
	assert_contains "$T/l" "廃止"
	expect_exit 2 m --as 20 training course retire M01
	assert_contains "$T/err" "廃止済み"
	m verify >/dev/null
}

t_tr_course_bad_input_writes_nothing() {
	tr_org
	m --as 20 training course add --code C01 --title 基礎 >/dev/null
	local before
	before=$(tr_journal)
	expect_exit 2 m training course add --code C02 --title 基礎
	assert_contains "$T/err" "--as 職員番号"
	expect_exit 2 m --as 101 training course add --code C02 --title 基礎
	assert_contains "$T/err" "権限がありません"
	expect_exit 2 m --as 20 training course add --code C01 --title 重複
	assert_contains "$T/err" "既に使われています"
	expect_exit 2 m --as 20 training course add --code C02 --title 基礎 --pass-mark 101
	assert_contains "$T/err" "合格点「101」は 0 から 100"
	expect_exit 2 m --as 20 training course add --code C02 --title 基礎 --audience 市長
	assert_contains "$T/err" "対象「市長」は役割ではありません"
	expect_exit 2 m --as 20 training course add --code C02 --title 基礎 --method 通信教育
	assert_contains "$T/err" "実施方法「通信教育」は使えません"
	expect_exit 2 m --as 20 training course add --code "C 2" --title 基礎
	assert_contains "$T/err" "英数字"
	expect_exit 2 m --as 20 training course add --code C02 --title 基礎 --kind seminar
	assert_contains "$T/err" "course（研修）か drill"
	assert_eq "$(tr_journal)" "$before"
	assert_eq "$(sql "SELECT COUNT(*) FROM training_course")" 1
}

t_tr_plan_versions_need_the_committee() {
	tr_courses
	tr_plan_file
	m --as 20 training plan draft --year 2026 --file "$T/plan.json" --note 初版 >"$T/o"
	assert_contains "$T/o" "2026年度の研修計画 第1版を作成しました"
	# the body is canonical: items in 年度 month order, the course's method and audience filled in
	assert_eq "$(sql "SELECT body FROM training_plan WHERE version = 1")" \
		'{"items":[{"audience":"新規採用者","course":"N01","method":"classroom","month":4},{"audience":"全職員","course":"C01","instructor":"情報政策課","method":"elearning","month":6},{"audience":"全職員","course":"D01","method":"drill","month":11}]}'
	expect_exit 2 m --as 20 training plan approve --year 2026
	assert_contains "$T/err" "権限がありません"
	expect_exit 2 m --as 101 training plan approve --year 2026
	# the CISO drafted nothing, and holds the approval on the committee's behalf
	m --as 20 role assign committee 20 >/dev/null
	expect_exit 2 m --as 20 training plan approve --year 2026
	assert_contains "$T/err" "作成した 統括 は、その計画を承認できません"
	m --as 41 training plan approve --year 令和8年度 >/dev/null
	expect_exit 2 m --as 40 training plan approve --year 2026
	assert_contains "$T/err" "第1版は承認済み"
	m training plan show >"$T/s"
	assert_contains "$T/s" "令和8年度 研修計画 第1版	作成 統括	承認 委員"
	assert_contains "$T/s" " 6月	C01	e-ラーニング	対象 全職員	講師 情報政策課"
	tr_no_training_findings
	# a new version needs the approval again
	m --as 20 training plan draft --year R8 --file "$T/plan.json" >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"5.2.2.1","message":"令和8年度の研修計画 第2版は情報セキュリティ委員会の承認を受けていません","rule":"training.plan.approved","severity":"error","subject":"training_plan:2026"'
	m --as 40 training plan approve >/dev/null
	tr_no_training_findings
	m --format json training plan show --year 2026 >"$T/j"
	assert_contains "$T/j" '"approved_by":"40"'
	assert_contains "$T/j" '"version":2'
	m verify >/dev/null
}

t_tr_plan_bad_input_writes_nothing() {
	tr_courses
	local before
	before=$(tr_journal)
	echo '{"items":[{"course":"X99","month":4}]}' >"$T/p1.json"
	expect_exit 2 m --as 20 training plan draft --file "$T/p1.json"
	assert_contains "$T/err" "研修のコード「X99」はありません"
	echo '{"items":[{"course":"C01","month":13}]}' >"$T/p2.json"
	expect_exit 2 m --as 20 training plan draft --file "$T/p2.json"
	assert_contains "$T/err" "month（実施月）は 1 から 12"
	echo '{"items":[' >"$T/p3.json"
	expect_exit 2 m --as 20 training plan draft --file "$T/p3.json"
	assert_contains "$T/err" "JSON を読めません"
	echo '{"items":[{"course":"C01","month":4,"method":"通信"}]}' >"$T/p4.json"
	expect_exit 2 m --as 20 training plan draft --file "$T/p4.json"
	assert_contains "$T/err" "実施方法「通信」は使えません"
	expect_exit 2 m --as 20 training plan draft --year 昭和 --file "$T/p4.json"
	assert_contains "$T/err" "--year「昭和」"
	expect_exit 2 m --as 41 training plan approve --year 2027
	assert_contains "$T/err" "2027年度の研修計画はまだありません"
	assert_eq "$(tr_journal)" "$before"
}

t_tr_attend_one_by_one() {
	tr_courses
	m --as 20 training attend 1 --staff 101 --score 85 >"$T/o"
	assert_contains "$T/o" "研修の回 1 に 101 の受講を記録しました"
	m --as 20 training attend 1 --staff 102 --score 59点 >/dev/null
	# the manager of 総務課 records for 総務課's people only
	m --as 11 training attend 1 --staff 11 >/dev/null
	expect_exit 2 m --as 11 training attend 1 --staff 103
	assert_contains "$T/err" "鈴木一郎 の受講を記録できません"
	m training session show 1 >"$T/s"
	assert_contains "$T/s" "101	山田太郎	85	合格	manual"
	assert_contains "$T/s" "102	佐藤花子	59	不合格	manual"
	assert_contains "$T/s" "11	総務課長	-	-	manual"
	# the same person again updates the score: one row per session and person
	m --as 20 training attend 1 --staff 102 --score 72 >/dev/null
	assert_eq "$(sql "SELECT COUNT(*) || ',' || MAX(score) || ',' || MAX(passed) FROM training_attendance WHERE staff_id = (SELECT id FROM staff WHERE staff_no = '102')")" "1,72,1"
	m --format json training session list >"$T/j"
	assert_contains "$T/j" '"attendees":3,"course":"C01","fiscal_year":2026,"held_on":"2026-05-10","id":1'
	m --format csv training session show 1 >"$T/c"
	assert_contains "$T/c" "職員番号,氏名,得点,合否,記録元,記録日時"
	local before
	before=$(tr_journal)
	expect_exit 2 m --as 20 training attend 1 --staff 999
	assert_contains "$T/err" "受講者の職員番号「999」は登録されていません"
	expect_exit 2 m --as 20 training attend 1 --staff 101 --score 120
	assert_contains "$T/err" "得点「120」は 0 から 100"
	expect_exit 2 m --as 20 training attend 1 --staff 101 --score abc
	expect_exit 2 m --as 20 training attend 9 --staff 101
	assert_contains "$T/err" "研修の回 9 はありません"
	m --as 20 training session add --course C01 --date 2026-07-01 >/dev/null
	expect_exit 2 m --as 20 training attend 2 --staff 101
	assert_contains "$T/err" "2026-07-01 に実施予定"
	expect_exit 2 m --as 20 training session add --course X --date 2026-05-01
	expect_exit 2 m --as 20 training session add --course C01 --date 2026-02-30
	assert_eq "$(tr_journal)" "$((before + 1))"
	m verify >/dev/null
}

t_tr_import_csv_then_again_changes_nothing() {
	tr_courses
	m --as 20 training import 1 "$TRFIX/attendance.csv" >"$T/o" 2>"$T/e"
	assert_contains "$T/o" "4 行 — 追加 3、更新 0、変更なし 0、未修了のため除外 1"
	assert_contains "$T/e" "列「所属」は取り込み対象ではないため無視しました"
	# 山田 太郎 in the file is 山田太郎 in the register: no warning for spaces
	assert_not_contains "$T/e" "氏名「山田 太郎」"
	m --format json training session show 1 >"$T/j"
	assert_contains "$T/j" '{"passed":true,"recorded_at":"2026-06-01T01:00:00Z","score":85,"source":"import:attendance.csv","staff_no":"101"}'
	assert_contains "$T/j" '"passed":false,"recorded_at":"2026-06-01T01:00:00Z","score":55'
	assert_contains "$T/j" '"score":92,"source":"import:attendance.csv","staff_no":"103"'
	assert_not_contains "$T/j" '"staff_no":"104"'
	local before
	before=$(tr_journal)
	m --as 20 training import 1 "$TRFIX/attendance.csv" >"$T/o" 2>/dev/null
	assert_contains "$T/o" "4 行 — 追加 0、更新 0、変更なし 3、未修了のため除外 1"
	assert_eq "$(tr_journal)" "$before"
	assert_eq "$(sql "SELECT COUNT(*) FROM training_attendance")" 3
	m verify >/dev/null
}

t_tr_import_xlsx_and_cp932() {
	tr_courses
	m --as 20 training import 1 "$TRFIX/attendance.xlsx" >"$T/o" 2>"$T/e"
	assert_contains "$T/o" "5 行 — 追加 4、更新 0、変更なし 0、未修了のため除外 1"
	assert_eq "$(sql "SELECT s.staff_no || ':' || a.score || ':' || a.passed FROM training_attendance a JOIN staff s ON s.id = a.staff_id ORDER BY s.staff_no" | tr '\n' ' ')" \
		"101:90:1 102:75:1 103:40:0 105:100:1 "
	# CP932 with other header spellings (社員番号, 名前, 修了日, 点数, 結果): 101 changes, 105 is the same
	m --as 20 training import 1 "$TRFIX/attendance-cp932.csv" >"$T/o" 2>"$T/e"
	assert_contains "$T/o" "2 行 — 追加 0、更新 2、変更なし 0"
	assert_eq "$(sql "SELECT a.score || ',' || a.source FROM training_attendance a JOIN staff s ON s.id = a.staff_id WHERE s.staff_no = '101'")" \
		"85,import:attendance-cp932.csv"
	# --dry-run counts and keeps nothing
	m --as 20 training course add --code C02 --title 応用 >/dev/null
	m --as 20 training session add --course C02 --date 2026-05-20 >/dev/null
	local before
	before=$(tr_journal)
	m --as 20 training import 2 "$TRFIX/attendance.xlsx" --dry-run >"$T/o" 2>/dev/null
	assert_contains "$T/o" "（試行・書き込みなし）5 行 — 追加 4"
	assert_eq "$(tr_journal)" "$before"
	m verify >/dev/null
}

tr_bad_import() {
	printf '%s\n' "$@" >"$T/bad.csv"
	expect_exit 2 m --as 20 training import 1 "$T/bad.csv"
}

t_tr_import_bad_rows_write_nothing() {
	tr_courses
	local before
	before=$(tr_journal)
	tr_bad_import "職員番号,得点" "101,80" "999,70"
	assert_contains "$T/err" "bad.csv 3行目「職員番号」: 職員番号「999」は登録されていません"
	tr_bad_import "職員番号,得点" "101,80" "102,70" "101,90"
	assert_contains "$T/err" "bad.csv 4行目「職員番号」: 職員番号 101 が 2行目と重複しています"
	tr_bad_import "職員番号,得点" "101,80" "102,百"
	assert_contains "$T/err" "bad.csv 3行目「得点」: 得点「百」は 0 から 100 の整数"
	tr_bad_import "職員番号,得点" "101,101"
	assert_contains "$T/err" "bad.csv 2行目「得点」"
	tr_bad_import "職員番号,受講日" "101,2026-02-30"
	assert_contains "$T/err" "bad.csv 2行目「受講日」"
	tr_bad_import "職員番号,受講日" "101,2025-05-10"
	assert_contains "$T/err" "bad.csv 2行目「受講日」: 受講日 2025-05-10 は研修の回（2026-05-10 実施）の年度（令和8年度）の外です"
	tr_bad_import "職員番号,合否" "101,たぶん"
	assert_contains "$T/err" "bad.csv 2行目「合否」: 「たぶん」は読めません"
	tr_bad_import "氏名,得点" "山田太郎,80"
	assert_contains "$T/err" "必須の列「職員番号」がありません"
	tr_bad_import "職員番号,ID" "101,101"
	assert_contains "$T/err" "列「職員番号」が2回あります"
	tr_bad_import "職員番号"
	assert_contains "$T/err" "見出し行の後にデータがありません"
	: >"$T/bad.csv"
	expect_exit 2 m --as 20 training import 1 "$T/bad.csv"
	head -c 2000 "$TRFIX/attendance.xlsx" >"$T/cut.xlsx"
	expect_exit 2 m --as 20 training import 1 "$T/cut.xlsx"
	assert_contains "$T/err" "cut.xlsx"
	printf '職員番号,得点\n101,80\n' >"$T/ok.csv"
	expect_exit 2 m --as 101 training import 1 "$T/ok.csv"
	assert_contains "$T/err" "権限がありません"
	expect_exit 2 m --as 20 training import 7 "$T/ok.csv"
	assert_contains "$T/err" "研修の回 7 はありません"
	expect_exit 2 m --as 20 training import 1 "$T/missing.csv"
	assert_eq "$(tr_journal)" "$before"
	assert_eq "$(sql "SELECT COUNT(*) FROM training_attendance")" 0
}

t_tr_import_twenty_thousand_rows() {
	tr_courses
	{
		echo "職員番号,氏名,所属,着任日"
		seq 100001 120000 | awk '{ printf "%d,職員%d,%s,2020-04-01\n", $1, $1, ($1 % 2 ? "S1" : "S3") }'
	} >"$T/roster.csv"
	m staff import "$T/roster.csv" >/dev/null
	{
		echo "ID,Name,Completed,Score,Status"
		seq 100001 120000 | awk '{ printf "%d,職員%d,2026/05/%02d,%d,%s\n", $1, $1, 10 + $1 % 15, $1 % 101, ($1 % 10 ? "passed" : "incomplete") }'
	} >"$T/big.csv"
	m --as 20 training import 1 "$T/big.csv" >"$T/o" 2>"$T/e"
	assert_contains "$T/o" "20000 行 — 追加 18000、更新 0、変更なし 0、未修了のため除外 2000"
	# a progress line on stderr for a big file
	assert_contains "$T/e" "取り込み中 20000 / 20000 行"
	assert_eq "$(sql "SELECT COUNT(*) FROM training_attendance")" 18000
	# journaled in batches, not one entry per row
	[ "$(sql "SELECT COUNT(*) FROM journal WHERE kind LIKE 'training.attend%'")" -le 20 ] || fail "journal not batched"
	local before
	before=$(tr_journal)
	m --as 20 training import 1 "$T/big.csv" >"$T/o" 2>/dev/null
	assert_contains "$T/o" "追加 0、更新 0、変更なし 18000"
	assert_eq "$(tr_journal)" "$before"
	m training report completion >"$T/r"
	assert_contains "$T/r" "総務課	10003 人中"
	m verify >/dev/null
}

t_tr_check_silent_until_training_is_used() {
	tr_org
	expect_exit 1 m --format json check
	assert_not_contains "$T/out" '"rule":"training.'
	m profile adopt 5.2.2.2 >/dev/null
	expect_exit 1 m --format json check
	assert_not_contains "$T/out" '"rule":"training.'
}

t_tr_check_plan_missing_warning_then_error() {
	tr_courses
	MAMORI_NOW=2026-04-15T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"5.2.2.1","message":"令和8年度の研修計画がありません（training plan draft で作成し、委員会の承認を受けます）","rule":"training.plan.approved","severity":"warning","subject":"training_plan:2026"'
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"training.plan.approved","severity":"error"'
}

tr_approved_plan() {
	tr_plan_file
	m --as 20 training plan draft --year 2026 --file "$T/plan.json" >/dev/null
	m --as 41 training plan approve --year 2026 >/dev/null
}

t_tr_check_drill_in_last_year() {
	tr_courses
	tr_approved_plan
	# nothing recorded for 令和7年度: not judged
	tr_no_training_findings
	m --as 20 training session add --course C01 --date 2025-06-10 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '{"control":"5.2.3","message":"令和7年度に緊急時対応訓練が実施された記録がありません","rule":"training.drill","severity":"error","subject":"training:2025"}'
	m --as 20 training session add --course D01 --date 2026-03-10 >/dev/null
	tr_no_training_findings
}

t_tr_check_everyone_once_when_adopted() {
	tr_courses
	tr_approved_plan
	m --as 20 training session add --course D01 --date 2025-11-10 >/dev/null
	for n in 11 20 40 41 101 103; do m --as 20 training attend 2 --staff $n >/dev/null; done
	# 5.2.2.2 is a 推奨事項: nothing until adopted
	tr_no_training_findings
	m profile adopt 5.2.2.2 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"5.2.2.2","message":"令和7年度に研修を一度も受講していない職員が総務課に 1 人います（3 人中）: 佐藤花子（102）","rule":"training.annual","severity":"error","subject":"org_unit:S1"'
	assert_contains "$T/out" '"message":"令和7年度に研修を一度も受講していない職員が税務課に 2 人います（3 人中）: 田中次郎（104）、高橋三郎（105）","rule":"training.annual","severity":"error","subject":"org_unit:S3"'
	# one finding per 課, naming a few: 30 more people in 税務課
	for n in $(seq 201 230); do m staff add --no $n --name "職員$n" --unit S3 --started 2020-04-01 >/dev/null; done
	expect_exit 1 m --format json check
	assert_eq "$(grep -o '"rule":"training.annual"' "$T/out" | wc -l | tr -d ' ')" 2
	assert_contains "$T/out" "税務課に 32 人います（33 人中）: 田中次郎（104）、高橋三郎（105）、職員201（201）、職員202（202）、職員203（203） ほか 27 人"
	# a contractor is not counted; someone who left before the 年度 is not either
	m staff retire 102 --date 2025-03-31 >/dev/null
	expect_exit 1 m --format json check
	assert_not_contains "$T/out" "総務課に"
	# during the 年度: nothing until January, then a warning
	MAMORI_NOW=2027-01-10T01:00:00Z expect_exit 1 m --format json check
	grep -q '"message":"令和8年度にまだ研修を一度も受講していない職員が税務課に[^"]*","rule":"training.annual","severity":"warning","subject":"org_unit:S3"' "$T/out" ||
		fail "no warning for 税務課 in the current 年度"
}

t_tr_check_new_hires() {
	tr_courses
	tr_approved_plan
	m staff add --no 301 --name 新人一 --unit S1 --started 2026-01-05 >/dev/null
	m staff add --no 302 --name 新人二 --unit S1 --started 2026-04-01 >/dev/null
	m staff add --no 303 --name 新人三 --unit S3 --started 2026-05-01 >/dev/null
	m staff add --no 304 --name 委託一 --unit S3 --started 2026-01-05 --employment 委託 >/dev/null
	expect_exit 1 m --format json check
	# 301 (令和7年度) and 302 are past 90 days; 303 is not yet; the contractor is not counted
	assert_contains "$T/out" '"control":"5.2.2.3","message":"令和7年度に総務課へ着任した職員 1 人が、着任から90日以内に新規採用者向けの研修を受講していません: 新人一（301）","rule":"training.new_hire","severity":"error","subject":"org_unit:S1"'
	assert_not_contains "$T/out" "新人二"
	assert_not_contains "$T/out" "新人三"
	assert_not_contains "$T/out" "委託一"
	MAMORI_NOW=2026-07-15T01:00:00Z expect_exit 1 m --format json check
	assert_contains "$T/out" "令和8年度に総務課へ着任した職員 1 人が、着任から90日以内に新規採用者向けの研修を受講していません: 新人二（302）"
	m --as 20 training session add --course N01 --date 2026-01-20 >/dev/null
	m --as 20 training session add --course N01 --date 2026-04-10 >/dev/null
	m --as 20 training attend 2 --staff 301 >/dev/null
	m --as 20 training attend 3 --staff 302 >/dev/null
	# the drill for 令和7年度 (now judged, since a session exists then)
	m --as 20 training session add --course D01 --date 2025-11-10 >/dev/null
	MAMORI_NOW=2026-07-15T01:00:00Z tr_no_training_findings
}

t_tr_reports_completion_analysis() {
	tr_courses
	m --as 20 training import 1 "$TRFIX/attendance.csv" >/dev/null 2>&1
	m training report completion >"$T/r"
	assert_contains "$T/r" "令和8年度（2026-06-01 まで）研修の受講状況: 対象 9 人、受講 3 人（33.3%）"
	assert_contains "$T/r" "S1	総務課	3 人中 2 人（66.7%）	未受講: 総務課長（11）"
	assert_contains "$T/r" "S3	税務課	3 人中 1 人（33.3%）	未受講: 田中次郎（104）、高橋三郎（105）"
	m --format json training report completion --unit S3 >"$T/j"
	assert_eq "$(cat "$T/j")" '{"units":[{"attended":1,"code":"S3","fiscal_year":2026,"name":"税務課","rate":33.3,"staff":3,"untrained":["104","105"]}]}'
	m --format csv training report completion >"$T/c"
	assert_contains "$T/c" "年度,課コード,課室,対象者,受講者,受講率,未受講者"
	assert_contains "$T/c" "2026,S1,総務課,3,2,66.7,総務課長（11）"
	m training report analysis >"$T/a"
	assert_contains "$T/a" "C01	情報セキュリティ基礎	1 回	受講 3 人	平均 77.3 点	合格率 66.7%"
	assert_contains "$T/a" "令和7年度の記録なし"
	m --format json training report analysis --year 2026 >"$T/j"
	assert_contains "$T/j" '"bands":[{"count":1,"label":"0〜59点"},{"count":0,"label":"60〜69点"},{"count":0,"label":"70〜79点"},{"count":1,"label":"80〜89点"},{"count":1,"label":"90〜100点"}]'
	expect_exit 2 m training report completion --unit 存在しない課
	expect_exit 2 m --format pdf training report completion
}

t_tr_committee_report_formats_and_record() {
	tr_courses
	m --as 20 training course add --code X1 --title '<script>alert(1)</script>研修' >/dev/null
	m --as 20 training session add --course X1 --date 2026-05-20 >/dev/null
	m --as 20 training attend 2 --staff 101 >/dev/null
	m --as 20 training session add --course D01 --date 2026-05-25 --place '本庁舎 & 分庁舎' >/dev/null
	m --format html training report committee >"$T/r.html"
	assert_contains "$T/r.html" "令和8年度 情報セキュリティ研修・訓練の実施状況"
	assert_contains "$T/r.html" "&lt;script&gt;alert(1)&lt;/script&gt;研修"
	assert_not_contains "$T/r.html" "<script>alert"
	assert_contains "$T/r.html" "本庁舎 &amp; 分庁舎"
	m --format pdf training report committee -o "$T/r.pdf" >/dev/null
	assert_eq "$(head -c 5 "$T/r.pdf")" "%PDF-"
	m --format xlsx training report committee -o "$T/r.xlsx" >/dev/null
	unzip -p "$T/r.xlsx" xl/workbook.xml >"$T/wb.xml"
	for s in 概要 課別 研修別 得点分布 未受講者; do assert_contains "$T/wb.xml" "name=\"$s\""; done
	expect_exit 2 m --format xlsx training report committee
	expect_exit 2 m --format csv training report committee
	m --format json training report committee >"$T/j"
	assert_contains "$T/j" '"drills":[{"course":"D01","held_on":"2026-05-25","place":"本庁舎 & 分庁舎","title":"標的型メール訓練"}]'
	m training report committee --format text >"$T/md"
	assert_contains "$T/md" "課室別の受講状況"
	# recording that it went to the committee: the CISO only
	local before
	before=$(tr_journal)
	expect_exit 2 m --as 20 training reported --year 2026
	assert_contains "$T/err" "CISO または副CISO"
	expect_exit 2 m --as 40 training reported --year 2026 --on 2026-13-01
	assert_eq "$(tr_journal)" "$before"
	m --as 40 training reported --year 2026 --on 2026-06-01 --note "第1回委員会" >"$T/o"
	assert_contains "$T/o" "内容の SHA-256"
	assert_eq "$(sql "SELECT kind || ',' || fiscal_year || ',' || reported_on || ',' || length(content_hash) FROM committee_report")" "training,2026,2026-06-01,64"
	# the hash is the hash of the report's JSON as it stood
	assert_eq "$(sql "SELECT content_hash FROM committee_report")" "$(printf '%s' "$(cat "$T/j")" | sha256sum | cut -d' ' -f1)"
	m training report records >"$T/l"
	assert_contains "$T/l" "令和8年度	2026-06-01 委員会へ報告	副市長"
	m --format json training report records --year 2026 >"$T/j"
	assert_contains "$T/j" '"note":"第1回委員会","reported_by":"40","reported_on":"2026-06-01"'
	m verify >/dev/null
}

t_tr_demo_has_training_and_verifies() {
	m demo >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"training.plan.approved"'
	assert_contains "$T/out" '"rule":"training.new_hire"'
	assert_not_contains "$T/out" '"rule":"training.drill"'
	m training session list --year 2025 >"$T/s"
	assert_contains "$T/s" "標的型攻撃メール訓練"
	m training report completion --year 2025 >"$T/r"
	assert_contains "$T/r" "令和7年度（2026-03-31 まで）"
	m verify >/dev/null
}
