# 自己点検 (9.2): campaigns made from the catalog, answers by --as and by
# one-time link, reminders, results by 課/chapter/clause compared with the
# previous 年度, improvement measures, the report to the committee, and bad
# input refused with nothing written.

# 総務課 (S1): 課員 10 (mail), manager 11; 情報政策課 (S2): 12, the 統括 20;
# 税務課 (S3): 13; the CISO 40 sits in 総務部 (B1).
ins_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 --email s10@city.example.lg.jp >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 --email s11@city.example.lg.jp >/dev/null
	m staff add --no 12 --name 情報政策課員 --unit S2 >/dev/null
	m staff add --no 13 --name 税務課員 --unit S3 --email s13@city.example.lg.jp >/dev/null
	m staff add --no 20 --name 統括 --unit S2 >/dev/null
	m staff add --no 40 --name 副市長 --unit B1 >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign ciso 40 >/dev/null
}

ins_journal() { sql "SELECT COUNT(*) FROM journal"; }

# A campaign of 2026 on chapter 2 for staff and managers of S1 and S2.
ins_campaign() {
	m --as 20 inspect create --title "令和8年度 自己点検" --opens 2026-06-01 --due 2026-06-30 \
		--roles staff,manager --clauses 2 --units S1,S2 "$@" >/dev/null
	m --as 20 inspect open S2026-01 >/dev/null
}

# Answers every question of person $1's checklist with $2 (a file, then submit).
ins_answer_all() {
	m --as "$1" --format csv inspect checklist S2026-01 ${3:+--role "$3"} |
		awk -F, -v a="$2" 'NR == 1 {print "番号,回答"; next} {print $1 "," a}' >"$T/all-$1.csv"
	m --as "$1" inspect answer S2026-01 ${3:+--role "$3"} --file "$T/all-$1.csv" --submit >/dev/null
}

ins_token_of() { # links.csv staff_no
	awk -F, -v n="$2" '$1 == n {sub(/.*\/inspect\/link\//, "", $5); print $5}' "$1"
}

