"""A comparison as its views present it: one pair at a time, and the memo on top.

Every export (Markdown, JSON, Word) and the app render from this module; none of them works
out again which figures belong to a pair, where a mark starts or what a label says.

* ``pair_sections`` is the one rule for what a pair covers: each side's section and all of
  its sub-sections (the text shown for a pair is everything under its heading, so the
  figures and initiatives shown beside it are the ones in that text).
* ``present_pair`` gives one pair's texts with every mark (deleted, inserted, shared,
  metric, initiative) as offsets into the shown text, snapped to whole words so that no
  highlight starts or ends inside a word or a number.
* ``present`` gives the whole document: the pairs in order, what each side's text quotes
  (a stretch already quoted by an earlier part is referred to, never quoted twice), and the
  memo: the figures that changed most, the topics only one report covers, the initiatives.

Pure functions over the immutable model; labels are in the reports' own words (the
exporters translate their own captions).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import (
    Comparison,
    DiffOp,
    Initiative,
    InitiativeDiff,
    Mark,
    Metric,
    MetricMatch,
    Report,
    SectionDiff,
    SectionPair,
    SharedInitiative,
)
from .normalize import to_simplified
from .pipeline import section_diff

MEMO_FIGURES = 8  # changed figures listed in the memo, largest relative change first
MEMO_ITEMS = 8  # initiatives listed per group in the memo

# similarity bands in words; the aligner's report similarity is a 0..1 score
SIMILARITY_BANDS: tuple[tuple[float, str], ...] = (
    (0.8, "very_similar"),
    (0.6, "similar"),
    (0.4, "partly_similar"),
    (0.0, "different"),
)


# --------------------------------------------------------------------------- sections


def section_ids(report: Report, section_id: str | None) -> frozenset[str]:
    """A section's id and the ids of every section nested under it (empty for ``None``)."""
    if section_id is None:
        return frozenset()
    try:
        root = report.section(section_id)
    except KeyError:
        return frozenset()
    out = {root.id}
    stack = [root.id]
    while stack:
        for kid in report.children(stack.pop()):
            if kid.id not in out:
                out.add(kid.id)
                stack.append(kid.id)
    return frozenset(out)


def pair_sections(c: Comparison, pair: SectionPair) -> tuple[frozenset[str], frozenset[str]]:
    """The sections a pair covers on each side: the paired section and its sub-sections."""
    return section_ids(c.a, pair.a), section_ids(c.b, pair.b)


def pair_figures(c: Comparison, pair: SectionPair) -> tuple[MetricMatch, ...]:
    """Metrics with a side stated in the sections the pair covers, in the comparison's order."""
    ids_a, ids_b = pair_sections(c, pair)
    return tuple(
        m
        for m in c.metrics
        if (m.a is not None and m.a.section in ids_a) or (m.b is not None and m.b.section in ids_b)
    )


def pair_initiatives(c: Comparison, pair: SectionPair) -> InitiativeDiff:
    """Initiatives mentioned in the sections the pair covers."""
    ids_a, ids_b = pair_sections(c, pair)
    d = c.initiatives
    return InitiativeDiff(
        shared=tuple(s for s in d.shared if ids_a.intersection(s.a.sections) or ids_b.intersection(s.b.sections)),
        only_a=tuple(i for i in d.only_a if ids_a.intersection(i.sections)),
        only_b=tuple(i for i in d.only_b if ids_b.intersection(i.sections)),
    )


def section_label(report: Report, section_id: str | None, width: int | None = None) -> str:
    """Number and heading of a section as written (``""`` when it has neither).

    ``width`` shortens the heading to that many characters, ending with "…".
    """
    if section_id is None:
        return ""
    try:
        s = report.section(section_id)
    except KeyError:
        return section_id
    heading = s.heading.strip()
    if width is not None and len(heading) > width:
        heading = heading[: width - 1] + "…"
    return f"{s.number}{heading}"


