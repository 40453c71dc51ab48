"""Parsing a report's heading structure into a tree of sections.

``parse_structure`` matches on the normalised content lines (``Line.norm``: simplified script,
half-width punctuation) and maps every offset back to ``Report.text``. It works in passes:

1. closing zones at the end of the text: a glossary (名词解释, numbered ``1.术语:指…`` lines) and
   the signature/date block; nothing in them is a heading;
2. numbered headings at line starts (一、 (一) 1. (1) ①): a style's level comes from the order in
   which the styles first appear (as in a Word outline), and numbers must continue a sequence;
3. unnumbered closing paragraphs at the end of a part ("…但也存在一些薄弱环节。2018年,我市将…"):
   problems and next-step sections;
4. unnumbered lead-sentence headings ("健全组织领导。正文…", "强化组织,高位推动。正文…"), as
   siblings of numbered headings they parallel (or stand in for) or as children of their part;
5. 一是/二是 enumerations, at paragraph starts or run on inside a paragraph;
6. spans (trimmed to content lines, so trailing boilerplate is never inside), kinds, ids.

Heading length limits, measured on the seeds and the 政府工作报告 samples: numbered headings
written inline ("（一）…。正文") run up to 50 characters in the samples, so the first sentence
after a number is the heading up to 60 characters; an 一是 item's first sentence up to 40
(beyond that it is a statement, not a title); an unnumbered lead sentence up to 24 (the longest
real one in the samples is 24, body sentences that start a paragraph are longer). When the first
sentence is too long, the heading is its leading clause if that is at most 30 characters, else
the heading is empty (the number alone names the section) rather than a truncated sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from .model import Line, Report, Section
from .numerals import chinese_int

NUMBERED_HEADING_MAX = 60
ENUM_HEADING_MAX = 40
LEAD_HEADING_MAX = 24
LONE_LEAD_MAX = 16  # an unnumbered lead with no parallel sibling must be this short
CLAUSE_MAX = 36
STANDALONE_MAX = 80  # a heading line without any sentence punctuation
TAIL_LINES = 3  # a closing paragraph stands within this many lines of the part's end

_CN = "零〇一二三四五六七八九十百两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}

# Line-start markers, tried in order on the normalised line (full-width forms are accepted too,
# so the parser does not depend on the width folding).
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第([{_CN}]{{1,3}})(?:部分|章|篇)\s?[、.．:：,，]?\s?")),
    ("cparen", re.compile(rf"[(（]\s?([{_CN}]{{1,3}})\s?[)）]\s?[、.．,，]?\s?")),
    ("aparen", re.compile(r"[(（]\s?(\d{1,2})\s?[)）]\s?[、.．]?\s?")),
    ("circled", re.compile(r"([\u2460-\u2473])\s?[、.．]?\s?")),
    ("dun", re.compile(rf"([{_CN}]{{1,4}})\s?[、.．]\s?")),
    ("adot", re.compile(r"(\d{1,2})\s?[.、．](?!\s?\d)\s?")),
)
_ARABIC_STYLES = {"aparen", "adot", "circled"}
_SHI = re.compile(rf"(?:^|(?<=[。;；:：,，!！?？\s]))([{_CN}]{{1,3}})是")
_SENT_END = "。;；!！?？"
_COLON = ":："
_CLAUSE_END = ",，:：;；。!！?？"

# An unnumbered lead sentence: short, title-like, ending in 。 with body text after it.
_LEAD = re.compile(rf"[^{_SENT_END}{_COLON}]{{2,{LEAD_HEADING_MAX}}}。")
_BODY_START = re.compile(
    r"^(我|本[市区县镇局]|该|这|此|今年|去年|全年|当年|目前|同时|另外|此外|一年来|近年来|"
    r"多年来|五年来|截至|截止|共有|共计|累计|按照|根据|依据|通过|为了|为|由于|其中|其他|其余|"
    r"主要|如果|如今|在|经过|对于|从而|自从|与此同时|但|而|并|且|又|还|也|都|已|将|要|是|有的|"
    r"各位|每|凡|虽然|因此|所以|总之|一方面|另一方面|首先|其次|最后|随后|下一步|今后|现在)"
)
_WE = re.compile(r"我[市区县镇乡局们委办省州]|本[市区县]")
_DIGIT = re.compile(r"[0-9０-９%％]")
_BAD_LAST = set("了的等时后中呢吗着过地得")

_PROBLEMS_CUE = re.compile(
    r"(存在|面临|还有|仍有|依然有|尚有)[^。;]{0,12}?(问题|不足|短板|差距|挑战|薄弱环节|困难)"
    r"|问题(和|与|及)(挑战|不足|短板|困难)|薄弱环节|不足(和|与|及)短板|不足之处"
)
_NEXT_CUE = re.compile(r"^(下一步|今后|明年|新的一年|下阶段|下一阶段|展望未来|展望)")
_PROBLEMS_HEADING = re.compile(
    r"(存在|面临|主要)的?(问题|不足|困难)|问题(与|和|及)(不足|困难|挑战|短板)|不足(与|和|之处)"
    r"|薄弱环节|短板|差距"
)
_NEXT_HEADING = re.compile(r"下一步|今后|打算|工作安排|工作思路|工作计划|努力方向|展望|工作重点")
_YEAR = re.compile(r"(\d{4})\s?年")
_REVIEW = re.compile(r"回顾|总结|以来|完成情况")

_GLOSSARY_TITLE = re.compile(r"名词解释|名词注释|术语注释|名词、术语|术语解释|名词术语|词语解释|注释$")
_GLOSSARY_ITEM = re.compile(r"^\d{1,3}\s?[.、．]\s?[^。]{1,40}?[:：]")
_DATE_LINE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})\s?年(\s?[\d〇零一二三四五六七八九十]{1,2}\s?月"
    r"(\s?[\d〇零一二三四五六七八九十]{1,3}\s?日)?)?$|^\d{4}\s?[-./]\s?\d{1,2}\s?[-./]\s?\d{1,2}$"
    r"|^\d{5,8}$"
)
_ORG_LINE = re.compile(r"(政府|委员会|[区市县州省镇乡]委|局|办公室|厅|院|中心|小组|办)$")
_TRAIL_PUNCT = "。.;；:：,，!！?？、 \u3000\t"
_LEAD_WORDS = ("但是", "但", "而且", "而", "同时", "也", "还", "仍", "依然")


@dataclass(eq=False)
class _Node:
    pos: int  # original offset of the section's first character
    line: int  # index into report.lines of the line it starts on
    style: str  # marker style, or "lead", "shi", "preamble", "closing", "tail", "para"
    n: int = 0
    number: str = ""
    heading: str = ""
    hnorm: str = ""  # the heading, normalised (for comparisons)
    body_start: int = 0
    kind: str = "heading"
    parent: "_Node | None" = None
    rank: float = 0.0
    inline: bool = False  # the heading line also carries body text


# --------------------------------------------------------------------------- small helpers


def _marker_value(style: str, raw: str) -> int | None:
    if style in ("dun", "cparen", "part"):
        return chinese_int(raw)
    if style == "circled":
        return ord(raw) - 0x245F
    return int(raw)


class _Text:
    """Offsets of content lines, and the map from a line's normalised text to the original."""

    def __init__(self, report: Report):
        self.report = report
        self.lines = report.lines
        self.starts = [ln.start for ln in report.lines]

    def orig(self, li: int, i: int) -> int:
        """Original offset of normalised character ``i`` of line ``li`` (``len`` -> line end)."""
        ln = self.lines[li]
        if i >= len(ln.norm):
            return ln.end
        if ln.norm == ln.text:  # no normalisation happened (or it changed nothing)
            return ln.start + i
        return self.report.norm.to_original(ln.nstart + i)

    def original(self, li: int, a: int, b: int) -> str:
        """Original text of the normalised span ``[a, b)`` of line ``li``."""
        if b <= a:
            return ""
        return self.report.text[self.orig(li, a): self.orig(li, b - 1) + 1]

    def line_at(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def content_end_before(self, boundary: int, floor: int) -> int:
        """End of the last content character before ``boundary`` (never below ``floor``)."""
        i = bisect_left(self.starts, boundary) - 1
        if i < 0:
            return floor
        e = min(self.lines[i].end, boundary)
        text = self.report.text
        while e > floor and text[e - 1] in " \t\u3000\r\n":
            e -= 1
        return max(e, floor)


def _clean_heading(s: str) -> str:
    return s.strip().rstrip(_TRAIL_PUNCT).strip()


def _split_heading(s: str, a: int, end: int, limit: int, short: int = 0) -> tuple[int, int, int]:
    """Heading span and body start in ``s[a:end]``: ``(h_start, h_end, body_start)``.

    The heading is the first sentence when it is at most ``limit`` long (a colon ends it only
    after a short clause), else its leading clause when that is short, else empty. With
    ``short``, a first sentence longer than that gives way to its leading clause (an enumerated
    item's "推进XX制度,我区…" is a title clause followed by a statement).
    """
    while a < end and s[a] == " ":
        a += 1
    p = next((i for i in range(a, end) if s[i] in _SENT_END), None)
    c = next((i for i in range(a, end if p is None else p) if s[i] in _COLON), None)
    if c is not None and c - a <= 20:
        p = c
    stop = end if p is None else p
    q = next((i for i in range(a, stop) if s[i] in ",，:：;；"), None)
    clause_ok = q is not None and 2 <= q - a <= CLAUSE_MAX
    if short and stop - a > short and clause_ok:
        return a, q, q + 1
    if p is None:
        if end - a <= STANDALONE_MAX:
            return a, end, end
    elif p - a <= limit:
        return a, p, p + 1
    if clause_ok:
        return a, q, q + 1
    return a, a, a


def _lead_title(s: str) -> int | None:
    """Length of a title-like lead sentence of ``s`` (without its 。), or None."""
    m = _LEAD.match(s)
    if not m:
        return None
    lead = m.group(0)[:-1].strip()
    if len(lead) < 3 or len(s) - m.end() < 8:  # a title is followed by its body on the line
        return None
    if _DIGIT.search(lead) or _BODY_START.match(lead) or _WE.search(lead):
        return None
    if lead[-1] in _BAD_LAST or lead.count(",") + lead.count("，") > 1:
        return None
    if lead.count("“") != lead.count("”") or lead.count("《") != lead.count("》"):
        return None
    return m.end() - 1


def _shape(h: str) -> tuple[int, ...]:
    return tuple(len(c) for c in re.split(r"[,，]", h))


def _same_shape(a: str, b: str) -> bool:
    """Couplets of the same shape: 强化组织,高位推动 / 强化督导,压实责任."""
    sa, sb = _shape(a), _shape(b)
    return len(sa) >= 2 and sa == sb and min(sa) >= 2


def _parallel(a: str, b: str) -> bool:
    """Do two headings look like siblings (same couplet shape, or similar length)?"""
    if not a or not b:
        return False
    sa, sb = _shape(a), _shape(b)
    if len(sa) != len(sb):
        return False
    if len(sa) >= 2 and sa == sb:
        return True
    la, lb = len(a), len(b)
    return min(la, lb) >= 0.6 * max(la, lb) and abs(la - lb) <= 8


def _is_signature(norm: str, signature: str | None) -> bool:
    s = norm.strip()
    if not s or len(s) > 40 or any(ch in s for ch in "。;:!?,"):
        return False
    if _DATE_LINE.match(s.replace(" ", "")):
        return True
    if signature and s.replace(" ", "") == signature.replace(" ", ""):
        return True
    return not _DIGIT.search(s) and all(_ORG_LINE.search(part) for part in s.split())


def _match_marker(norm: str) -> tuple[str, int, int] | None:
    """(style, number, marker length) of a numbered heading at the start of a line."""
    for style, rx in _MARKERS:
        m = rx.match(norm)
        if not m:
            continue
        n = _marker_value(style, m.group(1))
        if n is None or n > 99:
            return None
        rest = norm[m.end():]
        if not rest or (style in _ARABIC_STYLES and rest[0].isdigit()):
            return None  # "2. 5万" is a broken decimal, "1、2月" a list of months
        if style == "dun" and rest[0] in _CN and len(rest) > 1 and rest[1] in "、季月年等个":
            return None  # 一、二季度
        return style, n, m.end()
    return None


def _plausible(style: str, n: int, prev: int | None) -> bool:
    """Does number ``n`` continue a list whose previous number was ``prev``?"""
    if prev is None:
        return n == 1 or (style not in _ARABIC_STYLES and n <= 3)
    if n == prev + 1 or n == 1:
        return True
    return style not in _ARABIC_STYLES and n == prev + 2  # one sibling lost its number


# --------------------------------------------------------------------------- the parser


def _pos(node: _Node) -> int:
    return node.pos


class _Parser:
    def __init__(self, report: Report):
        self.r = report
        self.t = _Text(report)
        self.lines: tuple[Line, ...] = report.lines
        self.nodes: list[_Node] = []
        self.main_end = len(self.lines)  # lines from here on are closing zones
        self.zone_nodes: list[_Node] = []

    # --- node list ---------------------------------------------------------
    # self.nodes is kept in text order, so lookups bisect on the start offset
    def add(self, node: _Node) -> None:
        self.nodes.insert(bisect_right(self.nodes, node.pos, key=_pos), node)

    def before(self, pos: int) -> _Node | None:
        """The last section starting before ``pos``: the deepest one containing it."""
        i = bisect_left(self.nodes, pos, key=_pos)
        return self.nodes[i - 1] if i else None

    def after(self, pos: int) -> _Node | None:
        i = bisect_right(self.nodes, pos, key=_pos)
        return self.nodes[i] if i < len(self.nodes) else None

    def heading_node(self, node: _Node, li: int, a: int, end: int, limit: int, short: int = 0) -> _Node:
        norm = self.lines[li].norm
        h0, h1, b = _split_heading(norm, a, end, limit, short)
        node.heading = _clean_heading(self.t.original(li, h0, h1))
        node.hnorm = _clean_heading(norm[h0:h1])
        node.body_start = self.t.orig(li, b) if b < len(norm) else self.lines[li].end
        node.inline = bool(norm[b:end].strip())
        return node

    # --- pass 1: closing zones -----------------------------------------------
    def find_closing_zones(self) -> None:
        lines, sig = self.lines, self.r.meta.signature
        n = len(lines)
        i = n
        while i > 1 and _is_signature(lines[i - 1].norm, sig) and not _match_marker(lines[i - 1].norm):
            i -= 1
        zones: list[tuple[int, int, str]] = []
        if i < n:
            zones.append((i, n, "signature"))
        g = self._glossary_start(i)
        if g is not None:
            zones.append((g, i, "glossary"))
            j = g
            while j > 1 and _is_signature(lines[j - 1].norm, sig) and not _match_marker(lines[j - 1].norm):
                j -= 1
            if j < g:
                zones.append((j, g, "signature"))
        if not zones or min(z[0] for z in zones) == 0:
            return
        self.main_end = min(z[0] for z in zones)
        for a, b, what in zones:
            ln = lines[a]
            node = _Node(pos=ln.start, line=a, style="closing", kind="closing", body_start=ln.start)
            if what == "glossary" and not _GLOSSARY_ITEM.match(ln.norm):
                node.heading = _clean_heading(ln.text)
                node.hnorm = _clean_heading(ln.norm)
                node.body_start = ln.end
            self.zone_nodes.append(node)

    def _glossary_start(self, end: int) -> int | None:
        lines = self.lines
        # a run of at least three glossary items reaching the end of the text
        k = end
        while k > 0 and _GLOSSARY_ITEM.match(lines[k - 1].norm):
            k -= 1
        title = None
        for j in range(max(k - 3, 0), k):
            s = lines[j].norm
            if len(s) <= 40 and _GLOSSARY_TITLE.search(s):
                title = j
                break
        if title is None:
            # without a 名词解释 title, a numbered list ending the report is a glossary only if
            # its items define terms ("术语:指…"); "1.加强领导:…" closing a plan is content
            items = [lines[j].norm for j in range(k, end)]
            defining = sum(1 for x in items if re.search(r"[:：]\s?(是指|指|即)", x))
            if len(items) < 3 or defining * 2 < len(items):
                return None
            return k
        if end == k:
            return None
        start = title
        while start > 1 and len(lines[start - 1].norm) <= 40 and "附件" in lines[start - 1].norm:
            start -= 1
        return start

    # --- pass 2: numbered headings ---------------------------------------------
    def numbered_headings(self) -> None:
        rank_of: dict[str, int] = {}
        stack: list[_Node] = []
        last_child: dict[tuple[int, str], int] = {}  # (id(parent), style) -> last number
        for li in range(self.main_end):
            norm = self.lines[li].norm
            m = _match_marker(norm)
            if not m:
                continue
            style, n, mlen = m
            rank = rank_of.get(style, len(rank_of))
            chain = [x for x in stack if x.rank < rank]
            parent = chain[-1] if chain else None
            key = (id(parent), style)
            if not _plausible(style, n, last_child.get(key)):
                continue
            rank_of.setdefault(style, rank)
            last_child[key] = n
            ln = self.lines[li]
            node = _Node(pos=ln.start, line=li, style=style, n=n, parent=parent, rank=rank)
            node.number = self.t.original(li, 0, mlen).strip()
            self.heading_node(node, li, mlen, len(norm), NUMBERED_HEADING_MAX)
            stack = chain + [node]
            self.nodes.append(node)

    # --- pass 3: unnumbered closing paragraphs -----------------------------------
    def closing_paragraphs(self) -> None:
        starts = {x.line for x in self.nodes}
        li = 0
        while li < self.main_end:
            if li in starts:
                li += 1
                continue
            ln = self.lines[li]
            x = self.before(ln.start)
            nxt = self.after(ln.start)
            if x is None or self._in_closing_part(x):
                li += 1
                continue
            tail_end = nxt.line if nxt is not None else self.main_end
            if tail_end - li > TAIL_LINES:
                li += 1
                continue
            if nxt is not None and not nxt.rank < x.rank:
                li += 1
                continue
            sentences = _sentences(ln.norm)
            first = sentences[0][1] if sentences else ""
            prob = _PROBLEMS_CUE.search(first[:120])
            if not prob and not (nxt is None and _NEXT_CUE.match(first)):
                li += 1
                continue
            parent = None
            if nxt is not None:
                parent = x
                while parent is not None and parent.rank > nxt.rank:
                    parent = parent.parent
                parent = parent if parent is not None and parent.rank == nxt.rank else None
                if parent is None:
                    li += 1
                    continue
            self._add_closing_paragraph(li, sentences, prob, parent)
            # the following lines up to the part's end: a next-step paragraph starts its own section
            for lj in range(li + 1, tail_end if parent is None else li + 1):
                s2 = _sentences(self.lines[lj].norm)
                if s2 and _starts_next(s2[0][1]):
                    self._add_closing_paragraph(lj, s2, None, parent, only_next=True)
                    break
            li = tail_end
        return

    def _in_closing_part(self, x: _Node) -> bool:
        while x is not None:
            if x.kind in ("problems", "next_steps", "closing"):
                return True
            x = x.parent
        return False

    def _add_closing_paragraph(self, li, sentences, prob, parent, only_next: bool = False) -> None:
        ln = self.lines[li]
        norm = ln.norm
        rank = (parent.rank + 0.5) if parent is not None else 0.0
        split_at = None
        if not only_next and prob is not None and parent is None:
            for a, sent in sentences[1:]:
                if _starts_next(sent):
                    split_at = a
                    break
        if prob is not None and not only_next:
            node = _Node(pos=ln.start, line=li, style="tail", kind="problems", parent=parent, rank=rank)
            h0, h1 = _clause_around(norm, prob.start())
            node.heading = _clean_heading(self.t.original(li, h0, h1))
            node.hnorm = _clean_heading(norm[h0:h1])
            node.body_start = ln.start
            self.add(node)
        else:
            split_at = 0
        if split_at is not None:
            pos = self.t.orig(li, split_at)
            node = _Node(pos=pos, line=li, style="tail", kind="next_steps", parent=parent, rank=rank)
            h1 = _clauses_upto(norm, split_at, 50)
            node.heading = _clean_heading(self.t.original(li, split_at, h1))
            node.hnorm = _clean_heading(norm[split_at:h1])
            node.body_start = pos
            self.add(node)

    # --- pass 4: unnumbered lead-sentence headings --------------------------------
    def lead_headings(self) -> None:
        starts = {x.line for x in self.nodes if x.pos == self.lines[x.line].start}
        for li in range(self.main_end):
            if li in starts:
                continue
            ln = self.lines[li]
            if _SHI.match(ln.norm):
                continue
            h = _lead_title(ln.norm)
            if h is None:
                continue
            x = self.before(ln.start)
            if x is None or x.kind != "heading" or x.style in ("shi", "para"):
                continue
            hnorm = _clean_heading(ln.norm[:h])
            nxt = self.after(ln.start)
            parent: _Node | None
            if x.style == "lead":
                # another lead sentence after one: a sibling, if it reads like one
                if not (_parallel(hnorm, x.hnorm) or len(hnorm) <= LONE_LEAD_MAX):
                    continue
                parent, rank = x.parent, x.rank
            elif nxt is not None and nxt.parent is x:
                # before x's first numbered child: a sibling of that child whose number is lost
                if not ((nxt.n > 1 and self._gap(nxt)) or _same_shape(hnorm, nxt.hnorm)):
                    continue
                parent, rank = x, nxt.rank
            elif x.inline and (
                _same_shape(hnorm, x.hnorm) or (self._gap(x) and _parallel(hnorm, x.hnorm))
            ):
                parent, rank = x.parent, x.rank  # parallels the numbered point just before it
            else:
                if not self._child_lead_ok(x, li, len(hnorm)):
                    continue
                parent, rank = x, x.rank + 0.5
            node = _Node(pos=ln.start, line=li, style="lead", parent=parent, rank=rank)
            node.heading = _clean_heading(self.t.original(li, 0, h))
            node.hnorm = hnorm
            node.body_start = self.t.orig(li, h + 1)
            node.inline = True
            self.add(node)

    def _gap(self, x: _Node) -> bool:
        """Is a number missing among x and its numbered siblings (一 lost, 二 present)?"""
        nums = sorted(y.n for y in self.nodes if y.parent is x.parent and y.style == x.style)
        return bool(nums) and (nums[0] > 1 or any(b - a > 1 for a, b in zip(nums, nums[1:])))

    def _child_lead_ok(self, x: _Node, li: int, length: int) -> bool:
        """Is a lead sentence in x's own text a sub-heading of x (not a body sentence)?"""
        nxt = self.after(x.pos)
        end = nxt.line if nxt is not None else self.main_end
        first = x.line + 1 if x.pos == self.lines[x.line].start else x.line
        count = sum(
            1 for lj in range(first, end)
            if not _SHI.match(self.lines[lj].norm) and _lead_title(self.lines[lj].norm) is not None
        )
        if count >= 2:
            return True
        return length <= LONE_LEAD_MAX and li == first and not x.inline

    # --- pass 5: 一是/二是 enumerations ---------------------------------------------
    def enumerations(self) -> None:
        groups: dict[int, list[tuple[int, int, int, int]]] = {}  # id(node) -> (pos, li, i, n)
        owners: dict[int, _Node] = {}
        for li in range(self.main_end):
            norm = self.lines[li].norm
            for m in _SHI.finditer(norm):
                n = chinese_int(m.group(1))
                if n is None or n > 30:
                    continue
                pos = self.t.orig(li, m.start(1))
                x = self.before(pos + 1)
                if x is None or x.kind == "closing" or x.style == "preamble" or pos < x.body_start:
                    continue
                groups.setdefault(id(x), []).append((pos, li, m.start(1), n))
                owners[id(x)] = x
        for key, occ in groups.items():
            x = owners[key]
            for run in _runs(occ):
                self._add_run(x, run)

    def _add_run(self, x: _Node, run: list[tuple[int, int, int, int]]) -> None:
        nodes: list[_Node] = []
        for k, (pos, li, i, n) in enumerate(run):
            norm = self.lines[li].norm
            mend = i + len(_num_cn(norm, i)) + 1  # past "X是"
            end = len(norm)
            if k + 1 < len(run) and run[k + 1][1] == li:
                end = run[k + 1][2]
            node = _Node(pos=pos, line=li, style="shi", n=n, parent=x, rank=x.rank + 0.25)
            node.number = self.t.original(li, i, mend)
            self.heading_node(node, li, mend, end, ENUM_HEADING_MAX, LEAD_HEADING_MAX)
            nodes.append(node)
        # items that are statements rather than titled points ("一是建立了2个专区…") stay body text
        if sum(1 for x in nodes if x.heading) * 2 < len(nodes):
            return
        for node in nodes:
            self.add(node)

    # --- fallback for reports without numbered headings ---------------------------
    def paragraph_sections(self) -> None:
        """Lead-sentence headings at the top level, else one section per paragraph."""
        leads = [li for li in range(1, self.main_end) if _lead_title(self.lines[li].norm) is not None]
        if len(leads) >= 2:
            for li in leads:
                ln = self.lines[li]
                h = _lead_title(ln.norm)
                node = _Node(pos=ln.start, line=li, style="lead", rank=0.0)
                node.heading = _clean_heading(self.t.original(li, 0, h))
                node.hnorm = _clean_heading(ln.norm[:h])
                node.body_start = self.t.orig(li, h + 1)
                self.nodes.append(node)
            return
        # the preamble is the title block and the first paragraph; every later paragraph a section
        first_para = next(
            (li for li in range(self.main_end) if len(self.lines[li].norm) > 40), None
        )
        if first_para is None or self.main_end - first_para < 3:
            return
        for li in range(first_para + 1, self.main_end):
            ln = self.lines[li]
            node = _Node(pos=ln.start, line=li, style="para", rank=0.0)
            self.heading_node(node, li, 0, len(ln.norm), ENUM_HEADING_MAX)
            self.nodes.append(node)

    # --- pass 6: spans, kinds, ids -----------------------------------------------------
    def kinds(self) -> None:
        top_years: list[int] = []
        year = self.r.meta.year
        for x in self.nodes:
            if x.style in ("tail", "closing", "shi", "lead", "para") or x.kind != "heading":
                continue
            h = x.hnorm
            if _PROBLEMS_HEADING.search(h):
                x.kind = "problems"
            elif _NEXT_HEADING.search(h):
                x.kind = "next_steps"
            elif x.parent is None:
                ys = [int(y) for y in _YEAR.findall(h)]
                if ys and not _REVIEW.search(h) and (
                    (year is not None and max(ys) > year) or any(y - 1 in top_years for y in ys)
                ):
                    x.kind = "next_steps"
            if x.parent is None:
                top_years.extend(int(y) for y in _YEAR.findall(h))

    def sections(self) -> tuple[Section, ...]:
        if not self.lines:
            return ()
        nodes = list(self.nodes)
        main = self.lines[: self.main_end]
        if main and (not nodes or main[0].start < nodes[0].pos):
            first = main[0]
            nodes.insert(0, _Node(pos=first.start, line=0, style="preamble", kind="preamble",
                                  body_start=first.start))
        nodes.extend(sorted(self.zone_nodes, key=lambda z: z.pos))
        depth: dict[int, int] = {}

        def level(x: _Node) -> int:
            if id(x) in depth:
                return depth[id(x)]
            if x.parent is None:
                lv = 0 if x.kind in ("preamble", "closing") or x.style == "tail" else 1
            else:
                lv = level(x.parent) + 1
            depth[id(x)] = lv
            return lv

        def is_ancestor(a: _Node, b: _Node) -> bool:
            p = b.parent
            while p is not None:
                if p is a:
                    return True
                p = p.parent
            return False

        doc_end = self.lines[-1].end
        ids = {id(x): f"s{k + 1}" for k, x in enumerate(nodes)}
        out = []
        for k, x in enumerate(nodes):
            boundary = doc_end
            for y in nodes[k + 1:]:
                if not is_ancestor(x, y):
                    boundary = y.pos
                    break
            end = self.t.content_end_before(boundary, x.pos)
            body_start = min(max(x.body_start, x.pos), max(end, x.pos))
            out.append(
                Section(
                    id=ids[id(x)],
                    parent=ids[id(x.parent)] if x.parent is not None else None,
                    level=level(x),
                    number=x.number,
                    heading=x.heading,
                    kind=x.kind,  # type: ignore[arg-type]
                    start=x.pos,
                    end=end,
                    body_start=body_start,
                )
            )
        return tuple(out)


def _num_cn(s: str, i: int) -> str:
    j = i
    while j < len(s) and s[j] in _CN:
        j += 1
    return s[i:j]


def _runs(occ: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """Runs 一是, 二是, 三是 … (at least two items) among the occurrences, in order."""
    runs: list[list[tuple[int, int, int, int]]] = []
    cur: list[tuple[int, int, int, int]] = []
    for o in sorted(occ):
        n = o[3]
        if n == 1:
            if len(cur) >= 2:
                runs.append(cur)
            cur = [o]
        elif cur and n == cur[-1][3] + 1:
            cur.append(o)
    if len(cur) >= 2:
        runs.append(cur)
    return runs


def _sentences(s: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of ``s``, split after 。！？."""
    out, a = [], 0
    for m in re.finditer(r"[。!?！？]", s):
        if m.end() > a:
            out.append((a, s[a:m.end()]))
        a = m.end()
    if a < len(s) and s[a:].strip():
        out.append((a, s[a:]))
    return out


def _starts_next(sentence: str) -> bool:
    """Does a sentence open the next-step part (下一步…, 2018年,我市将继续…)?"""
    if _NEXT_CUE.match(sentence):
        return True
    head = sentence[:16]
    return "将" in head and "将军" not in head and "即将" not in head


def _clause_around(s: str, i: int) -> tuple[int, int]:
    """The clause of ``s`` around offset ``i``, without leading 但/也/同时."""
    a = i
    while a > 0 and s[a - 1] not in _CLAUSE_END:
        a -= 1
    b = i
    while b < len(s) and s[b] not in _CLAUSE_END:
        b += 1
    changed = True
    while changed:
        changed = False
        for w in _LEAD_WORDS:
            if s.startswith(w, a) and b - a > len(w) + 2:
                a += len(w)
                changed = True
    return a, b


def _clauses_upto(s: str, a: int, limit: int) -> int:
    """End of the leading clauses of ``s`` from ``a``: at least 8 characters, at most ``limit``.

    A bare "2018年," or "下一步," says nothing, so the next clause joins it; a first clause
    longer than ``limit`` gives an empty heading rather than a truncated sentence.
    """
    end = a
    for i in range(a, len(s)):
        if s[i] in _CLAUSE_END or i == len(s) - 1:
            j = i if s[i] in _CLAUSE_END else i + 1
            if j - a > limit:
                break
            end = j
            if s[i] in _SENT_END or end - a >= 8:
                break
    return end


def parse_structure(report: Report) -> Report:
    """Return the report with its ``sections`` (the outline tree) filled in."""
    p = _Parser(report)
    p.find_closing_zones()
    p.numbered_headings()
    if not p.nodes:
        p.paragraph_sections()
    p.closing_paragraphs()
    p.lead_headings()
    p.enumerations()
    p.kinds()
    return replace(report, sections=p.sections())