t_ins_create_answer_submit_results() {
	ins_org
	m --as 20 inspect create --title "令和8年度 自己点検" --opens 2026/6/1 --due 令和8年6月30日 \
		--roles staff,manager --clauses 2 --units S1,S2 >"$T/o"
	assert_contains "$T/o" "自己点検 S2026-01 を作成しました（準備中）"
	m inspect show S2026-01 >"$T/s"
	assert_contains "$T/s" "状態      準備中"
	assert_contains "$T/s" "期間      2026-06-01〜2026-06-30"
	# S1 and S2 staff (10, 11, 12, 20) and the S1 manager; 13 of S3 is not asked
	assert_contains "$T/s" "回答者    5 人（提出 0 人）"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_respondent WHERE staff_id = (SELECT id FROM staff WHERE staff_no = '13')")" 0
	# questions are copied with seq, clause and chapter; the unadopted 推奨事項 2.2.6.3 is left out
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_question WHERE clause = '2.2.6.3'")" 0
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_question WHERE chapter <> '2'")" 0
	assert_eq "$(sql "SELECT clause FROM inspect_question WHERE role = 'manager' AND seq = 1")" "2.1"
	# not open yet: no answers
	expect_exit 2 m --as 10 inspect answer S2026-01 --q 1 --answer 実施
	assert_contains "$T/err" "準備中のため回答できません"
	m --as 20 inspect open S2026-01 >/dev/null
	m --as 10 inspect answer S2026-01 --q 1 --answer 一部実施 --comment '<script>x</script>' >/dev/null
	# an .xlsx made by LibreOffice (tests/fixtures/inspect): rows 2 and 3 answered, 4 left empty
	m --as 12 inspect answer S2026-01 --file "$ROOT/tests/fixtures/inspect/answers.xlsx" >"$T/o"
	assert_contains "$T/o" "回答を 3 件保存しました"
	m --as 12 --format json inspect checklist S2026-01 >"$T/c"
	assert_contains "$T/c" '"answer":"partial","answer_label":"一部実施","chapter":"2","clause":"2.2.2","comment":"紙の文書だけ未表示","seq":2'
	assert_contains "$T/c" '"answer":"na","answer_label":"該当なし","chapter":"2","clause":"2.2.3","comment":null,"seq":3'
	m --as 10 --format json inspect checklist S2026-01 >"$T/c"
	assert_contains "$T/c" '"answer":"partial","answer_label":"一部実施","chapter":"2"'
	assert_contains "$T/c" '"comment":"<script>x</script>","seq":1'
	# a partial save leaves the rest open; submit refuses until all are answered
	expect_exit 2 m --as 10 inspect submit S2026-01
	assert_contains "$T/err" "未回答の設問が"
	# 11 answers as two roles: the role must be chosen
	expect_exit 2 m --as 11 inspect answer S2026-01 --q 1 --answer 実施
	assert_contains "$T/err" "--role で選んでください"
	ins_answer_all 10 実施
	ins_answer_all 11 未実施 manager
	ins_answer_all 12 該当なし
	m --as 10 inspect checklist S2026-01 >"$T/c"
	assert_contains "$T/c" "提出済み"
	expect_exit 2 m --as 10 inspect answer S2026-01 --q 1 --answer 未実施
	assert_contains "$T/err" "提出済みです"
	m --format json inspect results S2026-01 >"$T/r"
	assert_contains "$T/r" '"campaign":"S2026-01"'
	assert_contains "$T/r" '"previous":null'
	assert_contains "$T/r" '"respondents":5'
	assert_contains "$T/r" '"submitted":3'
	m --format csv inspect results S2026-01 --by unit >"$T/u"
	assert_contains "$T/u" "区分,キー,名称,実施,一部実施,未実施,該当なし,未回答,実施率,前年度の実施率"
	# S1: 10 answered done (26), 11 as manager not_done (14), 11 as staff nothing (26)
	assert_contains "$T/u" "課,S1,総務課,26,0,14,0,26,0.650,"
	# S2: 12 answered 該当なし throughout, 20 nothing: no rate
	assert_contains "$T/u" "課,S2,情報政策課,0,0,0,26,26,,"
	m inspect results S2026-01 --by chapter >"$T/t"
	assert_contains "$T/t" "情報資産の分類と管理"
	# scope: the S1 manager sees S1 only, a member of staff their own answers, the 統括 all
	m --as 11 --format csv inspect results S2026-01 --by unit >"$T/u11"
	assert_contains "$T/u11" "課,S1,総務課,26,0,14,0,26,0.650,"
	assert_not_contains "$T/u11" "S2"
	m --as 12 --format json inspect results S2026-01 >"$T/r12"
	assert_contains "$T/r12" '"respondents":1'
	assert_not_contains "$T/r12" '"key":"S1"'
	m --as 20 --format json inspect results S2026-01 >"$T/r20"
	assert_contains "$T/r20" '"respondents":5'
	m --as 20 inspect close S2026-01 >/dev/null
	expect_exit 2 m --as 20 inspect answer S2026-01 --q 1 --answer 実施
	assert_contains "$T/err" "終了のため回答できません"
	m verify >/dev/null
}

