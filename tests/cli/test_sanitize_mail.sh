# sanitize mail (メールテキスト化方式, docs/sanitize.md): messages made by
# Python's email package (tests/fixtures/mail/make_mail.py), real PDFs and
# zips; the output is checked with Python's email parser
# (tests/fixtures/mail/check_out.py: one text/plain UTF-8 part, decoded).

sm_gen() { python3 "$ROOT/tests/fixtures/mail/make_mail.py" "$@"; }
sm_check() { python3 "$ROOT/tests/fixtures/mail/check_out.py" "$1"; }
# sm_json KIND NAME [FILE...]: a KIND message (attaching the FILEs) made as
# NAME.eml and sanitised, with the JSON report in NAME.json and the decoded
# text of the output in NAME.txt.
sm_json() {
	local kind=$1 name=$2
	shift 2
	sm_gen "$kind" "$name.eml" "$@"
	"$MAMORI" --format json sanitize mail "$name.eml" -o "$name.out" >"$name.json"
	sm_check "$name.out" >"$name.txt"
}

t_tool_sm_iso2022jp_roundtrip() {
	sm_gen jis in.eml
	"$MAMORI" sanitize mail in.eml -o out.eml >rep.txt
	sm_check out.eml >text.txt
	assert_contains text.txt "お世話になっております。①②㈱髙﨑の件です。"
	assert_contains text.txt "来週の会議資料をお送りします。"
	assert_contains text.txt "Subject: 会議資料の送付"
	assert_contains text.txt "From: 山田 太郎 <yamada@example.co.jp>"
	assert_contains text.txt "To: 総務課 <soumu@city.example.lg.jp>"
	assert_contains text.txt "Cc: joho@city.example.lg.jp"
	assert_contains text.txt "Message-ID: <20260601.abc@example.co.jp>"
	assert_contains text.txt "In-Reply-To: <parent@city.example.lg.jp>"
	assert_contains text.txt "References: <root@city.example.lg.jp> <parent@city.example.lg.jp>"
	assert_contains text.txt "X-Mamori-Sanitized: yes"
	assert_contains text.txt "Content-Transfer-Encoding: base64"
	assert_contains rep.txt "取り除くものはありませんでした"
	# the headers carry no raw 8-bit bytes: RFC 2047 encoded
	! LC_ALL=C grep -q $'[\x80-\xff]' <(sed '/^$/q' out.eml)
}

t_tool_sm_charsets() {
	for k in sjis eucjp utf8qp; do
		sm_gen "$k" "$k.eml"
		"$MAMORI" sanitize mail "$k.eml" -o "$k.out" >/dev/null
		sm_check "$k.out" >"$k.txt"
		assert_contains "$k.txt" "総務課の山田です。"
		assert_contains "$k.txt" "Subject: 会議資料の送付"
		assert_not_contains "$k.txt" "�"
	done
	sm_gen latin1 l.eml
	"$MAMORI" sanitize mail l.eml -o l.out >/dev/null
	sm_check l.out >l.txt
	assert_contains l.txt "Grüße aus München"
	assert_contains l.txt "Subject: Grüße"
}

t_tool_sm_mislabelled_and_bad_bytes() {
	sm_json mislabelled m
	assert_contains m.txt "①②㈱髙﨑の件です。"
	assert_contains m.json '"what":"charset_mislabelled"'
	sm_json badbytes b
	assert_contains b.txt "abc �� def"
	assert_contains b.json '"what":"undecodable"'
	# never a raw invalid byte in the output
	python3 -c "import sys; open(sys.argv[1],'rb').read().decode('ascii')" b.out
}

t_tool_sm_html_links_defanged() {
	sm_json html h
	assert_contains h.txt "ご案内です。"
	assert_contains h.txt "・一つ目"
	assert_contains h.txt "市のお知らせ［リンク先: hxxps://www[.]city[.]example[.]lg[.]jp/info］"
	assert_contains h.txt "hxxps://www[.]city[.]example[.]lg[.]jp/login［リンク先: hxxps://evil[.]example[.]net/login］※表示とリンク先が異なります"
	assert_contains h.txt "ここを押す［スクリプトのリンクを削除］"
	assert_contains h.txt "［画像: ロゴ］"
	assert_not_contains h.txt "https://"
	assert_not_contains h.txt "alert"
	assert_not_contains h.txt "color:red"
	assert_not_contains h.txt "<a"
	assert_contains h.json '"what":"link_mismatch"'
	assert_contains h.json '"what":"html"'
	assert_contains h.json '外部から読み込むもの 1 件'
}

