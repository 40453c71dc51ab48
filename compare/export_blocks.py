"""The exported document as blocks (headings, paragraphs, lists, tables, quotes) of runs, and
the words every part of it uses (captions, report text in the requested script, links).

Runs hold report text unescaped; each writer escapes for its own format.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .match_confidence import match_band, score_percent
from .sanitize import show_path
from .export_labels import Lang, label, topic_label
from .figures import Figure
from .model import Comparison, Mark, Report
from .normalize import to_simplified
from .present import Presentation

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


def pct(v: float | None) -> str:
    if v is None or not math.isfinite(v):
        return "—"
    return f"{round(v * 100)}%"



_KINDS = {"kind_quoted", "kind_title", "kind_mechanism"}
_STATUS_ORDER = {"changed": 0, "only_a": 1, "only_b": 2, "same": 3}
_SHOWN_KINDS = ("delete", "insert", "shared")


def marked_segments(text: str, marks: Sequence[Mark], start: int, end: int) -> list[tuple[str, str]]:
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


def quote_block(segs: Iterable[tuple[str, str]]) -> Quote:
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




class Words:
    """The words every part of the document uses: captions, report text as requested, links."""

    def __init__(self, p: Presentation, opts: DocOptions):
        self.p = p
        self.c: Comparison = p.comparison
        self.o = opts
        self.lang = opts.lang
        self.shown = {part.view.number for part in p.parts}

    # --- words
    def t(self, key: str, **kw) -> str:
        return label(self.lang, key, **kw)

    def pair_score(self, pair) -> str:
        """A pair's calibrated score with its band word ("91%（强）"); never 100 % for a guess."""
        if pair.manual:
            return pct(pair.score)
        return self.t("band_" + match_band(pair.score), v=f"{score_percent(pair.score)}%")

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
        name = self.quote(m.organization or m.title, r) or (show_path(Path(r.path).name) if r.path else fallback)
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
    def where(self, report: Report, sids: Sequence[str]) -> Runs:
        refs = [self.section_label(report, s, width=12) for s in sids[:5]]
        text = self.t("list_sep").join(refs)
        if len(sids) > 5:
            text += " " + self.t("and_more")
        return (Run(text or "—"),)

    def kind(self, kind: str) -> Runs:
        key = f"kind_{kind}"
        return (Run(self.t(key) if key in _KINDS else kind),)

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

    def _home(self, f: Figure) -> int | None:
        return self._homes.get(id(f.match))

    @property
    def _homes(self) -> dict[int, int | None]:
        homes = getattr(self, "_homes_cache", None)
        if homes is None:
            homes = {id(f.match): f.pair for f in self.p.figures}
            self._homes_cache = homes
        return homes

