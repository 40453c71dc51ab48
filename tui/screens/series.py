"""A series of one government's reports: figures, topics, programmes and chapters over time.

Four tables, one per tab; every column after the first ones is a year. Enter on a year's cell
opens the pair comparison of that year and the one before it (on the first year's column: it
and the next), on the pair of sections the row is about (the figure's, the chapter's, the
programme's). Report text only ever enters as ``Text`` (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Report, ReportError
from reportdiff.compare.series import Series, build_series

from ..display import one_line
from ..messages import SeriesFailed, SeriesReady
from ..text import localise_bindings
from ..widgets.footer import KeysFooter
from ..widgets.series_tables import FiguresTable, ProgrammesTable, SectionsTable, TopicsTable, YearTable
from .comparison import ComparisonScreen

LABEL_WIDTH = {"narrow": 16, "wide": 30}
TABS = (
    ("figures", N_("Figures"), FiguresTable),
    ("topics", N_("Topics"), TopicsTable),
    ("programmes", N_("Programmes"), ProgrammesTable),
    ("sections", N_("Sections"), SectionsTable),
)


class SeriesPairScreen(ComparisonScreen):
    """The pair comparison of two years of a series, opened on the pair of the chosen cell;
    going back returns to the series."""

    def __init__(self, *, comparison, a_ids: Sequence[str] = (), b_ids: Sequence[str] = ()) -> None:
        super().__init__(comparison=comparison)
        self._focus = (tuple(a_ids), tuple(b_ids))

    def on_mount(self) -> None:
        # Textual also runs ComparisonScreen.on_mount (it shows pair 1); move on after it
        self.call_after_refresh(self._apply_focus)

    def _apply_focus(self) -> None:
        index = focus_index(self.comparison, *self._focus)
        if index is not None:
            self.index = index

    def action_back(self) -> None:
        self.app.pop_screen()


def focus_index(comparison, a_ids: Sequence[str], b_ids: Sequence[str]) -> int | None:
    """The first pair holding one of A's sections ``a_ids`` or B's ``b_ids`` (or an ancestor)."""

    def lineage(report, sid: str) -> list[str]:
        out = []
        while sid:
            out.append(sid)
            try:
                sid = report.section(sid).parent
            except KeyError:
                break
        return out

    pairs = comparison.alignment.pairs
    for ids, side, report in ((a_ids, "a", comparison.a), (b_ids, "b", comparison.b)):
        for sid in ids:
            for anc in lineage(report, sid):
                for k, p in enumerate(pairs):
                    if getattr(p, side) == anc:
                        return k
    return None


class SeriesScreen(Screen[None]):
    """Several reports of one government, ordered by the year they report on."""

    BINDINGS = [
        Binding("enter", "open_pair", N_("Compare years")),
        Binding("1", "tab('figures')", N_("Figures"), show=False),
        Binding("2", "tab('topics')", N_("Topics"), show=False),
        Binding("3", "tab('programmes')", N_("Programmes"), show=False),
        Binding("4", "tab('sections')", N_("Sections"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    DEFAULT_CSS = """
    SeriesScreen #series-title { height: 1; padding: 0 1; }
    SeriesScreen #series-detail { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    SeriesScreen TabbedContent { height: 1fr; }
    SeriesScreen TabPane { padding: 0; }
    SeriesScreen DataTable { height: 1fr; }
    """

    def __init__(self, reports: Sequence[Report] = (), series: Series | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self._reports = tuple(reports)
        self.series = series

    def compose(self) -> ComposeResult:
        yield Static(id="series-title")
        with TabbedContent(initial="figures"):
            for tab, title, table in TABS:
                with TabPane(_(title), id=tab):
                    yield table(id=f"{tab}-table")
        yield Static(id="series-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        if self.series is not None:
            self._show()
        else:
            self._title(Text(_("Comparing {n} reports year by year…").format(n=len(self._reports)), style="bold"))
            for t in self.query(DataTable):
                t.loading = True
            self._build()

    @work(thread=True, exclusive=True, group="series")
    def _build(self) -> None:
        try:
            self.post_message(SeriesReady(build_series(self._reports)))
        except ReportError as exc:
            self.post_message(SeriesFailed(str(exc)))

    def on_series_failed(self, message: SeriesFailed) -> None:
        for t in self.query(DataTable):
            t.loading = False
        self._title(Text(_("No series"), style="bold"))
        self.notify(message.message, severity="error", markup=False)

    def on_series_ready(self, message: SeriesReady) -> None:
        self.series = message.series
        for t in self.query(DataTable):
            t.loading = False
        self._show()

    # --------------------------------------------------------------- tables

    def _title(self, text: Text) -> None:
        self.query_one("#series-title", Static).update(text)

    def _label_width(self) -> int:
        return LABEL_WIDTH["wide" if self.size.width >= 120 else "narrow"]

    def _show(self) -> None:
        s = self.series
        assert s is not None
        years = s.years()
        orgs = sorted({r.meta.organization for r in s.reports if r.meta.organization})
        t = Text(_("Series") + " ", style="bold")
        t.append(_("{n} reports, {first}–{last}").format(n=len(s.reports), first=years[0], last=years[-1]))
        if orgs:
            t.append("  ")
            t.append(one_line(" / ".join(orgs)))
        counts = _("{figures} figures · {programmes} programmes").format(
            figures=len(s.figures), programmes=len(s.initiatives)
        )
        t.append(f"  {counts}", style="dim")
        self._title(t)
        wide = self.size.width >= 120
        for table in self.query(YearTable):
            table.show(s, self._label_width(), wide)
        self.query_one("#figures-table", DataTable).focus()
        self._detail()

    # --------------------------------------------------------------- details and keys

    def _cursor(self) -> tuple[str, str | None, int | None]:
        """(active tab, row key, report index of the cursor's column or None)."""
        tab = self.query_one(TabbedContent).active or "figures"
        table = self.query_one(f"#{tab}-table", DataTable)
        if table.row_count == 0:
            return tab, None, None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate)
        except Exception:  # noqa: BLE001 - no valid cursor
            return tab, None, None
        col = key.column_key.value or ""
        return tab, key.row_key.value, int(col[1:]) if col.startswith("y") else None

    def _detail(self) -> None:
        if self.series is None:
            return
        s = self.series
        tab, row, year = self._cursor()
        t = Text()
        years = s.years()
        if row is not None and tab == "figures":
            fig = s.figures[int(row[1:])]
            for v in fig.values:
                t.append(f"{years[v.report]} ", style="bold")
                t.append(one_line(v.metric.label or "—"))
                t.append(f" {one_line(v.metric.text)}   ")
        elif row is not None and tab == "programmes":
            p = s.initiatives[int(row[1:])]
            for x in p.names:
                t.append(f"{years[x.report]} ", style="bold")
                t.append(f"{one_line(x.name)}   ")
        elif row is not None and tab == "sections" and year is not None:
            for x in s.sections[int(row[1:])].at(year):
                t.append(f"{years[year]} ", style="bold")
                t.append(f"{one_line(x.title)}   ")
        if year is not None and len(s.reports) > 1:
            i, j = self._pair_for(year)
            t.append("\n" + _("Enter: compare {a} with {b}").format(a=years[i], b=years[j]), style="dim")
        self.query_one("#series-detail", Static).update(t)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self._detail()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._detail()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.action_open_pair()

    def _pair_for(self, year: int) -> tuple[int, int]:
        return (year - 1, year) if year > 0 else (0, 1)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab}-table", DataTable).focus()

    def action_open_pair(self) -> None:
        if self.series is None:
            return
        *_rest, year = self._cursor()
        if year is None:
            self.notify(_("Move to a year's column to compare that year with the one before."), markup=False)
            return
        i, j = self._pair_for(year)
        self._open_pair(i, j, *self._focus_ids(i, j))

    def _focus_ids(self, i: int, j: int) -> tuple[list[str], list[str]]:
        """Sections of report i and j the cursor's row is about (to open the comparison there)."""
        tab, row, _year = self._cursor()
        if row is None:
            return [], []
        ids = self.query_one(f"#{tab}-table", YearTable).section_ids(self.series, int(row[1:]), i, j)
        return [sid for r, sid in ids if r == i], [sid for r, sid in ids if r == j]

    @work(thread=True, exclusive=True, group="series-pair")
    def _open_pair(self, i: int, j: int, a_ids: list[str], b_ids: list[str]) -> None:
        comparison = self.series.pair(i, j)  # made once, in the background
        screen = SeriesPairScreen(comparison=comparison, a_ids=a_ids, b_ids=b_ids)
        self.app.call_from_thread(self.app.push_screen, screen)

    def action_back(self) -> None:
        self.app.pop_screen()
