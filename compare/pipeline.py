"""The one entry point: two reports in, a Comparison out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path

from .align import align, mirror
from .initiatives import match_initiatives
from .load import load_report
from .metrics import match_metrics
from .model import Alignment, Comparison, Report, SectionDiff, SectionPair
from .structure import parse_structure
from .textdiff import diff_sections

DiffSource = Callable[[SectionPair], SectionDiff]  # a pair's text difference, as asked for


def open_report(path: str | Path) -> Report:
    """Load a report file and parse its structure."""
    return parse_structure(load_report(path))


def compare_reports(a: Report, b: Report) -> Comparison:
    """Align two parsed reports and compare their metrics and initiatives."""
    return _compared(a, b, align(a, b))


def _compared(a: Report, b: Report, alignment: Alignment) -> Comparison:
    return Comparison(
        a=a,
        b=b,
        alignment=alignment,
        metrics=match_metrics(a, b, alignment),
        initiatives=match_initiatives(a, b),
    )


def compare_paths(a: str | Path, b: str | Path) -> Comparison:
    """Load, parse and compare two report files."""
    return compare_reports(open_report(a), open_report(b))


def pair_diff(comparison: Comparison, pair: SectionPair) -> SectionDiff:
    """The text difference of one pair, computed afresh (everything under each heading)."""
    sa = comparison.a.section(pair.a) if pair.a else None
    sb = comparison.b.section(pair.b) if pair.b else None
    return diff_sections(comparison.a, sa, comparison.b, sb)


class PairDiffs:
    """The text differences of one comparison's pairs, each computed the first time it is
    asked for and kept: ``PairDiffs(comparison)(pair)``.

    Whoever holds a comparison for a while owns one (a command-line run, the app), so the
    Comparison itself stays a plain immutable value. ``known`` gives differences already at
    hand, by ``(a_id, b_id)``; they are used instead of computing those pairs. Two threads
    asking for the same pair at once at worst compute it twice; both get equal results.
    """

    def __init__(
        self, comparison: Comparison, known: Mapping[tuple[str | None, str | None], SectionDiff] | None = None
    ) -> None:
        self.comparison = comparison
        self._by_pair: dict[tuple[str | None, str | None], SectionDiff] = dict(known or {})

    def __call__(self, pair: SectionPair) -> SectionDiff:
        key = (pair.a, pair.b)
        diff = self._by_pair.get(key)
        if diff is None:
            diff = self._by_pair[key] = pair_diff(self.comparison, pair)
        return diff


def diff_source(comparison: Comparison, diffs: DiffSource | None = None) -> DiffSource:
    """``diffs``, or else a fresh ``PairDiffs`` of the comparison (kept for this one use)."""
    if diffs is not None:
        return diffs
    return PairDiffs(comparison)


def swap(comparison: Comparison) -> Comparison:
    """The same comparison with A and B exchanged: the same pairs, re-pairings included."""
    a, b = comparison.b, comparison.a
    return _compared(a, b, mirror(comparison.alignment, a, b, candidates=align(a, b)))


def with_alignment(comparison: Comparison, alignment) -> Comparison:
    """A comparison whose alignment was changed (e.g. re-paired by the user)."""
    return replace(
        comparison,
        alignment=alignment,
        metrics=match_metrics(comparison.a, comparison.b, alignment),
    )
