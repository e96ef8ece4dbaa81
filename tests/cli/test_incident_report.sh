# Incident reports (第一報, 経過報告, 最終報告) as HTML, PDF and .xlsx:
# content, refusals that write nothing, escaping and the "report" step.

# The sheets of an .xlsx and whether each contains a text: "name:yes|no" lines.
increport_xlsx_sheets() {
	python3 - "$1" "$2" <<'PY'
import html, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
sst = z.read("xl/sharedStrings.xml").decode()
for i, name in enumerate(re.findall(r'<sheet name="([^"]*)"', wb), 1):
    sheet = z.read("xl/worksheets/sheet%d.xml" % i).decode()
    texts = [html.unescape(t) for t in re.findall(r"<t[^>]*>([^<]*)</t>", sst)]
    used = [texts[int(v)] for v in re.findall(r't="s"><v>(\d+)</v>', sheet)]
    print("%s:%s" % (name, "yes" if any(sys.argv[2] in u for u in used) else "no"))
PY
}

increport_pdf_has() {
	pdftotext "$1" "$T/pdf.txt"
	tr -d '\n ' <"$T/pdf.txt" >"$T/pdf.flat"
	assert_contains "$T/pdf.flat" "$2"
}

t_increport_demo_every_kind_and_format() {
	m demo >/dev/null
	m --format csv incident list >"$T/list"
	local n=0
	for no in $(grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$T/list"); do
		state=$(sql "SELECT state FROM incident WHERE incident_no = '$no'")
		title=$(sql "SELECT title FROM incident WHERE incident_no = '$no'")
		kinds="first progress"
		[ "$state" = closed ] && kinds="first progress final"
		for k in $kinds; do
			case $k in first) head=第一報 ;; progress) head=経過報告 ;; final) head=最終報告 ;; esac
			m --format html incident report "$no" --kind $k -o "$T/r.html" >/dev/null
			assert_contains "$T/r.html" "情報セキュリティインシデント $head"
			assert_contains "$T/r.html" "$title"
			assert_contains "$T/r.html" "団体コード"
			assert_not_contains "$T/r.html" "<script"
			m --format pdf incident report "$no" --kind $k -o "$T/r.pdf" >/dev/null
			increport_pdf_has "$T/r.pdf" "$head"
			increport_pdf_has "$T/r.pdf" "$(printf %s "$title" | tr -d ' ')"
			m --format xlsx incident report "$no" --kind $k -o "$T/r.xlsx" >/dev/null
			increport_xlsx_sheets "$T/r.xlsx" "$title" >"$T/sheets"
			assert_eq "$(cut -d: -f1 "$T/sheets" | tr '\n' ' ')" "報告 経過 連絡 "
			assert_contains "$T/sheets" "報告:yes"
			n=$((n + 1))
		done
		[ "$state" = closed ] || { expect_exit 2 m incident report "$no" --kind final -o "$T/no.html"; [ ! -e "$T/no.html" ]; }
	done
	[ "$n" -ge 7 ] || fail "only $n reports made"
	# each report is a step on its incident's timeline
	assert_eq "$(sql "SELECT COUNT(*) FROM case_event WHERE case_kind = 'incident' AND kind = 'report'")" $((n * 3))
	m verify >/dev/null
}