def section_ref(report: Report, section_id: str) -> str:
    """A section's number with its parents' numbers (三、(一)), or its heading when unnumbered."""
    try:
        s = report.section(section_id)
    except KeyError:
        return section_id
    if not s.number:
        return section_label(report, section_id, width=10)
    numbers = [s.number]
    parent = s.parent
    while parent:
        try:
            up = report.section(parent)
        except KeyError:
            break
        if up.number:
            numbers.append(up.number)
        parent = up.parent
    return "".join(reversed(numbers))


# --------------------------------------------------------------------------- figures


def format_number(v: float | None) -> str:
    """A number as a reader writes it: integers without ".0", at most two decimals."""
    if v is None or not math.isfinite(v):
        return "—"
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Figure:
    """A metric of A and/or B as every view shows it: labels and values as written, change."""

    match: MetricMatch
    status: str
    label_a: str | None  # what is counted, in A's words
    label_b: str | None  # in B's words
    old: str | None  # A's quantity as written ("12次")
    new: str | None  # B's quantity as written
    change: str | None  # "+3次 (+25%)" for a changed figure, None otherwise
    relative: float | None  # |b/a - 1|, how large the change is
    reason: str | None  # why the two were paired, when the matcher says
    pair: int | None  # 1-based number of the part that discusses it


def _written(m: Metric | None) -> str | None:
    if m is None:
        return None
    return m.text.strip() or f"{format_number(m.value)}{m.unit}"


def _side_label(match: MetricMatch, side: str) -> str | None:
    metric = match.a if side == "a" else match.b
    if metric is None:
        return None
    # the matcher may name each side's label as written; otherwise the metric's own label
    explicit = getattr(match, f"label_{side}", None)
    return (explicit or metric.label or match.label or "").strip() or None


def _reason(match: MetricMatch) -> str | None:
    reason = getattr(match, "reason", None) or getattr(match, "why", None)
    if isinstance(reason, (tuple, list)):
        reason = "、".join(str(r) for r in reason if r)
    return str(reason) if reason else None


def metric_change(m: MetricMatch) -> str | None:
    """``b - a`` with its unit and relative change, e.g. ``+3次 (+25%)``; None if not changed."""
    if m.status != "changed" or m.difference is None or not math.isfinite(m.difference):
        return None
    unit = (m.a.unit if m.a else "") or (m.b.unit if m.b else "")
    text = ("+" if m.difference > 0 else "") + format_number(m.difference) + unit
    if m.ratio is not None and math.isfinite(m.ratio) and m.ratio > 0:
        change = round((m.ratio - 1) * 100)
        text += f" ({'+' if change > 0 else ''}{change}%)"
    return text


def figure(m: MetricMatch, pair: int | None = None) -> Figure:
    """The presentation of one metric match."""
    rel = None
    if m.status == "changed" and m.ratio is not None and math.isfinite(m.ratio) and m.ratio > 0:
        rel = abs(m.ratio - 1)
    return Figure(
        match=m,
        status=m.status,
        label_a=_side_label(m, "a"),
        label_b=_side_label(m, "b"),
        old=_written(m.a),
        new=_written(m.b),
        change=metric_change(m),
        relative=rel,
        reason=_reason(m),
        pair=pair,
    )


# --------------------------------------------------------------------------- shown text


@dataclass(frozen=True)
class ShownLine:
    """One line of a side's shown text: its span there and in the report's text."""

    start: int  # in the shown text
    end: int
    ostart: int  # in Report.text
    oend: int


@dataclass(frozen=True)
class Side:
    """One side of a pair as shown: the text under its heading, with its marks."""

    section: str | None
    label: str  # number and heading as written
    text: str
    marks: tuple[Mark, ...]  # sorted by start; offsets index ``text``
    lines: tuple[ShownLine, ...]


