"""Parsing a report's heading structure into sections (placeholder)."""

from __future__ import annotations

from .model import Report


def parse_structure(report: Report) -> Report:
    """Return the report with its ``sections`` filled in."""
    return report
