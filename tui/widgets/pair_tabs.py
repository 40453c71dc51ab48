"""The tabs under the summary: the pair's text, its metrics and initiatives, and the report-wide
tables.

Bound to the screen's ``Shown``; a table is filled only when its tab is on screen (a long
report has thousands of rows, and the table measures every cell).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.reactive import reactive
from textual.widgets import TabbedContent, TabPane

from reportdiff.compare.i18n import _

from .. import core
from ..state import Shown
from .pair_pane import PairPane
from .tables import InitiativesTable, MetricsTable

TABS = ("text", "pair-metrics", "pair-initiatives", "all-metrics", "all-initiatives")


class PairTabs(Vertical):
    """Text, metrics and initiatives of the pair; all metrics and initiatives."""

    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._pair_tables_for: tuple[int, int] | None = None  # (comparison, pair) the pair tables show
        self._report_tables_for: int | None = None  # the comparison the report-wide tables show

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="text"):
            with TabPane(_("Text"), id="text"):
                yield PairPane(id="pair-pane").data_bind(PairTabs.shown)
            # the tables are hidden at first: mounted after the first frame, which they would delay
            with TabPane(_("Metrics"), id="pair-metrics"):
                yield Lazy(MetricsTable(id="pair-metrics-table"))
            with TabPane(_("Initiatives"), id="pair-initiatives"):
                yield Lazy(InitiativesTable(id="pair-initiatives-table"))
            with TabPane(_("All metrics"), id="all-metrics"):
                yield Lazy(MetricsTable(id="all-metrics-table"))
            with TabPane(_("All initiatives"), id="all-initiatives"):
                yield Lazy(InitiativesTable(id="all-initiatives-table"))

    @property
    def active(self) -> str:
        return self.query_one(TabbedContent).active

    @active.setter
    def active(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def watch_shown(self) -> None:
        self._fill_tables()

    def on_tabbed_content_tab_activated(self) -> None:
        self._fill_tables()

    def _fill_tables(self) -> None:
        c, pair, active = self.shown.comparison, self.shown.pair, self.active
        if c is None:
            return
        try:
            self.query_one("#all-initiatives-table")
        except NoMatches:  # the tables are not mounted yet: once they are
            self.call_after_refresh(self._fill_tables)
            return
        if pair is not None and active in ("pair-metrics", "pair-initiatives"):
            if self._pair_tables_for != (id(c), self.shown.index):
                self._pair_tables_for = (id(c), self.shown.index)
                self.query_one("#pair-metrics-table", MetricsTable).show(core.pair_metrics(c, pair))
                self.query_one("#pair-initiatives-table", InitiativesTable).show(core.pair_initiatives(c, pair))
        if active in ("all-metrics", "all-initiatives") and self._report_tables_for != id(c):
            self._report_tables_for = id(c)
            self.query_one("#all-metrics-table", MetricsTable).show(c.metrics)
            self.query_one("#all-initiatives-table", InitiativesTable).show(c.initiatives)
