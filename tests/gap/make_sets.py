#!/usr/bin/env python3
"""
make_sets.py — labelled policies for `mamori policy gap` (docs/policy-gap.md).

Run by hand, not in CI (it reads the guideline text from ../shared and uses
LibreOffice for the .docx); its output is committed:

    python3 tests/gap/make_sets.py

From the guideline's two sample texts (例文, reibun.py) it writes policies the
way a municipality's own would differ from them, and what each clause's status
therefore is (<set>.truth.tsv: id<TAB>covered|partial|missing):

  * reworded: local post names for the roles (情報セキュリティ管理者 → 所属長
    …), synonyms, other sentence endings, other numerals, items reordered;
  * renumbered: 第N条 articles with (1)/ア items or 項, the guideline's own
    1(1)① outline, Markdown, HTML lists and Word's automatic numbering;
  * about 15% of the clauses deleted (truth: missing), about 10% weakened
    (truth: partial): the duty softened into an effort or an option, or a key
    element (機密性2以上, a period, the party to report to) dropped;
  * the rest kept (truth: covered).

A clause that only introduces items (① above its (ア)(イ)) is never changed
itself: its truth follows its items (missing if all are, covered if all are,
partial otherwise), which is how mamori rates it too.

sets.tsv lists every set: name, file, the --part to run it with ("" = none).
"""
import html
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reibun  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# ---- the 例文 as a tree ----------------------------------------------------


class Unit:
    def __init__(self, id, caption, text):
        self.id, self.caption, self.text = id, caption, text
        self.children = []
        self.clause = False      # a catalog clause (else a heading)
        self.fate = "covered"    # covered | partial | missing (leaves)


def tree(part, catalog_ids):
    nodes = reibun.clauses(part)
    # 6.1(12) has no ① in the 例文, but the catalog numbers it 6.1.12.1
    out, by_id = [], {}
    for n in nodes:
        if n.id == "6.1.12":
            out.append(reibun.Node("6.1.12", n.caption, ""))
            out.append(reibun.Node("6.1.12.1", "", n.text))
            continue
        if n.id == "6.4.3.7":
            # the catalog splits ⑦ by kind of device; so does this text
            first, _, rest = n.text.partition("。")
            out.append(reibun.Node("6.4.3.7", "", first + "。"))
            out.append(reibun.Node("6.4.3.7.1", "", "パソコン等の端末については、初動対応時の手順が"
                                   "定められていない場合は、被害の拡大を防ぐ処置を慎重に検討し、"
                                   "該当の端末において LAN ケーブルの取り外しを実施しなければならない。"))
            out.append(reibun.Node("6.4.3.7.2", "", "モバイル端末については、初動対応時の手順が"
                                   "定められていない場合は、被害の拡大を防ぐ処置を慎重に検討し、"
                                   "通信を行わない設定への変更などを実施しなければならない。"))
            continue
        out.append(n)
    roots = []
    for n in out:
        u = Unit(n.id, n.caption, n.text)
        u.clause = n.id in catalog_ids
        parent = None
        pid = n.id
        while "." in pid:
            pid = pid.rsplit(".", 1)[0]
            if pid in by_id:
                parent = by_id[pid]
                break
        (parent.children if parent else roots).append(u)
        by_id[n.id] = u
    missing = catalog_ids - set(by_id)
    assert not missing, f"clauses not found in the 例文: {sorted(missing)}"
    return roots


def walk(units):
    for u in units:
        yield u
        yield from walk(u.children)


def leaves(units):
    """Clauses that are not introductions of other clauses."""
    return [u for u in walk(units) if u.clause and not any(c.clause for c in walk(u.children))]


# ---- rewording -------------------------------------------------------------

