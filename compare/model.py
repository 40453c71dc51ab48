"""The typed data passed between the pipeline's steps.

Every step of the pipeline is a function from these dataclasses to these dataclasses::

    load  -> Report (text, normalised text, content lines, metadata)
    parse -> Report with ``sections``
    align -> Alignment (SectionPair list + report-level similarity)
    metrics / initiatives / textdiff -> MetricMatch, InitiativeDiff, SectionDiff
    Comparison bundles all of them for the exporters and the app.

Offsets (``start``/``end``) always index ``Report.text``, the decoded original text, so
that anything found in the normalised form can be shown in the original.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

SectionKind = Literal["heading", "preamble", "problems", "next_steps", "closing"]
MetricStatus = Literal["same", "changed", "only_a", "only_b"]
# the reasons a figure pairing gives (MetricMatch.why); views word them in their language
PAIRING_REASONS = (
    "same_thing",  # the counted thing is worded the same
    "similar_thing",  # the counted thing is worded alike
    "similar_sentence",  # the sentences around the figures are alike
    "aligned_sections",  # the figures stand in sections paired by the alignment
    "unit_family",  # different measure words of one family (场 / 场次)
    "same_action",  # the same action is counted (受理, 办结, 出台 …)
)
InitiativeKind = Literal["quoted", "title", "mechanism"]
DiffMode = Literal["diff", "shared", "one_sided"]
MarkKind = Literal["delete", "insert", "shared", "metric", "initiative"]


class ReportError(Exception):
    """A report cannot be read or compared; the message is one line for the user."""


@dataclass(frozen=True, eq=False)
class NormText:
    """The normalised form of a text, with a map back to the original.

    ``origin[i]`` is the offset in the original text of normalised character ``i``;
    ``origin[len(text)]`` is the original length, so half-open spans map cleanly.
    """

    text: str
    origin: array

    def to_original(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (0 <= i <= len(text))."""
        return self.origin[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original half-open span covering normalised span ``[start, end)``."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1

    def to_normalised(self, original_offset: int) -> int:
        """First normalised offset whose original offset is >= ``original_offset``."""
        return bisect_left(self.origin, original_offset, 0, len(self.text))


@dataclass(frozen=True)
class Line:
    """One content line of a report: not blank, not page boilerplate.

    ``start``/``end`` index ``Report.text`` (surrounding white space excluded);
    ``nstart``/``nend`` index ``Report.norm.text``.
    """

    start: int
    end: int
    nstart: int
    nend: int
    text: str
    norm: str


@dataclass(frozen=True)
class ReportMeta:
    """What the report says about itself."""

    title: str | None = None
    organization: str | None = None
    year: int | None = None  # the year reported on, not the publication year
    period: str | None = None  # e.g. "2020年和五年来" when the report covers more than a year
    published: str | None = None  # ISO date, YYYY-MM-DD (or YYYY-MM / YYYY when that is all)
    addressee: str | None = None  # e.g. "扬州市人民政府"
    signature: str | None = None  # the signing organisation(s) at the end


@dataclass(frozen=True)
class Section:
    """One section of a report's outline.

    ``start``..``end`` covers the heading and everything under it (children included);
    the section's own text runs from ``body_start`` to the first child's ``start``.
    """

    id: str
    parent: str | None
    level: int  # 1 for 一、, 2 for （一）, ...; 0 for preamble / closing parts
    number: str  # as written, e.g. "一、", "（二）", "一是"; "" when unnumbered
    heading: str  # in the report's own script, without the number
    kind: SectionKind
    start: int
    end: int
    body_start: int


@dataclass(frozen=True, eq=False)
class Report:
    """A loaded report: original text, its normalised twin, content lines and metadata."""

    path: str | None
    text: str
    norm: NormText
    lines: tuple[Line, ...]
    boilerplate: tuple[Line, ...] = ()
    meta: ReportMeta = field(default_factory=ReportMeta)
    sections: tuple[Section, ...] = ()
    encoding: str = "utf-8"
    format: str = "txt"
    script: Literal["simplified", "traditional"] = "simplified"

    # --- section navigation -------------------------------------------------
    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if absent)."""
        return self._sections_by_id[section_id]

    def children(self, section_id: str | None) -> tuple[Section, ...]:
        """Direct children of a section (``None``: the top-level sections)."""
        return self._children_by_parent.get(section_id, ())

    def section_at(self, pos: int) -> Section | None:
        """The deepest section whose span contains the original offset ``pos``."""
        i = bisect_right(self._section_starts, pos) - 1
        found = self.sections[i] if i >= 0 else None
        # sections are in document order, so the last one starting at or before pos is the
        # deepest candidate; if pos is past its end, one of its ancestors may still hold it
        while found is not None and not found.start <= pos < found.end:
            found = self._sections_by_id.get(found.parent) if found.parent else None
        return found

    def own_end(self, section: Section) -> int:
        """End of the section's own text: the first child's start, or its end."""
        kids = self.children(section.id)
        return kids[0].start if kids else section.end

    # Indexes built once per Report (sections and lines never change after construction):
    # every section's text is looked up, so linear scans here made a report quadratic.
    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @cached_property
    def _children_by_parent(self) -> dict[str | None, tuple[Section, ...]]:
        kids: dict[str | None, list[Section]] = {}
        for s in self.sections:
            kids.setdefault(s.parent, []).append(s)
        return {parent: tuple(v) for parent, v in kids.items()}

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.lines]

    # --- text access --------------------------------------------------------
    def lines_in(self, start: int, end: int) -> tuple[Line, ...]:
        """Content lines overlapping the original span ``[start, end)``."""
        out = []
        for i in range(max(bisect_right(self._line_starts, start) - 1, 0), len(self.lines)):
            ln = self.lines[i]
            if ln.start >= end:
                break
            if ln.end > start:
                out.append(ln)
        return tuple(out)

    def span_text(self, start: int, end: int, normalised: bool = False) -> str:
        """Content text of an original span, boilerplate left out, one line per line."""
        parts = []
        for ln in self.lines_in(start, end):
            a, b = max(ln.start, start), min(ln.end, end)
            if a >= b:
                continue
            if normalised:
                na, nb = self.norm.to_normalised(a), self.norm.to_normalised(b)
                parts.append(self.norm.text[na:nb].strip())
            else:
                parts.append(self.text[a:b].strip())
        return "\n".join(p for p in parts if p)

    def body_text(self, section: Section, normalised: bool = False, subtree: bool = False) -> str:
        """The section's body (without heading); ``subtree`` adds its children's text."""
        end = section.end if subtree else self.own_end(section)
        return self.span_text(section.body_start, end, normalised)


@dataclass(frozen=True)
class SectionPair:
    """Two sections that talk about the same thing, or one with no counterpart.

    ``score`` is in 0..1; ``reason`` lists the shared terms that made the match.
    """

    a: str | None
    b: str | None
    score: float
    reason: tuple[str, ...] = ()
    topic: str | None = None  # topic code shared by both sides, e.g. "FUNC"
    manual: bool = False  # chosen by the user, not by the aligner


@dataclass(frozen=True)
class Alignment:
    """Which sections of A go with which of B, and how alike the two reports are."""

    pairs: tuple[SectionPair, ...]  # A's order; B-only sections after
    similarity: float  # report-level, 0..1
    parts: tuple[tuple[str, float], ...] = ()  # named components of ``similarity``
    candidates: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    topics_a: dict[str, tuple[str, ...]] = field(default_factory=dict)  # section id -> topic codes
    topics_b: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mark:
    """A highlighted span of one side's displayed section text."""

    start: int
    end: int
    kind: MarkKind


