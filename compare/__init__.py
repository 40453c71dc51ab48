"""reportdiff's comparison core: load, parse, align and compare two government reports.

Pure Python, no user interface: the CLI and the Textual app are thin layers over
:func:`compare_paths` / :func:`compare_reports`.

The names below are resolved on first use, so importing one module (``compare.model``)
does not import the whole pipeline: the app paints its first screen before that happens.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Comparison, Report, ReportError
    from .pipeline import PairDiffs, compare_paths, compare_reports, open_report, pair_diff

_WHERE = {
    "Comparison": "model",
    "Report": "model",
    "ReportError": "model",
    "compare_paths": "pipeline",
    "compare_reports": "pipeline",
    "open_report": "pipeline",
    "pair_diff": "pipeline",
    "PairDiffs": "pipeline",
}

__all__ = [
    "Comparison",
    "Report",
    "ReportError",
    "compare_paths",
    "compare_reports",
    "open_report",
    "pair_diff",
    "PairDiffs",
]


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
