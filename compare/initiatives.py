"""Named programmes and documents, and which of them two reports share (placeholder)."""

from __future__ import annotations

from .model import Initiative, InitiativeDiff, Report


def extract_initiatives(report: Report) -> tuple[Initiative, ...]:
    """Named initiatives and document titles of the report."""
    return ()


def match_initiatives(a: Report, b: Report) -> InitiativeDiff:
    """Shared, only-in-A and only-in-B initiatives."""
    return InitiativeDiff()
