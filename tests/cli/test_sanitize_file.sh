# `mamori sanitize file` (docs/sanitize.md, ファイルの無害化).  Opens no
# database: every test is t_tool_sf_* (skipped on PostgreSQL).
#
# The documents start from LibreOffice output committed in
# tests/fixtures/sanitize (make-fixtures.sh); the dangerous parts are put in
# here by evil.py (OOXML, with zipfile) and cfb.py (legacy CFB containers).
# One test opens every cleaned document in LibreOffice (one soffice run).

SF=${ROOT:-.}/tests/fixtures/sanitize
# Debian's interpreter: a version manager's shim costs half a second a call.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)

# The names in a ZIP, one a line; one part's text.
zip_names() { "$PY" -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
zip_part() { "$PY" -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }
# The "what" ids of a JSON report's removed items, one a line, sorted.
removed_whats() { "$PY" -c 'import json, sys; print("\n".join(sorted({i["what"] for i in json.load(open(sys.argv[1]))["removed"]})))' "$1"; }

sf_evil() { "$PY" "$SF/evil.py" "$1" "$SF/base.$1" "$2"; }

t_tool_sf_docx_active_parts_removed() {
	sf_evil docx evil.docm
	expect_exit 0 m --format json sanitize file evil.docm -o clean.docx --no-scan
	cp "$T/out" report.json
	zip_names clean.docx >names
	for gone in vbaProject.bin vbaData.xml activeX embeddings customUI; do assert_not_contains names "$gone"; done
	assert_contains names word/media/ole.png # the OLE object's placeholder picture stays
	zip_part clean.docx '[Content_Types].xml' >types
	assert_not_contains types macroEnabled
	assert_not_contains types vbaProject
	assert_contains types 'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
	zip_part clean.docx word/document.xml >doc
	for gone in DDEAUTO INCLUDETEXT fldChar fldSimple w:control OLEObject; do assert_not_contains doc "$gone"; done
	assert_contains doc DDE結果の文字
	assert_contains doc 取り込み結果の文字
	assert_contains doc 'v:imagedata r:id="rIdImg"'
	assert_contains doc 'w:hyperlink r:id="rIdH"'
	zip_part clean.docx word/settings.xml >settings
	assert_not_contains settings attachedTemplate
	zip_part clean.docx word/_rels/document.xml.rels >rels
	for gone in rIdVba rIdAx rIdOle; do assert_not_contains rels "$gone"; done
	assert_contains rels https://www.example.jp/
	removed_whats report.json >whats
	assert_eq "$(tr '\n' ' ' <whats)" "activex attached_template custom_ui dde field macro ole "
	assert_contains report.json 'http://evil.example/t.dotm'
	assert_contains report.json '"what":"hyperlink"'
}

t_tool_sf_xlsx_links_and_dde_removed() {
	sf_evil xlsx evil.xlsm
	expect_exit 0 m --format json sanitize file evil.xlsm -o clean.xlsx --no-scan
	cp "$T/out" report.json
	zip_names clean.xlsx >names
	assert_not_contains names vbaProject.bin
	assert_not_contains names externalLink
	assert_not_contains names activeX
	zip_part clean.xlsx '[Content_Types].xml' >types
	assert_not_contains types macroEnabled
	assert_not_contains types externalLink
	zip_part clean.xlsx xl/workbook.xml >book
	assert_not_contains book externalReference
	assert_not_contains book Auto_Open
	assert_contains book '<definedName name="price">'
	zip_part clean.xlsx xl/worksheets/sheet1.xml >sheet
	assert_not_contains sheet 'cmd|'
	assert_contains sheet '<c r="D2"><v>360</v></c>' # the DDE formula's cached value stays
	assert_contains sheet '<f>B2*C2</f>'              # an ordinary formula stays
	assert_not_contains sheet CommandButton1
	assert_not_contains sheet controls
	assert_not_contains sheet AlternateContent
	removed_whats report.json >whats
	assert_eq "$(tr '\n' ' ' <whats)" "activex dde external_link macro "
	assert_contains report.json 'server\\share\\x.xlsx'
	assert_contains report.json "cmd|' /c calc'!A0"
}

t_tool_sf_pptx_controls_removed() {
	sf_evil pptx evil.pptm
	expect_exit 0 m --format json sanitize file evil.pptm -o clean.pptx --no-scan
	cp "$T/out" report.json
	zip_names clean.pptx >names
	for gone in vbaProject.bin activeX embeddings; do assert_not_contains names "$gone"; done
	zip_part clean.pptx ppt/slides/slide1.xml >slide
	for gone in p:controls p:oleObj graphicFrame ppaction hlinkClick; do assert_not_contains slide "$gone"; done
	assert_contains slide 無害化の試験スライドです。
	zip_part clean.pptx ppt/slides/_rels/slide1.xml.rels >rels
	assert_not_contains rels calc.exe
	removed_whats report.json >whats
	assert_eq "$(tr '\n' ' ' <whats)" "action activex external_link macro ole "
}

# The cleaned documents open in LibreOffice and still show their text.
t_tool_sf_libreoffice_opens_outputs() {
	sf_evil docx evil.docm
	sf_evil xlsx evil.xlsm
	sf_evil pptx evil.pptm
	m sanitize file evil.docm -o w.docx --no-scan >/dev/null
	m sanitize file evil.xlsm -o x.xlsx --no-scan >/dev/null
	m sanitize file evil.pptm -o p.pptx --no-scan >/dev/null
	soffice -env:UserInstallation="file://$T/lo" --headless --convert-to pdf --outdir pdf \
		w.docx x.xlsx p.pptx >/dev/null 2>&1
	pdftotext pdf/w.pdf w.txt
	pdftotext pdf/x.pdf x.txt
	pdftotext pdf/p.pdf p.txt
	assert_contains w.txt 本文は残り、危険な部分だけが取り除かれます。
	assert_contains w.txt 取り込み結果の文字
	assert_contains x.txt 無害化試験
	assert_contains x.txt 360
	assert_contains p.txt 無害化の試験スライドです。
}

# A cleaned document goes through again with nothing left to remove.
t_tool_sf_idempotent() {
	for k in docx xlsx pptx; do
		sf_evil $k evil.${k%x}m
		m sanitize file evil.${k%x}m -o once.$k --no-scan >/dev/null
		expect_exit 0 m --format json sanitize file once.$k -o twice.$k --no-scan
		assert_contains "$T/out" '"removed":[]'
	done
}

t_tool_sf_clean_files_pass() {
	for f in base.docx base.xlsx base.pptx; do
		expect_exit 0 m --format json sanitize file "$SF/$f" -o "out-$f" --no-scan
		assert_contains "$T/out" '"removed":[]'
		zip_names "out-$f" >/dev/null
	done
	printf 'あいう,1\n' >list.csv
	expect_exit 0 m sanitize file list.csv -o out.csv --no-scan
	cmp list.csv out.csv
	"$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import evil; open("p.png", "wb").write(evil.png())' "$SF"
	expect_exit 0 m --format json sanitize file p.png -o out.png --no-scan
	assert_contains "$T/out" '"detected_type":"image/png"'
	cmp p.png out.png
}

t_tool_sf_mismatched_extension_refused() {
	cp /bin/true report.pdf
	expect_exit 2 m sanitize file report.pdf -o out.pdf --no-scan
	assert_contains "$T/err" .pdf
	assert_contains "$T/err" 実行ファイル
	sf_evil xlsx evil.xlsm
	cp evil.xlsm letter.docx
	expect_exit 2 m sanitize file letter.docx -o out.docx --no-scan
	assert_contains "$T/err" '.docx'
	assert_contains "$T/err" xlsm
	cp "$SF/hello.txt" noext
	expect_exit 2 m sanitize file noext -o out.txt --no-scan
	assert_contains "$T/err" 拡張子がない
	[ ! -e out.pdf ] && [ ! -e out.docx ] && [ ! -e out.txt ]
	for f in .mamori-scratch.*; do [ ! -e "$f" ]; done # no scratch file left
}

t_tool_sf_unsafe_types_refused() {
	printf '<html><body><script>alert(1)</script></body></html>\n' >a.html
	printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >a.svg
	printf '{\\rtf1\\ansi {\\object\\objemb {\\*\\objdata 0105}}}\n' >a.rtf
	cp "$SF/hello.txt" inner.txt && zip -q a.zip inner.txt
	for f in a.html a.svg a.rtf a.zip; do
		expect_exit 2 m sanitize file "$f" -o "out-$f" --no-scan
		assert_contains "$T/err" 受け付けません
		[ ! -e "out-$f" ]
	done
	expect_exit 2 m sanitize file a.zip -o out.zip --no-scan
	assert_contains "$T/err" 'OOXML 文書ではない ZIP'
	printf '品目,数量\n"=cmd|'"'"' /c calc'"'"'!A0",1\n' >dde.csv
	expect_exit 2 m sanitize file dde.csv -o out.csv --no-scan
	assert_contains "$T/err" '2 行目'
	assert_contains "$T/err" DDE
	[ ! -e out.csv ]
}

t_tool_sf_zip_bomb_refused() {
	"$PY" - "$SF/base.docx" <<'EOF'
import sys, zipfile
base = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for n in base.namelist():
        data = base.read(n)
        if n == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + b" " * (8 << 20))
        z.writestr(n, data)
EOF
	expect_exit 2 m sanitize file bomb.docx -o out.docx --no-scan
	assert_contains "$T/err" ZIP 爆弾
	[ ! -e out.docx ]
}