def _shown_lines(report: Report, section_id: str | None, text: str) -> tuple[ShownLine, ...]:
    """The report lines behind a section's shown text (as ``Report.span_text`` builds it)."""
    if section_id is None or not text:
        return ()
    s = report.section(section_id)
    out = []
    pos = 0
    for ln in report.lines_in(s.body_start, s.end):
        a, b = max(ln.start, s.body_start), min(ln.end, s.end)
        raw = report.text[a:b] if a < b else ""
        part = raw.strip()
        if not part:
            continue
        oa = a + len(raw) - len(raw.lstrip())
        out.append(ShownLine(pos, pos + len(part), oa, oa + len(part)))
        pos += len(part) + 1
    if not out or out[-1].end != len(text) or "\n".join(text[ln.start : ln.end] for ln in out) != text:
        return (ShownLine(0, len(text), s.body_start, s.end),)
    return tuple(out)


def _to_shown(lines: Sequence[ShownLine], ostart: int, oend: int) -> tuple[int, int] | None:
    """The shown span of an original span lying within one shown line."""
    for ln in lines:
        if ln.ostart <= ostart and oend <= ln.oend and ln.oend - ln.ostart == ln.end - ln.start:
            return ln.start + ostart - ln.ostart, ln.start + oend - ln.ostart
    return None


_NUMBER = re.compile(r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*[%％‰]?")


@lru_cache(maxsize=512)
def word_bounds(text: str) -> frozenset[int]:
    """Offsets of ``text`` where a word (or number) starts or ends."""
    from .terms import token_spans

    out = {0, len(text)}
    for _tok, a, b in token_spans(to_simplified(text)):
        out.add(a)
        out.add(b)
    # a number with its decimals, per cent sign or thousands separators is one word
    for m in _NUMBER.finditer(text):
        out.difference_update(range(m.start() + 1, m.end()))
    return frozenset(out)


def snap_marks(text: str, marks: Sequence[Mark], *, grow: bool) -> list[Mark]:
    """Marks moved to whole words: grown outwards (``grow``) or shrunk inwards."""
    bounds = word_bounds(text)
    out = []
    for m in marks:
        a, b = max(0, m.start), min(len(text), m.end)
        if grow:
            while a > 0 and a not in bounds:
                a -= 1
            while b < len(text) and b not in bounds:
                b += 1
        else:
            while a < b and a not in bounds:
                a += 1
            while b > a and b not in bounds:
                b -= 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Mark(a, b, m.kind))
    return out


def _ops_texts(ops: Sequence[DiffOp]) -> tuple[str, str]:
    return (
        "".join(op.text for op in ops if op.op != "insert"),
        "".join(op.text for op in ops if op.op != "delete"),
    )


