"""The words a view shows beside a pair's score: a band code (views translate it) and a per cent.

Scores are calibrated probabilities (``compare.align_model``): on reports left out of the
fit, pairs scored 0.9 or more were right at least nine times in ten. No import beyond the
standard library, so a view can use this before the comparison core has loaded.
"""

from __future__ import annotations

STRONG = 0.9  # bands of a calibrated score: right at least this often on left-out reports
LIKELY = 0.6


def match_band(score: float, manual: bool = False) -> str:
    """The band of a pair's score: ``"manual"``, ``"strong"``, ``"likely"`` or ``"weak"``."""
    if manual:
        return "manual"
    if score >= STRONG:
        return "strong"
    if score >= LIKELY:
        return "likely"
    return "weak"


def score_percent(score: float) -> int:
    """A computed score as a whole per cent for display: 0..99, never 100."""
    return max(0, min(99, int(score * 100 + 0.5)))
