# `mamori policy gap FILE`: reading .txt (UTF-8 and CP932), .md, .html and
# .docx, the JSON contract, exit codes, bad input, and the accuracy on the
# labelled policies of tests/gap (docs/policy-gap.md).  No database is used.

GAP="$ROOT/tests/gap"

# The ids a --part rates, one per line.
gap_part_ids() { "$MAMORI" --format json catalog list --part "$1" | grep -o '"id":"[^"]*"' | cut -d'"' -f4; }

# id<TAB>status<TAB>score<TAB>evidence-length of a JSON report (keys sorted:
# evidence, id, score, status).
gap_rows() {
	grep -o '{"evidence":"[^"]*","id":"[^"]*","score":[0-9.]*,"status":"[a-z]*"}' "$1" |
		sed 's/{"evidence":"\([^"]*\)","id":"\([^"]*\)","score":\([0-9.]*\),"status":"\([a-z]*\)"}/\2\t\4\t\3\t\1/' |
		awk -F'\t' '{ print $1 "\t" $2 "\t" $3 "\t" length($4) }'
}

t_gap_labelled_sets_find_the_missing_clauses() {
	"$GAP/evaluate.sh" "$MAMORI" >&2
	EVAL_COUNTS=1 "$GAP/evaluate.sh" "$MAMORI" >"$T/counts"
	# missing recall and precision per set (the two small 基本方針 sets, 42
	# clauses each, judged together), then overall.  Overall the issue's aim
	# must hold (recall >= 0.9, precision >= 0.85); the floors below are the
	# measured figures less a little (docs/policy-gap.md), so that a change
	# that loses accuracy fails here.
	awk '
	function check(k, tm, rm, mm, r, p) {
		if (tm && mm / tm < r) { print k ": missing recall " mm "/" tm " < " r; bad = 1 }
		if (rm && mm / rm < p) { print k ": missing precision " mm "/" rm " < " p; bad = 1 }
	}
	$1 ~ /^set[1-4]$/ { check($1, $3, $4, $5, 0.93, 0.90) }
	$1 == "set5" || $1 == "town" { tm += $3; rm += $4; mm += $5 }
	$1 == "overall" { check("overall (the issue)", $3, $4, $5, 0.90, 0.85)
			  check($1, $3, $4, $5, 0.95, 0.92) }
	$1 == "reibun" && $4 > 3 { print "例文: " $4 " rated missing"; bad = 1 }
	END { check("set5+town", tm, rm, mm, 0.85, 0.85); exit bad }' "$T/counts" >&2
}

t_gap_reibun_is_covered() {
	# the guideline's own 例文: (nearly) everything stated
	expect_exit 1 "$MAMORI" --format json policy gap "$GAP/reibun.txt"
	gap_rows "$T/out" >"$T/rows"
	assert_eq "$(wc -l <"$T/rows")" 431
	missing=$(awk -F'\t' '$2 == "missing"' "$T/rows" | wc -l)
	covered=$(awk -F'\t' '$2 == "covered"' "$T/rows" | wc -l)
	[ "$missing" -le 3 ] || fail "例文: $missing clauses missing"
	[ "$covered" -ge 410 ] || fail "例文: only $covered covered"
}

t_gap_json_contract() {
	for part in standard basic; do
		expect_exit 1 "$MAMORI" --format json policy gap "$GAP/set1.txt" --part "$part"
		assert_contains "$T/out" '{"controls":[{"evidence":"'
		gap_rows "$T/out" >"$T/rows"
		gap_part_ids "$part" >"$T/want"
		# every clause of the part exactly once, in catalog order
		assert_eq "$(cut -f1 "$T/rows" | diff - "$T/want" | head -5)" ""
		# statuses, scores in 0..1, evidence for what is there
		assert_eq "$(awk -F'\t' '$2 != "covered" && $2 != "partial" && $2 != "missing"' "$T/rows" | head -3)" ""
		assert_eq "$(awk -F'\t' '$3 < 0 || $3 > 1' "$T/rows" | head -3)" ""
		assert_eq "$(awk -F'\t' '$2 != "missing" && $4 == 0' "$T/rows" | head -3)" ""
	done
	# evidence names where: an article and its item
	grep -q '"evidence":"第[0-9]*条' "$T/out" || fail "no article path in evidence"
}