t_tool_sm_attachments_listed() {
	qpdf --empty doc.pdf
	mkdir -p z/word && echo '<w:document/>' >z/word/document.xml && echo macro >z/word/vbaProject.bin
	(cd z && zip -q -r ../macro.docm .)
	sm_json attach a doc.pdf macro.docm
	assert_contains a.txt "総務課の山田です。"
	assert_not_contains a.txt "転送元の本文"
	for f in doc.pdf macro.docm; do
		sum=$(sha256sum "$f" | cut -d' ' -f1)
		assert_contains a.json "\"sha256\":\"$sum\",\"size\":$(stat -c %s "$f")"
		assert_contains a.txt "SHA-256: $sum"
	done
	assert_contains a.json '"declared_type":"application/pdf","detected_type":"application/pdf","name":"資料.pdf"'
	assert_contains a.json '"declared_type":"image/jpeg","detected_type":"application/x-dosexec","name":"photo.jpg"'
	assert_contains a.json '"name":"転送されたメール「元のメール」"'
	assert_contains a.json '"what":"type_mismatch"'
	assert_contains a.txt "1. 資料.pdf"
	assert_contains a.txt "削除した添付ファイル（4 件）"
	python3 - a.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r["attachments"]) == 4, r["attachments"]
assert r["kind"] == "mail"
PY
}

t_tool_sm_misleading_headers() {
	sm_json tricks t
	assert_contains t.json '"what":"display_name_address"'
	assert_contains t.json 'エンコードされた文字列）にアドレス admin@city.example.lg.jp'
	assert_contains t.json '"what":"reply_to_mismatch"'
	assert_contains t.json '"what":"multiple_from"'
	assert_contains t.json '"what":"sender_mismatch"'
	assert_contains t.json 'Return-Path bounce@bulk.example.org が差出人 attacker@evil.example.net と別の組織'
	assert_not_contains t.txt "Reply-To:"
	assert_contains t.txt "［注意］表示名"
	sm_gen idn i.eml
	"$MAMORI" --format json sanitize mail i.eml -o i.out >i.json
	assert_contains i.json '"what":"idn_domain"'
	# a Reply-To of the same organisation is kept
	sed 's/^From: .*/From: soumu@city.example.lg.jp/' i.eml | sed '1a Reply-To: kikaku@www.example.lg.jp' >r.eml
	sed -i 's/^From: .*/From: a@mail.example.lg.jp/' r.eml
	"$MAMORI" sanitize mail r.eml -o r.out >/dev/null
	sm_check r.out >r.txt
	assert_contains r.txt "Reply-To: kikaku@www.example.lg.jp"
}

t_tool_sm_signed_noted() {
	sm_json signed s
	assert_contains s.txt "総務課の山田です。"
	assert_contains s.json '"what":"signature"'
	assert_contains s.json '"attachments":[]'
}

t_tool_sm_refuses_broken() {
	sm_gen attach a.eml /dev/null /dev/null
	python3 - a.eml <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
b = d[d.index(b'boundary="') + 10:].split(b'"')[0]
open('trunc.eml', 'wb').write(d[:d.rindex(b'--' + b + b'--')])
open('garbage.eml', 'wb').write(bytes(range(256)) * 4)
open('nohead.eml', 'wb').write(b'\nonly a body\n')
open('unterminated.eml', 'wb').write(b'From: a@example.jp\nSubject: x\n')
open('nul.eml', 'wb').write(b'From: a@example.jp\nSubject: a\x00b\n\nbody\n')
open('b64.eml', 'wb').write(b'From: a@example.jp\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\naGVsbG8*!\n')
open('cte.eml', 'wb').write(b'From: a@example.jp\nContent-Type: text/plain\nContent-Transfer-Encoding: x-secret\n\nhi\n')
open('noboundary.eml', 'wb').write(b'From: a@example.jp\nContent-Type: multipart/mixed\n\n--x\n\nhi\n')
open('nofrom.eml', 'wb').write(b'Subject: x\n\nhi\n')
deep = b'From: a@example.jp\nContent-Type: multipart/mixed; boundary="b0"\n\n'
for k in range(20):
    deep += b'--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (k, k + 1)
deep += b'--b20\nContent-Type: text/plain\n\nx\n--b20--\n'
for k in range(19, -1, -1):
    deep += b'--b%d--\n' % k
open('deep.eml', 'wb').write(deep)
PY
	for f in trunc garbage nohead unterminated nul b64 cte noboundary nofrom deep; do
		expect_exit 2 "$MAMORI" sanitize mail "$f.eml" -o "$f.out"
		[ ! -e "$f.out" ] || fail "$f.out written"
		assert_contains "$T/err" "mamori: $f.eml: "
	done
	expect_exit 2 "$MAMORI" sanitize mail trunc.eml -o x.out
	assert_contains "$T/err" "マルチパートの終わりの区切りがありません"
	expect_exit 2 "$MAMORI" sanitize mail deep.eml -o x.out
	assert_contains "$T/err" "入れ子が深すぎます（上限 16）"
	"$MAMORI" sanitize mail deep.eml -o deep.out --max-depth 30 >/dev/null
	expect_exit 2 "$MAMORI" sanitize mail a.eml -o x.out --max-parts 3
	assert_contains "$T/err" "MIME の部分が多すぎます（上限 3）"
	expect_exit 2 "$MAMORI" sanitize mail a.eml -o x.out --max-size 2000
	assert_contains "$T/err" "大きすぎます"
	expect_exit 2 "$MAMORI" sanitize mail missing.eml -o x.out
	expect_exit 2 "$MAMORI" sanitize mail a.eml
	ls -A | grep -q '^\.mamori-scratch\.' && fail "temporary file left behind" || true
}