# Each municipality names the posts its own way; one map per set.
ROLE_MAPS = [
    {"統括情報セキュリティ責任者": "情報政策課長", "情報セキュリティ責任者": "部長",
     "情報セキュリティ管理者": "所属長", "情報システム管理者": "システム所管課長",
     "情報システム担当者": "システム担当職員", "情報セキュリティ委員会": "情報セキュリティ推進会議",
     "職員等": "職員", "外部委託事業者": "委託事業者", "本市": "本町"},
    {"統括情報セキュリティ責任者": "統括責任者", "情報セキュリティ責任者": "部局責任者",
     "情報セキュリティ管理者": "課長", "情報システム管理者": "システム管理者",
     "情報システム担当者": "システム担当者", "情報セキュリティ委員会": "セキュリティ対策委員会",
     "職員等": "職員", "外部委託事業者": "受託者", "本市": "当市"},
    {"統括情報セキュリティ責任者": "総務部長", "情報セキュリティ責任者": "所管部長",
     "情報セキュリティ管理者": "所属長", "情報システム管理者": "システム主管課長",
     "情報システム担当者": "担当職員", "最高情報セキュリティ責任者": "情報セキュリティ統括者",
     "職員等": "職員", "外部委託事業者": "委託先", "本市": "本村"},
    {"統括情報セキュリティ責任者": "情報化推進課長", "情報セキュリティ管理者": "各課長",
     "情報システム管理者": "システム担当課長", "情報セキュリティ委員会": "情報化推進委員会",
     "職員等": "職員等", "外部委託事業者": "外部事業者", "本市": "本市"},
    {"統括情報セキュリティ責任者": "統括情報セキュリティ管理者", "情報セキュリティ管理者": "課長等",
     "情報システム管理者": "システム管理者", "職員等": "職員", "本市": "本町"},
]

# Synonyms a drafter reaches for; each set applies a random half of them.
SYNONYMS = [
    ("電磁的記録媒体", ["記録媒体", "外部記録媒体", "USBメモリ等の記録媒体"]),
    ("講じなければならない", ["講じること", "講ずるものとする", "実施しなければならない"]),
    ("しなければならない", ["するものとする", "すること", "しなければならない"]),
    ("てはならない", ["ないものとする", "てはならない"]),
    ("を得なければならない", ["を受けなければならない", "を得ること"]),
    ("速やかに", ["直ちに", "遅滞なく"]),
    ("定期的に", ["定期に", "一定の期間ごとに"]),
    ("適正に", ["適切に"]),
    ("適正な", ["適切な"]),
    ("情報セキュリティインシデント", ["セキュリティ事故", "情報セキュリティ事故", "インシデント"]),
    ("不正プログラム対策ソフトウェア", ["ウイルス対策ソフト", "マルウェア対策ソフトウェア"]),
    ("不正プログラム", ["マルウェア", "コンピュータウイルス等"]),
    ("モバイル端末", ["携帯端末", "タブレット端末等"]),
    ("パソコン", ["PC", "パーソナルコンピュータ"]),
    ("情報システム室", ["サーバ室", "電算室"]),
    ("管理区域", ["重要区域", "管理エリア"]),
    ("情報セキュリティポリシー", ["セキュリティポリシー", "本ポリシー"]),
    ("情報セキュリティ実施手順", ["実施手順", "運用手順"]),
    ("取り扱う", ["扱う"]),
    ("の場合には", ["のときは"]),
    ("場合は", ["ときは"]),
    ("を行わなければならない", ["を実施しなければならない", "を行うものとする"]),
    ("措置", ["対策", "処置"]),
    ("報告しなければならない", ["報告するものとする", "報告すること"]),
    ("確認しなければならない", ["確認するものとする", "確かめなければならない"]),
    ("保管しなければならない", ["保管するものとする", "保存しなければならない"]),
    ("設定しなければならない", ["設定するものとする"]),
    ("禁止", ["禁止", "不可"]),
    ("利用", ["使用"]),
    ("使用", ["利用"]),
    ("及び", ["並びに", "と"]),
    ("又は", ["若しくは", "あるいは"]),
    ("において", ["で"]),
    ("について", ["に関して"]),
    ("に対して", ["に対し"]),
    ("ネットワーク", ["ネットワーク", "通信網"]),
    ("外部委託", ["業務委託"]),
    ("必要最小限", ["最小限"]),
    ("情報資産", ["情報資産"]),
    ("全ての", ["すべての"]),
    ("の者", ["の人"]),
    ("ソフトウェア", ["ソフト"]),
    ("実施しなければならない", ["行わなければならない", "実施するものとする"]),
    ("定めなければならない", ["定めるものとする", "規定しなければならない"]),
    ("整備しなければならない", ["整えなければならない", "整備するものとする"]),
    ("記録", ["記録"]),
    ("緊急時対応計画", ["緊急時対応マニュアル", "緊急時対応計画"]),
    ("CISO", ["最高情報セキュリティ責任者"]),
]