@dataclass(frozen=True)
class DiffOp:
    """One step of a word-level edit script (text in the original script)."""

    op: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class SectionDiff:
    """What differs between two aligned sections' texts."""

    mode: DiffMode
    similarity: float
    a_text: str
    b_text: str
    a_marks: tuple[Mark, ...] = ()
    b_marks: tuple[Mark, ...] = ()
    ops: tuple[DiffOp, ...] = ()  # mode "diff" only
    shared: tuple[str, ...] = ()  # mode "shared": phrases both sections use


@dataclass(frozen=True)
class Metric:
    """One quantitative statement: ``value`` ``unit`` of ``label``."""

    value: float
    unit: str
    label: str
    text: str  # the quantity as written, e.g. "23件", "五万余人次"
    context: str  # the clause it stands in
    section: str | None
    start: int
    end: int
    qualifiers: tuple[str, ...] = ()  # 余, 近, 超过, 累计, 同比 ...
    upper: float | None = None  # for ranges like 3至5天
    scale: str = ""  # 万 / 亿 as written before the unit (12.5亿元: value 1.25e9, scale 亿)
    was: Metric | None = None  # the earlier value of a change inside the report (由2802个精简至2684个)

    @property
    def threshold(self) -> bool:
        """A bound or target (不低于90%, 突破四千亿元), not a result."""
        return any(q in THRESHOLD_QUALIFIERS for q in self.qualifiers)


# a target the clause sets itself (力争, 确保, 争取 before the figure), and a bound or a target
TARGET_QUALIFIERS = frozenset({"力争", "确保", "争取"})
THRESHOLD_QUALIFIERS = frozenset({"不低于", "不少于", "不超过", "突破"}) | TARGET_QUALIFIERS


@dataclass(frozen=True)
class MetricMatch:
    """A metric of A and/or B, and how they compare."""

    status: MetricStatus
    label: str
    a: Metric | None
    b: Metric | None
    difference: float | None = None  # b - a, when both exist
    ratio: float | None = None  # b / a, when both exist and a != 0
    change: str = ""  # the difference as a reader writes it: "+300亿元", "-2.1个百分点"
    # why the two were paired, as codes (PAIRING_REASONS), e.g. ("same_thing", "aligned_sections")
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class Initiative:
    """A named programme, mechanism or document as one report mentions it."""

    key: str  # normalised identity used for matching across reports
    name: str  # as first written
    kind: InitiativeKind
    sections: tuple[str, ...]
    count: int = 1
    generic: str | None = None  # document title without its local prefix, when it has one
    names: tuple[str, ...] = ()  # every spelling seen


@dataclass(frozen=True)
class SharedInitiative:
    """An initiative both reports mention; ``generic`` when matched only by generic title."""

    key: str
    a: Initiative
    b: Initiative
    generic: bool = False


@dataclass(frozen=True)
class InitiativeDiff:
    shared: tuple[SharedInitiative, ...] = ()
    only_a: tuple[Initiative, ...] = ()
    only_b: tuple[Initiative, ...] = ()


@dataclass(frozen=True, eq=False)
class Comparison:
    """Everything known about two reports side by side: an immutable value, compared by
    identity (a deep comparison of two reports is never what a caller wants). The pairs' text
    differences are not kept here: whoever holds the comparison owns a
    ``compare.pipeline.PairDiffs``."""

    a: Report
    b: Report
    alignment: Alignment
    metrics: tuple[MetricMatch, ...] = ()
    initiatives: InitiativeDiff = field(default_factory=InitiativeDiff)
