"""Heading passes: numbered headings, lead-sentence headings, 一是/二是 items, paragraph sections.

Each pass takes the ``Outline`` built so far, adds the candidate headings it finds (reading
the ones already there: a lead sentence is a heading only next to numbered siblings it
parallels or under a part it belongs to) and returns it.
"""

from __future__ import annotations

from .heading_patterns import (
    ENUM_HEADING_MAX,
    LEAD_HEADING_MAX,
    LONE_LEAD_MAX,
    NUMBERED_HEADING_MAX,
    SHI_ITEM,
    clean_heading,
    enumeration_runs,
    lead_title,
    match_marker,
    numeral_prefix,
    parallel,
    plausible,
    same_shape,
)
from .numerals import chinese_int
from .outline import Candidate, Outline


def numbered_headings(o: Outline) -> Outline:
    """Numbered headings at line starts (一、 (一) 1. (1) ①).

    A style's level comes from the order in which the styles first appear (as in a Word
    outline), and numbers must continue a sequence.
    """
    rank_of: dict[str, int] = {}
    stack: list[Candidate] = []
    last_child: dict[tuple[int, str], int] = {}  # (id(parent), style) -> last number
    for li in range(o.main_end):
        norm = o.lines[li].norm
        m = match_marker(norm)
        if not m:
            continue
        style, n, mlen = m
        rank = rank_of.get(style, len(rank_of))
        chain = [x for x in stack if x.rank < rank]
        parent = chain[-1] if chain else None
        key = (id(parent), style)
        if not plausible(style, n, last_child.get(key)):
            continue
        rank_of.setdefault(style, rank)
        last_child[key] = n
        ln = o.lines[li]
        node = Candidate(pos=ln.start, line=li, style=style, n=n, parent=parent, rank=rank)
        node.number = o.original(li, 0, mlen).strip()
        o.heading_node(node, li, mlen, len(norm), NUMBERED_HEADING_MAX)
        stack = chain + [node]
        o.nodes.append(node)
    return o


def lead_headings(o: Outline) -> Outline:
    """Unnumbered lead-sentence headings ("健全组织领导。正文…", "强化组织,高位推动。正文…").

    A lead sentence becomes a sibling of the numbered headings it parallels (or stands in for),
    or a child of the part it opens.
    """
    starts = {x.line for x in o.nodes if x.pos == o.lines[x.line].start}
    for li in range(o.main_end):
        if li in starts:
            continue
        ln = o.lines[li]
        if SHI_ITEM.match(ln.norm):
            continue
        h = lead_title(ln.norm)
        if h is None:
            continue
        x = o.before(ln.start)
        if x is None or x.kind != "heading" or x.style in ("shi", "para"):
            continue
        hnorm = clean_heading(ln.norm[:h])
        nxt = o.after(ln.start)
        parent: Candidate | None
        if x.style == "lead":
            # another lead sentence after one: a sibling, if it reads like one
            if not (parallel(hnorm, x.hnorm) or len(hnorm) <= LONE_LEAD_MAX):
                continue
            parent, rank = x.parent, x.rank
        elif nxt is not None and nxt.parent is x:
            # before x's first numbered child: a sibling of that child whose number is lost
            if not ((nxt.n > 1 and _gap(o, nxt)) or same_shape(hnorm, nxt.hnorm)):
                continue
            parent, rank = x, nxt.rank
        elif x.inline and (
            same_shape(hnorm, x.hnorm) or (_gap(o, x) and parallel(hnorm, x.hnorm))
        ):
            parent, rank = x.parent, x.rank  # parallels the numbered point just before it
        else:
            if not _child_lead_ok(o, x, li, len(hnorm)):
                continue
            parent, rank = x, x.rank + 0.5
        node = Candidate(pos=ln.start, line=li, style="lead", parent=parent, rank=rank)
        node.heading = clean_heading(o.original(li, 0, h))
        node.hnorm = hnorm
        node.body_start = o.orig(li, h + 1)
        node.inline = True
        o.add(node)
    return o


