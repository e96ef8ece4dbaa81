# Incidents: intake from staff and residents, the CSIRT state machine,
# notifications with due times, cut-off decisions and the check rules.

incident_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 12 --name 総務部長 --unit B1 >/dev/null
	m staff add --no 20 --name 統括 --unit S2 >/dev/null
	m staff add --no 21 --name システム管理者 --unit S2 >/dev/null
	m staff add --no 22 --name CSIRT責任者 --unit S2 >/dev/null
	m staff add --no 23 --name CSIRT要員 --unit S2 >/dev/null
	m staff add --no 30 --name 副市長 --unit B1 >/dev/null
	m system add --code SYS1 --name 住記システム --unit S2 --zone mynumber >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign officer 12 --unit B1 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign system_admin 21 --system SYS1 >/dev/null
	m role assign csirt_lead 22 >/dev/null
	m role assign csirt 23 >/dev/null
	m role assign ciso 30 >/dev/null
	m asset add --no PC1 --name ノートPC --type 情報システム --unit S1 --manager 11 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no D1 --name 住記バックアップ --type 媒体 --unit S1 --manager 11 --c 3 --i 2 --a 2 \
		--zone mynumber --personal 特定個人情報 >/dev/null
	m asset add --no P1 --name 公開資料 --type 情報 --unit S1 --manager 11 --c 1 --i 1 --a 1 >/dev/null
}

incident_no_of() { grep -o 'I[0-9]\{4\}-[0-9]\{6\}' "$1" | head -1; }

# The tests' clock is 2026-06-01T01:00:00Z (10:00 JST).
t_incident_staff_intake_targets_and_notices() {
	incident_org
	m --as 10 incident new --title USB紛失 --category 紛失・盗難 --situation 帰庁時に紛失に気づいた \
		--detected '2026-06-01 09:00' --asset D1 --asset PC1 >"$T/new"
	no=$(incident_no_of "$T/new")
	assert_contains "$T/new" "最高機密性: 機密性3"
	assert_contains "$T/new" "個人情報: 特定個人情報"
	assert_contains "$T/new" "重大度: 高"
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"exposure":{"max_confidentiality":3,"personal":2}'
	assert_contains "$T/show" '"is_incident":null'
	assert_contains "$T/show" '"state":"received"'
	# filed: 管理者 and CSIRT within 1 h of detection (00:00Z), 統括 within 1 h (high)
	assert_contains "$T/show" '"due_at":"2026-06-01T01:00:00Z","party":"manager","staff_id":2'
	assert_contains "$T/show" '"due_at":"2026-06-01T01:00:00Z","party":"csirt"'
	assert_contains "$T/show" '"due_at":"2026-06-01T01:00:00Z","party":"chief_officer"'
	assert_not_contains "$T/show" '"party":"ciso"'
	assert_not_contains "$T/show" '"party":"police"'
	# assessed as an incident: CISO (2 h, high), 責任者, police (theft), press (personal data)
	m --as 23 incident step "$no" --kind assess --incident yes --note 紛失を確認 >/dev/null
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"due_at":"2026-06-01T02:00:00Z","party":"ciso"'
	assert_contains "$T/show" '"due_at":"2026-06-01T04:00:00Z","party":"officer"'
	assert_contains "$T/show" '"due_at":"2026-06-02T00:00:00Z","party":"police"'
	assert_contains "$T/show" '"due_at":"2026-06-03T00:00:00Z","party":"press"'
	assert_contains "$T/show" '"party":"prefecture"'
	assert_not_contains "$T/show" '"party":"nisc"'
	assert_contains "$T/show" '"state":"responding"'
	m verify >/dev/null
}

