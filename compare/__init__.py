"""reportdiff's comparison core: load, parse, align and compare two government reports.

Pure Python, no user interface: the CLI and the Textual app are thin layers over
:func:`compare_paths` / :func:`compare_reports`.
"""

from .model import Comparison, Report, ReportError
from .pipeline import compare_paths, compare_reports, open_report, section_diff

__all__ = [
    "Comparison",
    "Report",
    "ReportError",
    "compare_paths",
    "compare_reports",
    "open_report",
    "section_diff",
]