t_tool_sf_encrypted_refused() {
	"$PY" "$SF/cfb.py" encrypted secret.docx
	expect_exit 2 m sanitize file secret.docx -o out.docx --no-scan
	assert_contains "$T/err" 暗号化された文書は無害化できません
	[ ! -e out.docx ]
}

t_tool_sf_broken_input_refused() {
	head -c 2000 "$SF/base.docx" >cut.docx
	expect_exit 2 m sanitize file cut.docx -o out.docx --no-scan
	[ ! -e out.docx ]
	expect_exit 2 m sanitize file missing.docx -o out.docx --no-scan
	assert_contains "$T/err" missing.docx
	head -c 3000 "$SF/base.doc" >cut.doc
	expect_exit 2 m sanitize file cut.doc -o out.doc --no-scan
	[ ! -e out.doc ]
}

t_tool_sf_existing_output_refused() {
	echo keep >out.docx
	expect_exit 2 m sanitize file "$SF/base.docx" -o out.docx --no-scan
	assert_contains "$T/err" --force
	assert_eq "$(cat out.docx)" keep
	expect_exit 0 m sanitize file "$SF/base.docx" -o out.docx --no-scan --force
	zip_names out.docx >names
	assert_contains names word/document.xml
}

t_tool_sf_legacy_refuse_policy() {
	expect_exit 0 m sanitize file "$SF/base.doc" -o plain.doc --no-scan
	cmp "$SF/base.doc" plain.doc
	assert_contains "$T/out" 変更せずに出力しました
	expect_exit 0 m sanitize file "$SF/base.xls" -o plain.xls --no-scan
	cmp "$SF/base.xls" plain.xls
	"$PY" "$SF/cfb.py" macro "$SF/base.doc" macro.doc
	"$PY" "$SF/cfb.py" object "$SF/base.doc" object.doc
	"$PY" "$SF/cfb.py" xlm "$SF/base.xls" xlm.xls
	expect_exit 2 m sanitize file macro.doc -o out1.doc --no-scan
	assert_contains "$T/err" 'マクロ（Macros）'
	assert_contains "$T/err" '--ole-policy convert'
	expect_exit 2 m sanitize file object.doc -o out2.doc --no-scan
	assert_contains "$T/err" 埋め込みオブジェクト
	expect_exit 2 m sanitize file xlm.xls -o out3.xls --no-scan
	assert_contains "$T/err" 'Excel 4.0 マクロシート'
	"$PY" "$SF/cfb.py" ppt-macro macro.ppt
	expect_exit 2 m sanitize file macro.ppt -o out4.ppt --no-scan
	assert_contains "$T/err" '.ppt'
	assert_contains "$T/err" 'マクロ（PowerPoint Document）'
	[ ! -e out1.doc ] && [ ! -e out2.doc ] && [ ! -e out3.xls ] && [ ! -e out4.ppt ]
}