t_incident_resident_report_and_categories() {
	incident_org
	m incident new --source resident --reporter-name 山田花子 --reporter-contact 090-0000-0000 \
		--title '不審なメール<b>' --category malware --situation 市を名乗るメールが届いた \
		--detected 2026-05-31T23:00:00Z --system SYS1 >"$T/new"
	no=$(incident_no_of "$T/new")
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"reporter":"山田花子"'
	assert_contains "$T/show" '"source":"resident"'
	assert_contains "$T/show" '"title":"不審なメール<b>"'
	# a system target: its 情報システム管理者 is told within 2 h (severity from the system's
	# assets: none registered, so low)
	assert_contains "$T/show" '"due_at":"2026-06-01T01:00:00Z","party":"system_admin","staff_id":5'
	m --as 22 incident step "$no" --kind assess --incident yes >/dev/null
	m --format json incident show "$no" >"$T/show"
	# malware is cyber-attack related: 都道府県, 総務省 and NISC within 24 h (図表14)
	assert_contains "$T/show" '"due_at":"2026-06-01T23:00:00Z","party":"nisc"'
	assert_contains "$T/show" '"due_at":"2026-06-01T23:00:00Z","party":"mic"'
	assert_contains "$T/show" '"due_at":"2026-06-01T23:00:00Z","party":"prefecture"'
	assert_contains "$T/show" '"due_at":"2026-06-01T23:00:00Z","party":"ciso"'
	assert_not_contains "$T/show" '"party":"police"'
	assert_not_contains "$T/show" '"party":"press"'
	# a resident report needs a name; an unknown category is refused
	expect_exit 2 m incident new --source resident --title x --situation y
	assert_contains "$T/err" "報告者の氏名"
	expect_exit 2 m --as 10 incident new --title x --situation y --category 地震
	assert_contains "$T/err" "分類「地震」はありません"
	expect_exit 2 m --as 10 incident new --title x --situation y --asset NOPE
	assert_contains "$T/err" "資産番号「NOPE」は登録されていません"
	m --format json incident list >"$T/list"
	assert_eq "$(grep -o '"incident_no"' "$T/list" | wc -l)" 1
	m verify >/dev/null
}

t_incident_misdelivery_notices_and_not_incident() {
	incident_org
	m --as 10 incident new --title 誤送信 --category 誤送信 --situation 宛先誤り --asset P1 \
		--detected 2026-06-01T00:30:00Z >"$T/new"
	no=$(incident_no_of "$T/new")
	assert_contains "$T/new" "重大度: 低"
	m --as 22 incident step "$no" --kind assess --incident yes >/dev/null
	m --format json incident show "$no" >"$T/show"
	# low severity, no personal data, not cyber, not a crime: internal chain only
	assert_contains "$T/show" '"due_at":"2026-06-01T02:30:00Z","party":"chief_officer"'
	assert_contains "$T/show" '"due_at":"2026-06-02T00:30:00Z","party":"ciso"'
	for p in prefecture mic nisc police press jlis; do assert_not_contains "$T/show" "\"party\":\"$p\""; done
	# a second report judged 非該当 is closed at once
	m --as 10 incident new --title 誤報 --situation 問題なし >"$T/new2"
	no2=$(incident_no_of "$T/new2")
	m --as 23 incident step "$no2" --kind assess --incident no >/dev/null
	m --format json incident show "$no2" >"$T/show2"
	assert_contains "$T/show2" '"state":"not_incident"'
	assert_contains "$T/show2" '"is_incident":false'
	assert_contains "$T/show2" '"closed_at":"2026-06-01T01:00:00Z"'
	expect_exit 2 m --as 23 incident step "$no2" --kind note --note あとから
	assert_contains "$T/err" "非該当"
}