t_tool_sm_filter() {
	sm_gen sjis in.eml
	"$MAMORI" sanitize mail --filter <in.eml >out.eml 2>rep.txt
	sm_check out.eml >text.txt
	assert_contains text.txt "総務課の山田です。"
	assert_contains rep.txt "メール無害化"
	printf 'not a mail at all' >bad.eml
	expect_exit 2 "$MAMORI" sanitize mail --filter <bad.eml
	[ ! -s "$T/out" ] || fail "stdout not empty on refusal"
	assert_contains "$T/err" "標準入力"
}

t_tool_sm_maildir() {
	mkdir -p md/new md/cur md/tmp
	sm_gen jis md/new/1700000000.1.host
	sm_gen html md/cur/1700000001.2.host:2,S
	sm_gen ascii md/new/1700000002.3.host one
	printf 'garbage\n' >md/new/1700000003.4.host
	expect_exit 2 "$MAMORI" --format json sanitize mail --maildir md -o od
	assert_contains "$T/out" '"sanitized":3'
	assert_contains "$T/out" '"name":"new/1700000003.4.host"'
	assert_contains "$T/err" "new/1700000003.4.host"
	sm_check od/new/1700000000.1.host >a.txt
	assert_contains a.txt "①②㈱髙﨑"
	sm_check "od/cur/1700000001.2.host:2,S" >b.txt
	assert_contains b.txt "ご案内です。"
	sm_check od/new/1700000002.3.host >c.txt
	assert_contains c.txt "Hello one"
	[ ! -e od/new/1700000003.4.host ] || fail "refused message written"
	assert_contains od/.refused/1700000003.4.host.reason.txt "new/1700000003.4.host"
	[ -z "$(ls -A od/tmp)" ] || fail "tmp not empty"
	[ "$(ls -A od/.refused)" = 1700000003.4.host.reason.txt ] || fail "scratch file left in .refused"
	expect_exit 2 "$MAMORI" sanitize mail --maildir nothere -o out2
	expect_exit 2 "$MAMORI" sanitize mail --maildir md -o md
	assert_contains "$T/err" "入力と出力が同じです"
}

t_tool_sm_raw_8bit_headers() {
	# old Windows tools write Shift_JIS straight into the header
	printf 'From: %s <a@example.jp>\nSubject: %s\nContent-Type: text/plain; charset=shift_jis\n\n%s\n' \
		"$(printf '山田' | iconv -t CP932)" "$(printf '議事録の件' | iconv -t CP932)" \
		"$(printf '本文です' | iconv -t CP932)" >raw.eml
	"$MAMORI" sanitize mail raw.eml -o raw.out >/dev/null
	sm_check raw.out >raw.txt
	assert_contains raw.txt "Subject: 議事録の件"
	assert_contains raw.txt "From: 山田 <a@example.jp>"
	assert_contains raw.txt "本文です"
}

t_tool_sm_mbox() {
	sm_gen ascii m1.eml first
	sm_gen fromline m2.eml
	sm_gen eucjp m3.eml
	python3 - <<'PY'
import re
out = b''
for i, name in enumerate(['m1.eml', 'm2.eml', 'bad', 'm3.eml']):
    d = open(name, 'rb').read() if name != 'bad' else b'no header here\n'
    d = re.sub(rb'(?m)^(>*From )', rb'>\1', d)  # mboxrd escaping
    out += b'From sender%d@example.jp Mon Jun  1 10:00:00 2026\n' % i + d + b'\n'
open('in.mbox', 'wb').write(out)
PY
	expect_exit 2 "$MAMORI" sanitize mail --mbox in.mbox -o out.mbox
	assert_contains "$T/out" "無害化 3 通、拒否 1 通"
	assert_contains "$T/err" "in.mbox の 3 通目"
	python3 - <<'PY'
import email, email.policy, re
raw = open('out.mbox', 'rb').read()
msgs = re.split(rb'(?m)^From sender\d@example\.jp .*\n', raw)[1:]
assert len(msgs) == 3, len(msgs)
texts = []
for m in msgs:
    m = re.sub(rb'(?m)^>(>*From )', rb'\1', m)  # mboxrd unescaping
    p = email.message_from_bytes(m, policy=email.policy.default)
    assert not p.is_multipart() and p.get_content_type() == 'text/plain'
    texts.append(p.get_content())
assert 'Hello first' in texts[0], texts[0]
assert '\nFrom here on\n>From escaped already\n' in texts[1], texts[1]
assert '総務課の山田です。' in texts[2], texts[2]
# no line of the file but the separators starts with "From "
assert len(re.findall(rb'(?m)^From ', raw)) == 3
PY
}
