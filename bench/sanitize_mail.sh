#!/bin/bash
# Mail sanitising (メールテキスト化, issue 8): a maildir of 10,000 messages of
# mixed size — plain text in ISO-2022-JP, Shift_JIS, EUC-JP and UTF-8, HTML
# mail with links, and a fifth with an attachment of 8–300 KB (PDF, Word,
# JPEG, PNG or opaque data) — sanitised by
# `mamori sanitize mail --maildir`, beside two baselines over the same batch:
# GMime's own parse-and-write of each message (bench/sanitize_mail_bench.c:
# the floor for any GMime-based tool; target at most 2× its time) and
# Python's standard email package doing the same text extraction (get_body
# preferring text/plain, HTML reduced to text with html.parser, a new message
# written; target at least 10× slower than mamori).  The batch is generated
# once; each timing is the best of RUNS (Python, the slow one, runs once).
# Called by bench/run.sh; runs alone too: M=build/mamori W=/tmp/x bench/sanitize_mail.sh
set -euo pipefail
. bench/lib.sh
N=${N:-10000}
S=$W/smail
mkdir -p "$S"
# The batch is kept between runs of this script with the same N.
if [ "$(cat "$S/md/.complete" 2>/dev/null)" != "$N" ]; then
rm -rf "$S/md" && mkdir -p "$S/md/new" "$S/md/cur" "$S/md/tmp"
qpdf --empty "$S/empty.pdf"
python3 - "$S/md" "$N" "$S/empty.pdf" <<'PY'
import io, os, random, sys, zipfile
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
out, n, pdf = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], 'rb').read()
rnd = random.Random(8)
para = ('お世話になっております。総務課の山田です。来週の会議資料について、'
        '添付のとおりお送りしますのでご確認ください。https://www.example.co.jp/docs/%d\n')
