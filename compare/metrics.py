"""Figures of a report and how two reports' figures compare: the public entry points.

Extraction (what a figure is, its value, unit and label) is ``compare.metrics_extract``;
pairing two reports' figures is ``compare.metrics_match``.
"""

from .metrics_extract import extract_metrics, unit_compatible
from .figures import written_change
from .metrics_match import DEFAULT_PARAMS, MatchParams, match_metrics

__all__ = ["extract_metrics", "unit_compatible", "match_metrics", "MatchParams", "DEFAULT_PARAMS", "written_change"]