t_increport_made_incident_lifecycle() {
	incident_org
	m --as 10 incident new --title '<b>USB</b>&紛失' --category 紛失・盗難 \
		--situation '<script>alert(1)</script>帰庁時に紛失' --cause 置き忘れ --damage 媒体1点 \
		--record 持出簿 --asset D1 >"$T/new"
	no=$(incident_no_of "$T/new")
	# a first report works from 受付 on
	m incident report "$no" --kind first >"$T/first.html"
	assert_contains "$T/first.html" "情報セキュリティインシデント 第一報"
	assert_contains "$T/first.html" "&lt;b&gt;USB&lt;/b&gt;&amp;紛失"
	assert_contains "$T/first.html" "&lt;script&gt;alert(1)&lt;/script&gt;帰庁時に紛失"
	assert_not_contains "$T/first.html" "<script"
	assert_not_contains "$T/first.html" "<b>USB"
	assert_contains "$T/first.html" "特定個人情報"
	assert_contains "$T/first.html" "機密性3"
	assert_contains "$T/first.html" "CSIRT責任者"
	assert_contains "$T/first.html" "【最高情報セキュリティ責任者（CISO）】　副市長"
	assert_contains "$T/first.html" "CSIRTが評価中"
	assert_contains "$T/first.html" "令和8年6月1日"
	# a final report before 完了: exit 2, nothing written, no journal entry
	seq0=$(sql "SELECT COUNT(*) FROM journal")
	expect_exit 2 m --format pdf incident report "$no" --kind final -o "$T/final.pdf"
	assert_contains "$T/err" "最終報告は作成できません"
	[ ! -e "$T/final.pdf" ] || fail "final report written for an open incident"
	assert_eq "$(sql "SELECT COUNT(*) FROM journal")" "$seq0"
	# bad kind and format
	expect_exit 2 m incident report "$no" --kind interim -o "$T/bad.html"
	assert_contains "$T/err" "--kind は first"
	expect_exit 2 m --format csv incident report "$no" --kind first -o "$T/bad.html"
	assert_contains "$T/err" "html、pdf、xlsx"
	expect_exit 2 m --format docx incident report "$no" --kind first
	expect_exit 2 m --format xlsx incident report "$no" --kind first
	expect_exit 2 m incident report I2026-999999 --kind first -o "$T/bad.html"
	[ ! -e "$T/bad.html" ]
	assert_eq "$(sql "SELECT COUNT(*) FROM journal")" "$seq0"
	# the response, then a progress report with the timeline and the notices
	m --as 23 incident step "$no" --kind assess --incident yes --note 紛失を確認 >/dev/null
	m --as 22 incident step "$no" --kind measure --note '<i>捜索</i>を実施' >/dev/null
	m --as 22 incident notify "$no" csirt --done --channel 電話 >/dev/null
	m --format xlsx incident report "$no" --kind progress -o "$T/prog.xlsx" >"$T/out"
	assert_contains "$T/out" "経過報告を $T/prog.xlsx に書き出しました"
	increport_xlsx_sheets "$T/prog.xlsx" "捜索" >"$T/sheets"
	assert_contains "$T/sheets" "経過:yes"
	assert_contains "$T/sheets" "報告:no"
	increport_xlsx_sheets "$T/prog.xlsx" "統一的な窓口（CSIRT）" >"$T/sheets"
	assert_contains "$T/sheets" "連絡:yes"
	increport_xlsx_sheets "$T/prog.xlsx" "<b>USB</b>&紛失" >"$T/sheets"
	assert_contains "$T/sheets" "報告:yes"
	m incident report "$no" --kind progress -o "$T/prog.html" >/dev/null
	assert_contains "$T/prog.html" "&lt;i&gt;捜索&lt;/i&gt;を実施"
	assert_contains "$T/prog.html" "応急措置"
	assert_contains "$T/prog.html" "統一的な窓口（CSIRT）】　期限"
	assert_contains "$T/prog.html" "連絡済（電話）"
	assert_contains "$T/prog.html" "第一報（html）を作成"
	assert_contains "$T/prog.html" "該当する"
	# to the end, then the final report
	m --as 22 incident step "$no" --kind investigate --note 退庁時の確認漏れ >/dev/null
	m --as 22 incident step "$no" --kind prevention --note 持出簿の照合を毎日行う >/dev/null
	m --as 30 incident step "$no" --kind directive --note 全課で点検すること >/dev/null
	m --as 22 incident step "$no" --kind close >/dev/null
	m --as 22 --format pdf incident report "$no" --kind final -o "$T/final.pdf" >/dev/null
	increport_pdf_has "$T/final.pdf" "最終報告"
	increport_pdf_has "$T/final.pdf" "<b>USB</b>&紛失"
	increport_pdf_has "$T/final.pdf" "持出簿の照合を毎日行う"
	m incident report "$no" --kind 最終報告 -o "$T/final.html" >/dev/null
	for s in 判明した原因 退庁時の確認漏れ 再発防止策 全課で点検すること 対応完了日時; do
		assert_contains "$T/final.html" "$s"
	done
	m --format xlsx incident report "$no" --kind final -o "$T/final.xlsx" >/dev/null
	increport_xlsx_sheets "$T/final.xlsx" "全課で点検すること" >"$T/sheets"
	assert_contains "$T/sheets" "報告:yes"
	assert_contains "$T/sheets" "経過:yes"
	# the steps record kind, format and who produced it
	assert_eq "$(sql "SELECT COUNT(*) FROM case_event WHERE kind = 'report'")" 6
	assert_eq "$(sql "SELECT body FROM case_event WHERE kind = 'report' AND actor_id IS NOT NULL")" \
		'{"format":"pdf","report":"final"}'
	m incident show "$no" >"$T/show"
	assert_contains "$T/show" '{"format":"xlsx","report":"progress"}'
	m verify >/dev/null
}

t_increport_reproducible() {
	incident_org
	m --as 10 incident new --title 誤送信 --category 誤送信 --situation 宛先誤り --asset P1 >"$T/new"
	no=$(incident_no_of "$T/new")
	m --format pdf incident report "$no" --kind first -o "$T/a.pdf" >/dev/null
	m --format pdf incident report "$no" --kind first -o "$T/b.pdf" >/dev/null
	cmp "$T/a.pdf" "$T/b.pdf" || fail "PDF differs between runs"
	# the second report lists the first report's step, so compare two fresh first reports' HTML
	m incident report "$no" --kind first -o "$T/a.html" >/dev/null
	m incident report "$no" --kind first -o "$T/b.html" >/dev/null
	cmp "$T/a.html" "$T/b.html" || fail "HTML differs between runs"
	m --format xlsx incident report "$no" --kind first -o "$T/a.xlsx" >/dev/null
	m --format xlsx incident report "$no" --kind first -o "$T/b.xlsx" >/dev/null
	cmp "$T/a.xlsx" "$T/b.xlsx" || fail ".xlsx differs between runs"
}
