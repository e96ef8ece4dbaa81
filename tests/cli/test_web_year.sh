# The dashboard card 「年間の取り組み」 (src/web/dashboard_year.c,
# docs/web.md): which steps of this 年度's cycle have been recorded, shown
# only to those who run the cycle.  The tests' clock is 2026-06-01, so the
# 年度 is 令和8年度 (2026).

wyear_dashboard() { # WHO
	web_get "$1" / >"$T/dash.$1"
}

t_wyear_card_follows_the_year() {
	web_org
	pw3=$(web_account 3); pw9=$(web_account 9)
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	# nothing recorded yet: every step is pending, each linked to its page
	wyear_dashboard ciso
	assert_contains "$T/dash.ciso" '<h2 id="year">令和8年度 の年間の取り組み</h2>'
	assert_contains "$T/dash.ciso" 'まだ記録のない手順が 8 件あります。'
	assert_contains "$T/dash.ciso" '<li class="year-pending"><a href="/training/plan?fy=2026">研修計画の承認</a>（5.2.2.1）<strong>未</strong></li>'
	assert_contains "$T/dash.ciso" '<li class="year-pending"><a href="/annual-report?fy=2026">年次報告（委員会への報告）</a>（9.3）<strong>未</strong></li>'
	# ordinary staff do not run the cycle: no card
	wyear_dashboard staff
	assert_not_contains "$T/dash.staff" '年間の取り組み'
	# a drill this 年度 and an opened self-inspection; a drill of last 年度 does not count
	m --as 9 training course add --code D01 --title 標的型メール訓練 --kind drill --audience all >/dev/null
	m --as 9 training session add --course D01 --date 2026-03-10 >/dev/null
	wyear_dashboard ciso
	assert_contains "$T/dash.ciso" '<li class="year-pending"><a href="/training?fy=2026">緊急時対応訓練の実施</a>（5.2.3）<strong>未</strong></li>'
	m --as 9 training session add --course D01 --date 2026-05-20 >/dev/null
	m --as 9 inspect create --title 自己点検 --opens 2026-06-01 --due 2026-06-30 --roles staff --clauses 2 --units S1 >/dev/null
	wyear_dashboard ciso
	# a campaign still in draft has not been carried out
	assert_contains "$T/dash.ciso" '<li class="year-pending"><a href="/inspect?fy=2026">自己点検の実施</a>（9.2.1.2）<strong>未</strong></li>'
	m --as 9 inspect open S2026-01 >/dev/null
	wyear_dashboard ciso
	assert_contains "$T/dash.ciso" 'まだ記録のない手順が 6 件あります。'
	assert_contains "$T/dash.ciso" '<li class="year-done"><a href="/training?fy=2026">緊急時対応訓練の実施</a>（5.2.3）<strong>済</strong></li>'
	assert_contains "$T/dash.ciso" '<li class="year-done"><a href="/inspect?fy=2026">自己点検の実施</a>（9.2.1.2）<strong>済</strong></li>'
	web_stop
}