# The convert policy with a stand-in for soffice that checks how it is
# started and answers with a macro-enabled document (LibreOffice itself
# carries VBA over into .docx, so this is what the OOXML pass must meet).
t_tool_sf_legacy_convert_policy() {
	"$PY" "$SF/cfb.py" macro "$SF/base.doc" macro.doc
	sf_evil docx answer.docx
	cat >fake-soffice <<EOF
#!/bin/sh
set -e
case "\$*" in *"--headless"*"--convert-to docx"*) ;; *) exit 3 ;; esac
profile=\$(printf '%s\n' "\$@" | sed -n 's|^-env:UserInstallation=file://||p')
grep -q DisableMacrosExecution "\$profile/user/registrymodifications.xcu"
[ "\$HOME" = "\$(dirname "\$profile")" ]
while [ "\$1" != --outdir ]; do shift; done
cp "$T/answer.docx" "\$2/in.docx"
EOF
	chmod +x fake-soffice
	mkdir scratch
	TMPDIR=$T/scratch MAMORI_SOFFICE=$T/fake-soffice expect_exit 0 m --format json sanitize file macro.doc -o clean.docx --no-scan --ole-policy convert
	[ -z "$(ls -A scratch)" ] # LibreOffice's private folder is gone
	cp "$T/out" report.json
	zip_names clean.docx >names
	assert_not_contains names vbaProject.bin
	assert_contains report.json '"what":"converted"'
	assert_contains report.json 'LibreOffice'
	removed_whats report.json >whats
	assert_contains whats macro
	assert_contains whats dde
	MAMORI_SOFFICE=$T/no-such-soffice expect_exit 2 m sanitize file macro.doc -o out.docx --no-scan --ole-policy convert
	assert_contains "$T/err" LibreOffice
	[ ! -e out.docx ]
}

