# `mamori profile` and `mamori policy render|list|show|approve|diff`, and how
# the profile steers `check`.

journal_count() { sql "SELECT COUNT(*) FROM journal"; }

t_profile_defaults_follow_the_kind() {
	m init --name 山田町 --kind 町 >/dev/null
	expect_exit 0 m --format json profile show
	assert_contains "$T/out" '"self":"本町"'
	assert_contains "$T/out" '"ciso":"副町長"'
	assert_contains "$T/out" '"version":0'
	expect_exit 0 m profile show
	assert_contains "$T/out" "プロファイル第0版（既定値）"
	assert_contains "$T/out" "password_min_length"
}

t_profile_prefecture_names_itself_by_its_suffix() {
	m init --name 東京都 --kind 都道府県 >/dev/null
	expect_exit 0 m --format json profile show
	assert_contains "$T/out" '"self":"本都"'
	assert_contains "$T/out" '"ciso":"副知事"'
}

t_profile_set_is_validated_and_journaled() {
	m init --name 試験市 --kind 市 >/dev/null
	local before
	before=$(journal_count)
	expect_exit 2 m profile set password_min_length 4
	assert_contains "$T/err" "8〜64 の整数"
	expect_exit 2 m profile set no_such_key 1
	assert_contains "$T/err" "設定項目「no_such_key」はありません"
	expect_exit 2 m profile set post.staff 職員
	expect_exit 2 m profile set model gamma
	expect_exit 2 m profile set password_min_length
	# one bad pair spoils the whole command: nothing written
	expect_exit 2 m profile set password_min_length 14 lockout_attempts x
	assert_eq "$(journal_count)" "$before"
	expect_exit 0 m profile set password_min_length 14 model β′モデル post.ciso "副市長（情報化統括）"
	assert_contains "$T/out" "第1版"
	expect_exit 0 m --format json profile show
	assert_contains "$T/out" '"password_min_length":14'
	assert_contains "$T/out" '"model":"beta_prime"'
	assert_contains "$T/out" '"ciso":"副市長（情報化統括）"'
	assert_eq "$(journal_count)" "$((before + 1))"
	expect_exit 0 m journal --subject profile/1
	assert_contains "$T/out" "profile.set"
	expect_exit 0 m verify
}

t_profile_adopts_only_recommendations() {
	m init --name 試験市 --kind 市 >/dev/null
	expect_exit 2 m profile adopt 1.1.1
	assert_contains "$T/err" "推奨事項ではありません"
	expect_exit 2 m profile adopt 99.9
	assert_contains "$T/err" "カタログにありません"
	expect_exit 2 m profile adopt
	expect_exit 0 m profile adopt 1.1.2 4.1.2.1
	expect_exit 0 m profile show
	assert_contains "$T/out" "✓ 1.1.2"
	assert_contains "$T/out" "- 1.7.2"
	expect_exit 0 m profile drop 1.1.2
	expect_exit 0 m --format json profile show
	assert_contains "$T/out" '"adopted":["4.1.2.1"]'
}

t_check_runs_a_recommendation_only_when_adopted() {
	staffed_org
	expect_exit 0 m --format json check
	assert_not_contains "$T/out" "org.advisor.appointed"
	m profile adopt 1.1.2 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"control":"1.1.2"'
	assert_contains "$T/out" '"rule":"org.advisor.appointed"'
	m staff add --no 20 --name 外部専門家 --unit S2 >/dev/null
	m role assign advisor 20 >/dev/null
	expect_exit 0 m check
	m profile drop 1.1.2 >/dev/null
	m role end "$(sql "SELECT id FROM role_assignment WHERE role = 'advisor'")" >/dev/null
	expect_exit 0 m check
}

t_check_offsite_backup_when_adopted() {
	staffed_org
	m location add --code L1 --name 書庫 --lockable --fireproof >/dev/null
	m location add --code L2 --name 遠隔地倉庫 --lockable --fireproof --offsite >/dev/null
	m asset add --no T1 --name 旧年度バックアップ --type media --unit S2 --manager 3 \
		--location 書庫 --state stored --c 2 --i 2 --a 2 >/dev/null
	expect_exit 0 m check
	m profile adopt 2.2.6.3 >/dev/null
	expect_exit 1 m --format json check
	assert_contains "$T/out" '"rule":"asset.offsite_backup"'
	assert_contains "$T/out" "旧年度バックアップ"
	m asset add --no T2 --name 前年度バックアップ --type media --unit S2 --manager 3 \
		--location 遠隔地倉庫 --state stored --c 2 --i 2 --a 2 >/dev/null
	expect_exit 1 m --format json check
	assert_not_contains "$T/out" "前年度バックアップ"
}

t_policy_public_edition_is_the_basic_policy() {
	m init --name 試験市 --kind 市 >/dev/null
	expect_exit 0 m policy render --edition public
	assert_contains "$T/out" "# 試験市情報セキュリティ基本方針"
	assert_contains "$T/out" "#### 第1条（目的）"
	assert_contains "$T/out" "本市は、"
	assert_contains "$T/out" "公開版　第1版　未決裁"
	assert_not_contains "$T/out" "第1章"
	assert_not_contains "$T/out" "非公開（庁内限り）"
	assert_contains "$T/err" "ポリシー第1版として記録しました"
}

