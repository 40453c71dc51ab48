"""A report's outline (its sections, indented by level) for the picker's preview."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Report
from reportdiff.compare.sanitize import escape

from ..display import one_line, section_title

SCRIPTS = (N_("simplified"), N_("traditional"))  # report.script as the outline names it

MAX_OUTLINE_SECTIONS = 400


def outline_text(report: Report) -> Text:
    """Title, metadata and sections of a report, shown literally."""
    m = report.meta
    t = Text(end="")
    t.append(one_line(m.title, _("(no title)")) + "\n", style="bold")
    facts = [x for x in (m.organization, str(m.year) if m.year else None, m.published) if x]
    facts.append(_("{n} chars, {script}").format(n=f"{len(report.text):,}", script=_(report.script)))
    t.append(one_line(" · ".join(facts)) + "\n\n", style="dim")
    if not report.sections:
        t.append(_("No sections found: compared paragraph by paragraph."), style="italic")
        return t
    for s in report.sections[:MAX_OUTLINE_SECTIONS]:
        t.append("  " * max(s.level - 1, 0) + section_title(report, s.id) + "\n", style="bold" if s.level <= 1 else "")
    if len(report.sections) > MAX_OUTLINE_SECTIONS:
        t.append(_("… and {n} more sections").format(n=len(report.sections) - MAX_OUTLINE_SECTIONS), style="dim")
    return t


class Outline(Static):
    """The outline of one report, or a hint when none is chosen."""

    def show(self, report: Report | None, note: str = "") -> None:
        if report is None:
            self.update(Text(one_line(note) or _("Highlight a report to see its outline."), style="dim"))
        else:
            self.update(outline_text(report))