def snap_ops(ops: Sequence[DiffOp]) -> tuple[DiffOp, ...]:
    """The edit script with every change widened to whole words on both sides.

    A change that begins or ends inside a word ("201" kept, "8" → "9") takes the rest of the
    word from the unchanged text next to it, on both sides ("2018" → "2019").
    """
    ops = [op for op in ops if op.text]
    if not any(op.op != "equal" for op in ops):
        return tuple(ops)
    a_text, b_text = _ops_texts(ops)
    ba, bb = word_bounds(a_text), word_bounds(b_text)
    # runs: [kind, a_start, a_end, b_start, b_end]; equal runs have equal lengths on both sides
    runs: list[list] = []
    pa = pb = 0
    for op in ops:
        n = len(op.text)
        if op.op == "equal":
            runs.append(["equal", pa, pa + n, pb, pb + n])
            pa += n
            pb += n
        else:
            if not runs or runs[-1][0] != "change":
                runs.append(["change", pa, pa, pb, pb])
            if op.op == "delete":
                runs[-1][2] += n
                pa += n
            else:
                runs[-1][4] += n
                pb += n
    changed = True
    while changed:
        changed = False
        for i, r in enumerate(runs):
            if r[0] != "change":
                continue
            if i > 0 and runs[i - 1][0] == "equal":
                prev = runs[i - 1]
                k = 0
                while k < prev[2] - prev[1] and (r[1] - k not in ba or r[3] - k not in bb):
                    k += 1
                if k:
                    prev[2] -= k
                    prev[4] -= k
                    r[1] -= k
                    r[3] -= k
                    changed = True
            if i + 1 < len(runs) and runs[i + 1][0] == "equal":
                nxt = runs[i + 1]
                k = 0
                while k < nxt[2] - nxt[1] and (r[2] + k not in ba or r[4] + k not in bb):
                    k += 1
                if k:
                    nxt[1] += k
                    nxt[3] += k
                    r[2] += k
                    r[4] += k
                    changed = True
        # equal runs swallowed whole disappear; neighbouring changes merge
        merged: list[list] = []
        for r in runs:
            if r[0] == "equal" and r[2] == r[1]:
                continue
            if merged and merged[-1][0] == "change" and r[0] == "change":
                merged[-1][2], merged[-1][4] = r[2], r[4]
            else:
                merged.append(r)
        if len(merged) != len(runs):
            changed = True
        runs = merged
    out: list[DiffOp] = []
    for kind, a0, a1, b0, b1 in runs:
        if kind == "equal":
            out.append(DiffOp("equal", a_text[a0:a1]))
            continue
        if a1 > a0:
            out.append(DiffOp("delete", a_text[a0:a1]))
        if b1 > b0:
            out.append(DiffOp("insert", b_text[b0:b1]))
    return tuple(out)


def _op_marks(ops: Sequence[DiffOp]) -> tuple[list[Mark], list[Mark]]:
    ma, mb = [], []
    pa = pb = 0
    for op in ops:
        n = len(op.text)
        if op.op == "delete":
            ma.append(Mark(pa, pa + n, "delete"))
            pa += n
        elif op.op == "insert":
            mb.append(Mark(pb, pb + n, "insert"))
            pb += n
        else:
            pa += n
            pb += n
    return ma, mb


