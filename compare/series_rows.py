"""Topic, programme and chapter rows of a series, from the steps between consecutive years.

* Topics — for each national outline topic (``compare.topics``), the sections of each report
  the aligner gave that topic and the share of the report's text they hold.
* Programmes — initiatives matched between consecutive years (``match_initiatives``) and, across
  gaps, by their normalised key; each row lists the name as written each year.
* Chapters — sections linked by the alignment of consecutive years; a chapter linked to two of
  the next year's is a split, two linked to one a merge, one linked to none disappears.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Report
from .series_model import ChainLink, ProgrammeName, ProgrammeRow, SectionChain, Step, TopicRow, TopicShare


def _report_topics(steps: Sequence[Step], i: int) -> dict[str, tuple[str, ...]]:
    if i < len(steps):
        return steps[i].alignment.topics_a
    return steps[i - 1].alignment.topics_b


def series_topics(reports: Sequence[Report], steps: Sequence[Step]) -> tuple[TopicRow, ...]:
    """Per national topic: each report's sections with that topic and their share of the text."""
    from .topics import TOPIC_NAMES

    per_report: list[dict[str, tuple[int, int]]] = []
    for i, r in enumerate(reports):
        topics = _report_topics(steps, i)
        total = sum(ln.end - ln.start for ln in r.lines) or 1
        acc: dict[str, list[int]] = {}
        for sid, codes in topics.items():
            try:
                s = r.section(sid)
            except KeyError:
                continue
            kids_with_topic = any(k.id in topics for k in r.children(sid))
            end = r.own_end(s) if kids_with_topic else s.end
            size = sum(min(ln.end, end) - max(ln.start, s.start) for ln in r.lines_in(s.start, end))
            for code in codes:
                a = acc.setdefault(code, [0, 0])
                a[0] += 1
                a[1] += size / len(codes)
        per_report.append({c: (v[0], v[1] / total) for c, v in acc.items()})
    rows = []
    for code in TOPIC_NAMES:
        if not any(code in p for p in per_report):
            continue
        shares = tuple(
            TopicShare(i, p.get(code, (0, 0.0))[0], min(1.0, p.get(code, (0, 0.0))[1]))
            for i, p in enumerate(per_report)
        )
        rows.append(TopicRow(code, shares))
    return tuple(rows)


# --------------------------------------------------------------------------- initiatives


def series_initiatives(reports: Sequence[Report], steps: Sequence[Step]) -> tuple[ProgrammeRow, ...]:
    """Programmes and the years they appear in: consecutive matches, then the same key later."""
    # every initiative of report i is in the matching of i with i+1 (and of i-1 with i)
    per: list[dict] = []
    for i in range(len(reports)):
        d = steps[i].initiatives if i < len(steps) else steps[i - 1].initiatives
        items = [*(x.a for x in d.shared), *d.only_a] if i < len(steps) else [*(x.b for x in d.shared), *d.only_b]
        per.append({x.key: x for x in items})
    rows: list[dict[int, tuple[str, tuple[str, ...]]]] = []
    keys: list[str] = []
    where: dict[tuple[int, str], int] = {}

    def add(i: int, key: str, row: int | None) -> int:
        x = per[i][key]
        if row is None:
            rows.append({})
            keys.append(x.key)
            row = len(rows) - 1
        rows[row][i] = (x.name, x.sections)
        where[(i, key)] = row
        return row

    for i in range(len(reports)):
        if i > 0:
            for sh in steps[i - 1].initiatives.shared:
                prev = where.get((i - 1, sh.a.key))
                if sh.b.key in per[i] and (i, sh.b.key) not in where:
                    add(i, sh.b.key, prev)
        for key in per[i]:
            if (i, key) in where:
                continue
            # the same programme seen before a gap year: a lookup, not a comparison
            earlier = next((where[(j, key)] for j in range(i - 2, -1, -1) if (j, key) in where), None)
            if earlier is not None and i in rows[earlier]:
                earlier = None
            add(i, key, earlier)
    out = [
        ProgrammeRow(keys[k], tuple(ProgrammeName(i, name, secs) for i, (name, secs) in sorted(row.items())))
        for k, row in enumerate(rows)
    ]
    out.sort(key=lambda p: (-len(p.names), p.names[0].report))
    return tuple(out)


# --------------------------------------------------------------------------- sections


def series_sections(reports: Sequence[Report], steps: Sequence[Step]) -> tuple[SectionChain, ...]:
    """Chapters (top-level sections, and the aligned units under them) linked year to year."""
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def find(x: tuple[int, str]) -> tuple[int, str]:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def union(x: tuple[int, str], y: tuple[int, str]) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    nodes: set[tuple[int, str]] = set()
    for i, st in enumerate(steps):
        for p in st.alignment.pairs:
            if p.a is not None:
                nodes.add((i, p.a))
            if p.b is not None:
                nodes.add((i + 1, p.b))
            if p.a is not None and p.b is not None:
                union((i, p.a), (i + 1, p.b))
    groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for x in nodes:
        groups.setdefault(find(x), []).append(x)
    chains = []
    for members in groups.values():
        links = []
        for i, sid in members:
            try:
                s = reports[i].section(sid)
            except KeyError:
                continue
            links.append((i, s.start, ChainLink(i, sid, s.heading, s.kind)))
        links.sort(key=lambda t: (t[0], t[1]))
        if links:
            chains.append(SectionChain(tuple(x[2] for x in links)))
    chains.sort(key=lambda c: (c.links[0].report, reports[c.links[0].report].section(c.links[0].id).start))
    return tuple(chains)
