# Permission requests: the authority matrix's 許/承, separation of duties,
# delegation, records of take-out and disposal.

request_org() {
	small_org
	m staff add --no 10 --name 総務課員 --unit S1 >/dev/null
	m staff add --no 11 --name 総務課長 --unit S1 >/dev/null
	m staff add --no 12 --name 課長補佐 --unit S1 >/dev/null
	m staff add --no 20 --name 統括 --unit B1 >/dev/null
	m staff add --no 21 --name システム管理者 --unit S2 >/dev/null
	m staff add --no 30 --name 税務課長 --unit S3 >/dev/null
	m system add --code SYS1 --name 住記システム --unit S2 --zone mynumber >/dev/null
	m role assign manager 11 --unit S1 >/dev/null
	m role assign manager 30 --unit S3 >/dev/null
	m role assign chief_officer 20 >/dev/null
	m role assign system_admin 21 --system SYS1 >/dev/null
	m asset add --no PC1 --name ノートPC --type 情報システム --unit S1 --manager 11 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no P1 --name 公開資料 --type 情報 --unit S1 --manager 11 --c 1 --i 1 --a 1 >/dev/null
	m asset add --no D1 --name 住記バックアップ --type 媒体 --unit S1 --manager 11 --c 3 --i 2 --a 2 \
		--zone mynumber --personal 特定個人情報 >/dev/null
	m asset add --no D2 --name 庁内資料USB --type 媒体 --unit S1 --manager 11 --c 2 --i 1 --a 1 >/dev/null
}

takeout() { # requester → request number
	m --as "$1" request new 持ち出し --asset PC1 --field 品目=ノートPC --field 数量=1 \
		--field 目的=説明会 --field 場所=県庁 --field 返却予定日="$2" | grep -o '[0-9]\{4\}-[0-9]\{6\}'
}

t_request_takeout_full_cycle() {
	request_org
	no=$(takeout 10 2026-06-10)
	expect_exit 2 m --as 10 request done "$no"
	assert_contains "$T/err" "許可されていないため実施できません"
	expect_exit 2 m --as 30 request approve "$no"
	assert_contains "$T/err" "この申請の情報セキュリティ管理者ではありません"
	m --as 11 --format json request list --waiting >"$T/waiting"
	assert_contains "$T/waiting" "\"request_no\":\"$no\""
	m --as 11 request approve "$no" --note 暗号化を確認 >/dev/null
	expect_exit 2 m --as 11 request approve "$no"
	assert_contains "$T/err" "既に決裁済み"
	expect_exit 2 m --as 11 request done "$no"
	assert_contains "$T/err" "申請者本人"
	m --as 10 request done "$no" --date 2026-05-20 >/dev/null
	# 2026-06-01 (the tests' clock) is before the due date: not overdue yet
	expect_exit 0 m --format json request list --overdue
	assert_not_contains "$T/out" "$no"
	m --format csv request list --type 持ち出し >"$T/record"
	assert_contains "$T/record" "申請番号,種類,所属,氏名,申請日時,品目,数量,目的,場所,返却予定日,状態,返却予定日,返却日,管理者確認,内容"
	assert_contains "$T/record" "持ち出し,総務課,総務課員,2026-06-01T01:00:00Z,ノートPC,1,説明会,県庁,2026-06-10,実施済,2026-06-10,,"
	expect_exit 2 m --as 10 request return "$no"
	assert_contains "$T/err" "情報セキュリティ管理者です"
	m --as 11 request return "$no" --date 2026-06-09 >/dev/null
	m request show "$no" >"$T/show"
	assert_contains "$T/show" "返却日    2026-06-09（確認 総務課長）"
	assert_contains "$T/show" "情報セキュリティ管理者: 許可（総務課長）"
	m verify >/dev/null
}

t_request_overdue_return_is_a_finding() {
	request_org
	no=$(takeout 10 2026-05-25)
	m --as 11 request approve "$no" >/dev/null
	m --as 10 request done "$no" >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" "\"control\":\"5.1.1.5\",\"message\":\"申請 $no で持ち出された資産が返却予定日 2026-05-25 を過ぎても返却されていません"
	m --format json request list --overdue >"$T/over"
	assert_contains "$T/over" "\"state_label\":\"返却期限超過\""
}

t_request_self_approval_and_delegation() {
	request_org
	no=$(takeout 11 2026-06-10)
	expect_exit 2 m --as 11 request approve "$no"
	assert_contains "$T/err" "自分の申請は決裁できません（兼務の禁止 1.8.1）"
	m --as 11 request approve "$no" --override-reason "課長補佐も不在で代わりがいない" >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" "\"control\":\"1.8.1\",\"message\":\"申請 $no は申請者自身（総務課長）が情報セキュリティ管理者として決裁しています（理由: 課長補佐も不在で代わりがいない）\""
	# 代決: the 課長補佐 decides for the 課長, and it is recorded
	no2=$(takeout 10 2026-06-10)
	expect_exit 2 m --as 12 request approve "$no2"
	m --as 12 request approve "$no2" --on-behalf-of 11 >/dev/null
	m request show "$no2" >"$T/show"
	assert_contains "$T/show" "許可（課長補佐、代決: 総務課長）"
	no3=$(takeout 10 2026-06-10)
	m --as 11 request reject "$no3" --note 不要 >/dev/null
	m --format json request list --state rejected >"$T/rej"
	assert_contains "$T/rej" "\"request_no\":\"$no3\""
}

