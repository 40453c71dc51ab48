"""Closing parts: the glossary and signature zones, problems and next-steps sections, kinds.

Closing zones at the end of the text (a glossary — 名词解释, numbered ``1.术语:指…`` lines —
and the signature/date block) hold no heading. Unnumbered closing paragraphs at the end of a
part ("…但也存在一些薄弱环节。2018年,我市将…") become problems and next-step sections, and
numbered headings that name such a part (存在的问题, 下一步工作打算, a later year's plan) get
that kind.
"""

from __future__ import annotations

import re

from .clauses import clause_around, clauses_upto, sentences
from .heading_patterns import DIGIT, clean_heading, match_marker
from .outline import Candidate, Outline

# --------------------------------------------------------------------------- closing zones

_GLOSSARY_TITLE = re.compile(r"名词解释|名词注释|术语注释|名词、术语|术语解释|名词术语|词语解释|注释$")
_GLOSSARY_ITEM = re.compile(r"^\d{1,3}\s?[.、．]\s?[^。]{1,40}?[:：]")


def closing_zones(o: Outline) -> Outline:
    """Set the glossary and signature/date zones at the end of the text apart (no headings there)."""
    lines, sig = o.lines, o.report.meta.signature
    n = len(lines)
    i = n
    while i > 1 and _is_signature(lines[i - 1].norm, sig) and not match_marker(lines[i - 1].norm):
        i -= 1
    zones: list[tuple[int, int, str]] = []
    if i < n:
        zones.append((i, n, "signature"))
    g = _glossary_start(o, i)
    if g is not None:
        zones.append((g, i, "glossary"))
        j = g
        while j > 1 and _is_signature(lines[j - 1].norm, sig) and not match_marker(lines[j - 1].norm):
            j -= 1
        if j < g:
            zones.append((j, g, "signature"))
    if not zones or min(z[0] for z in zones) == 0:
        return o
    o.main_end = min(z[0] for z in zones)
    for a, b, what in zones:
        ln = lines[a]
        node = Candidate(pos=ln.start, line=a, style="closing", kind="closing", body_start=ln.start)
        if what == "glossary" and not _GLOSSARY_ITEM.match(ln.norm):
            node.heading = clean_heading(ln.text)
            node.hnorm = clean_heading(ln.norm)
            node.body_start = ln.end
        o.zone_nodes.append(node)
    return o


def _glossary_start(o: Outline, end: int) -> int | None:
    lines = o.lines
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


_DATE_LINE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})\s?年(\s?[\d〇零一二三四五六七八九十]{1,2}\s?月"
    r"(\s?[\d〇零一二三四五六七八九十]{1,3}\s?日)?)?$|^\d{4}\s?[-./]\s?\d{1,2}\s?[-./]\s?\d{1,2}$"
    r"|^\d{5,8}$"
)
_ORG_LINE = re.compile(r"(政府|委员会|[区市县州省镇乡]委|局|办公室|厅|院|中心|小组|办)$")


def _is_signature(norm: str, signature: str | None) -> bool:
    s = norm.strip()
    if not s or len(s) > 40 or any(ch in s for ch in "。;:!?,"):
        return False
    if _DATE_LINE.match(s.replace(" ", "")):
        return True
    if signature and s.replace(" ", "") == signature.replace(" ", ""):
        return True
    return not DIGIT.search(s) and all(_ORG_LINE.search(part) for part in s.split())


# --------------------------------------------------------------------------- closing paragraphs

TAIL_LINES = 3  # a closing paragraph stands within this many lines of the part's end
_PROBLEMS_CUE = re.compile(
    r"(存在|面临|还有|仍有|依然有|尚有)[^。;]{0,12}?(问题|不足|短板|差距|挑战|薄弱环节|困难)"
    r"|问题(和|与|及)(挑战|不足|短板|困难)|薄弱环节|不足(和|与|及)短板|不足之处"
)
_NEXT_CUE = re.compile(r"^(下一步|今后|明年|新的一年|下阶段|下一阶段|展望未来|展望)")


