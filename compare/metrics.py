"""Extracting quantitative statements and matching them across reports (placeholder)."""

from __future__ import annotations

from .model import Alignment, Metric, MetricMatch, Report


def extract_metrics(report: Report) -> tuple[Metric, ...]:
    """Every quantitative statement of the report."""
    return ()


def match_metrics(a: Report, b: Report, alignment: Alignment) -> tuple[MetricMatch, ...]:
    """Pair A's metrics with B's: same, changed, only_a, only_b."""
    return ()
