"""The data of a series of reports: its steps, and its figure, topic, programme and chapter rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .metrics import match_metrics
from .model import Alignment, Comparison, InitiativeDiff, Metric, MetricMatch, Report
from .pipeline import compare_reports

ProgrammeStatus = Literal["present", "new", "continued", "dropped", "absent"]
ChainEvent = Literal["persists", "splits", "merges", "disappears", "new"]


@dataclass(frozen=True)
class FigureValue:
    """One year's value of a recurring figure."""

    report: int  # index in Series.reports
    metric: Metric


@dataclass(frozen=True)
class FigureRow:
    """A measure that recurs across years: one value per year it appears in."""

    label: str  # the label as most recently written
    unit: str
    values: tuple[FigureValue, ...]  # in series order; years without the figure are absent

    def at(self, report: int) -> FigureValue | None:
        return next((v for v in self.values if v.report == report), None)

    @property
    def labels(self) -> tuple[str, ...]:
        """Each year's label as written (in series order)."""
        return tuple(v.metric.label for v in self.values)


@dataclass(frozen=True)
class TopicShare:
    """One report's part of a topic: how many sections, what share of the text."""

    report: int
    sections: int  # how many sections have this topic
    share: float  # their part of the report's text, 0..1


@dataclass(frozen=True)
class TopicRow:
    """A national topic across the series: one share per report."""

    topic: str  # code, e.g. "ENFORCE"
    shares: tuple[TopicShare, ...]  # one per report


@dataclass(frozen=True)
class ProgrammeName:
    """A programme as one report names it, with the sections that mention it."""

    report: int
    name: str  # as written in that report
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme across the years it appears in."""

    key: str
    names: tuple[ProgrammeName, ...]  # years it appears in, in series order

    def status(self, report: int) -> ProgrammeStatus:
        """new (first appears here), continued, dropped (appeared the report before, not here);
        in the first report of the series, where nothing is known before, "present"."""
        present = {n.report for n in self.names}
        if report in present:
            if report == 0:
                return "present"
            return "continued" if report - 1 in present else "new"
        return "dropped" if report - 1 in present else "absent"

    @property
    def reports(self) -> tuple[int, ...]:
        return tuple(n.report for n in self.names)


@dataclass(frozen=True)
class ChainLink:
    """One report's section in a chapter's chain."""

    report: int
    id: str
    heading: str
    kind: str = "heading"

    @property
    def title(self) -> str:
        """The heading, or the part's kind for an unheaded preamble or closing."""
        return self.heading or f"({self.kind})"


@dataclass(frozen=True)
class SectionChain:
    """A chapter followed through the years (several links in one year after a split)."""

    links: tuple[ChainLink, ...]  # by report, then document order

    def at(self, report: int) -> tuple[ChainLink, ...]:
        return tuple(x for x in self.links if x.report == report)

    def event(self, report: int, n_reports: int) -> ChainEvent | None:
        """What happens to the chapter between ``report`` and the next one."""
        here, after = len(self.at(report)), len(self.at(report + 1))
        if report + 1 >= n_reports or here == 0:
            return None
        if after == 0:
            return "disappears"
        if here == 1 and after > 1:
            return "splits"
        if here > 1 and after == 1:
            return "merges"
        return "persists"


@dataclass(frozen=True, eq=False)
class Step:
    """What the series keeps of two consecutive reports' comparison."""

    alignment: Alignment
    initiatives: InitiativeDiff
    metrics: tuple[MetricMatch, ...]  # matched on the reported parts only (next steps left out)


@dataclass(eq=False)
class Series:
    """A series of reports of one government and what changed across it."""

    reports: tuple[Report, ...]  # in series order
    steps: tuple[Step, ...]  # steps[i]: reports[i] -> reports[i + 1]
    figures: tuple[FigureRow, ...] = ()
    topics: tuple[TopicRow, ...] = ()
    initiatives: tuple[ProgrammeRow, ...] = ()
    sections: tuple[SectionChain, ...] = ()
    skipped: tuple[str, ...] = ()  # files of a folder left out, as "name (reason)"
    _extra: dict[tuple[int, int], Comparison] = field(default_factory=dict, repr=False)

    def years(self) -> list[str]:
        """Column headings: the reported year, or the file's position when it is unknown."""
        return [str(r.meta.year) if r.meta.year else f"#{i + 1}" for i, r in enumerate(self.reports)]

    def pair(self, i: int, j: int) -> Comparison:
        """The full comparison of reports i and j (i < j), made once when first asked for.

        Consecutive years reuse the series' alignment and programme matching."""
        key = (i, j)
        if key not in self._extra:
            a, b = self.reports[i], self.reports[j]
            if j == i + 1:
                st = self.steps[i]
                self._extra[key] = Comparison(
                    a=a, b=b, alignment=st.alignment, metrics=match_metrics(a, b, st.alignment),
                    initiatives=st.initiatives,
                )
            else:
                self._extra[key] = compare_reports(a, b)
        return self._extra[key]