charsets = ['iso-2022-jp', 'shift_jis', 'euc-jp', 'utf-8']
sizes = [8 << 10, 32 << 10, 64 << 10, 128 << 10, 300 << 10]
for i in range(n):
    cs = charsets[i % 4]
    text = ''.join(para % k for k in range(1 + i % 40))
    kind = i % 10
    if kind < 5:
        body = MIMEText(text, 'plain', cs)
    else:
        body = MIMEMultipart('alternative')
        body.attach(MIMEText(text, 'plain', cs))
        html = ''.join('<p>%s <a href="https://www.example.co.jp/%d">資料%d</a></p>' % (para % k, k, k)
                       for k in range(1 + i % 40))
        body.attach(MIMEText('<html><body>%s</body></html>' % html, 'html', 'utf-8'))
    if kind == 9 or kind == 4:
        m = MIMEMultipart('mixed')
        m.attach(body)
        # what municipal mail carries: PDFs, Word files, photos, and some
        # opaque data; the bytes past each format's header are random
        size, shape = sizes[(i // 50) % 5], (i // 10) % 5
        if shape == 0:
            a = MIMEApplication(pdf + b'%' + rnd.randbytes(size), 'pdf')
            a.add_header('Content-Disposition', 'attachment', filename='資料%d.pdf' % i)
        elif shape == 1:
            z = io.BytesIO()
            with zipfile.ZipFile(z, 'w', zipfile.ZIP_STORED) as zf:
                zf.writestr('[Content_Types].xml', '<Types/>')
                zf.writestr('word/document.xml', '<w:document/>')
                zf.writestr('word/media/image1.bin', rnd.randbytes(size))
            a = MIMEApplication(z.getvalue(), 'vnd.openxmlformats-officedocument.wordprocessingml.document')
            a.add_header('Content-Disposition', 'attachment', filename='報告%d.docx' % i)
        elif shape == 2:
            a = MIMEApplication(b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01' + rnd.randbytes(size), 'octet-stream')
            a.replace_header('Content-Type', 'image/jpeg')
            a.add_header('Content-Disposition', 'attachment', filename='photo%d.jpg' % i)
        elif shape == 3:
            a = MIMEApplication(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + rnd.randbytes(size), 'octet-stream')
            a.replace_header('Content-Type', 'image/png')
            a.add_header('Content-Disposition', 'attachment', filename='図%d.png' % i)
        else:
            a = MIMEApplication(rnd.randbytes(size), 'octet-stream')
            a.add_header('Content-Disposition', 'attachment', filename='data%d.bin' % i)
        m.attach(a)
    else:
        m = body
    m['From'] = formataddr((str(Header('山田 太郎', 'utf-8')), 'yamada%d@example.co.jp' % (i % 50)))
    m['To'] = 'soumu@city.example.lg.jp'
    m['Subject'] = Header('会議資料の送付 %d' % i, 'utf-8')
    m['Date'] = 'Mon, 01 Jun 2026 10:00:00 +0900'
    m['Message-ID'] = '<%d@example.co.jp>' % i
    sub = 'new' if i % 3 else 'cur'
    with open(os.path.join(out, sub, '17000%05d.%d.bench' % (i, i)), 'wb') as f:
        f.write(m.as_bytes())
PY
echo "$N" >"$S/md/.complete"
fi
cat >"$S/py_sanitize.py" <<'PY'
# The same text extraction with Python's standard library only.
import email, email.policy, os, sys
from email.message import EmailMessage
from html.parser import HTMLParser

class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        if tag in ('p', 'div', 'br', 'li', 'tr'):
            self.out.append('\n')
        if tag == 'a':
            href = dict(attrs).get('href')
            if href:
                self.out.append(' [%s] ' % href.replace('http', 'hxxp').replace('.', '[.]'))
    def handle_endtag(self, tag):
        if tag in ('script', 'style'):
            self.skip -= 1
    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

src, dst = sys.argv[1], sys.argv[2]
for sub in ('new', 'cur'):
    os.makedirs(os.path.join(dst, sub), exist_ok=True)
    for name in os.listdir(os.path.join(src, sub)):
        with open(os.path.join(src, sub, name), 'rb') as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        body = msg.get_body(preferencelist=('plain', 'html'))
        text = body.get_content() if body else ''
        if body and body.get_content_subtype() == 'html':
            p = Text(); p.feed(text); text = ''.join(p.out)
        names = [p.get_filename() for p in msg.iter_attachments()]
        out = EmailMessage()
        for h in ('From', 'To', 'Cc', 'Subject', 'Date', 'Message-ID'):
            if msg[h]:
                out[h] = str(msg[h])
        out.set_content(text + '\n' + '\n'.join(str(n) for n in names))
        with open(os.path.join(dst, sub, name), 'wb') as f:
            f.write(out.as_bytes())
PY
bench_helper sanitize_mail
BYTES=$(du -sm "$S/md" | cut -f1)
mamori_once() { rm -rf "$S/out"; "$M" sanitize mail --maildir "$S/md" -o "$S/out"; }
gmime_once() { rm -rf "$S/gm"; "$HELPER" "$S/md" "$S/gm"; }
py_once() { rm -rf "$S/py"; python3 "$S/py_sanitize.py" "$S/md" "$S/py"; }
mamori_once >/dev/null
written=$(find "$S/out/new" "$S/out/cur" -type f | wc -l)
t_m=$(best_of mamori_once)
t_g=$(best_of gmime_once)
t_p=$(RUNS=1 best_of py_once)
rate() { printf '%.0f' "$(echo "$N / $1" | bc -l)"; }
echo "sanitize mail: ${N} messages (${BYTES} MiB: ISO-2022-JP/Shift_JIS/EUC-JP/UTF-8, half HTML, a fifth with attachments), ${written} written:"
echo "  mamori sanitize mail --maildir   ${t_m} s   $(rate "$t_m") messages/s"
echo "  GMime parse-and-write (baseline) ${t_g} s   $(rate "$t_g") messages/s"
echo "  ratio                            $(ratio "$t_m" "$t_g")×   (target ≤ 2×)"
echo "  Python email, same extraction    ${t_p} s   $(rate "$t_p") messages/s   (one run)"
echo "  Python / mamori                  $(ratio "$t_p" "$t_m")×   (target ≥ 10×)"