def _gap(o: Outline, x: Candidate) -> bool:
    """Is a number missing among x and its numbered siblings (一 lost, 二 present)?"""
    nums = sorted(y.n for y in o.nodes if y.parent is x.parent and y.style == x.style)
    return bool(nums) and (nums[0] > 1 or any(b - a > 1 for a, b in zip(nums, nums[1:])))


def _child_lead_ok(o: Outline, x: Candidate, li: int, length: int) -> bool:
    """Is a lead sentence in x's own text a sub-heading of x (not a body sentence)?"""
    nxt = o.after(x.pos)
    end = nxt.line if nxt is not None else o.main_end
    first = x.line + 1 if x.pos == o.lines[x.line].start else x.line
    count = sum(
        1 for lj in range(first, end)
        if not SHI_ITEM.match(o.lines[lj].norm) and lead_title(o.lines[lj].norm) is not None
    )
    if count >= 2:
        return True
    return length <= LONE_LEAD_MAX and li == first and not x.inline


def enumerations(o: Outline) -> Outline:
    """一是/二是 enumerations, at paragraph starts or run on inside a paragraph."""
    groups: dict[int, list[tuple[int, int, int, int]]] = {}  # id(node) -> (pos, li, i, n)
    owners: dict[int, Candidate] = {}
    for li in range(o.main_end):
        norm = o.lines[li].norm
        for m in SHI_ITEM.finditer(norm):
            n = chinese_int(m.group(1))
            if n is None or n > 30:
                continue
            pos = o.orig(li, m.start(1))
            x = o.before(pos + 1)
            if x is None or x.kind == "closing" or x.style == "preamble" or pos < x.body_start:
                continue
            groups.setdefault(id(x), []).append((pos, li, m.start(1), n))
            owners[id(x)] = x
    for key, occ in groups.items():
        x = owners[key]
        for run in enumeration_runs(occ):
            _add_run(o, x, run)
    return o


def _add_run(o: Outline, x: Candidate, run: list[tuple[int, int, int, int]]) -> None:
    nodes: list[Candidate] = []
    for k, (pos, li, i, n) in enumerate(run):
        norm = o.lines[li].norm
        mend = i + len(numeral_prefix(norm, i)) + 1  # past "X是"
        end = len(norm)
        if k + 1 < len(run) and run[k + 1][1] == li:
            end = run[k + 1][2]
        node = Candidate(pos=pos, line=li, style="shi", n=n, parent=x, rank=x.rank + 0.25)
        node.number = o.original(li, i, mend)
        o.heading_node(node, li, mend, end, ENUM_HEADING_MAX, LEAD_HEADING_MAX)
        nodes.append(node)
    # items that are statements rather than titled points ("一是建立了2个专区…") stay body text
    if sum(1 for x in nodes if x.heading) * 2 < len(nodes):
        return
    for node in nodes:
        o.add(node)


def paragraph_sections(o: Outline) -> Outline:
    """For a report without numbered headings: lead-sentence headings at the top level, else
    one section per paragraph."""
    if o.nodes:
        return o
    leads = [li for li in range(1, o.main_end) if lead_title(o.lines[li].norm) is not None]
    if len(leads) >= 2:
        for li in leads:
            ln = o.lines[li]
            h = lead_title(ln.norm)
            node = Candidate(pos=ln.start, line=li, style="lead", rank=0.0)
            node.heading = clean_heading(o.original(li, 0, h))
            node.hnorm = clean_heading(ln.norm[:h])
            node.body_start = o.orig(li, h + 1)
            o.nodes.append(node)
        return o
    # the preamble is the title block and the first paragraph; every later paragraph a section
    first_para = next(
        (li for li in range(o.main_end) if len(o.lines[li].norm) > 40), None
    )
    if first_para is None or o.main_end - first_para < 3:
        return o
    for li in range(first_para + 1, o.main_end):
        ln = o.lines[li]
        node = Candidate(pos=ln.start, line=li, style="para", rank=0.0)
        o.heading_node(node, li, 0, len(ln.norm), ENUM_HEADING_MAX)
        o.nodes.append(node)
    return o