t_request_two_approvers_in_order() {
	request_org
	no=$(m --as 10 request new ソフトウェアの導入 --system SYS1 --field ソフトウェア=PDF編集ソフト \
		--field 機器=PC1 --field 目的=帳票作成 | grep -o '[0-9]\{4\}-[0-9]\{6\}')
	expect_exit 2 m --as 21 request approve "$no"
	assert_contains "$T/err" "この申請の統括情報セキュリティ責任者ではありません"
	m --as 20 request approve "$no" >/dev/null
	m --format json request list >"$T/mid"
	assert_contains "$T/mid" '"state":"filed"'
	m --as 21 request approve "$no" >/dev/null
	m --format json request list >"$T/end"
	assert_contains "$T/end" '"state":"approved"'
}

t_request_condition_and_bad_input() {
	request_org
	m --as 10 request new 運搬 --asset P1 --field 目的=配布 --field 場所=支所 --field 手段=公用車 >"$T/out"
	assert_contains "$T/out" "許可は不要ですが、申請は記録しました"
	expect_exit 2 m request new 持ち出し --asset PC1
	assert_contains "$T/err" "--as 職員番号"
	expect_exit 2 m --as 10 request new 宇宙旅行
	assert_contains "$T/err" "申請の種類「宇宙旅行」はありません"
	expect_exit 2 m --as 10 request new 持ち出し --asset PC1 --field 品目=PC
	assert_contains "$T/err" "持ち出しの申請には「数量」が必要です"
	expect_exit 2 m --as 10 request new 持ち出し --asset NOPE --field 品目=PC
	assert_contains "$T/err" "資産番号「NOPE」は登録されていません"
	expect_exit 2 m --as 10 request new 持ち出し --asset PC1 --field 品目=PC --field 数量=1 \
		--field 目的=x --field 場所=y --field 返却予定日=いつか
	assert_contains "$T/err" "返却予定日"
	[ "$(sql "SELECT count(*) FROM request")" = 1 ]
}

dispose() { # asset method → exit code of done
	no=$(m --as 10 request new 廃棄 --asset "$1" --field 目的=更新 | grep -o '[0-9]\{4\}-[0-9]\{6\}')
	m --as 11 request approve "$no" >/dev/null
	echo "$no"
}

t_request_disposal_follows_figure_24() {
	request_org
	no=$(dispose D2)
	expect_exit 2 m --as 10 request done "$no"
	assert_contains "$T/err" "廃棄の方法（--method）を指定してください"
	expect_exit 2 m --as 10 request done "$no" --method format
	assert_contains "$T/err" "フォーマット（初期化）だけでは廃棄として認められません"
	expect_exit 2 m --as 10 request done "$no" --method overwrite_os
	assert_contains "$T/err" "機密性2以上（または未分類）の情報の廃棄"
	m --as 10 request done "$no" --method crypto_erase >/dev/null
	m --format json asset list --state 廃棄済 >"$T/disposed"
	assert_contains "$T/disposed" '"asset_no":"D2"'
	m --format json request list --type 廃棄 >"$T/rec"
	assert_contains "$T/rec" '"disposal_method":"crypto_erase"'
	assert_contains "$T/rec" '"disposed_by":"10"'
	no2=$(dispose D1)
	expect_exit 2 m --as 10 request done "$no2" --method degauss
	assert_contains "$T/err" "マイナンバー利用事務系の住民情報を記録した媒体は物理的破壊で廃棄してください"
	m --as 10 request done "$no2" --method physical >/dev/null
	m verify >/dev/null
}

t_request_byod_of_secret_asset_is_a_finding() {
	request_org
	no=$(m --as 10 request new 支給以外の端末の利用 --asset D1 --field 機器=私物PC --field 目的=在宅 \
		--field 終了予定日=2026-07-01 | grep -o '[0-9]\{4\}-[0-9]\{6\}')
	expect_exit 1 m --format json check
	assert_contains "$T/out" "\"control\":\"5.1.1.4\",\"message\":\"申請 $no は機密性3 の「住記バックアップ」（D1）を支給以外の端末で扱うものです"
	m --as 11 request reject "$no" >/dev/null
	m --format json check >"$T/after" || true
	assert_not_contains "$T/after" '"rule":"request.byod_secret"'
}