NUMERALS = [("１人", "一人"), ("１回", "一回"), ("２以上", "2以上"), ("３", "3"), ("２", "2"), ("１", "1")]

SOFTEN = [
    (r"しなければならない。", ["するよう努めなければならない。", "することが望ましい。", "するよう努める。"]),
    (r"しなければならない", ["するよう努め", "することが望ましく"]),
    (r"講じなければならない。", ["講じるよう努める。", "講じることが望ましい。"]),
    (r"てはならない。", ["ないよう努める。", "ないことが望ましい。"]),
    (r"を得なければならない。", ["を得るよう努める。", "を得ることが望ましい。"]),
    (r"ものとする。", ["よう努めるものとする。"]),
    (r"を行う。", ["を行うことができる。"]),
    (r"とする。", ["とすることができる。"]),
]

DROP = [r"機密性[２2]以上の", r"定期的に", r"毎年度", r"速やかに", r"、CISO", r"CISO 及び",
        r"及び CISO", r"暗号化又は", r"書込禁止の", r"施錠可能な", r"最低１回は", r"必要最低限に",
        r"複数の", r"二つ以上を", r"耐火、耐熱、耐水及び耐湿を講じた", r"総務省、"]


def reword(text, rng, roles, syn_on):
    if not text:
        return text
    # the PDF's spaces around Latin words ("CISO は") go, as in most documents
    text = re.sub(r"(?<=[A-Za-z]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=[A-Za-z])", "", text)
    for k in sorted(roles, key=len, reverse=True):
        text = text.replace(k, "\0" + str(list(roles).index(k)) + "\0")
    # one pass, longest first: a replacement is never replaced again, and a
    # short word never matches inside a longer one that is listed
    table = {}
    for src, alts in syn_on:
        table.setdefault(src, alts)
    if table:
        pat = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        text = re.sub(pat, lambda m: rng.choice(table[m.group(0)]), text)
    for k in roles:
        text = text.replace("\0" + str(list(roles).index(k)) + "\0", roles[k])
    if rng.random() < 0.7:
        for a, b in NUMERALS:
            text = text.replace(a, b)
    text = text.replace("本ガイドライン", "この方針")
    return text


def weaken(u, rng):
    """Softens the duty or drops an element; returns False if nothing could be."""
    t = u.text
    options = []
    for pat, alts in SOFTEN:
        if re.search(pat, t):
            options.append(("soften", pat, alts))
    for pat in DROP:
        if re.search(pat, t):
            options.append(("drop", pat, None))
    if re.search(r"[^努]+(?:は|が)、", t) and "必要に応じ" not in t:
        options.append(("asneeded", None, None))
    if not options:
        return False
    kind, pat, alts = rng.choice(options)
    if kind == "soften":
        # the last occurrence: the sentence's main verb
        ms = list(re.finditer(pat, t))
        m = ms[-1]
        t = t[:m.start()] + rng.choice(alts) + t[m.end():]
    elif kind == "drop":
        t = re.sub(pat, "", t, count=1)
    else:
        t = re.sub(r"((?:は|が)、)", r"\1必要に応じて、", t, count=1)
    if t == u.text:
        return False
    u.text = t
    return True