t_ins_bad_input_writes_nothing() {
	ins_org
	local j ok="--title t --opens 2026-06-01 --due 2026-06-30"
	j=$(ins_journal)
	expect_exit 2 m inspect create $ok --roles staff
	assert_contains "$T/err" "--as 職員番号"
	expect_exit 2 m --as 10 inspect create $ok --roles staff
	assert_contains "$T/err" "統括情報セキュリティ責任者か CISO です"
	expect_exit 2 m --as 20 inspect create $ok --roles 魔法使い
	assert_contains "$T/err" "役割「魔法使い」は知りません"
	expect_exit 2 m --as 20 inspect create $ok --roles staff --clauses 99.9
	assert_contains "$T/err" "条項「99.9」はカタログにありません"
	expect_exit 2 m --as 20 inspect create $ok --roles staff --units S9
	assert_contains "$T/err" "対象の課（--units）"
	expect_exit 2 m --as 20 inspect create --title t --opens 2026-06-30 --due 2026-06-01 --roles staff
	assert_contains "$T/err" "回答期限 2026-06-01 が開始日 2026-06-30 より前です"
	expect_exit 2 m --as 20 inspect create --title t --opens 2026-02-30 --due 2026-06-01 --roles staff
	assert_contains "$T/err" "開始日"
	expect_exit 2 m --as 20 inspect create $ok
	assert_contains "$T/err" "点検する役割を指定してください"
	expect_exit 2 m --as 20 inspect create $ok --roles staff --year 1999
	assert_eq "$(ins_journal)" "$j"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_campaign")" 0
	ins_campaign
	j=$(ins_journal)
	expect_exit 2 m --as 10 inspect answer S2026-01 --q 1 --answer はい
	assert_contains "$T/err" "回答「はい」は使えません"
	expect_exit 2 m --as 10 inspect answer S2026-01 --q 999 --answer 実施
	assert_contains "$T/err" "設問番号 999 はこの点検表にありません"
	expect_exit 2 m --as 10 inspect answer S2026-01 --q x --answer 実施
	expect_exit 2 m --as 10 inspect answer S2026-09 --q 1 --answer 実施
	assert_contains "$T/err" "S2026-09"
	# a file with one bad row writes none of its rows
	printf '番号,回答,コメント\n1,実施,\n2,たぶん,\n' >"$T/bad.csv"
	expect_exit 2 m --as 10 inspect answer S2026-01 --file "$T/bad.csv"
	assert_contains "$T/err" "bad.csv の 3 行目: 回答「たぶん」は使えません"
	printf '番号,回答\n1,実施\n0,実施\n' >"$T/bad2.csv"
	expect_exit 2 m --as 10 inspect answer S2026-01 --file "$T/bad2.csv"
	assert_contains "$T/err" "bad2.csv の 3 行目: 番号「0」"
	printf '設問,答え\n1,実施\n' >"$T/bad3.csv"
	expect_exit 2 m --as 10 inspect answer S2026-01 --file "$T/bad3.csv"
	assert_contains "$T/err" "見出しに「番号」の列がありません"
	printf '番号,回答\n1,実施\n500,実施\n' >"$T/bad4.csv"
	expect_exit 2 m --as 10 inspect answer S2026-01 --file "$T/bad4.csv"
	assert_contains "$T/err" "設問番号 500"
	expect_exit 2 m --as 20 inspect links S2026-01
	assert_contains "$T/err" "--base-url"
	expect_exit 2 m --as 20 inspect links S2026-01 --base-url 'javascript:alert(1)'
	expect_exit 2 m --as 10 inspect links S2026-01 --base-url https://m.example.lg.jp
	assert_contains "$T/err" "統括情報セキュリティ責任者か CISO です"
	expect_exit 2 m --as 20 inspect measure add S2026-01 --unit S9 --problem p --measure m
	expect_exit 2 m --as 20 inspect measure add S2026-01 --unit S1 --clause 5.1.1 --problem p --measure m
	assert_contains "$T/err" "条項 5.1.1 は自己点検 S2026-01 で点検していません"
	expect_exit 2 m --as 20 inspect measure add S2026-01 --unit S1 --problem p
	expect_exit 2 m --as 10 inspect open S2026-01
	expect_exit 2 m --as 20 inspect open S2026-01
	assert_contains "$T/err" "自己点検 S2026-01 は実施中です（実施中にできるのは準備中のときだけです）"
	expect_exit 2 m --as 20 inspect remind S2026-01 --base-url ftp://x
	expect_exit 2 m --as 10 inspect remind S2026-01
	assert_contains "$T/err" "統括情報セキュリティ責任者か CISO です"
	assert_eq "$(cat "$T/out")" ""
	expect_exit 2 m --as 20 inspect remind S2026-01 --unit S9
	expect_exit 2 m --as 20 inspect remind S2026-01 --mail
	assert_contains "$T/err" "smtp_relay"
	expect_exit 2 m --as 20 --format pdf inspect report S2026-01
	assert_contains "$T/err" "-o ファイル名"
	expect_exit 2 m --as 10 inspect report S2026-01 --record
	assert_contains "$T/err" "統括情報セキュリティ責任者か CISO です"
	expect_exit 2 m inspect results S2026-01 --by 部
	assert_eq "$(ins_journal)" "$j"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_answer")" 0
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link")" 0
	assert_eq "$(sql "SELECT COUNT(*) FROM committee_report")" 0
	assert_eq "$(sql "SELECT COUNT(*) FROM corrective_action")" 0
	assert_eq "$(sql "SELECT state FROM inspect_campaign")" open
}