t_policy_internal_edition_applies_the_profile() {
	m init --name 山田町 --kind 町 >/dev/null
	expect_exit 0 m policy render -o v1.md
	assert_contains v1.md "非公開（庁内限り）"
	assert_contains v1.md "## 第1章 組織体制"
	assert_contains v1.md "副町長をCISOとする。"
	assert_contains v1.md "12文字以上"
	assert_contains v1.md "αモデルを採る"
	assert_contains v1.md "## 別紙 情報セキュリティ実施手順で定める記録・様式（非公開）"
	assert_not_contains v1.md "最高情報セキュリティアドバイザーに任じ"
	assert_not_contains v1.md "{param:"
	assert_not_contains v1.md "ガイドライン"
	m profile set password_min_length 16 model beta >/dev/null
	m profile adopt 1.1.2 >/dev/null
	expect_exit 0 m policy render --output v2.md
	assert_contains v2.md "16文字以上"
	assert_contains v2.md "βモデルを採る"
	assert_contains v2.md "最高情報セキュリティアドバイザーに任じ"
	assert_contains "$T/err" "第2版"
}

t_policy_versions_and_approval() {
	staffed_org
	m policy render >/dev/null 2>&1
	expect_exit 0 m policy render --format html -o p.html
	assert_contains "$T/err" "内容は第1版と同じです"
	assert_eq "$(sql "SELECT COUNT(*) FROM policy_version")" 1
	expect_exit 0 m policy list
	assert_contains "$T/out" "第1版"
	assert_contains "$T/out" "未決裁"
	expect_exit 2 m policy approve 1
	assert_contains "$T/err" "--as"
	expect_exit 2 m --as 5 policy approve 1
	assert_contains "$T/err" "CISO でも副CISO でもない"
	expect_exit 2 m --as 1 policy approve 7
	expect_exit 0 m --as 1 policy approve 1
	expect_exit 2 m --as 1 policy approve 1
	assert_contains "$T/err" "決裁済み"
	expect_exit 0 m --format json policy list
	assert_contains "$T/out" '"approved_by":1'
	assert_contains "$T/out" '"version":1'
	expect_exit 0 m policy show 1
	assert_contains "$T/out" "決裁（職員1）"
	expect_exit 0 m verify
}

t_policy_diff_is_clause_by_clause() {
	m init --name 試験市 --kind 市 >/dev/null
	m policy render >/dev/null 2>&1
	m profile set password_min_length 16 >/dev/null
	m profile adopt 1.1.2 >/dev/null
	m policy render >/dev/null 2>&1
	expect_exit 0 m policy diff 1 2
	# the clause itself and the record it adds to the annex
	assert_contains "$T/out" "第1版 → 第2版: 追加 2、削除 0、変更 1"
	assert_contains "$T/out" "＋ 追加 1.1.2（第1条 (2)）"
	assert_contains "$T/out" "＋ 追加 1.1.2（別紙 (2)）"
	assert_contains "$T/out" "＊ 変更 5.4.3.3"
	assert_contains "$T/out" "16文字以上"
	expect_exit 0 m --format json policy diff 2 1
	assert_contains "$T/out" '"change":"removed","clause":"1.1.2"'
	assert_contains "$T/out" '"change":"changed","clause":"5.4.3.3"'
	expect_exit 0 m policy diff 1 1
	assert_contains "$T/out" "追加 0、削除 0、変更 0"
	# an older version still prints as it was
	expect_exit 0 m policy show 1
	assert_contains "$T/out" "12文字以上"
}

t_policy_html_is_escaped() {
	m init --name '<b>&市' --kind 市 >/dev/null
	expect_exit 0 m policy render --edition public --format html
	assert_contains "$T/out" "<title>&lt;b&gt;&amp;市情報セキュリティ基本方針</title>"
	assert_not_contains "$T/out" "<b>&市"
	assert_contains "$T/out" '<html lang="ja">'
}

t_policy_pdf_is_a4_with_a_japanese_font() {
	m init --name 試験市 --kind 市 >/dev/null
	expect_exit 0 m policy render --format pdf -o policy.pdf
	pdfinfo policy.pdf >info.txt
	assert_contains info.txt "595.276 x 841.89 pts (A4)"
	[ "$(awk '/^Pages:/ {print $2}' info.txt)" -gt 20 ] || fail "too few pages"
	pdftotext -layout policy.pdf text.txt
	assert_contains text.txt "試験市情報セキュリティポリシー"
	assert_contains text.txt "第1条"
	assert_contains text.txt "非公開"
	pdffonts policy.pdf >fonts.txt
	grep -q "IPAex.* yes " fonts.txt || { cat fonts.txt >&2; fail "no embedded IPAex font"; }
	expect_exit 0 m policy render --edition public --format pdf -o public.pdf
	pdftotext public.pdf public.txt
	assert_not_contains public.txt "非公開"
}

t_policy_bad_usage() {
	expect_exit 2 m policy render
	m init --name 試験市 --kind 市 >/dev/null
	expect_exit 2 m policy render --edition secret
	assert_contains "$T/err" "--edition は public"
	expect_exit 2 m --format csv policy render
	expect_exit 2 m policy show 9
	assert_contains "$T/err" "第9版はありません"
	expect_exit 2 m policy show x
	expect_exit 2 m policy diff 1
	expect_exit 2 m --format pdf check
	assert_contains "$T/err" "check には --format pdf を使えません"
	expect_exit 2 m policy render -o
	expect_exit 2 m policy render -o /nonexistent/dir/p.md
	assert_contains "$T/err" "/nonexistent/dir/p.md"
	assert_eq "$(sql "SELECT COUNT(*) FROM policy_version")" 0
}