t_incident_state_machine() {
	incident_org
	m --as 10 incident new --title 感染 --category malware --situation 警告表示 --asset PC1 >"$T/new"
	no=$(incident_no_of "$T/new")
	before=$(m journal list --format json 2>/dev/null | wc -c || true)
	seq0=$(sql "SELECT COUNT(*) FROM journal")
	# refused transitions write nothing
	expect_exit 2 m --as 23 incident step "$no" --kind investigate
	assert_contains "$T/err" "「受付」の状態のため「原因究明」はできません"
	expect_exit 2 m --as 23 incident step "$no" --kind close
	expect_exit 2 m --as 23 incident step "$no" --kind assess --incident maybe
	expect_exit 2 m --as 23 incident step "$no" --kind fly
	assert_contains "$T/err" "手順の種類「fly」はありません"
	# a member of staff outside CSIRT cannot assess
	expect_exit 2 m --as 11 incident step "$no" --kind assess --incident yes
	assert_contains "$T/err" "総務課長（11）は「CSIRT評価」を行えません"
	assert_eq "$(sql "SELECT COUNT(*) FROM journal")" "$seq0"
	assert_eq "$(sql "SELECT state FROM incident")" received
	# the reporter may add a note to their own report
	m --as 10 incident step "$no" --kind note --note 画面の写真あり >/dev/null
	m --as 23 incident step "$no" --kind assess --incident yes >/dev/null
	m --as 23 incident step "$no" --kind measure --note LANケーブルを抜いた >/dev/null
	m --as 22 incident step "$no" --kind recovery --note 再イメージ化を指示 >/dev/null
	m --as 22 incident step "$no" --kind investigate --note ログ解析 >/dev/null
	assert_eq "$(sql "SELECT state FROM incident")" investigating
	m --as 22 incident step "$no" --kind prevention --note 添付ファイルの無害化を徹底 >/dev/null
	expect_exit 2 m --as 22 incident step "$no" --kind close
	assert_contains "$T/err" "CISO の指示"
	expect_exit 2 m --as 22 incident step "$no" --kind directive --note 全庁周知
	assert_contains "$T/err" "行えるのは 最高情報セキュリティ責任者（CISO）"
	m --as 30 incident step "$no" --kind directive --note 全庁に周知すること >/dev/null
	m --as 22 incident step "$no" --kind close >/dev/null
	m incident show "$no" >"$T/show"
	assert_contains "$T/show" "状態              完了"
	for k in 受付 記録 CSIRT評価 応急措置 復旧の指示 原因究明 再発防止策 CISOの指示 完了; do
		assert_contains "$T/show" "$k"
	done
	assert_eq "$(sql "SELECT COUNT(*) FROM case_event WHERE case_kind = 'incident'")" 9
	expect_exit 2 m --as 22 incident step "$no" --kind measure
	m --format json incident list --state 完了 >"$T/list"
	assert_contains "$T/list" "\"incident_no\":\"$no\""
	m --format json incident list --state 対応中 >"$T/list"
	assert_not_contains "$T/list" "$no"
	m verify >/dev/null
}