def _initiative_marks(text: str, items: Sequence[Initiative]) -> list[Mark]:
    """Where the initiatives' spellings stand in the shown text.

    The model keeps an initiative's names, not its offsets, so the shown text is searched for
    each spelling (longest first, never overlapping) — here and nowhere else.
    """
    names = sorted({n for i in items for n in (i.name, *i.names) if n and len(n) > 1}, key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
            start = text.find(name, end)
    return [Mark(a, b, "initiative") for a, b in sorted(taken)]


def _metric_marks(report: Report, lines: Sequence[ShownLine], metrics: Sequence[Metric]) -> list[Mark]:
    out = []
    for m in metrics:
        span = _to_shown(lines, m.start, m.end)
        if span is not None:
            out.append(Mark(span[0], span[1], "metric"))
    return out


# --------------------------------------------------------------------------- one pair


@dataclass(frozen=True)
class PairView:
    """One pair as every view shows it."""

    number: int  # 1-based position in the alignment's pairs: the part's number
    pair: SectionPair
    mode: str  # "diff", "shared" or "one_sided"
    similarity: float  # of the two texts
    a: Side
    b: Side
    ops: tuple[DiffOp, ...]  # mode "diff": the edit script, changes on whole words
    shared: tuple[str, ...]  # mode "shared": the phrases both texts use
    figures: tuple[Figure, ...]
    initiatives: InitiativeDiff
    unchanged: bool  # both sides present and their texts the same

    @property
    def both(self) -> bool:
        return bool(self.pair.a and self.pair.b)


def _is_unchanged(pair: SectionPair, diff: SectionDiff) -> bool:
    if not (pair.a and pair.b):
        return False
    if diff.ops:
        return all(op.op == "equal" for op in diff.ops)
    return diff.a_text == diff.b_text


def present_pair(c: Comparison, pair: SectionPair, number: int = 0, diff: SectionDiff | None = None) -> PairView:
    """The presentation of one pair (its text diff computed, or taken from the cache)."""
    diff = diff or section_diff(c, pair)
    figures = pair_figures(c, pair)
    inits = pair_initiatives(c, pair)
    ops: tuple[DiffOp, ...] = ()
    if diff.mode == "diff" and diff.ops:
        ops = snap_ops(diff.ops)
        if _ops_texts(ops) == (diff.a_text, diff.b_text):
            ma, mb = _op_marks(ops)
        else:  # the script does not spell out the texts: keep the core's marks as they are
            ops = tuple(diff.ops)
            ma, mb = list(diff.a_marks), list(diff.b_marks)
    else:
        ma = snap_marks(diff.a_text, diff.a_marks, grow=False)
        mb = snap_marks(diff.b_text, diff.b_marks, grow=False)
    sides = []
    for report, sid, text, marks, side in ((c.a, pair.a, diff.a_text, ma, "a"), (c.b, pair.b, diff.b_text, mb, "b")):
        lines = _shown_lines(report, sid, text)
        metrics = [getattr(m, side) for m in figures if getattr(m, side) is not None]
        own_inits = [s.a if side == "a" else s.b for s in inits.shared] + list(inits.only_a if side == "a" else inits.only_b)
        extra = _metric_marks(report, lines, metrics) + _initiative_marks(text, own_inits)
        all_marks = marks + snap_marks(text, extra, grow=True)
        sides.append(
            Side(
                section=sid,
                label=section_label(report, sid),
                text=text,
                marks=tuple(sorted(all_marks, key=lambda m: (m.start, m.end))),
                lines=lines,
            )
        )
    return PairView(
        number=number,
        pair=pair,
        mode=diff.mode,
        similarity=diff.similarity,
        a=sides[0],
        b=sides[1],
        ops=ops,
        shared=diff.shared,
        figures=tuple(figure(m, number or None) for m in figures),
        initiatives=inits,
        unchanged=_is_unchanged(pair, diff),
    )


# --------------------------------------------------------------------------- the document


@dataclass(frozen=True)
class Chunk:
    """A stretch of one side's shown text: quoted in this part, or already in part ``seen_in``."""

    start: int
    end: int
    seen_in: int | None = None


@dataclass(frozen=True)
class Part:
    """A pair as a document shows it: the view and what of each side's text it quotes."""

    view: PairView
    a: tuple[Chunk, ...]
    b: tuple[Chunk, ...]

    @property
    def fresh(self) -> bool:
        """Both texts are quoted here in full (nothing was quoted before)."""
        return all(ch.seen_in is None for ch in self.a + self.b)


@dataclass(frozen=True)
class TopicGap:
    """A topic one report covers and the other does not."""

    code: str
    side: str  # "a" or "b": the report that covers it
    sections: tuple[str, ...]
    parts: tuple[int | None, ...]  # the part that shows each section


@dataclass(frozen=True)
class Presentation:
    """The whole comparison as a document presents it."""

    comparison: Comparison
    parts: tuple[Part, ...]  # in the alignment's order (identical pairs left out on request)
    similarity: float
    similarity_band: str  # a key of SIMILARITY_BANDS
    figures: tuple[Figure, ...]  # every metric match, each with the part that discusses it
    top_changes: tuple[Figure, ...]  # changed figures, the largest relative change first
    topic_gaps: tuple[TopicGap, ...]
    shared_initiatives: tuple[tuple[SharedInitiative, int | None], ...]
    only_a_initiatives: tuple[tuple[Initiative, int | None], ...]
    only_b_initiatives: tuple[tuple[Initiative, int | None], ...]


def similarity_band(v: float) -> str:
    for floor, name in SIMILARITY_BANDS:
        if v >= floor:
            return name
    return SIMILARITY_BANDS[-1][1]


class _Coverage:
    """Which stretches of a report's text earlier parts have quoted."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int, int]] = []  # (original start, end, part)

    def plan(self, side: Side, part: int) -> tuple[Chunk, ...]:
        chunks: list[Chunk] = []
        for ln in side.lines:
            seen = next((p for a, b, p in self.spans if a <= ln.ostart and ln.oend <= b), None)
            if chunks and chunks[-1].seen_in == seen:
                chunks[-1] = Chunk(chunks[-1].start, ln.end, seen)
            else:
                chunks.append(Chunk(ln.start, ln.end, seen))
        for ln in side.lines:
            self.spans.append((ln.ostart, ln.oend, part))
        return tuple(chunks)


def _part_of_sections(c: Comparison, views: Sequence[PairView]) -> tuple[dict[str, int], dict[str, int]]:
    """Section id -> the part that shows it: its own pair first, else an ancestor's."""
    own: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for v in views:
        for side, sid in ((0, v.pair.a), (1, v.pair.b)):
            if sid:
                own[side].setdefault(sid, v.number)
    for v in views:
        for side, report, sid in ((0, c.a, v.pair.a), (1, c.b, v.pair.b)):
            for s in section_ids(report, sid):
                own[side].setdefault(s, v.number)
    return own


def present(c: Comparison, *, only_changes: bool = False) -> Presentation:
    """The document's presentation of a comparison.

    ``only_changes`` leaves out the parts of pairs whose texts are the same.
    """
    views = [present_pair(c, p, n) for n, p in enumerate(c.alignment.pairs, 1)]
    part_a, part_b = _part_of_sections(c, views)
    cov_a, cov_b = _Coverage(), _Coverage()
    parts = []
    for v in views:
        if only_changes and v.unchanged:
            continue
        parts.append(Part(v, cov_a.plan(v.a, v.number), cov_b.plan(v.b, v.number)))
    shown = {p.view.number for p in parts}

    def where(side: int, sids: Sequence[str]) -> int | None:
        table = part_a if side == 0 else part_b
        for s in sids:
            n = table.get(s)
            if n is not None and n in shown:
                return n
        return None

    figures = []
    for m in c.metrics:
        n = where(0, [m.a.section] if m.a and m.a.section else [])
        if n is None:
            n = where(1, [m.b.section] if m.b and m.b.section else [])
        figures.append(figure(m, n))
    changed = [f for f in figures if f.status == "changed"]
    top = sorted(changed, key=lambda f: -(f.relative if f.relative is not None else 0.0))[:MEMO_FIGURES]

    al = c.alignment
    gaps = []
    for side, topics, other, report in ((0, al.topics_a, al.topics_b, c.a), (1, al.topics_b, al.topics_a, c.b)):
        covered_other = {t for ts in other.values() for t in ts}
        by_code: dict[str, list[str]] = {}
        order = {s.id: i for i, s in enumerate(report.sections)}
        for sid in sorted(topics, key=lambda s: order.get(s, len(order))):
            for code in topics[sid]:
                if code not in covered_other:
                    by_code.setdefault(code, []).append(sid)
        for code, sids in by_code.items():
            gaps.append(TopicGap(code, "ab"[side], tuple(sids), tuple(where(side, [s]) for s in sids)))

    ini = c.initiatives
    return Presentation(
        comparison=c,
        parts=tuple(parts),
        similarity=al.similarity,
        similarity_band=similarity_band(al.similarity),
        figures=tuple(figures),
        top_changes=tuple(top),
        topic_gaps=tuple(gaps),
        shared_initiatives=tuple((s, where(0, s.a.sections) or where(1, s.b.sections)) for s in ini.shared),
        only_a_initiatives=tuple((i, where(0, i.sections)) for i in ini.only_a),
        only_b_initiatives=tuple((i, where(1, i.sections)) for i in ini.only_b),
    )