def decide(roots, rng, p_delete=0.15, p_weaken=0.10):
    """Marks leaves missing/partial; sometimes a whole group goes."""
    ls = leaves(roots)
    # whole groups: a clause with items, deleted with all of them
    groups = [u for u in walk(roots) if u.clause and any(c.clause for c in u.children)]
    for g in groups:
        if rng.random() < 0.06:
            for x in walk([g]):
                x.fate = "missing"
    for u in ls:
        if u.fate != "covered":
            continue
        r = rng.random()
        if r < p_delete:
            u.fate = "missing"
        elif r < p_delete + p_weaken and u.text:
            if weaken(u, rng):
                u.fate = "partial"


def truth(roots):
    """Status of every clause: leaves as decided, introductions by their items."""
    out = {}

    def visit(u):
        kids = [visit(c) for c in u.children]
        kids = [k for k in kids if k]
        if not u.clause:
            return None
        if not kids:
            st = u.fate
        elif all(k == "missing" for k in kids):
            st = "missing"
        elif all(k == "covered" for k in kids):
            st = "covered"
        else:
            st = "partial"
        out[u.id] = st
        return st

    for r in roots:
        visit(r)
    return out


def prune(units):
    """Drops missing clauses, and headings left with nothing under them."""
    kept = []
    for u in units:
        u.children = prune(u.children)
        if u.clause and u.fate == "missing" and not u.children:
            continue
        if u.clause and u.fate == "missing":
            u.text = ""  # an introduction whose own words went with its items
        if not u.clause and not u.children and not u.text:
            continue
        kept.append(u)
    return kept


def apply_reword(roots, rng, roles):
    syn_on = [s for s in SYNONYMS if rng.random() < 0.6]
    for u in walk(roots):
        u.text = reword(u.text, rng, roles, syn_on)
        u.caption = reword(u.caption, rng, roles, syn_on)
    # items reordered within some articles
    for u in walk(roots):
        if len(u.children) > 2 and all(not c.children for c in u.children) and rng.random() < 0.3:
            rng.shuffle(u.children)


# ---- rendering ------------------------------------------------------------

KANA = "アイウエオカキクケコサシスセソタチツテト"
FW = str.maketrans("0123456789", "０１２３４５６７８９")


def fw(n):
    return str(n).translate(FW)


def is_section(u):
    """Chapters 4–9 have sections (4.1 …); 1.2 is a group of chapter 1."""
    return re.fullmatch(r"[4-9]\.\d", u.id) is not None


def body(u):
    """A unit's words: caption and text ("ネットワーク　…をいう。")."""
    if u.caption and u.text:
        return f"{u.caption}　{u.text}"
    return u.text or u.caption


