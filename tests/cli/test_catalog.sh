# The embedded guideline catalog: every clause id well-formed and unique,
# every row of the authority matrix present, exactly the 【推奨事項】 marked.

CFIX="$ROOT/tests/fixtures/catalog"

catalog_ids() { m catalog export | grep -o '{"id":"[^"]*"' | cut -d'"' -f4; }

t_catalog_ids_are_contract_ids_and_unique() {
	catalog_ids >"$T/ids"
	[ "$(wc -l <"$T/ids")" -ge 400 ] || fail "only $(wc -l <"$T/ids") clauses"
	assert_eq "$(sort "$T/ids" | uniq -d | head -3)" ""
	# chapter, section (4–9), (n), ①, (ア): digits joined by dots; P for 基本方針
	assert_eq "$(grep -Ev '^(P[1-9][0-9]*|[1-9])(\.[1-9][0-9]*)*$' "$T/ids" | head -3)" ""
	grep -qx 'P6.3' "$T/ids" || fail "P6.3 missing"
	grep -qx '2.2.8.2' "$T/ids" || fail "2.2.8.2 missing"
	grep -qx '6.2.1.3.4' "$T/ids" || fail "6.2.1.3.4 missing"
}

t_catalog_has_every_authority_matrix_row() {
	catalog_ids | sort -u >"$T/ids"
	cut -f1 "$CFIX/matrix-ids.txt" | sort -u >"$T/matrix"
	[ "$(wc -l <"$T/matrix")" -ge 340 ] || fail "matrix fixture too short"
	assert_eq "$(comm -23 "$T/matrix" "$T/ids" | head -5 | tr '\n' ' ')" ""
	# and they say so
	m catalog export --format csv | tr -d '\r' >"$T/c.csv"
	assert_contains "$T/c.csv" '2.2.10.3,2(2)⑩(ウ),standard,'
	grep ',true,[a-z_]*$' "$T/c.csv" | cut -d, -f1 | sort >"$T/marked"
	assert_eq "$(diff "$T/matrix" "$T/marked" | head -5)" ""
}

t_catalog_marks_exactly_the_recommended_items() {
	m --format csv catalog list --strength recommended | tail -n +2 | cut -d, -f1 | sort >"$T/rec"
	sort "$CFIX/recommended-ids.txt" >"$T/want"
	assert_eq "$(diff "$T/want" "$T/rec" | head -5)" ""
	m catalog show 4.4.6 >"$T/show"
	assert_contains "$T/show" "（推奨事項）"
}

t_catalog_show_list_and_errors() {
	m catalog show 2.2.8.2 >"$T/show"
	assert_contains "$T/show" "2.2.8.2"
	assert_contains "$T/show" "許 情報セキュリティ管理者"
	assert_contains "$T/show" "自己点検"
	m --format json catalog show 2.2.8.2 >"$T/j"
	assert_contains "$T/j" '"strength":"must"'
	m catalog list --chapter P >"$T/p"
	assert_contains "$T/p" "P6.3"
	assert_not_contains "$T/p" "2.2.8.2"
	m catalog list --chapter 6 >"$T/six"
	assert_contains "$T/six" "6.1.14.6"
	assert_not_contains "$T/six" "P6.3"
	expect_exit 2 m catalog show 99.9
	assert_contains "$T/err" "条項 99.9 はカタログにありません"
	expect_exit 2 m catalog show
	expect_exit 2 m catalog frobnicate
}
