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

from collections.abc import Sequence
from dataclasses import dataclass

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
from .figures import Figure, figure, format_number, metric_change
from .marks import Bounds, WordBounds, initiative_marks, op_marks, ops_texts, snap_marks, snap_ops, word_bounds
from .pipeline import DiffSource, diff_source, pair_diff

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


class PairIndex:
    """Each side's metrics and initiatives by section, so that the pairs of a long report
    find theirs without scanning every metric (built once per comparison by ``present``)."""

    def __init__(self, c: Comparison):
        self.c = c
        self.metrics: tuple[dict[str, list[int]], dict[str, list[int]]] = ({}, {})
        for k, m in enumerate(c.metrics):
            for side, metric in ((0, m.a), (1, m.b)):
                if metric is not None and metric.section is not None:
                    self.metrics[side].setdefault(metric.section, []).append(k)
        d = c.initiatives
        self.inits: dict[str, tuple[dict[str, list[int]], ...]] = {}
        for key, items, sides in (
            ("shared", d.shared, ((0, lambda s: s.a), (1, lambda s: s.b))),
            ("only_a", d.only_a, ((0, lambda i: i),)),
            ("only_b", d.only_b, ((1, lambda i: i),)),
        ):
            by = ({}, {})
            for k, item in enumerate(items):
                for side, get in sides:
                    for sid in get(item).sections:
                        by[side].setdefault(sid, []).append(k)
            self.inits[key] = by

    def figures(self, ids_a: frozenset[str], ids_b: frozenset[str]) -> tuple[MetricMatch, ...]:
        found = {k for side, ids in ((0, ids_a), (1, ids_b)) for sid in ids for k in self.metrics[side].get(sid, ())}
        return tuple(self.c.metrics[k] for k in sorted(found))

    def initiatives(self, ids_a: frozenset[str], ids_b: frozenset[str]) -> InitiativeDiff:
        d = self.c.initiatives
        out = {}
        for key in ("shared", "only_a", "only_b"):
            by = self.inits[key]
            found = {k for side, ids in ((0, ids_a), (1, ids_b)) for sid in ids for k in by[side].get(sid, ())}
            out[key] = tuple(getattr(d, key)[k] for k in sorted(found))
        return InitiativeDiff(**out)


def pair_figures(c: Comparison, pair: SectionPair, index: PairIndex | None = None) -> tuple[MetricMatch, ...]:
    """Metrics with a side stated in the sections the pair covers, in the comparison's order."""
    return (index or PairIndex(c)).figures(*pair_sections(c, pair))


def pair_initiatives(c: Comparison, pair: SectionPair, index: PairIndex | None = None) -> InitiativeDiff:
    """Initiatives mentioned in the sections the pair covers, in the comparison's order."""
    return (index or PairIndex(c)).initiatives(*pair_sections(c, pair))


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


def shown_span(side: Side, start: int, end: int) -> tuple[int, int] | None:
    """Where a span of the report's text (a figure's exact offsets) stands in a side's shown
    text; None when it is not shown whole."""
    return _to_shown(side.lines, start, end)


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


def present_pair(
    c: Comparison,
    pair: SectionPair,
    number: int = 0,
    diff: SectionDiff | None = None,
    index: PairIndex | None = None,
    bounds_of: Bounds = word_bounds,
) -> PairView:
    """The presentation of one pair (its text diff ``diff``, computed afresh when not given;
    ``bounds_of``: where words start and end, see ``compare.marks``)."""
    diff = diff if diff is not None else pair_diff(c, pair)
    index = index or PairIndex(c)
    figures = pair_figures(c, pair, index)
    inits = pair_initiatives(c, pair, index)
    ops: tuple[DiffOp, ...] = ()
    if diff.mode == "diff" and diff.ops:
        ops = snap_ops(diff.ops, (c.a.script, c.b.script), bounds_of)
        if ops_texts(ops) == (diff.a_text, diff.b_text):
            ma, mb = op_marks(ops)
        else:  # the script does not spell out the texts: keep the core's marks as they are
            ops = tuple(diff.ops)
            ma, mb = list(diff.a_marks), list(diff.b_marks)
    else:
        ma = snap_marks(diff.a_text, diff.a_marks, grow=False, script=c.a.script, bounds_of=bounds_of)
        mb = snap_marks(diff.b_text, diff.b_marks, grow=False, script=c.b.script, bounds_of=bounds_of)
    sides = []
    for report, sid, text, marks, side in ((c.a, pair.a, diff.a_text, ma, "a"), (c.b, pair.b, diff.b_text, mb, "b")):
        lines = _shown_lines(report, sid, text)
        metrics = [getattr(m, side) for m in figures if getattr(m, side) is not None]
        own_inits = [s.a if side == "a" else s.b for s in inits.shared] + list(inits.only_a if side == "a" else inits.only_b)
        extra = _metric_marks(report, lines, metrics) + initiative_marks(text, own_inits)
        all_marks = marks + snap_marks(text, extra, grow=True, script=report.script, bounds_of=bounds_of)
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
        self.spans: dict[int, tuple[int, int]] = {}  # original start -> (end, part)

    def plan(self, side: Side, part: int) -> tuple[Chunk, ...]:
        chunks: list[Chunk] = []
        for ln in side.lines:
            quoted = self.spans.get(ln.ostart)
            seen = quoted[1] if quoted is not None and quoted[0] >= ln.oend else None
            if chunks and chunks[-1].seen_in == seen:
                chunks[-1] = Chunk(chunks[-1].start, ln.end, seen)
            else:
                chunks.append(Chunk(ln.start, ln.end, seen))
        for ln in side.lines:
            if ln.ostart not in self.spans or self.spans[ln.ostart][0] < ln.oend:
                self.spans[ln.ostart] = (ln.oend, part)
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


def present(
    c: Comparison, *, only_changes: bool = False, pair_diffs: DiffSource | None = None, parts: bool = True
) -> Presentation:
    """The document's presentation of a comparison.

    ``only_changes`` leaves out the parts of pairs whose texts are the same; ``pair_diffs``
    gives each pair's text difference (by default computed here, each once).
    ``parts=False`` presents no pair at all, so computes no text difference: the memo alone
    needs none (then nothing refers to a part).
    """
    index = PairIndex(c)
    diffs = diff_source(c, pair_diffs)
    pairs = c.alignment.pairs if parts else ()
    bounds_of = WordBounds()  # the parts quote a section's lines again under each heading above it
    views = [present_pair(c, p, n, diffs(p), index, bounds_of) for n, p in enumerate(pairs, 1)]
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


__all__ = [
    "Chunk",
    "Figure",
    "PairIndex",
    "PairView",
    "Part",
    "Presentation",
    "ShownLine",
    "Side",
    "TopicGap",
    "figure",
    "format_number",
    "metric_change",
    "pair_figures",
    "pair_initiatives",
    "pair_sections",
    "present",
    "present_pair",
    "section_ids",
    "section_label",
    "section_ref",
    "similarity_band",
    "snap_marks",
    "snap_ops",
    "word_bounds",
]
