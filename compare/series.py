"""One government across the years: a series of reports, its figures, topics, programmes, chapters.

Everything is built from the pair comparison of *consecutive* reports (the aligner, the metric
and the programme matching of ``compare.pipeline``), so a series of n reports costs n-1
comparisons, never n²; the full comparison of any two years is made when it is asked for
(``Series.pair``). On top of that:

* **Figures** — a metric matched between year i and year i+1 links the two; links chain into
  rows. A chain is only extended when the new link agrees with the chain so far (the same unit
  family, and the label still resembling an earlier year's label), so A↔B and B↔C count the
  same thing. A figure that one or two years leave out is looked up in the year after the gap
  (among the figures that start no earlier row; same unit family and closely agreeing labels,
  as there is no aligned context to go by): the row shows a gap, never a zero. Figures in a report's next-steps part (plans and targets for the coming year)
  are left out: a row holds what each year reports as done.
* **Topics** — for each national outline topic (``compare.topics``), the sections of each
  report the aligner gave that topic and the share of the report's text they hold.
* **Initiatives** — programmes matched between consecutive years (``match_initiatives``) and,
  across gaps, by their normalised key; each row lists the name as written each year.
* **Sections** — chapters linked by the alignment of consecutive years; a chapter linked to two
  of the next year's is a split, two linked to one a merge, one linked to none disappears.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from .align import align
from .i18n import _, os_reason
from .initiatives import match_initiatives
from .metric_units import unit_compatible
from .metrics import extract_metrics, match_metrics
from .model import Alignment, Comparison, InitiativeDiff, Metric, MetricMatch, Report, ReportError
from .pipeline import compare_reports, open_report

REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".docx", ".pdf"})
LABEL_AGREEMENT = 50  # rapidfuzz ratio (0..100) a new year's label needs with some earlier label
ProgrammeStatus = Literal["present", "new", "continued", "dropped", "absent"]
ChainEvent = Literal["persists", "splits", "merges", "disappears", "new"]


# --------------------------------------------------------------------------- data


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
    report: int
    sections: int  # how many sections have this topic
    share: float  # their part of the report's text, 0..1


@dataclass(frozen=True)
class TopicRow:
    topic: str  # code, e.g. "ENFORCE"
    shares: tuple[TopicShare, ...]  # one per report


@dataclass(frozen=True)
class ProgrammeName:
    report: int
    name: str  # as written in that report
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProgrammeRow:
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


# --------------------------------------------------------------------------- inputs


def series_paths(args: Iterable[str | Path]) -> list[Path]:
    """Report files named by ``args``: files as given, folders expanded to their report files."""
    return [p for p, _ in _series_files(args)]


def _series_files(args: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """(file, found in a folder) for each report file named by ``args``."""
    out: list[tuple[Path, bool]] = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            try:
                names = sorted(p.iterdir())
            except OSError as exc:
                raise ReportError(_("{p}: cannot list the folder ({reason})").format(p=p, reason=os_reason(exc))) from None
            out.extend(
                (q, True)
                for q in names
                if q.is_file() and not q.name.startswith(".") and q.suffix.lower() in REPORT_SUFFIXES
            )
        else:
            out.append((p, False))
    return out


def order_key(report: Report, position: int) -> tuple:
    """Series order: the reported year, ties by publication date, then as given."""
    m = report.meta
    return (m.year is None, m.year or 0, m.published is None, m.published or "", position)


def order_reports(reports: Sequence[Report]) -> list[Report]:
    return [r for _, r in sorted(((order_key(r, i), r) for i, r in enumerate(reports)), key=lambda t: t[0])]


def open_series(paths: Iterable[str | Path], progress: Callable[[int, int], None] | None = None) -> Series:
    """Load, order and compare a series of report files (at least two).

    A file found in a folder that cannot be read, or whose reported year cannot be told (a
    README, a file that is not a report), is left out and listed in ``Series.skipped`` as
    "name (reason)"; a file named on its own must be readable and is kept (placed after the
    dated ones when it has no year)."""
    files = _series_files(paths)
    reports, skipped = [], []
    for k, (f, in_folder) in enumerate(files):
        try:
            r = open_report(f)
        except ReportError as exc:
            if not in_folder:
                raise
            reason = str(exc).removeprefix(f"{f}: ")
            skipped.append(f"{f.name} ({reason})")
            continue
        if in_folder and r.meta.year is None:
            skipped.append(_("{name} (no reported year)").format(name=f.name))
        else:
            reports.append(r)
        if progress:
            progress(k + 1, 2 * len(files) - 1)
    if len(reports) < 2:
        left = _("; left out: {names}").format(names=", ".join(skipped)) if skipped else ""
        raise ReportError(_("a series needs at least two reports{left}").format(left=left))
    series = build_series(reports, progress=progress)
    series.skipped = tuple(skipped)
    return series


def build_series(reports: Sequence[Report], progress: Callable[[int, int], None] | None = None) -> Series:
    """The series of parsed reports (ordered here by year and publication date)."""
    ordered = order_reports(reports)
    if len(ordered) < 2:
        raise ReportError(_("a series needs at least two reports"))
    views = [_reported_view(r, _plan_sections(r)) for r in ordered]
    steps = []
    for i in range(len(ordered) - 1):
        a, b = ordered[i], ordered[i + 1]
        alignment = align(a, b)
        steps.append(Step(alignment, match_initiatives(a, b), match_metrics(views[i], views[i + 1], alignment)))
        if progress:
            progress(len(ordered) + i + 1, 2 * len(ordered) - 1)
    s = Series(reports=tuple(ordered), steps=tuple(steps))
    s.figures = series_figures(s.reports, s.steps, views)
    s.topics = series_topics(s.reports, s.steps)
    s.initiatives = series_initiatives(s.reports, s.steps)
    s.sections = series_sections(s.reports, s.steps)
    return s


# --------------------------------------------------------------------------- figures


def _plan_sections(report: Report) -> frozenset[str]:
    """Ids of the next-steps part (a next_steps section and everything under it)."""
    out: set[str] = set()
    for s in report.sections:  # parents come before their children
        if s.kind == "next_steps" or (s.parent is not None and s.parent in out):
            out.add(s.id)
    return frozenset(out)


def _reported_view(report: Report, plan: frozenset[str]) -> Report:
    """The report without the lines of its next-steps part (same text, offsets and sections)."""
    if not plan:
        return report
    lines = tuple(ln for ln in report.lines if (s := report.section_at(ln.start)) is None or s.id not in plan)
    return replace(report, lines=lines)


GAP_LABEL_AGREEMENT = 80  # a lookup across a gap has no context to go by: labels must agree more
MAX_GAP = 2  # years in a row a figure may be missing and still continue its row
MIN_LOOKUP_LABEL = 3  # shorter labels (达, 项目) say too little to be looked up by label alone


def series_figures(
    reports: Sequence[Report], steps: Sequence[Step], views: Sequence[Report] | None = None
) -> tuple[FigureRow, ...]:
    """Rows of figures recurring in at least two reports, from consecutive pair matching."""
    n = len(reports)
    plans = [_plan_sections(r) for r in reports]
    if views is None:
        views = [_reported_view(r, plans[i]) for i, r in enumerate(reports)]

    def reported(i: int, m: Metric | None) -> bool:
        return m is not None and m.section not in plans[i]

    chains: list[dict[int, Metric]] = []  # report index -> that year's metric
    where: dict[tuple[int, int], int] = {}  # (report index, metric start) -> chain

    def agrees(chain: dict[int, Metric], m: Metric, threshold: int = LABEL_AGREEMENT) -> bool:
        first = next(iter(chain.values()))
        if not unit_compatible(first.unit, m.unit):
            return False
        if not m.label:
            return threshold <= LABEL_AGREEMENT
        return any(
            x.label and (fuzz.ratio(x.label, m.label) >= threshold or x.label in m.label or m.label in x.label)
            or not x.label and threshold <= LABEL_AGREEMENT
            for x in chain.values()
        )

    def link(i: int, ma: Metric, j: int, mb: Metric, threshold: int = LABEL_AGREEMENT) -> bool:
        if (j, mb.start) in where:
            return False
        c = where.get((i, ma.start))
        if c is None:
            chains.append({i: ma})
            c = len(chains) - 1
            where[(i, ma.start)] = c
        chain = chains[c]
        if any(r > i for r in chain) or not agrees(chain, mb, threshold):
            return False
        chain[j] = mb
        where[(j, mb.start)] = c
        return True

    # the pair matching of consecutive years, on the reported parts: a plan figure of the
    # next year must not take the place of what that year reports as done
    for i, st in enumerate(steps):
        for mm in st.metrics:
            if mm.a is not None and mm.b is not None and reported(i, mm.a) and reported(i + 1, mm.b):
                link(i, mm.a, i + 1, mm.b)

    # gaps: a figure of year i carried to no later year is looked up among the figures of
    # year i+d (d = 2, 3: one or two years without it) that start a row there or start none;
    # same unit family and closely agreeing labels, as there is no aligned context to go by
    extracted: dict[int, tuple[Metric, ...]] = {}

    def metrics_of(i: int) -> tuple[Metric, ...]:
        if i not in extracted:
            extracted[i] = tuple(m for m in extract_metrics(views[i]) if reported(i, m))
        return extracted[i]

    def open_end(i: int, m: Metric) -> bool:
        c = where.get((i, m.start))
        return c is None or max(chains[c]) == i

    def open_start(j: int, m: Metric) -> bool:
        c = where.get((j, m.start))
        return c is None or min(chains[c]) == j

    for d in range(2, MAX_GAP + 2):
        for i in range(n - d):
            j = i + d
            ends = [m for m in metrics_of(i) if len(m.label) >= MIN_LOOKUP_LABEL and open_end(i, m)]
            if not ends:
                continue
            starts = [m for m in metrics_of(j) if len(m.label) >= MIN_LOOKUP_LABEL and open_start(j, m)]
            if not starts:
                continue
            # every label against every label in rapidfuzz's C loop; units checked on the few kept
            matrix = process.cdist(
                [m.label for m in ends], [m.label for m in starts], scorer=fuzz.ratio,
                score_cutoff=GAP_LABEL_AGREEMENT, dtype=None,
            )
            scored = sorted(
                (-float(matrix[x, y]), int(x), int(y))
                for x, y in zip(*matrix.nonzero())
                if unit_compatible(ends[x].unit, starts[y].unit)
            )
            used_a: set[int] = set()
            used_b: set[int] = set()
            for _, x, y in scored:
                if x in used_a or y in used_b:
                    continue
                ma, mb = ends[x], starts[y]
                if not (open_end(i, ma) and open_start(j, mb)):
                    continue
                ca = where.get((i, ma.start))
                if ca is None:
                    chains.append({i: ma})
                    ca = len(chains) - 1
                    where[(i, ma.start)] = ca
                later = where.get((j, mb.start))
                if later is None:
                    ok = link(i, ma, j, mb, GAP_LABEL_AGREEMENT)
                else:  # join the row that starts at j to the one that ends at i
                    ok = ca != later and agrees(chains[ca], mb, GAP_LABEL_AGREEMENT)
                    if ok:
                        for r, m in chains[later].items():
                            chains[ca][r] = m
                            where[(r, m.start)] = ca
                        chains[later] = {}
                if ok:
                    used_a.add(x)
                    used_b.add(y)

    rows = []
    for chain in chains:
        if len(chain) < 2:
            continue
        values = tuple(FigureValue(r, chain[r]) for r in sorted(chain))
        last = values[-1].metric
        label = last.label or next((v.metric.label for v in reversed(values) if v.metric.label), "")
        rows.append(FigureRow(label=label, unit=last.unit, values=values))
    rows.sort(key=lambda row: (-len(row.values), row.values[0].report, row.values[0].metric.start))
    return tuple(rows)


# --------------------------------------------------------------------------- topics


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


# --------------------------------------------------------------------------- helpers for views


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None]) -> str:
    """One character per year, ▁..█ by value; a space where the year has no value."""
    nums = [v for v in values if v is not None]
    if not nums:
        return " " * len(values)
    lo, hi = min(nums), max(nums)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif hi == lo:
            out.append(SPARK[3])
        else:
            out.append(SPARK[round((v - lo) / (hi - lo) * (len(SPARK) - 1))])
    return "".join(out)


def row_values(row: FigureRow, n: int) -> list[float | None]:
    """The row's value in each of the n reports (None for a gap)."""
    by = {v.report: v.metric.value for v in row.values}
    return [by.get(i) for i in range(n)]