def closing_paragraphs(o: Outline) -> Outline:
    """Unnumbered problems and next-steps paragraphs within a few lines of a part's end."""
    starts = {x.line for x in o.nodes}
    li = 0
    while li < o.main_end:
        if li in starts:
            li += 1
            continue
        ln = o.lines[li]
        x = o.before(ln.start)
        nxt = o.after(ln.start)
        if x is None or _in_closing_part(o, x):
            li += 1
            continue
        tail_end = nxt.line if nxt is not None else o.main_end
        if tail_end - li > TAIL_LINES:
            li += 1
            continue
        if nxt is not None and not nxt.rank < x.rank:
            li += 1
            continue
        sents = sentences(ln.norm)
        first = sents[0][1] if sents else ""
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
        _add_closing_paragraph(o, li, sents, prob, parent)
        # the following lines up to the part's end: a next-step paragraph starts its own section
        for lj in range(li + 1, tail_end if parent is None else li + 1):
            s2 = sentences(o.lines[lj].norm)
            if s2 and _starts_next(s2[0][1]):
                _add_closing_paragraph(o, lj, s2, None, parent, only_next=True)
                break
        li = tail_end
    return o


def _in_closing_part(o: Outline, x: Candidate) -> bool:
    while x is not None:
        if x.kind in ("problems", "next_steps", "closing"):
            return True
        x = x.parent
    return False


def _add_closing_paragraph(
    o: Outline,
    li: int,
    sents: list[tuple[int, str]],
    prob: re.Match[str] | None,
    parent: Candidate | None,
    only_next: bool = False,
) -> None:
    """A problems section at line ``li`` (from the cue ``prob``), and a next-steps one where it turns to plans."""
    ln = o.lines[li]
    norm = ln.norm
    rank = (parent.rank + 0.5) if parent is not None else 0.0
    split_at = None
    if not only_next and prob is not None and parent is None:
        for a, sent in sents[1:]:
            if _starts_next(sent):
                split_at = a
                break
    if prob is not None and not only_next:
        node = Candidate(pos=ln.start, line=li, style="tail", kind="problems", parent=parent, rank=rank)
        h0, h1 = clause_around(norm, prob.start())
        node.heading = clean_heading(o.original(li, h0, h1))
        node.hnorm = clean_heading(norm[h0:h1])
        node.body_start = ln.start
        o.add(node)
    else:
        split_at = 0
    if split_at is not None:
        pos = o.orig(li, split_at)
        node = Candidate(pos=pos, line=li, style="tail", kind="next_steps", parent=parent, rank=rank)
        h1 = clauses_upto(norm, split_at, 50)
        node.heading = clean_heading(o.original(li, split_at, h1))
        node.hnorm = clean_heading(norm[split_at:h1])
        node.body_start = pos
        o.add(node)


def _starts_next(sentence: str) -> bool:
    """Does a sentence open the next-step part (下一步…, 2018年,我市将继续…)?"""
    if _NEXT_CUE.match(sentence):
        return True
    head = sentence[:16]
    return "将" in head and "将军" not in head and "即将" not in head


# --------------------------------------------------------------------------- kinds

_PROBLEMS_HEADING = re.compile(
    r"(存在|面临|主要)的?(问题|不足|困难)|问题(与|和|及)(不足|困难|挑战|短板)|不足(与|和|之处)"
    r"|薄弱环节|短板|差距"
)
_NEXT_HEADING = re.compile(r"下一步|今后|打算|工作安排|工作思路|工作计划|努力方向|展望|工作重点")
_YEAR = re.compile(r"(\d{4})\s?年")
_REVIEW = re.compile(r"回顾|总结|以来|完成情况")


def kinds(o: Outline) -> Outline:
    """Numbered headings that name the problems or next-steps part (or a later year's plan)."""
    top_years: list[int] = []
    year = o.report.meta.year
    for x in o.nodes:
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
    return o