t_ins_one_time_link() {
	ins_org
	ins_campaign
	m --as 20 inspect links S2026-01 --base-url https://mamori.city.example.lg.jp/ -o "$T/links.csv" 2>"$T/e"
	assert_contains "$T/e" "リンクを 5 件発行しました（有効期限 2026-07-07T15:00:00Z）"
	assert_contains "$T/links.csv" "職員番号,氏名,課,役割,URL,有効期限"
	assert_contains "$T/links.csv" "10,総務課員,総務課,職員等,https://mamori.city.example.lg.jp/inspect/link/"
	# only the hash is stored
	tok=$(ins_token_of "$T/links.csv" 12)
	assert_eq "${#tok}" 64
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link WHERE token_hash = '$tok'")" 0
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link WHERE token_hash = '$(printf %s "$tok" | sha256sum | cut -c1-64)'")" 1
	m inspect checklist --token "$tok" >"$T/c"
	assert_contains "$T/c" "S2026-01 令和8年度 自己点検（職員等 として、0/26 問回答）"
	m inspect answer --token "$tok" --q 2 --answer 実施 >/dev/null
	m --format csv inspect checklist --token "$tok" | awk -F, 'NR == 1 {print "番号,回答"; next} {print $1 ",実施"}' >"$T/a.csv"
	m inspect answer --token "$tok" --file "$T/a.csv" --submit >"$T/o"
	assert_contains "$T/o" "提出しました"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link WHERE used_at IS NOT NULL")" 1
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_respondent WHERE submitted_at IS NOT NULL")" 1
	# the link is used up
	expect_exit 2 m inspect checklist --token "$tok"
	assert_contains "$T/err" "このリンクは使用済みです"
	expect_exit 2 m inspect answer --token "$tok" --q 1 --answer 未実施
	assert_contains "$T/err" "使用済み"
	# a wrong or malformed token
	expect_exit 2 m inspect checklist --token "$(printf %064d 0)"
	assert_contains "$T/err" "このリンクは無効です"
	expect_exit 2 m inspect checklist --token "<b>x</b>"
	assert_contains "$T/err" "このリンクは無効です"
	# re-issuing replaces the old links of those who have not submitted
	old=$(ins_token_of "$T/links.csv" 10)
	m --as 20 inspect links S2026-01 --base-url https://mamori.city.example.lg.jp -o "$T/links2.csv" 2>/dev/null
	assert_eq "$(($(wc -l <"$T/links2.csv") - 1))" 4
	expect_exit 2 m inspect checklist --token "$old"
	assert_contains "$T/err" "このリンクは無効です"
	new=$(ins_token_of "$T/links2.csv" 10)
	m inspect checklist --token "$new" >/dev/null
	# the list as .xlsx
	m --as 20 inspect links S2026-01 --base-url https://m.example.lg.jp -o "$T/links.xlsx" 2>/dev/null
	unzip -p "$T/links.xlsx" xl/sharedStrings.xml >"$T/ss"
	assert_contains "$T/ss" "職員番号"
	assert_contains "$T/ss" "https://m.example.lg.jp/inspect/link/"
	# expiry: valid through the end of the day given (JST)
	m --as 20 inspect links S2026-01 --base-url https://m.example.lg.jp --expires 2026-06-02 -o "$T/links3.csv" 2>/dev/null
	tok=$(ins_token_of "$T/links3.csv" 10)
	MAMORI_NOW=2026-06-02T14:59:59Z m inspect checklist --token "$tok" >/dev/null
	MAMORI_NOW=2026-06-02T15:00:00Z expect_exit 2 m inspect checklist --token "$tok"
	assert_contains "$T/err" "有効期限が切れています"
	MAMORI_NOW=2026-06-03T00:00:00Z expect_exit 2 m inspect answer --token "$tok" --q 1 --answer 実施
	assert_contains "$T/err" "有効期限が切れています"
	expect_exit 2 m --as 20 inspect links S2026-01 --base-url https://m.example.lg.jp --expires 2026-05-01
	assert_contains "$T/err" "既に過ぎています"
	# a closed campaign's links no longer work
	m --as 20 inspect close S2026-01 >/dev/null
	expect_exit 2 m inspect checklist --token "$tok"
	assert_contains "$T/err" "終了のため回答できません"
	m verify >/dev/null
}