t_incident_notify_done_and_overdue() {
	incident_org
	m --as 10 incident new --title 紛失 --category loss_theft --situation 紛失 --asset D1 \
		--detected 2026-06-01T00:00:00Z >"$T/new"
	no=$(incident_no_of "$T/new")
	# at 10:00 JST the 1-hour notices are due exactly now: not yet overdue
	expect_exit 0 m --format json incident list --overdue
	assert_not_contains "$T/out" "$no"
	MAMORI_NOW=2026-06-01T01:30:00Z m --format json incident list --overdue >"$T/over"
	assert_contains "$T/over" "\"incident_no\":\"$no\""
	assert_contains "$T/over" '"overdue_notices":3'
	MAMORI_NOW=2026-06-01T01:30:00Z m --format json check >"$T/check" || true
	assert_contains "$T/check" '"rule":"incident.notice_overdue"'
	assert_contains "$T/check" '"control":"5.3.1.1"'
	assert_contains "$T/check" '"control":"5.3.1.2"'
	# record the notices; only responders and managers may
	expect_exit 2 m --as 10 incident notify "$no" manager --done
	assert_contains "$T/err" "通知の記録を行えません"
	expect_exit 2 m --as 23 incident notify "$no" police --done
	assert_contains "$T/err" "「警察」への通知はありません"
	expect_exit 2 m --as 23 incident notify "$no" nobody --done
	m --as 23 incident notify "$no" manager --done --channel 電話 >/dev/null
	m --as 23 incident notify "$no" 統一的な窓口（CSIRT） --done >/dev/null
	m --as 23 incident notify "$no" chief_officer --done --channel 口頭 >/dev/null
	expect_exit 2 m --as 23 incident notify "$no" manager --done
	assert_contains "$T/err" "既に記録されています"
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"channel":"電話","done_at":"2026-06-01T01:00:00Z","due_at":"2026-06-01T01:00:00Z","party":"manager"'
	MAMORI_NOW=2026-06-01T01:30:00Z m --format json incident list --overdue >"$T/over"
	assert_not_contains "$T/over" "$no"
	# unassessed for more than a day
	MAMORI_NOW=2026-06-02T02:00:00Z m --format json check >"$T/check" || true
	assert_contains "$T/check" '"rule":"incident.unassessed"'
	m --as 10 --format json incident list --mine >"$T/mine"
	assert_contains "$T/mine" "$no"
	m --as 21 --format json incident list --mine >"$T/mine"
	assert_not_contains "$T/mine" "$no"
	m --format csv incident list >"$T/csv"
	assert_contains "$T/csv" "インシデント番号,件名,分類,重大度,状態,検知日時,未了の通知,期限超過の通知"
	assert_contains "$T/csv" "紛失,紛失・盗難,高,受付,2026-06-01 09:00,0,0"
	m verify >/dev/null
}

t_incident_cutoff_and_report() {
	incident_org
	m --as 10 incident new --title 不正アクセス --category 不正アクセス --situation 不審な通信 --system SYS1 >"$T/new"
	no=$(incident_no_of "$T/new")
	expect_exit 2 m --as 21 incident step "$no" --kind cutoff --target SYS1 --reason 通信遮断
	assert_contains "$T/err" "「受付」の状態のため"
	m --as 22 incident step "$no" --kind assess --incident yes >/dev/null
	expect_exit 2 m --as 21 incident step "$no" --kind cutoff --target SYS1
	assert_contains "$T/err" "理由（--reason）"
	expect_exit 2 m --as 11 incident step "$no" --kind cutoff --target SYS1 --reason x
	m --as 21 incident step "$no" --kind cutoff --target 'SYS1 外部接続' --reason 外部への不審な通信 --emergency >/dev/null
	m --as 22 incident step "$no" --kind cutoff --target 庁内LAN --reason 拡大防止 --ordered-by 20 >/dev/null
	emergency=$(sql "SELECT id FROM case_event WHERE kind = 'cutoff' AND body LIKE '%\"emergency\":1%'")
	normal=$(sql "SELECT id FROM case_event WHERE kind = 'cutoff' AND body LIKE '%\"emergency\":0%'")
	m --format json check >"$T/check" || true
	assert_contains "$T/check" '"rule":"incident.cutoff_unreported"'
	assert_contains "$T/check" "緊急遮断（記録番号 $emergency）"
	assert_not_contains "$T/check" "緊急遮断（記録番号 $normal）"
	expect_exit 2 m --as 21 incident step "$no" --kind cutoff_report --ref "$normal"
	assert_contains "$T/err" "緊急遮断ではない"
	expect_exit 2 m --as 21 incident step "$no" --kind cutoff_report
	m --as 21 incident step "$no" --kind cutoff_report --ref "$emergency" --note 統括へ事後報告 >/dev/null
	expect_exit 2 m --as 21 incident step "$no" --kind cutoff_report --ref "$emergency"
	assert_contains "$T/err" "既に事後報告"
	m --format json check >"$T/check" || true
	assert_not_contains "$T/check" '"rule":"incident.cutoff_unreported"'
	# unauthorized access is a crime and cyber-related: police and NISC are on the list
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"party":"police"'
	assert_contains "$T/show" '"party":"nisc"'
	assert_contains "$T/show" '"ordered_by":"20"'
	m verify >/dev/null
}

