# sanitize file on PDFs (docs/sanitize.md "### PDF" and "### ウイルス検査
# (libclamav)"): LibreOffice's export of Japanese text
# (tests/fixtures/pdf/base.pdf, make-fixtures.sh) gets its active parts put
# in here by qpdf itself (JSON round trip, --add-attachment) through
# tests/fixtures/pdf/add-active.py; the output is read back by qpdf
# (--check, and its QDF form grepped for every active key), pdftotext and
# LibreOffice.

sp_fixture() { cp "$ROOT/tests/fixtures/pdf/$1" "$2"; }

# IN.pdf OUT.pdf [KIND…]: OUT is IN with those kinds of active content
# (all when none) and an attached file.
sp_make_active() {
	local in=$1 out=$2
	shift 2
	qpdf --json-output "$in" sp-in.json
	python3 "$ROOT/tests/fixtures/pdf/add-active.py" sp-in.json sp-active.json "$@"
	qpdf --json-input --preserve-unreferenced sp-active.json sp-active0.pdf
	printf '添付された文書\n' >memo.txt
	qpdf --preserve-unreferenced sp-active0.pdf --add-attachment memo.txt -- "$out"
}

# Fails when the PDF still holds any key that can act (an /OpenAction that
# is a destination array only says where the viewer opens: it may stay).
sp_assert_inert() {
	qpdf --qdf --object-streams=disable "$1" sp-qdf.pdf
	local left
	left=$(sed 's|/OpenAction \[||' sp-qdf.pdf | grep -a -o -E '/(JavaScript|JS|Launch|EmbeddedFiles|EF|XFA|OpenAction|AA|URI|FileAttachment|SubmitForm|ImportData)\b' | sort | uniq -c || true)
	[ -z "$left" ] || fail "still in $1: $left"
	! grep -a -q "app.alert" sp-qdf.pdf || fail "script text left in $1"
}

t_tool_sp_active_content_removed() {
	sp_fixture base.pdf base.pdf
	sp_make_active base.pdf in.pdf
	# the input really has them (or the test would prove nothing)
	qpdf --qdf in.pdf in-qdf.pdf
	for k in /JavaScript /Launch /EmbeddedFiles /XFA /OpenAction /AA /URI /FileAttachment; do
		grep -a -q -- "$k" in-qdf.pdf || fail "input lacks $k"
	done
	"$MAMORI" --format json sanitize file in.pdf -o out.pdf --no-scan >rep.json
	for w in '"what":"open_action"' '"what":"additional_action"' '"what":"launch"' \
		'"what":"link"' '"what":"xfa"' '"what":"embedded_file"' '"what":"javascript"' \
		'"what":"action"' 'memo.txt' 'payload.exe' 'https://evil.example/' '1 ページ目' \
		'参照されていない'; do
		assert_contains rep.json "$w"
	done
	sp_assert_inert out.pdf
	qpdf --check out.pdf >check.txt
	assert_contains check.txt "No syntax or stream encoding errors"
	pdftotext out.pdf out.txt
	pdftotext base.pdf base.txt
	cmp out.txt base.txt
	assert_contains out.txt "無害化の試験文書です。"
	# the Japanese text report lists them as well
	"$MAMORI" sanitize file in.pdf -o out2.pdf --no-scan >rep.txt
	assert_contains rep.txt "文書を開いたときに実行されるアクション（JavaScript）を削除しました"
	assert_contains rep.txt "添付ファイル（1 件: memo.txt）を削除しました"
	cmp out.pdf out2.pdf # the same input gives the same bytes
}