t_ins_out_of_campaign_refused() {
	ins_org
	ins_campaign
	# 13 (税務課) was not asked; 40 is not a respondent either
	expect_exit 2 m --as 13 inspect checklist S2026-01
	assert_contains "$T/err" "職員番号 13 は自己点検 S2026-01 の回答者ではありません"
	expect_exit 2 m --as 13 inspect answer S2026-01 --q 1 --answer 実施
	assert_contains "$T/err" "回答者ではありません"
	expect_exit 2 m --as 10 inspect answer S2026-01 --role manager --q 1 --answer 実施
	assert_contains "$T/err" "回答者ではありません（その役割では）"
	expect_exit 2 m --as 99 inspect answer S2026-01 --q 1 --answer 実施
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_answer")" 0
	# a person who joins after the campaign was made is not in it
	m staff add --no 14 --name 新任 --unit S1 >/dev/null
	expect_exit 2 m --as 14 inspect checklist S2026-01
	assert_contains "$T/err" "回答者ではありません"
}

t_ins_previous_year_comparison() {
	ins_org
	m --as 20 inspect create --title "令和7年度" --opens 2025-10-01 --due 2025-10-31 --roles staff --clauses 2 \
		--units S1 >/dev/null
	m --as 20 inspect open S2025-01 >/dev/null
	ins_answer_all_no() { # campaign staff answer
		m --as "$2" --format csv inspect checklist "$1" |
			awk -F, -v a="$3" 'NR == 1 {print "番号,回答"; next} {print $1 "," a}' >"$T/p.csv"
		m --as "$2" inspect answer "$1" --file "$T/p.csv" --submit >/dev/null
	}
	ins_answer_all_no S2025-01 10 未実施
	ins_answer_all_no S2025-01 11 実施
	m --as 20 inspect close S2025-01 >/dev/null
	m --as 20 inspect create --title "令和8年度" --opens 2026-06-01 --due 2026-06-30 --roles staff --clauses 2 \
		--units S1 >/dev/null
	m --as 20 inspect open S2026-01 >/dev/null
	ins_answer_all_no S2026-01 10 実施
	ins_answer_all_no S2026-01 11 一部実施
	m --format json inspect results S2026-01 >"$T/r"
	assert_contains "$T/r" '"previous":"S2025-01"'
	# last 年度 half done (0.5), this 年度 done + partial/2 = 0.75
	assert_contains "$T/r" '"key":"total","label":"全体","previous_rate":0.500,"rate":0.750}'
	assert_contains "$T/r" '"key":"S1","label":"総務課","previous_rate":0.500,"rate":0.750}'
	assert_contains "$T/r" '"key":"2","label":"情報資産の分類と管理","previous_rate":0.500,"rate":0.750}'
	m inspect results S2026-01 --by chapter >"$T/t"
	assert_contains "$T/t" "実施率 75.0%（前年度 50.0%）"
	m --format json inspect results S2025-01 >"$T/r0"
	assert_contains "$T/r0" '"previous":null'
	m --format json inspect list --year 2025 >"$T/l"
	assert_contains "$T/l" '"campaign_no":"S2025-01"'
	assert_not_contains "$T/l" "S2026-01"
	# the 年度 as it is printed is accepted too, the same as every command's --year
	m --format json inspect list --year 令和7年度 >"$T/l7"
	assert_eq "$(cat "$T/l7")" "$(cat "$T/l")"
}

