"""The two lines above the comparison: both reports, their similarity and the pair counts."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from reportdiff.compare.i18n import _
from reportdiff.compare.model import Comparison, Report

from .. import core
from ..display import one_line


class Summary(Horizontal):
    """Reports A and B (label and title), similarity, pairs; or a status while busy."""

    def compose(self) -> ComposeResult:
        yield Static(id="reports-line")
        yield Static(id="similarity")

    def status(self, text: Text) -> None:
        """A line instead of the reports (comparing…, nothing to show…)."""
        self.query_one("#reports-line", Static).update(text)

    def show(self, c: Comparison, convert: Callable[[str, Report], str], wide: bool) -> None:
        t = Text(no_wrap=True, end="", overflow="ellipsis")
        for label, r in (("A", c.a), ("B", c.b)):
            if label == "B":
                t.append("\n")
            t.append(f" {label} ", style="bold reverse")
            t.append(" " + one_line(core.report_label(r)), style="bold")
            if r.meta.title:
                t.append(" · " + one_line(convert(r.meta.title, r)))
        self.query_one("#reports-line", Static).update(t)
        pairs = c.alignment.pairs
        both = sum(1 for p in pairs if p.a and p.b)
        sim = Text(
            _("similarity {pct}%").format(pct=round(c.alignment.similarity * 100)) + "\n", style="bold", justify="right"
        )
        if wide:
            sim.append(_("{both} pairs, {alone} alone").format(both=both, alone=len(pairs) - both), style="dim")
        else:
            sim.append(_("{n} pairs").format(n=len(pairs)), style="dim")
        self.query_one("#similarity", Static).update(sim)