# One kind at a time (no attachment), so no removal hides behind another.
t_tool_sp_each_kind_alone() {
	sp_fixture base.pdf base.pdf
	qpdf --json-output base.pdf base.json
	python3 "$ROOT/tests/fixtures/pdf/add-active.py" --each base.json one
	local k kind what
	for k in openaction:open_action pageaa:additional_action namesjs:javascript \
		launch:launch uri:link gotonext:action fileannot:embedded_file xfa:xfa \
		outline:javascript; do
		kind=${k%%:*} what=${k#*:}
		qpdf --json-input "one-$kind.json" "$kind.pdf"
		"$MAMORI" --format json sanitize file "$kind.pdf" -o "$kind-out.pdf" --no-scan >"$kind.rep"
		assert_contains "$kind.rep" "\"what\":\"$what\""
		sp_assert_inert "$kind-out.pdf"
	done
}

t_tool_sp_plain_document_kept() {
	sp_fixture base.pdf in.pdf
	"$MAMORI" --format json sanitize file in.pdf -o out.pdf --no-scan >rep.json
	assert_contains rep.json '"removed":[]'
	assert_contains rep.json '"detected_type":"application/pdf"'
	# LibreOffice's /OpenAction is a destination (open at page 1): it stays
	qpdf --show-object=trailer out.pdf >/dev/null
	qpdf --qdf out.pdf q.pdf
	grep -a -q "/OpenAction \[" q.pdf
	pdftotext in.pdf a.txt
	pdftotext out.pdf b.txt
	cmp a.txt b.txt
}

t_tool_sp_output_opens_in_libreoffice() {
	sp_fixture active.pdf in.pdf
	"$MAMORI" sanitize file in.pdf -o out.pdf --no-scan >/dev/null
	soffice -env:UserInstallation="file://$T/lo" --headless --convert-to png --outdir png \
		out.pdf >lo.txt 2>&1
	[ -s png/out.png ] || { cat lo.txt >&2; fail "LibreOffice did not draw out.pdf"; }
}

t_tool_sp_encrypted() {
	sp_fixture encrypted.pdf enc.pdf
	"$MAMORI" --format json sanitize file enc.pdf -o out.pdf --no-scan >rep.json
	assert_contains rep.json '"what":"encryption"'
	qpdf --show-encryption out.pdf >enc.txt
	assert_contains enc.txt "File is not encrypted"
	sp_fixture locked.pdf locked.pdf
	expect_exit 2 "$MAMORI" sanitize file locked.pdf -o locked-out.pdf --no-scan
	assert_contains "$T/err" "locked.pdf"
	assert_contains "$T/err" "パスワード"
	[ ! -e locked-out.pdf ]
}

t_tool_sp_bad_input() {
	printf '%%PDF-1.7\nこれは PDF ではありません\n' >fake.pdf
	expect_exit 2 "$MAMORI" sanitize file fake.pdf -o fake-out.pdf --no-scan
	assert_contains "$T/err" "fake.pdf"
	[ ! -e fake-out.pdf ]
	head -c 300 "$ROOT/tests/fixtures/pdf/base.pdf" >cut.pdf
	expect_exit 2 "$MAMORI" sanitize file cut.pdf -o cut-out.pdf --no-scan
	[ ! -e cut-out.pdf ]
	# a wrong xref offset: qpdf rebuilds the table, the report says so, and
	# the rebuilt document is cleaned like any other
	sp_fixture damaged.pdf damaged.pdf
	"$MAMORI" --format json sanitize file damaged.pdf -o damaged-out.pdf --no-scan >damaged.json
	assert_contains damaged.json '"what":"pdf_damage"'
	assert_contains damaged.json '"what":"open_action"'
	sp_assert_inert damaged-out.pdf
	# cut in half: qpdf rebuilds what it can and the report says so, or it is refused
	sp_fixture truncated.pdf half.pdf
	local rc=0
	"$MAMORI" --format json sanitize file half.pdf -o half-out.pdf --no-scan >half.json 2>half.err || rc=$?
	if [ "$rc" = 0 ]; then
		assert_contains half.json '"what":"pdf_damage"'
		qpdf --check half-out.pdf >/dev/null
		sp_assert_inert half-out.pdf
	else
		assert_eq "$rc" 2
		[ ! -e half-out.pdf ]
	fi
}

# A signature made here for a harmless file (ClamAV's MD5 format,
# hash:size:name), loaded from a folder given with --clamav-db.
t_tool_sp_clamav_signature() {
	[ -e /usr/lib/x86_64-linux-gnu/libclamav.so.12 ] || return 0
	sp_fixture base.pdf clean.pdf
	sp_make_active clean.pdf marked.pdf namesjs
	mkdir db
	printf '%s:%s:Mamori.Test.Marker\n' "$(md5sum <marked.pdf | cut -d' ' -f1)" \
		"$(wc -c <marked.pdf)" >db/mamori.hdb
	expect_exit 1 "$MAMORI" --format json sanitize file marked.pdf -o marked-out.pdf --clamav-db db
	assert_contains "$T/out" "Mamori.Test.Marker"
	[ ! -e marked-out.pdf ]
	"$MAMORI" --format json sanitize file clean.pdf -o clean-out.pdf --clamav-db db >clean.json
	assert_contains clean.json '"scanned":true'
	assert_contains clean.json '"virus":null'
	# no signatures at all: the scan is reported as not done, never as clean
	mkdir empty
	"$MAMORI" --format json sanitize file clean.pdf -o clean2.pdf --clamav-db empty \
		>empty.json 2>empty.err || true
	assert_contains empty.json '"scanned":false'
}

t_tool_sp_clamav_missing_library() {
	sp_fixture base.pdf clean.pdf
	mkdir db
	MAMORI_LIBCLAMAV=libclamav-not-here.so.0 "$MAMORI" --format json sanitize file clean.pdf \
		-o out.pdf --clamav-db db >rep.json 2>rep.err || true
	assert_contains rep.json '"scanned":false'
}