t_ins_remind_and_mail() {
	ins_org
	ins_campaign
	ins_answer_all 10 実施
	m --as 20 inspect remind S2026-01 >"$T/o" 2>"$T/e"
	assert_contains "$T/e" "督促を 4 人に記録しました"
	assert_contains "$T/o" "11	総務課長	総務課	職員等	0/26"
	assert_not_contains "$T/o" "総務課員"
	assert_eq "$(sql "SELECT SUM(reminders) FROM inspect_respondent")" 4
	m --format json inspect respondents S2026-01 --pending --unit S1 >"$T/p"
	assert_contains "$T/p" '"reminded_at":"2026-06-01T01:00:00Z","reminders":1,"role":"manager","staff_no":"11"'
	assert_not_contains "$T/p" '"staff_no":"10"'
	# mail through the local sink: 10 has submitted, 12 and 20 have no address
	expect_exit 2 m --as 20 inspect links S2026-01 --base-url https://m.example.lg.jp --mail -o "$T/l.csv"
	assert_contains "$T/err" "smtp_relay"
	smtp_sink_start
	m profile set smtp_relay "127.0.0.1:$SMTP_PORT" >/dev/null
	m profile set mail_from joho@city.example.lg.jp >/dev/null
	m --as 20 inspect links S2026-01 --base-url https://m.example.lg.jp --mail -o "$T/l.csv" 2>"$T/e"
	assert_contains "$T/e" "メールで送りました: 2 件（メールアドレスのない人 2 件、送れなかった 0 件）"
	assert_eq "$(sql "SELECT COUNT(*) FROM inspect_link WHERE mailed_at IS NOT NULL")" 2
	smtp_eml "$T/mail/1.eml" subject >"$T/subj"
	assert_contains "$T/subj" "【自己点検のお願い】S2026-01 令和8年度 自己点検"
	smtp_eml "$T/mail/1.eml" body >"$T/body"
	tok=$(ins_token_of "$T/l.csv" 11 | head -1)
	assert_contains "$T/body" "https://m.example.lg.jp/inspect/link/$tok"
	m --as 20 inspect remind S2026-01 --mail --unit S1 2>"$T/e" >/dev/null
	assert_contains "$T/e" "督促を 2 人に記録しました（メール送信）"
	smtp_eml "$T/mail/3.eml" subject >"$T/subj"
	assert_contains "$T/subj" "【自己点検の督促】S2026-01"
	assert_eq "$(sql "SELECT MAX(reminders) FROM inspect_respondent")" 2
	smtp_sink_stop
	m verify >/dev/null
}

