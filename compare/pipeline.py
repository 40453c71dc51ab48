"""The one entry point: two reports in, a Comparison out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .align import align, mirror
from .initiatives import match_initiatives
from .load import load_report
from .metrics import match_metrics
from .model import Comparison, Report, SectionDiff, SectionPair
from .structure import parse_structure
from .textdiff import diff_sections


def open_report(path: str | Path) -> Report:
    """Load a report file and parse its structure."""
    return parse_structure(load_report(path))


def compare_reports(a: Report, b: Report) -> Comparison:
    """Align two parsed reports and compare their metrics and initiatives."""
    alignment = align(a, b)
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


def section_diff(comparison: Comparison, pair: SectionPair) -> SectionDiff:
    """The text difference of one pair, computed once and kept on the comparison."""
    key = (pair.a, pair.b)
    cached = comparison._diffs.get(key)
    if cached is None:
        sa = comparison.a.section(pair.a) if pair.a else None
        sb = comparison.b.section(pair.b) if pair.b else None
        cached = diff_sections(comparison.a, sa, comparison.b, sb)
        comparison._diffs[key] = cached
    return cached


def swap(comparison: Comparison) -> Comparison:
    """The same comparison with A and B exchanged: the same pairs, re-pairings included."""
    a, b = comparison.b, comparison.a
    alignment = mirror(comparison.alignment, a, b, candidates=align(a, b))
    return Comparison(
        a=a,
        b=b,
        alignment=alignment,
        metrics=match_metrics(a, b, alignment),
        initiatives=match_initiatives(a, b),
    )


def with_alignment(comparison: Comparison, alignment) -> Comparison:
    """A comparison whose alignment was changed (e.g. re-paired by the user)."""
    return replace(
        comparison,
        alignment=alignment,
        metrics=match_metrics(comparison.a, comparison.b, alignment),
        _diffs={},
    )