class Jo:
    """第N章 / 第N節 / （caption）第N条 / 2 (項) / (1) / ア."""

    def __init__(self, rng, fullwidth=True):
        self.rng, self.art, self.lines = rng, 0, []
        self.num = fw if fullwidth else str

    def emit(self, s):
        self.lines.append(s)

    def article(self, caption, units, lead=""):
        self.art += 1
        if caption:
            self.emit(f"（{caption}）")
        style = self.rng.choice(["kou", "items"])
        first = lead
        rest = list(units)
        if style == "kou" and not first and rest and not rest[0].children:
            first = body(rest.pop(0))
        self.emit(f"第{self.num(self.art)}条　{first}".rstrip())
        for i, u in enumerate(rest):
            if style == "kou":
                self.emit(f"{self.num(i + 2 if (lead or first) else i + 1)}　{body(u)}")
                for j, s in enumerate(u.children):
                    self.emit(f"（{self.num(j + 1)}）{body(s)}")
            else:
                self.emit(f"（{self.num(i + 1)}）{body(u)}")
                for j, s in enumerate(u.children):
                    self.emit(f"{KANA[j]}　{body(s)}")

    def chapter_basic(self, roots):
        for ch in roots:
            self.article(ch.caption, ch.children, ch.text)

    def chapter_standard(self, roots):
        for ci, ch in enumerate(roots):
            self.emit(f"第{self.num(ci + 1)}章　{ch.caption}")
            if ch.children and all(is_section(c) for c in ch.children):
                for si, sec in enumerate(ch.children):
                    self.emit(f"第{self.num(si + 1)}節　{sec.caption}")
                    self.groups(sec)
            else:
                self.groups(ch)

    def groups(self, parent):
        # a section whose items are ① directly (4.3, 7.1 …) is one article
        if parent.children and all(not g.children and not g.caption for g in parent.children):
            self.article(parent.caption if is_section(parent) else "", parent.children,
                         parent.text)
            return
        for g in parent.children:
            self.article(g.caption, g.children, g.text if g.children else body(g))


class Outline:
    """The guideline's own outline: 1．/ 4.1 / (1) / ① / (ア)."""

    CIRC = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

    def __init__(self, rng):
        self.rng, self.lines = rng, []
        self.kinds = ["paren", "circ", "kana"]

    def emit(self, s):
        self.lines.append(s)

    def units(self, parent, depth, prefix):
        for i, u in enumerate(parent.children):
            label = self.label(i + 1, depth, prefix)
            if u.caption and u.text:
                self.emit(f"{label} {u.caption}")
                self.emit(u.text)
            else:
                self.emit(f"{label} {body(u)}")
            self.units(u, depth + 1, label)

    def label(self, n, depth, prefix):
        kind = self.kinds[depth] if depth < len(self.kinds) else "kana"
        if kind == "dot":
            return f"{fw(n)}．"
        if kind == "sec":
            return f"{prefix.rstrip('．')}.{n}．"
        if kind == "paren":
            return f"（{fw(n)}）"
        if kind == "circ":
            return self.CIRC[n - 1]
        return f"（{KANA[n - 1]}）"

    def render(self, roots, sections):
        for i, ch in enumerate(roots):
            label = f"{fw(i + 1)}．"
            self.emit(f"{label}{ch.caption}")
            if ch.text:
                self.emit(ch.text)
            self.kinds = (["sec", "paren", "circ", "kana"]
                          if sections and ch.children and all(is_section(c)
                                                             for c in ch.children)
                          else ["paren", "circ", "kana"])
            self.units(ch, 0, label)


def render_jo(basic, standard, rng, title):
    lines = [title, ""]
    if basic:
        lines += ["情報セキュリティ基本方針", ""]
        j = Jo(rng)
        j.chapter_basic(basic)
        lines += j.lines + [""]
    if standard:
        lines += ["情報セキュリティ対策基準", ""]
        j = Jo(rng)
        j.chapter_standard(standard)
        lines += j.lines
    return "\n".join(lines) + "\n"


def render_outline(basic, standard, rng, title):
    lines = [title, ""]
    if basic:
        o = Outline(rng)
        o.render(basic, False)
        lines += ["情報セキュリティ基本方針"] + o.lines + [""]
    if standard:
        o = Outline(rng)
        o.render(standard, True)
        lines += ["情報セキュリティ対策基準"] + o.lines
    return lines