t_ins_report_measure_xlsx() {
	ins_org
	ins_campaign
	ins_answer_all 10 未実施
	m --as 20 inspect measure add S2026-01 --unit S1 --clause 2.2.2 --problem '<b>分類の表示</b>が漏れている' \
		--measure 課内で周知する --due 2026-09-30 >"$T/o"
	assert_contains "$T/o" "改善措置 C2026-000001 を登録しました（自己点検 S2026-01）"
	assert_eq "$(sql "SELECT source || ',' || state || ',' || campaign_id FROM corrective_action")" "inspect,open,1"
	assert_eq "$(sql "SELECT owner_id FROM corrective_action")" "$(sql "SELECT id FROM staff WHERE staff_no = '11'")"
	m --format html inspect report S2026-01 >"$T/r.html"
	assert_contains "$T/r.html" "自己点検結果報告"
	assert_contains "$T/r.html" "&lt;b&gt;分類の表示&lt;/b&gt;が漏れている"
	assert_not_contains "$T/r.html" "<b>分類"
	assert_contains "$T/r.html" "実施率の低い条項"
	m inspect report S2026-01 >"$T/r.txt"
	assert_contains "$T/r.txt" "6　改善措置（9.2.3）"
	assert_eq "$(sql "SELECT COUNT(*) FROM committee_report")" 0
	m --as 20 --format pdf inspect report S2026-01 -o "$T/r.pdf" --record --reported-on 2026-07-10 2>"$T/e"
	assert_eq "$(head -c 5 "$T/r.pdf")" "%PDF-"
	assert_eq "$(sql "SELECT kind || ',' || fiscal_year || ',' || reported_on FROM committee_report")" "inspect,2026,2026-07-10"
	assert_eq "$(sql "SELECT content_hash FROM committee_report")" "$(sha256sum "$T/r.pdf" | cut -c1-64)"
	m --format xlsx inspect results S2026-01 -o "$T/r.xlsx"
	unzip -p "$T/r.xlsx" xl/workbook.xml >"$T/wb"
	assert_contains "$T/wb" "課別"
	assert_contains "$T/wb" "条項別"
	unzip -p "$T/r.xlsx" xl/sharedStrings.xml >"$T/ss"
	assert_contains "$T/ss" "前年度の実施率"
	assert_contains "$T/ss" "総務課"
	expect_exit 2 m --format xlsx inspect results S2026-01
	m verify >/dev/null
}

t_ins_demo_verify() {
	[ "$BACKEND" = sqlite ] || return 0 # as t_demo_builds_checks_and_verifies: once is enough for 1,200 staff
	m demo >/dev/null
	m --format json inspect list >"$T/l"
	assert_contains "$T/l" '"campaign_no":"S2025-01"'
	assert_contains "$T/l" '"state":"closed"'
	assert_contains "$T/l" '"campaign_no":"S2026-01"'
	assert_contains "$T/l" '"state":"open"'
	m --format json inspect results S2026-01 >"$T/r"
	assert_contains "$T/r" '"previous":"S2025-01"'
	[ "$(sql "SELECT COUNT(*) FROM inspect_respondent WHERE campaign_id = 2 AND submitted_at IS NULL")" -gt 0 ]
	[ "$(sql "SELECT COUNT(*) FROM corrective_action WHERE source = 'inspect'")" -eq 1 ]
	m verify >/dev/null
}

t_ins_check_rules() {
	ins_org
	ins_campaign
	ins_answer_all 10 未実施
	m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"rule":"inspect.'
	MAMORI_NOW=2026-07-01T03:00:00Z m --format json check >"$T/c" || true
	assert_contains "$T/c" '"control":"9.2.1.2","message":"自己点検 S2026-01 は回答期限 2026-06-30 を過ぎましたが、4 人が未提出です（inspect remind）","rule":"inspect.overdue"'
	m --as 20 inspect close S2026-01 >/dev/null
	m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"rule":"inspect.overdue"'
	assert_contains "$T/c" '"rule":"inspect.unreported","severity":"warning","subject":"inspect:S2026-01"'
	assert_contains "$T/c" '"rule":"inspect.unmeasured","severity":"warning","subject":"inspect:S2026-01"'
	m --as 20 inspect measure add S2026-01 --unit S1 --problem 未実施が多い --measure 研修する >/dev/null
	m --as 20 inspect report S2026-01 --record >/dev/null 2>&1
	m --format json check >"$T/c" || true
	assert_not_contains "$T/c" '"rule":"inspect.'
}
