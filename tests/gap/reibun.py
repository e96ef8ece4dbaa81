"""
reibun.py — the guideline's two sample texts (例文) as numbered paragraphs.

Reads ../shared/guideline/mic-guideline-r2.12.txt (the PDF text: every other
line blank, paragraphs wrapped at a fixed width, the chapter numbers of the
headings lost) and returns, for the 基本方針 and the 対策基準, a list of
Node(id, caption, text) in document order, where id is the clause id of the
catalog (DESIGN.md) and caption the heading the paragraph carries, if any.

Used by make_sets.py only; the paragraphs are checked against the catalog's
ids so that a misread line fails loudly instead of producing a wrong truth.
"""
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
GUIDELINE = os.path.normpath(os.path.join(ROOT, "..", "shared", "guideline",
                                          "mic-guideline-r2.12.txt"))
CATALOG_FILES = ["p", "ch1", "ch2", "ch3", "ch4", "ch5", "ch6a", "ch6b", "ch7", "ch8", "ch9"]

# Line ranges of the two 例文 in the R2.12 text (notes/00-whole-document.md).
BASIC = (922, 1191)
STANDARD = (1198, 3785)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KATA = "アイウエオカキクケコサシスセソタチツテト"


@dataclass
class Node:
    id: str
    caption: str = ""
    text: str = ""
    children: list = field(default_factory=list)


def catalog():
    out = []
    for f in CATALOG_FILES:
        with open(os.path.join(ROOT, "catalog", f + ".json"), encoding="utf-8") as fh:
            out.extend(json.load(fh))
    return out


def nfkc(s):
    return unicodedata.normalize("NFKC", s)


def join_wrapped(a, b):
    """Joins a wrapped line: no space between Japanese characters, one
    between Latin words (the PDF keeps 'CISO に' with a space)."""
    if not a:
        return b
    if a[-1].isascii() and a[-1].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " " + b
    return a + b


MARK_GROUP = re.compile(r"^[(（]\s*([0-9０-９]+)\s*[)）]\s*(?!の)(.*)$")
MARK_ITEM = re.compile(r"^([①-⑳])\s*(.*)$")
MARK_SUB = re.compile(r"^[（(]([ア-ト])[）)]\s*(.*)$")


def lines(rng):
    with open(GUIDELINE, encoding="utf-8") as fh:
        all_lines = fh.read().split("\n")
    for i in range(rng[0] - 1, rng[1]):
        t = all_lines[i].strip()
        if t:
            yield i + 1, t


def headings(cat, part):
    """(chapter titles in order, {chapter: [section titles]}) from the catalog."""
    chapters, sections = [], {}
    for e in cat:
        if e["part"] != part:
            continue
        if e["chapter"] not in chapters:
            chapters.append(e["chapter"])
            sections[e["chapter"]] = []
        s = e.get("section")
        if s and s not in sections[e["chapter"]]:
            sections[e["chapter"]].append(s)
    return chapters, sections


def squash(s):
    return re.sub(r"\s+", "", nfkc(s))


def parse(part):
    """Returns a flat list of Node in document order, ids per the contract."""
    cat = catalog()
    chapters, sections = headings(cat, part)
    ch_index = {squash(c): i + 1 for i, c in enumerate(chapters)}
    rng = BASIC if part == "basic" else STANDARD
    prefix = "P" if part == "basic" else ""
    nodes = []
    ch = sec = grp = item = sub = 0
    chapter_name = None
    cur = None

    def new(idparts, caption="", text=""):
        nonlocal cur
        cur = Node(prefix + ".".join(str(x) for x in idparts), caption, text)
        nodes.append(cur)

    def base():
        return [ch] + ([sec] if sec else [])

    for ln, t in lines(rng):
        q = squash(t)
        if q in ch_index and (cur is None or cur.text or cur.caption) and ch_index[q] == ch + 1:
            ch, sec, grp, item, sub = ch_index[q], 0, 0, 0, 0
            chapter_name = chapters[ch - 1]
            new([ch], caption=nfkc(t).strip())
            continue
        secs = [squash(s) for s in sections.get(chapter_name, [])]
        if q in secs and secs.index(q) + 1 == sec + 1:
            sec, grp, item, sub = secs.index(q) + 1, 0, 0, 0
            new(base(), caption=nfkc(t).strip())
            continue
        m = MARK_GROUP.match(t)
        if m and int(nfkc(m.group(1))) == grp + 1:
            grp, item, sub = int(nfkc(m.group(1))), 0, 0
            rest = m.group(2).strip()
            # "(１) ネットワーク" is a caption; a sentence is text.
            if rest.endswith("。") or len(rest) > 30:
                new(base() + [grp], text=rest)
            else:
                new(base() + [grp], caption=rest)
            continue
        m = MARK_ITEM.match(t)
        if m and CIRCLED.index(m.group(1)) + 1 == item + 1:
            item, sub = CIRCLED.index(m.group(1)) + 1, 0
            new(base() + ([grp] if grp else []) + [item], text=m.group(2).strip())
            continue
        m = MARK_SUB.match(t)
        if m and KATA.index(m.group(1)) + 1 == sub + 1:
            sub = KATA.index(m.group(1)) + 1
            new(base() + ([grp] if grp else []) + [item, sub], text=m.group(2).strip())
            continue
        if cur is None:
            continue
        # A bullet starts a new line of the same paragraph.
        if t.startswith("・"):
            cur.text += "\n" + t
        else:
            cur.text = join_wrapped(cur.text, t)
    return nodes


def fix_captions(nodes):
    """An item whose whole text is a short phrase ("①管理責任") is a caption."""
    for n in nodes:
        if n.text and not n.caption and not re.search(r"[。）)]$", n.text) and len(n.text) <= 30:
            n.caption, n.text = n.text, ""
    return nodes


def clauses(part):
    """The numbered paragraphs of one 例文 keyed by catalog id: the nodes whose
    id is a catalog id; headings that are not clauses are kept too (they carry
    chapter and article captions) and marked by their id not being in the
    catalog."""
    return fix_captions(parse(part))


if __name__ == "__main__":
    cat = catalog()
    for part in ("basic", "standard"):
        ids = [e["id"] for e in cat if e["part"] == part]
        got = clauses(part)
        gids = [n.id for n in got]
        missing = [i for i in ids if i not in gids]
        print(part, len(ids), "catalog;", len(got), "nodes; missing:", missing)
        for n in got:
            flag = "" if n.id in ids else "  (heading)"
            print(f"  {n.id:12} [{n.caption}] {n.text[:60]!r}{flag}")