t_incident_severity_change_adds_notices() {
	incident_org
	m --as 10 incident new --title 停止 --category outage --situation 窓口システム停止 --asset P1 >"$T/new"
	no=$(incident_no_of "$T/new")
	m --as 22 incident step "$no" --kind assess --incident yes >/dev/null
	m --format json incident show "$no" >"$T/show"
	assert_not_contains "$T/show" '"party":"press"'
	expect_exit 2 m --as 22 incident step "$no" --kind severity --severity 最大
	m --as 22 incident step "$no" --kind severity --severity 高 --note 全庁に影響 >/dev/null
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"severity":"high"'
	assert_contains "$T/show" '"party":"press"'
	m verify >/dev/null
}

t_incident_targets_added_after_intake() {
	incident_org
	m --as 10 incident new --title 不審メール --category その他 --situation 添付を開いた >"$T/new"
	no=$(incident_no_of "$T/new")
	m --format json incident show "$no" >"$T/show"
	assert_not_contains "$T/show" '"party":"system_admin"'
	# the reporter adds the system found later: its 情報システム管理者 is now told
	m --as 10 incident targets "$no" --system SYS1 --asset PC1 --note 端末と住記を確認 >"$T/out"
	assert_contains "$T/out" "対象を2件追加しました"
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" '"party":"system_admin"'
	assert_contains "$T/show" '"asset_no":"PC1"'
	assert_contains "$T/show" '"kind":"targets"'
	assert_contains "$T/show" '端末と住記を確認'
	# refused, nothing written: a duplicate, an unknown number, someone else, no target
	seq0=$(sql "SELECT COUNT(*) FROM journal")
	expect_exit 2 m --as 10 incident targets "$no" --asset PC1
	expect_exit 2 m --as 10 incident targets "$no" --asset NOPE
	expect_exit 2 m --as 11 incident targets "$no" --asset D1
	expect_exit 2 m --as 10 incident targets "$no" --asset D1 --asset D1
	expect_exit 2 m --as 10 incident targets "$no"
	assert_eq "$(sql "SELECT COUNT(*) FROM journal")" "$seq0"
	# CSIRT may add after the reporter; nothing once it is closed as 非該当
	m --as 23 incident targets "$no" --asset D1 >/dev/null
	m --as 23 incident step "$no" --kind assess --incident no >/dev/null
	expect_exit 2 m --as 23 incident targets "$no" --asset P1
	m verify >/dev/null
}

t_incident_origin_from_another_module() {
	incident_org
	m --as 11 violation record --staff 10 --description 私物USBの使用 >"$T/v"
	vno=$(grep -o 'V[0-9]\{4\}-[0-9]\{6\}' "$T/v" | head -1)
	m --as 11 incident new --title 私物USBからの感染疑い --category malware --situation 違反の調査で判明 \
		--origin "violation:$vno" >"$T/new"
	no=$(incident_no_of "$T/new")
	m --format json incident show "$no" >"$T/show"
	assert_contains "$T/show" "\"origin\":\"violation:$vno\""
	# an origin that does not exist, or of no known kind: refused, nothing written
	seq0=$(sql "SELECT COUNT(*) FROM journal")
	expect_exit 2 m --as 11 incident new --title x --situation y --origin violation:V2026-999999
	assert_contains "$T/err" "発端の記録「V2026-999999」はありません"
	expect_exit 2 m --as 11 incident new --title x --situation y --origin asset:PC1
	assert_contains "$T/err" "request:申請番号 か violation:違反番号"
	assert_eq "$(sql "SELECT COUNT(*) FROM journal")" "$seq0"
}
