"""Text difference inside an aligned pair (placeholder)."""

from __future__ import annotations

from .model import Report, Section, SectionDiff


def diff_sections(a: Report, sa: Section | None, b: Report, sb: Section | None) -> SectionDiff:
    """What differs between section ``sa`` of ``a`` and ``sb`` of ``b``."""
    a_text = a.body_text(sa) if sa else ""
    b_text = b.body_text(sb) if sb else ""
    return SectionDiff(mode="one_sided", similarity=0.0, a_text=a_text, b_text=b_text)