def render_markdown(basic, standard, rng, title):
    out = [f"# {title}", ""]

    def items(units, marker):
        for i, u in enumerate(units):
            out.append(f"{i + 1}. {body(u)}" if marker == "num" else f"({i + 1}) {body(u)}")
            for j, s in enumerate(u.children):
                out.append(f"    - ({KANA[j]}) {body(s)}")

    art = 0

    def article(caption, units, lead):
        nonlocal art
        art += 1
        out.append(f"### 第{art}条（{caption}）" if caption else f"### 第{art}条")
        out.append("")
        if lead:
            out.extend([lead, ""])
        items(units, "num")
        out.append("")

    if basic:
        out += ["## 情報セキュリティ基本方針", ""]
        for ch in basic:
            article(ch.caption, ch.children, ch.text)
    if standard:
        out += ["## 情報セキュリティ対策基準", ""]
        for ci, ch in enumerate(standard):
            out += [f"## 第{ci + 1}章 {ch.caption}", ""]
            for g in ch.children:
                if is_section(g):
                    if g.children and all(not x.children and not x.caption for x in g.children):
                        article(g.caption, g.children, g.text)
                        continue
                    out += [f"#### {g.caption}", ""]
                    for gg in g.children:
                        article(gg.caption, gg.children, gg.text if gg.children else body(gg))
                else:
                    article(g.caption, g.children, g.text if g.children else body(g))
    return "\n".join(out) + "\n"


def html_doc(title, blocks):
    return ("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>\n<style>p{{margin:0}}</style></head><body>\n"
            + "\n".join(blocks) + "\n</body></html>\n")


def render_html(basic, standard, rng, title):
    """第N条 typed in the text; items as <ol> (numbers the browser or Word adds)."""
    b = [f"<h1>{html.escape(title)}</h1>"]
    art = 0
    e = html.escape

    def article(caption, units, lead):
        nonlocal art
        art += 1
        if caption:
            b.append(f"<p>（{e(caption)}）</p>")
        b.append(f"<p>第{art}条　{e(lead)}</p>")
        if units:
            b.append("<ol>")
            for u in units:
                if u.children:
                    b.append(f"<li>{e(body(u))}<ol>")
                    for s in u.children:
                        b.append(f"<li>{e(body(s))}</li>")
                    b.append("</ol></li>")
                else:
                    b.append(f"<li>{e(body(u))}</li>")
            b.append("</ol>")

    if basic:
        b.append("<h2>情報セキュリティ基本方針</h2>")
        for ch in basic:
            article(ch.caption, ch.children, ch.text)
    if standard:
        b.append("<h2>情報セキュリティ対策基準</h2>")
        for ci, ch in enumerate(standard):
            b.append(f"<h2>第{ci + 1}章　{e(ch.caption)}</h2>")
            for g in ch.children:
                if is_section(g):
                    b.append(f"<h3>{e(g.caption)}</h3>")
                    if g.children and all(not x.children and not x.caption for x in g.children):
                        article("", g.children, g.text)
                        continue
                    for gg in g.children:
                        article(gg.caption, gg.children, gg.text if gg.children else body(gg))
                else:
                    article(g.caption, g.children, g.text if g.children else body(g))
    return html_doc(title, b)


def outline_html(lines, title):
    """The outline style as Word would hold it: typed numbers, one paragraph each,
    but the ① items as an automatically numbered list."""
    b = []
    in_list = False
    for ln in lines:
        m = re.match(r"^[①-⑳]\s*(.*)$", ln)
        if m:
            if not in_list:
                b.append("<ol>")
                in_list = True
            b.append(f"<li>{html.escape(m.group(1))}</li>")
            continue
        if in_list:
            b.append("</ol>")
            in_list = False
        b.append(f"<p>{html.escape(ln)}</p>" if ln else "")
    if in_list:
        b.append("</ol>")
    return html_doc(title, b)


def to_docx(html_text, out_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make_sets.py: LibreOffice (soffice) is needed for the .docx set")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "policy.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html_text)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "policy.docx"), out_path)


# ---- the sets ---------------------------------------------------------------


