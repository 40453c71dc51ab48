"""One government across the years: a series of reports, its figures, topics, programmes, chapters.

Everything is built from the pair comparison of *consecutive* reports (the aligner, the metric
and the programme matching of ``compare.pipeline``), so a series of n reports costs n-1
comparisons, never n²; the full comparison of any two years is made when it is asked for
(``Series.pair``). This module reads and orders the reports and makes the steps between them;
the rows are built in ``compare.series_figures`` (figures) and ``compare.series_rows`` (topics,
programmes, chapters), the data classes are in ``compare.series_model``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from .align import align
from .i18n import _
from .initiatives import match_initiatives
from .load import report_candidates
from .metrics import match_metrics
from .model import Report, ReportError
from .pipeline import open_report
from .series_figures import plan_sections, reported_view, series_figures
from .series_model import (
    ChainEvent,
    ChainLink,
    FigureRow,
    FigureValue,
    ProgrammeName,
    ProgrammeRow,
    ProgrammeStatus,
    SectionChain,
    Series,
    Step,
    TopicRow,
    TopicShare,
)
from .series_rows import series_initiatives, series_sections, series_topics

__all__ = [
    "ChainEvent", "ChainLink", "FigureRow", "FigureValue", "ProgrammeName", "ProgrammeRow",
    "ProgrammeStatus", "SectionChain", "Series", "Step", "TopicRow", "TopicShare",
    "build_series", "open_series", "order_key", "order_reports", "row_values", "series_figures",
    "series_initiatives", "series_paths", "series_sections", "series_topics", "sparkline",
]



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
            out.extend((q, True) for q in report_candidates(p) if q.is_file())
        else:
            out.append((p, False))
    return out


def order_key(report: Report, position: int) -> tuple:
    """Series order: the reported year, ties by publication date, then as given."""
    m = report.meta
    return (m.year is None, m.year or 0, m.published is None, m.published or "", position)


def order_reports(reports: Sequence[Report]) -> list[Report]:
    """The reports in series order (see ``order_key``)."""
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
    views = [reported_view(r, plan_sections(r)) for r in ordered]
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