t_tool_sf_virus_found() {
	cp "$SF/hello.txt" v.txt
	mkdir db
	echo "$(md5sum v.txt | cut -d' ' -f1):$(stat -c %s v.txt):Mamori.Test.Sig" >db/test.hdb
	expect_exit 1 m sanitize file v.txt -o out.txt --clamav-db db
	assert_contains "$T/out" Mamori.Test.Sig
	assert_contains "$T/err" ウイルスを検出しました
	[ ! -e out.txt ]
	expect_exit 0 m --format json sanitize file "$SF/base.docx" -o out.docx --clamav-db db
	assert_contains "$T/out" '"scanned":true'
	MAMORI_LIBCLAMAV=$T/no-such-libclamav.so expect_exit 0 m --format json sanitize file "$SF/base.docx" -o out2.docx
	assert_contains "$T/out" '"scanned":false'
	assert_contains "$T/out" scan_skipped
}

t_tool_sf_output_name_warned() {
	sf_evil docx evil.docm
	expect_exit 0 m sanitize file evil.docm -o still.docm --no-scan
	assert_contains "$T/out" '.docm'
	assert_contains "$T/out" マクロを含まない形式
}

t_tool_sf_usage_errors() {
	expect_exit 2 m sanitize file "$SF/base.docx"
	expect_exit 2 m sanitize file "$SF/base.docx" -o x.docx --ole-policy maybe
	assert_contains "$T/err" ole-policy
	expect_exit 2 m --format csv sanitize file "$SF/base.docx" -o x.docx
	[ ! -e x.docx ]
}