def variant(seed, parts, roles):
    cat = reibun.catalog()
    rng = random.Random(seed)
    out_truth = {}
    trees = {}
    for part in ("basic", "standard"):
        if part not in parts:
            continue
        ids = {e["id"] for e in cat if e["part"] == part}
        roots = tree(part, ids)
        decide(roots, rng)
        out_truth.update(truth(roots))
        roots = prune(roots)
        apply_reword(roots, rng, roles)
        trees[part] = roots
    return trees.get("basic"), trees.get("standard"), out_truth, rng


def write_truth(name, truth_map):
    order = [e["id"] for e in reibun.catalog() if e["id"] in truth_map]
    with open(os.path.join(HERE, name + ".truth.tsv"), "w", encoding="utf-8") as f:
        for i in order:
            f.write(f"{i}\t{truth_map[i]}\n")


def plain(part):
    """The unmodified 例文 in the guideline's numbering, every clause covered."""
    ids = {e["id"] for e in reibun.catalog() if e["part"] == part}
    return tree(part, ids), {i: "covered" for i in ids}


def main():
    sets = []

    def add(name, file, part, truth_map):
        write_truth(name, truth_map)
        sets.append((name, file, part))
        counts = {s: list(truth_map.values()).count(s) for s in ("covered", "partial", "missing")}
        print(f"{name}: {file} {counts}")

    # 1. 第N条, both documents in one file, UTF-8
    b, s, t, rng = variant(101, ("basic", "standard"), ROLE_MAPS[0])
    with open(os.path.join(HERE, "set1.txt"), "w", encoding="utf-8") as f:
        f.write(render_jo(b, s, rng, "本町情報セキュリティポリシー"))
    add("set1", "set1.txt", "", t)

    # 2. the guideline's outline, 対策基準 only, Word with automatic numbering
    b, s, t, rng = variant(202, ("standard",), ROLE_MAPS[1])
    lines = render_outline(None, s, rng, "当市情報セキュリティ対策基準")
    to_docx(outline_html(lines, "当市情報セキュリティ対策基準"), os.path.join(HERE, "set2.docx"))
    add("set2", "set2.docx", "standard", t)

    # 3. 第N条 with HTML lists, 対策基準 only
    b, s, t, rng = variant(303, ("standard",), ROLE_MAPS[2])
    with open(os.path.join(HERE, "set3.html"), "w", encoding="utf-8") as f:
        f.write(render_html(None, s, rng, "本村情報セキュリティ対策基準"))
    add("set3", "set3.html", "standard", t)

    # 4. Markdown, both documents
    b, s, t, rng = variant(404, ("basic", "standard"), ROLE_MAPS[3])
    with open(os.path.join(HERE, "set4.md"), "w", encoding="utf-8") as f:
        f.write(render_markdown(b, s, rng, "情報セキュリティポリシー"))
    add("set4", "set4.md", "", t)

    # 5. 基本方針 only, 第N条, Shift_JIS (CP932) as a Windows editor saves it
    b, s, t, rng = variant(505, ("basic",), ROLE_MAPS[4])
    text = render_jo(b, None, rng, "本町情報セキュリティ基本方針")
    with open(os.path.join(HERE, "set5.txt"), "wb") as f:
        f.write(text.replace("\n", "\r\n").encode("cp932"))
    add("set5", "set5.txt", "basic", t)

    # the 例文 itself, in its own numbering: everything covered
    bt, btruth = plain("basic")
    st, struth = plain("standard")
    lines = render_outline(bt, None, random.Random(0), "情報セキュリティポリシー（例文）")
    lines += [""] + render_outline(None, st, random.Random(0), "")[2:]
    with open(os.path.join(HERE, "reibun.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    add("reibun", "reibun.txt", "", {**btruth, **struth})

    with open(os.path.join(HERE, "sets.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\tfile\tpart (empty: both)\n")
        for name, file, part in sets:
            f.write(f"{name}\t{file}\t{part}\n")
        # written by hand (town.txt); its truth file is kept by hand too
        f.write("town\ttown.txt\tbasic\n")


if __name__ == "__main__":
    main()
