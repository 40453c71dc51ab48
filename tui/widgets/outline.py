"""A report's outline (its sections, indented by level) for the picker's preview."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from compare.model import Report
from compare.sanitize import escape

from ..display import one_line
from .pair_list import KIND_NAMES

MAX_OUTLINE_SECTIONS = 400


def outline_text(report: Report) -> Text:
    """Title, metadata and sections of a report, shown literally."""
    m = report.meta
    t = Text(end="")
    t.append(one_line(m.title, "(no title)") + "\n", style="bold")
    facts = [x for x in (m.organization, str(m.year) if m.year else None, m.published) if x]
    facts.append(f"{len(report.text):,} chars, {report.script}")
    t.append(one_line(" · ".join(facts)) + "\n\n", style="dim")
    if not report.sections:
        t.append("No sections found: compared paragraph by paragraph.", style="italic")
        return t
    for s in report.sections[:MAX_OUTLINE_SECTIONS]:
        title = f"{s.number}{s.heading}".strip() or KIND_NAMES.get(s.kind, "(untitled)")
        t.append("  " * max(s.level - 1, 0) + one_line(title) + "\n", style="bold" if s.level <= 1 else "")
    if len(report.sections) > MAX_OUTLINE_SECTIONS:
        t.append(f"… and {len(report.sections) - MAX_OUTLINE_SECTIONS} more sections", style="dim")
    return t


class Outline(Static):
    """The outline of one report, or a hint when none is chosen."""

    def show(self, report: Report | None, note: str = "") -> None:
        if report is None:
            self.update(Text(escape(note) or "Highlight a report to see its outline.", style="dim"))
        else:
            self.update(outline_text(report))