t_gap_reads_every_format() {
	# Word with automatic numbering, HTML lists, Markdown, CP932 text
	for f in set2.docx set3.html set4.md set5.txt town.txt; do
		expect_exit 1 "$MAMORI" --format json policy gap "$GAP/$f"
		n=$(grep -o '"status":"covered"' "$T/out" | wc -l)
		[ "$n" -ge 30 ] || fail "$f: only $n clauses covered"
	done
	"$MAMORI" policy gap "$GAP/set5.txt" --passages >"$T/p"
	assert_contains "$T/p" "第2条(1)"
	assert_contains "$T/p" "（目的）"
	"$MAMORI" policy gap "$GAP/set2.docx" --passages >"$T/p"
	assert_contains "$T/p" "1(2)[1]"   # 1．(2) then Word's own numbering
	"$MAMORI" policy gap "$GAP/set3.html" --passages >"$T/p"
	assert_contains "$T/p" "第1章"
	assert_not_contains "$T/p" "<li>"
}

t_gap_guesses_a_basic_policy() {
	expect_exit 1 "$MAMORI" --format json policy gap "$GAP/town.txt"
	assert_contains "$T/err" "基本方針 だけの文書と判断し"
	gap_rows "$T/out" | cut -f1 >"$T/ids"
	assert_eq "$(grep -vc '^P' "$T/ids" || true)" 0
	assert_eq "$(wc -l <"$T/ids")" "$(gap_part_ids basic | wc -l)"
	# a hand-written 町 policy: what it leaves out is found
	for id in P2.8 P2.11 P3.4 P3.5; do
		grep -q "\"id\":\"$id\",\"score\":[0-9.]*,\"status\":\"missing\"" "$T/out" ||
			fail "$id should be missing"
	done
}

t_gap_text_report_and_exit_codes() {
	expect_exit 1 "$MAMORI" policy gap "$GAP/town.txt" --part basic
	assert_contains "$T/out" "判定結果: 記載あり"
	assert_contains "$T/out" "未記載  P2.11"
	assert_contains "$T/out" "■ 基本方針"
	# a clause that only survives as an effort is partial, with the reason
	assert_contains "$T/out" "一部不足  P5"
	assert_contains "$T/out" "弱められています"
	# nothing missing or partial: exit 0 (the 例文's own 基本方針)
	expect_exit 0 "$MAMORI" policy gap "$GAP/reibun.txt" --part basic
	assert_contains "$T/out" "不足している条項はありません"
	expect_exit 0 "$MAMORI" policy gap "$GAP/set5.txt" --passages
	"$MAMORI" --format csv policy gap "$GAP/town.txt" --part basic >"$T/c.csv" || true
	assert_contains "$T/c.csv" "id,status,score,title,evidence"
}

t_gap_bad_input_is_refused_plainly() {
	: >"$T/empty.txt"
	expect_exit 2 "$MAMORI" policy gap "$T/empty.txt"
	assert_contains "$T/err" "empty.txt: ファイルが空です"
	printf '   \n\n\t\n' >"$T/blank.md"
	expect_exit 2 "$MAMORI" policy gap "$T/blank.md"
	assert_contains "$T/err" "本文がありません"
	printf 'ABCDEFGHIJ\001\002\003\377' >"$T/random.docx"
	expect_exit 2 "$MAMORI" policy gap "$T/random.docx"
	assert_contains "$T/err" "random.docx: .docx ではありません"
	expect_exit 2 "$MAMORI" policy gap "$GAP/bad/nodoc.docx"
	assert_contains "$T/err" "word/document.xml がありません"
	expect_exit 2 "$MAMORI" policy gap "$GAP/bad/broken.docx"
	assert_contains "$T/err" "XML が壊れています"
	head -c 3000 "$GAP/set2.docx" >"$T/cut.docx"
	expect_exit 2 "$MAMORI" policy gap "$T/cut.docx"
	assert_contains "$T/err" "cut.docx"
	# neither UTF-8 nor CP932
	printf '第1条\n\200\240\375\376\377\n' >"$T/bad.txt"
	expect_exit 2 "$MAMORI" policy gap "$T/bad.txt"
	assert_contains "$T/err" "bad.txt 2行目: 文字コードを判別できません"
	printf '\377\376a\000b\000' >"$T/utf16.txt"
	expect_exit 2 "$MAMORI" policy gap "$T/utf16.txt"
	assert_contains "$T/err" "UTF-16"
	expect_exit 2 "$MAMORI" policy gap "$T"
	assert_contains "$T/err" "フォルダです"
	expect_exit 2 "$MAMORI" policy gap "$T/none.txt"
	assert_contains "$T/err" "none.txt: ファイルが見つかりません"
	expect_exit 2 "$MAMORI" policy gap
	expect_exit 2 "$MAMORI" policy gap "$GAP/town.txt" --part all
	assert_contains "$T/err" "--part は basic"
	expect_exit 2 "$MAMORI" --format oscal policy gap "$GAP/town.txt"
}
