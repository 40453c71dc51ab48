"""Figure rows of a series: a measure followed from year to year.

A metric matched between year i and year i+1 links the two; links chain into rows. A chain is
only extended when the new link agrees with the chain so far (the same unit family, and the
label still resembling an earlier year's label), so A↔B and B↔C count the same thing. A figure
that one or two years leave out is looked up in the year after the gap (among the figures that
start no earlier row; same unit family and closely agreeing labels, as there is no aligned
context to go by): the row shows a gap, never a zero. Figures in a report's next-steps part
(plans and targets for the coming year) are left out: a row holds what each year reports as done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from .metric_units import unit_compatible
from .metrics import extract_metrics
from .model import Metric, Report
from .series_model import FigureRow, FigureValue, Step

LABEL_AGREEMENT = 50  # rapidfuzz ratio (0..100) a new year's label needs with some earlier label
GAP_LABEL_AGREEMENT = 80  # a lookup across a gap has no context to go by: labels must agree more
MAX_GAP = 2  # years in a row a figure may be missing and still continue its row
MIN_LOOKUP_LABEL = 3  # shorter labels (达, 项目) say too little to be looked up by label alone


def plan_sections(report: Report) -> frozenset[str]:
    """Ids of the next-steps part (a next_steps section and everything under it)."""
    out: set[str] = set()
    for s in report.sections:  # parents come before their children
        if s.kind == "next_steps" or (s.parent is not None and s.parent in out):
            out.add(s.id)
    return frozenset(out)


def reported_view(report: Report, plan: frozenset[str]) -> Report:
    """The report without the lines of its next-steps part (same text, offsets and sections)."""
    if not plan:
        return report
    lines = tuple(ln for ln in report.lines if (s := report.section_at(ln.start)) is None or s.id not in plan)
    return replace(report, lines=lines)


def series_figures(
    reports: Sequence[Report], steps: Sequence[Step], views: Sequence[Report] | None = None
) -> tuple[FigureRow, ...]:
    """Rows of figures recurring in at least two reports, from consecutive pair matching."""
    n = len(reports)
    plans = [plan_sections(r) for r in reports]
    if views is None:
        views = [reported_view(r, plans[i]) for i, r in enumerate(reports)]

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

    def chain_of(i: int, m: Metric) -> int:
        """The row holding year i's metric m, started here when it is in none."""
        c = where.get((i, m.start))
        if c is None:
            chains.append({i: m})
            c = len(chains) - 1
            where[(i, m.start)] = c
        return c

    def link(i: int, ma: Metric, j: int, mb: Metric, threshold: int = LABEL_AGREEMENT) -> bool:
        if (j, mb.start) in where:
            return False
        c = chain_of(i, ma)
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
                ca = chain_of(i, ma)
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
