"""The two lines above the comparison: both reports, their similarity and the pair counts."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static

from reportdiff.compare.i18n import _
from reportdiff.compare.model import Comparison, Report

from .. import core
from ..display import NARROW, one_line
from ..state import Shown


class Summary(Horizontal):
    """Reports A and B (label and title), similarity, pairs; or a status while busy."""

    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._for: tuple[int, bool] | None = None  # (comparison, simplified) shown

    def watch_shown(self, shown: Shown) -> None:
        c = shown.comparison
        if c is not None and self._for != (id(c), shown.simplified):
            self._for = (id(c), shown.simplified)
            self.show(c, shown.convert, wide=self.screen.size.width >= NARROW)

    def redraw(self) -> None:
        """Show the reports again (after a status line took their place)."""
        self._for = None
        self.watch_shown(self.shown)

    def compose(self) -> ComposeResult:
        yield Static(id="reports-line")
        yield Static(id="similarity")

    def status(self, text: Text) -> None:
        """A line instead of the reports (comparing…, nothing to show…)."""
        self.query_one("#reports-line", Static).update(text)

    def failed(self, message: str) -> None:
        """Why there is no comparison to show, in place of the reports."""
        self.status(
            Text(_("Nothing to show: "), style="bold") + Text(one_line(message)) + Text(_("  (o: pick reports)"), style="dim")
        )

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
