"""The exported document as blocks (headings, paragraphs, lists, tables, quotes) of runs.

Built once from ``compare.present``'s presentation; the Markdown and Word writers turn the
same blocks into their formats, so both say the same things in the same order:

1. the memo (one screen): the two reports, their similarity in words, the topics only one
   covers, the largest changes in comparable figures, the initiatives both share and those
   new in one, each line linking to the part that discusses it;
2. the details (unless ``text=False``): the reports' metadata, counts, topic coverage,
   section alignment, the initiative tables, figures no part shows;
3. the parts, one per pair: labels, scores, the pair's figures, its text with the
   differences marked; text an earlier part already quoted is referred to, not repeated.

Runs hold report text unescaped; each writer escapes for its own format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .export_labels import PART_LABELS, TOPIC_LABELS, Lang, label, topic_label
from .model import Comparison, Mark, Report
from .normalize import to_simplified
from .present import Chunk, Figure, Part, Presentation, Side, present, section_ref

Script = Literal["original", "simplified"]
RunKind = Literal["", "delete", "insert", "shared", "strong", "link"]


@dataclass(frozen=True)
class DocOptions:
    """What the document contains and how it labels things."""

    lang: Lang = "zh"  # the document's own labels
    script: Script = "original"  # quoted report text as written, or converted to simplified
    text: bool = True  # False: the memo alone
    only_changes: bool = False  # leave out pairs with identical text and unchanged figures


@dataclass(frozen=True)
class Run:
    text: str
    kind: RunKind = ""
    target: str | None = None  # kind "link": the anchor linked to


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None = None  # the id links use (the writers make the heading carry it)


@dataclass(frozen=True)
class Para:
    runs: Runs


@dataclass(frozen=True)
class Legend:
    """What the marks of the following quote mean; each writer words it for its own marks."""

    kind: Literal["diff", "shared"]


@dataclass(frozen=True)
class Bullets:
    items: tuple[Runs, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]


@dataclass(frozen=True)
class Quote:
    """Report text: one paragraph per line of the report."""

    lines: tuple[Runs, ...]


Block = Heading | Para | Legend | Bullets | Table | Quote


def part_anchor(lang: Lang, n: int) -> str:
    """The anchor of part ``n``: what Git hosts and pandoc derive from its heading text."""
    return f"第-{n}-部分" if lang == "zh" else f"part-{n}"


def _pct(v: float | None) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    return f"{round(v * 100)}%"


class _Builder:
    def __init__(self, p: Presentation, opts: DocOptions):
        self.p = p
        self.c: Comparison = p.comparison
        self.o = opts
        self.lang = opts.lang
        self.shown = {part.view.number for part in p.parts}

    # --- words
    def t(self, key: str, **kw) -> str:
        return label(self.lang, key, **kw)

    def topic(self, code: str) -> str:
        return topic_label(self.lang, code)

    def quote(self, text: str | None, report: Report) -> str:
        if not text:
            return ""
        return to_simplified(text, report.script) if self.o.script == "simplified" else text

    def section_label(self, report: Report, sid: str | None, width: int | None = 24) -> str:
        if sid is None:
            return ""
        try:
            s = report.section(sid)
        except KeyError:
            return sid
        heading = self.quote(s.heading, report).strip()
        if width is not None and len(heading) > width:
            heading = heading[: width - 1] + "…"
        if not heading and s.kind != "heading":
            heading = self.t(s.kind)
        if not heading and not s.number:
            heading = self.t("untitled")
        return f"{s.number}{heading}"

    def report_name(self, r: Report, fallback: str) -> str:
        m = r.meta
        name = self.quote(m.organization or m.title, r) or (Path(r.path).name if r.path else fallback)
        return name + (self.t("year_suffix", y=m.year) if m.year else "")

    def link(self, n: int | None) -> Runs:
        if n is None or n not in self.shown or not self.o.text:
            return ()
        return (Run(self.t("part_link", n=n), "link", part_anchor(self.lang, n)),)

    def paren_link(self, n: int | None) -> Runs:
        link = self.link(n)
        if not link:
            return ()
        open_, close = ("（", "）") if self.lang == "zh" else (" (", ")")
        return (Run(open_),) + link + (Run(close),)

    # --- the memo
    def memo(self) -> list[Block]:
        c, p = self.c, self.p
        out: list[Block] = [Heading(1, self.t("title", a=self.report_name(c.a, "A"), b=self.report_name(c.b, "B")))]
        if self.o.text:
            out.append(Heading(2, self.t("memo")))
        items: list[Runs] = []
        for side, r, fallback in (("A", c.a, "A"), ("B", c.b, "B")):
            name = self.quote(r.meta.title, r) or self.report_name(r, fallback)
            items.append((Run(self.t("reports_line", side=side, name=name, n=content_length(r), s=len(r.sections))),))
        band = self.t(f"band_{p.similarity_band}")
        items.append((Run(self.t("similarity", v=_pct(p.similarity), band=band)),))
        for side in ("a", "b"):
            gaps = [g for g in p.topic_gaps if g.side == side]
            if not gaps:
                continue
            runs: list[Run] = [Run(self.t(f"gap_{side}"))]
            for k, g in enumerate(gaps):
                if k:
                    runs.append(Run(self.t("sep")))
                runs.append(Run(self.topic(g.code)))
                runs += self.paren_link(next((n for n in g.parts if n is not None), None))
            items.append(tuple(runs))
        if not p.topic_gaps:
            items.append((Run(self.t("no_gaps")),))
        items += self.memo_initiatives()
        out.append(Bullets(tuple(items)))
        out.append(Heading(2 if not self.o.text else 3, self.t("top_changes")))
        if not p.top_changes:
            out.append(Para((Run(self.t("no_changes")),)))
        else:
            out.append(self.change_table(p.top_changes))
        return out

    def change_table(self, figures: Sequence[Figure]) -> Table:
        c = self.c
        with_reason = any(f.reason for f in figures)
        header = [self.t("label_a"), self.t("label_b"), self.t("old_new"), self.t("change")]
        if with_reason:
            header.append(self.t("reason_col"))
        if self.o.text:
            header.append(self.t("see"))
        rows = []
        for f in figures:
            row = [
                (Run(self.quote(f.label_a, c.a) or "—"),),
                (Run(self.quote(f.label_b, c.b) or "—"),),
                (Run(f"{self.quote(f.old, c.a) or '—'} → {self.quote(f.new, c.b) or '—'}"),),
                (Run(f.change or "—"),),
            ]
            if with_reason:
                row.append((Run(self.quote(f.reason, c.a) or "—"),))
            if self.o.text:
                row.append(self.link(f.pair) or (Run("—"),))
            rows.append(tuple(row))
        return Table(tuple(header), tuple(rows))

    def memo_initiatives(self) -> list[Runs]:
        c, p = self.c, self.p
        groups = (
            ("ini_shared", [(s.a, c.a, n) for s, n in p.shared_initiatives]),
            ("ini_new_b", [(i, c.b, n) for i, n in p.only_b_initiatives]),
            ("ini_only_a", [(i, c.a, n) for i, n in p.only_a_initiatives]),
        )
        out = []
        for key, items in groups:
            if not items:
                continue
            runs: list[Run] = [Run(self.t(key, n=len(items)))]
            # the most often mentioned first: what a report stresses
            ranked = sorted(items, key=lambda x: -x[0].count)[:8]
            for k, (ini, report, n) in enumerate(ranked):
                if k:
                    runs.append(Run(self.t("sep")))
                runs.append(Run(self.quote(ini.name, report)))
                runs += self.paren_link(n)
            if len(items) > len(ranked):
                runs.append(Run(" " + self.t("more", n=len(items) - len(ranked))))
            out.append(tuple(runs))
        return out

    # --- the details
    def details(self) -> list[Block]:
        c = self.c
        out: list[Block] = [Heading(2, self.t("details"))]

        def row(key: str, fn: Callable[[Report], str]) -> tuple[Runs, ...]:
            return ((Run(self.t(key)),), (Run(fn(c.a)),), (Run(fn(c.b)),))

        def year(r: Report) -> str:
            if r.meta.year is None:
                return "—"
            return f"{r.meta.year}" + (f"（{self.quote(r.meta.period, r)}）" if r.meta.period else "")

        def script(r: Report) -> str:
            return self.t(r.script) if r.script in ("simplified", "traditional") else r.script

        rows = (
            row("meta_title", lambda r: self.quote(r.meta.title, r) or "—"),
            row("meta_org", lambda r: self.quote(r.meta.organization, r) or "—"),
            row("meta_year", year),
            row("meta_published", lambda r: r.meta.published or "—"),
            row("meta_file", lambda r: Path(r.path).name if r.path else "—"),
            row("meta_script", script),
            row("meta_length", lambda r: self.t("chars", n=content_length(r))),
            row("meta_sections", lambda r: str(len(r.sections))),
        )
        out.append(Table((self.t("field"), "A", "B"), rows))
        out += self.summary() + self.coverage() + self.alignment_table() + self.initiative_tables()
        return out + self.loose_figures()

    def summary(self) -> list[Block]:
        c = self.c
        al = c.alignment
        sim = _pct(al.similarity)
        if al.parts:
            parts = self.t("sep").join(
                f"{(PART_LABELS.get(name) or (name, name))[1 if self.lang == 'en' else 0]} {_pct(v)}"
                for name, v in al.parts
            )
            line = self.t("similarity_parts", v=sim, parts=parts)
        else:
            line = self.t("similarity", v=sim, band=self.t(f"band_{self.p.similarity_band}"))
        ini = c.initiatives
        status = [m.status for m in c.metrics]
        lines = [
            line,
            self.t(
                "sections_line",
                n=sum(1 for p in al.pairs if p.a and p.b),
                a=sum(1 for p in al.pairs if p.a and not p.b),
                b=sum(1 for p in al.pairs if p.b and not p.a),
            ),
            self.t("initiatives_line", n=len(ini.shared), a=len(ini.only_a), b=len(ini.only_b)),
            self.t(
                "metrics_line",
                n=status.count("changed"),
                s=status.count("same"),
                a=status.count("only_a"),
                b=status.count("only_b"),
            ),
        ]
        return [Heading(3, self.t("summary")), Bullets(tuple((Run(x),) for x in lines))]

    def coverage(self) -> list[Block]:
        c = self.c
        by_topic: dict[str, tuple[list[str], list[str]]] = {}
        for side, (report, topics) in enumerate(((c.a, c.alignment.topics_a), (c.b, c.alignment.topics_b))):
            order = {s.id: i for i, s in enumerate(report.sections)}
            for sid in sorted(topics, key=lambda s: order.get(s, len(order))):
                for code in topics[sid]:
                    by_topic.setdefault(code, ([], []))[side].append(sid)
        out: list[Block] = [Heading(3, self.t("coverage"))]
        if not by_topic:
            return out + [Para((Run(self.t("none")),))]
        codes = [k for k in TOPIC_LABELS if k in by_topic] + sorted(k for k in by_topic if k not in TOPIC_LABELS)

        def cell(report: Report, sids: list[str]) -> Runs:
            if not sids:
                return (Run("—"),)
            refs = [self.quote(section_ref(report, s), report) for s in sids[:6]]
            items = " ".join(refs) + (" " + self.t("and_more") if len(sids) > 6 else "")
            key = "one_section" if len(sids) == 1 else "n_sections"
            return (Run(self.t(key, n=len(sids), items=items)),)

        rows = tuple(((Run(self.topic(k)),), cell(c.a, by_topic[k][0]), cell(c.b, by_topic[k][1])) for k in codes)
        return out + [Table((self.t("topic"), "A", "B"), rows)]

    def alignment_table(self) -> list[Block]:
        c = self.c
        out: list[Block] = [Heading(3, self.t("alignment"))]
        if not c.alignment.pairs:
            return out + [Para((Run(self.t("none")),))]
        rows = []
        for n, p in enumerate(c.alignment.pairs, 1):
            rows.append(
                (
                    self.link(n) or (Run(str(n)),),
                    (Run(self.section_label(c.a, p.a) or "—"),),
                    (Run(self.section_label(c.b, p.b) or "—"),),
                    (Run(_pct(p.score) if p.a and p.b else "—"),),
                    (Run(self.topic(p.topic) if p.topic else "—"),),
                )
            )
        header = (self.t("part_col"), "A", "B", self.t("score_col"), self.t("topic"))
        return out + [Table(header, tuple(rows))]

    def where(self, report: Report, sids: Sequence[str]) -> Runs:
        refs = [self.section_label(report, s, width=12) for s in sids[:5]]
        text = self.t("list_sep").join(refs)
        if len(sids) > 5:
            text += " " + self.t("and_more")
        return (Run(text or "—"),)

    def kind(self, kind: str) -> Runs:
        key = f"kind_{kind}"
        return (Run(self.t(key) if key in _KINDS else kind),)

    def initiative_tables(self) -> list[Block]:
        c = self.c
        ini = c.initiatives
        out: list[Block] = [Heading(3, self.t("initiatives")), Heading(4, self.t("shared", n=len(ini.shared)))]
        if ini.shared:
            rows = []
            for s in ini.shared:
                note = ""
                if s.generic:
                    note = self.t("generic_note", g=self.quote(s.a.generic or s.b.generic or s.key, c.a))
                rows.append(
                    (
                        (Run(self.quote(s.a.name, c.a)),),
                        (Run(self.quote(s.b.name, c.b)),),
                        self.kind(s.a.kind),
                        self.where(c.a, s.a.sections),
                        self.where(c.b, s.b.sections),
                        (Run(note or "—"),),
                    )
                )
            header = tuple(self.t(k) for k in ("name_a", "name_b", "kind", "where_a", "where_b", "note"))
            out.append(Table(header, tuple(rows)))
        else:
            out.append(Para((Run(self.t("none")),)))
        for key, items, report in (("only_a", ini.only_a, c.a), ("only_b", ini.only_b, c.b)):
            out.append(Heading(4, self.t(key, n=len(items))))
            if not items:
                out.append(Para((Run(self.t("none")),)))
                continue
            rows = tuple(
                ((Run(self.quote(i.name, report)),), self.kind(i.kind), self.where(report, i.sections), (Run(str(i.count)),))
                for i in items
            )
            out.append(Table(tuple(self.t(k) for k in ("name", "kind", "where", "mentions")), rows))
        return out

    def figure_rows(self, figures: Iterable[Figure], with_place: bool) -> tuple[tuple[Runs, ...], ...]:
        c = self.c
        rows = []
        for f in sorted(figures, key=lambda f: _STATUS_ORDER.get(f.status, 9)):
            m = f.match
            label_text = self.quote(f.label_a, c.a) or self.quote(f.label_b, c.b) or m.label
            if f.label_a and f.label_b and f.label_a != f.label_b:
                label_text = f"{self.quote(f.label_a, c.a)} / {self.quote(f.label_b, c.b)}"
            diff = f.change or {"same": self.t("st_same"), "only_a": self.t("st_only_a"), "only_b": self.t("st_only_b")}.get(
                f.status, "—"
            )
            row = [
                (Run(label_text or "—"),),
                (Run(self.quote(f.old, c.a) or "—"),),
                (Run(self.quote(f.new, c.b) or "—"),),
                (Run(diff),),
            ]
            if with_place:
                sid = (m.a.section if m.a else None) or (m.b.section if m.b else None)
                report = c.a if m.a and m.a.section else c.b
                row.insert(0, (Run(self.section_label(report, sid, width=16) or "—"),))
            rows.append(tuple(row))
        return tuple(rows)

    def visible(self, figures: Iterable[Figure]) -> list[Figure]:
        return [f for f in figures if not (self.o.only_changes and f.status == "same")]

    def loose_figures(self) -> list[Block]:
        """Figures that no shown part lists (their section is in no pair, or its part is left out)."""
        loose = self.visible(f for f in self.p.figures if f.pair is None)
        if not loose:
            return []
        header = tuple(self.t(k) for k in ("section_or_topic", "counted")) + ("A", "B", self.t("difference"))
        return [Heading(3, self.t("metrics")), Table(header, self.figure_rows(loose, with_place=True))]

    # --- the parts
    def parts(self) -> list[Block]:
        out: list[Block] = [Heading(2, self.t("pairs"))]
        if not self.p.parts:
            return out + [Para((Run(self.t("none")),))]
        for part in self.p.parts:
            out += self.part(part)
        return out

    def part(self, part: Part) -> list[Block]:
        c, v = self.c, part.view
        pair = v.pair
        out: list[Block] = [Heading(3, self.t("part", n=v.number), part_anchor(self.lang, v.number))]
        colon = self.t("colon")
        bullets: list[Runs] = []
        if pair.a:
            bullets.append((Run("A" + colon + self.section_label(c.a, pair.a, width=None) + ("" if pair.b else self.t("pair_only_a"))),))
        if pair.b:
            bullets.append((Run("B" + colon + self.section_label(c.b, pair.b, width=None) + ("" if pair.a else self.t("pair_only_b"))),))
        if v.both:
            score = self.t("score", v=_pct(pair.score))
            if pair.reason:
                reason = self.t("sep").join(self.quote(r, c.a) for r in pair.reason)
                score += self.t("list_sep") + self.t("reason", r=reason)
            if pair.manual:
                score += self.t("manual")
            bullets.append((Run(score),))
        if pair.topic:
            bullets.append((Run(self.t("pair_topic", t=self.topic(pair.topic))),))
        if v.both:
            bullets.append((Run(self.t("text_similarity", v=_pct(v.similarity))),))
        if v.mode == "shared" and v.shared:
            bullets.append((Run(self.t("shared_phrases", p=self.t("sep").join(self.quote(x, c.a) for x in v.shared))),))
        figures = self.visible(v.figures)
        here = [f for f in figures if self._home(f) == v.number]
        elsewhere = sorted({self._home(f) for f in figures} - {v.number, None})
        if len(here) < len(figures) and elsewhere:
            runs: list[Run] = [Run(self.t("figures_elsewhere", n=len(figures) - len(here)))]
            for k, n in enumerate(elsewhere):
                if k:
                    runs.append(Run(self.t("sep")))
                runs += self.link(n) or (Run(str(n)),)
            bullets.append(tuple(runs))
        out.append(Bullets(tuple(bullets)))
        if here:
            header = (self.t("counted"), "A", "B", self.t("difference"))
            out.append(Table(header, self.figure_rows(here, with_place=False)))
        return out + self.part_text(part)

    def _home(self, f: Figure) -> int | None:
        return self._homes.get(id(f.match))

    @property
    def _homes(self) -> dict[int, int | None]:
        homes = getattr(self, "_homes_cache", None)
        if homes is None:
            homes = {id(f.match): f.pair for f in self.p.figures}
            self._homes_cache = homes
        return homes

    def part_text(self, part: Part) -> list[Block]:
        c, v = self.c, part.view
        if v.unchanged and (v.a.text or v.b.text):
            return [Para((Run(self.t("identical")),))]
        out: list[Block] = []
        if v.mode == "diff" and v.ops and part.fresh:
            out.append(Legend("diff"))
            segs = [(op.text, {"equal": "", "delete": "delete", "insert": "insert"}[op.op]) for op in v.ops]
            segs = [(self.quote(t, c.b if k == "insert" else c.a), k) for t, k in segs]
            return out + [_quote(segs)]
        if v.mode == "shared":
            out.append(Legend("shared"))
        elif v.mode == "diff":
            out.append(Legend("diff"))
        for key, side, chunks, report in (("a", v.a, part.a, c.a), ("b", v.b, part.b, c.b)):
            if not side.section:
                continue
            if v.both:
                out.append(Para((Run(self.t(f"text_{key}")),)))
            if not side.text:
                out.append(Para((Run(self.t("no_text")),)))
                continue
            out += self.side_text(side, chunks, report)
        return out

    def side_text(self, side: Side, chunks: Sequence[Chunk], report: Report) -> list[Block]:
        out: list[Block] = []
        for ch in chunks:
            if ch.seen_in is not None:
                link = self.link(ch.seen_in) or (Run(self.t("part_link", n=ch.seen_in)),)
                text = self.t("seen", link="\x00")
                before, after = text.split("\x00")
                out.append(Para((Run(before),) + link + (Run(after),)))
                continue
            segs = _marked(side.text, side.marks, ch.start, ch.end)
            out.append(_quote([(self.quote(t, report), k) for t, k in segs]))
        return out


_KINDS = {"kind_quoted", "kind_title", "kind_mechanism"}
_STATUS_ORDER = {"changed": 0, "only_a": 1, "only_b": 2, "same": 3}
_SHOWN_KINDS = ("delete", "insert", "shared")


def _marked(text: str, marks: Sequence[Mark], start: int, end: int) -> list[tuple[str, str]]:
    """The stretch ``[start, end)`` of a side's text as (text, kind) segments.

    Only the difference marks (deleted, inserted, shared) are written; the first one wins
    where two overlap.
    """
    segs: list[tuple[str, str]] = []
    pos = start
    for m in marks:
        if m.kind not in _SHOWN_KINDS:
            continue
        a, b = max(m.start, pos), min(m.end, end)
        if a >= b:
            continue
        if a > pos:
            segs.append((text[pos:a], ""))
        segs.append((text[a:b], m.kind))
        pos = b
    if pos < end:
        segs.append((text[pos:end], ""))
    return segs


def _quote(segs: Iterable[tuple[str, str]]) -> Quote:
    """Segments as quoted lines: split at the report's line breaks."""
    lines: list[list[Run]] = [[]]
    for text, kind in segs:
        for k, piece in enumerate(text.replace("\r\n", "\n").split("\n")):
            if k:
                lines.append([])
            if piece:
                lines[-1].append(Run(piece, kind))  # type: ignore[arg-type]
    return Quote(tuple(tuple(ln) for ln in lines if any(r.text.strip() for r in ln)))


def content_length(report: Report) -> int:
    """The report's length in characters: its content lines, page boilerplate set aside."""
    return sum(ln.end - ln.start for ln in report.lines)


def build_document(c: Comparison, opts: DocOptions | None = None) -> list[Block]:
    """The comparison as document blocks (the memo alone with ``text=False``)."""
    opts = opts or DocOptions()
    b = _Builder(present(c, only_changes=opts.only_changes), opts)
    blocks = b.memo()
    if opts.text:
        blocks += b.details() + b.parts()
    return blocks


__all__ = [
    "Block",
    "Bullets",
    "DocOptions",
    "Heading",
    "Legend",
    "Para",
    "Quote",
    "Run",
    "Table",
    "build_document",
    "content_length",
    "part_anchor",
]
