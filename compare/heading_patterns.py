"""What a heading line looks like: number markers, lead sentences, where the heading ends.

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

from .clauses import SENTENCE_END
from .numerals import chinese_int

NUMBERED_HEADING_MAX = 60
ENUM_HEADING_MAX = 40
LEAD_HEADING_MAX = 24
LONE_LEAD_MAX = 16  # an unnumbered lead with no parallel sibling must be this short
CLAUSE_MAX = 36
STANDALONE_MAX = 80  # a heading line without any sentence punctuation

_CN = "零〇一二三四五六七八九十百两"

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
# an enumerated item 一是/二是 at a paragraph start or after a sentence or clause
SHI_ITEM = re.compile(rf"(?:^|(?<=[。;；:：,，!！?？\s]))([{_CN}]{{1,3}})是")
_COLON = ":："
DIGIT = re.compile(r"[0-9０-９%％]")

# An unnumbered lead sentence: short, title-like, ending in 。 with body text after it.
_LEAD = re.compile(rf"[^{SENTENCE_END}{_COLON}]{{2,{LEAD_HEADING_MAX}}}。")
_BODY_START = re.compile(
    r"^(我|本[市区县镇局]|该|这|此|今年|去年|全年|当年|目前|同时|另外|此外|一年来|近年来|"
    r"多年来|五年来|截至|截止|共有|共计|累计|按照|根据|依据|通过|为了|为|由于|其中|其他|其余|"
    r"主要|如果|如今|在|经过|对于|从而|自从|与此同时|但|而|并|且|又|还|也|都|已|将|要|是|有的|"
    r"各位|每|凡|虽然|因此|所以|总之|一方面|另一方面|首先|其次|最后|随后|下一步|今后|现在)"
)
_WE = re.compile(r"我[市区县镇乡局们委办省州]|本[市区县]")
_BAD_LAST = set("了的等时后中呢吗着过地得")
_TRAIL_PUNCT = "。.;；:：,，!！?？、 \u3000\t"


def _marker_value(style: str, raw: str) -> int | None:
    if style in ("dun", "cparen", "part"):
        return chinese_int(raw)
    if style == "circled":
        return ord(raw) - 0x245F
    return int(raw)


def clean_heading(s: str) -> str:
    """A heading without surrounding space and trailing punctuation."""
    return s.strip().rstrip(_TRAIL_PUNCT).strip()


def split_heading(s: str, a: int, end: int, limit: int, short: int = 0) -> tuple[int, int, int]:
    """Heading span and body start in ``s[a:end]``: ``(h_start, h_end, body_start)``.

    The heading is the first sentence when it is at most ``limit`` long (a colon ends it only
    after a short clause), else its leading clause when that is short, else empty. With
    ``short``, a first sentence longer than that gives way to its leading clause (an enumerated
    item's "推进XX制度,我区…" is a title clause followed by a statement).
    """
    while a < end and s[a] == " ":
        a += 1
    p = next((i for i in range(a, end) if s[i] in SENTENCE_END), None)
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


def lead_title(s: str) -> int | None:
    """Length of a title-like lead sentence of ``s`` (without its 。), or None."""
    m = _LEAD.match(s)
    if not m:
        return None
    lead = m.group(0)[:-1].strip()
    if len(lead) < 3 or len(s) - m.end() < 8:  # a title is followed by its body on the line
        return None
    if DIGIT.search(lead) or _BODY_START.match(lead) or _WE.search(lead):
        return None
    if lead[-1] in _BAD_LAST or lead.count(",") + lead.count("，") > 1:
        return None
    if lead.count("“") != lead.count("”") or lead.count("《") != lead.count("》"):
        return None
    return m.end() - 1


def _shape(h: str) -> tuple[int, ...]:
    return tuple(len(c) for c in re.split(r"[,，]", h))


def same_shape(a: str, b: str) -> bool:
    """Couplets of the same shape: 强化组织,高位推动 / 强化督导,压实责任."""
    sa, sb = _shape(a), _shape(b)
    return len(sa) >= 2 and sa == sb and min(sa) >= 2


def parallel(a: str, b: str) -> bool:
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


def match_marker(norm: str) -> tuple[str, int, int] | None:
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


def plausible(style: str, n: int, prev: int | None) -> bool:
    """Does number ``n`` continue a list whose previous number was ``prev``?"""
    if prev is None:
        return n == 1 or (style not in _ARABIC_STYLES and n <= 3)
    if n == prev + 1 or n == 1:
        return True
    return style not in _ARABIC_STYLES and n == prev + 2  # one sibling lost its number


def numeral_prefix(s: str, i: int) -> str:
    """The Chinese numeral starting at ``s[i]`` (二 of 二是, 十一 of 十一是)."""
    j = i
    while j < len(s) and s[j] in _CN:
        j += 1
    return s[i:j]


def enumeration_runs(occ: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
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

