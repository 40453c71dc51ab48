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
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from reportdiff.compare.i18n import N_, _, current
from reportdiff.compare.model import Report, ReportError
from reportdiff.compare.series import Series, build_series, row_values, sparkline
from reportdiff.compare.series_export import HEAT, change_text, heat, topic_name

from ..display import one_line, pad
from ..text import localise_bindings
from .comparison import ComparisonScreen

LABEL_WIDTH = {"narrow": 16, "wide": 30}
TABS = ("figures", "topics", "programmes", "sections")
# what happens to a chapter between two years, as shown under it
EVENTS = {"splits": N_("splits"), "merges": N_("merges"), "disappears": N_("disappears")}


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
            with TabPane(_("Figures"), id="figures"):
                yield DataTable(id="figures-table", cursor_type="cell", zebra_stripes=True)
            with TabPane(_("Topics"), id="topics"):
                yield DataTable(id="topics-table", cursor_type="cell", zebra_stripes=True)
            with TabPane(_("Programmes"), id="programmes"):
                yield DataTable(id="programmes-table", cursor_type="cell", zebra_stripes=True)
            with TabPane(_("Sections"), id="sections"):
                yield DataTable(id="sections-table", cursor_type="cell", zebra_stripes=True)
        yield Static(id="series-detail")
        yield Footer()

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
            series = build_series(self._reports)
        except ReportError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._built, series)

    def _failed(self, message: str) -> None:
        for t in self.query(DataTable):
            t.loading = False
        self._title(Text(_("No series"), style="bold"))
        self.notify(message, severity="error", markup=False)

    def _built(self, series: Series) -> None:
        self.series = series
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
        self._fill_figures()
        self._fill_topics()
        self._fill_programmes()
        self._fill_sections()
        self.query_one("#figures-table", DataTable).focus()
        self._detail()

    def _year_columns(self, table: DataTable, width: int) -> None:
        for i, y in enumerate(self.series.years()):
            table.add_column(y, key=f"y{i}", width=width)

    def _fill_figures(self) -> None:
        s = self.series
        n = len(s.reports)
        table = self.query_one("#figures-table", DataTable)
        table.clear(columns=True)
        lw = self._label_width()
        table.add_column(_("Figure"), key="label", width=lw)
        table.add_column(_("Trend"), key="trend", width=max(n, 5))
        vw = 12 if self.size.width >= 120 else 9
        self._year_columns(table, vw)
        table.add_column(_("Change"), key="change", width=8)
        for k, row in enumerate(s.figures):
            cells = [Text("—", style="dim")] * n
            for v in row.values:
                cells[v.report] = pad(Text(one_line(v.metric.text)), vw, ellipsis=True)
            table.add_row(
                pad(Text(one_line(row.label)), lw, ellipsis=True),
                Text(sparkline(row_values(row, n)), style="bold"),
                *cells,
                Text(change_text(row), justify="right"),
                key=f"f{k}",
            )

    def _fill_topics(self) -> None:
        s = self.series
        table = self.query_one("#topics-table", DataTable)
        table.clear(columns=True)
        lw = self._label_width()
        table.add_column(_("Topic"), key="label", width=lw)
        self._year_columns(table, 9)
        top = max((x.share for t in s.topics for x in t.shares), default=0.0)
        for k, row in enumerate(s.topics):
            cells = []
            for x in row.shares:
                if not x.sections:
                    cells.append(Text(""))
                    continue
                level = HEAT.index(heat(x.share, top))
                style = ("", "on grey23", "on grey35", "on dark_cyan", "black on cyan")[level]
                cells.append(Text(f"{x.sections} {x.share * 100:3.0f}%", style=style))
            table.add_row(pad(Text(topic_name(row.topic, current())), lw, ellipsis=True), *cells, key=f"t{k}")

    def _fill_programmes(self) -> None:
        s = self.series
        n = len(s.reports)
        table = self.query_one("#programmes-table", DataTable)
        table.clear(columns=True)
        lw = self._label_width()
        table.add_column(_("Programme"), key="label", width=lw)
        self._year_columns(table, 9)
        marks = {
            "present": ("●", ""),
            "new": (_("new"), "bold green"),
            "continued": ("●", ""),
            "dropped": (_("dropped"), "red"),
            "absent": ("", ""),
        }
        for k, p in enumerate(s.initiatives):
            if len(p.names) < 2 and p.status(n - 1) != "new":
                continue  # named once, before the last year: listed in the export only
            cells = [Text(marks[p.status(i)][0], style=marks[p.status(i)][1]) for i in range(n)]
            table.add_row(pad(Text(one_line(p.key)), lw, ellipsis=True), *cells, key=f"p{k}")

    def _fill_sections(self) -> None:
        s = self.series
        n = len(s.reports)
        table = self.query_one("#sections-table", DataTable)
        table.clear(columns=True)
        width = max(12, min(28, (self.size.width - 4) // max(n, 1) - 2))
        self._year_columns(table, width)
        for k, c in enumerate(s.sections):
            cells = []
            for i in range(n):
                here = c.at(i)
                if not here:
                    cells.append(Text("—", style="dim"))
                    continue
                # one line per chapter: a split shows its parts one under the other
                t = Text("\n").join(pad(Text(one_line(x.title)), width, ellipsis=True) for x in here)
                event = c.event(i, n)
                if event in ("splits", "merges", "disappears"):
                    t.append(f"\n({_(EVENTS[event])})", style="italic yellow")
                cells.append(t)
            height = max(len(str(x).split("\n")) for x in cells)
            table.add_row(*cells, key=f"c{k}", height=height)

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
        s = self.series
        tab, row, _year = self._cursor()
        if row is None:
            return [], []
        k = int(row[1:])
        if tab == "figures":
            fig = s.figures[k]
            ids = [(v.report, v.metric.section) for v in fig.values if v.metric.section]
        elif tab == "sections":
            ids = [(x.report, x.id) for x in s.sections[k].links]
        elif tab == "programmes":
            ids = [(x.report, sid) for x in s.initiatives[k].names for sid in x.sections]
        else:  # topics: the sections the aligner gave that topic in either year
            code = s.topics[k].topic
            al = s.steps[i].alignment if j == i + 1 else None
            ids = [] if al is None else [
                *((i, sid) for sid, codes in al.topics_a.items() if code in codes),
                *((j, sid) for sid, codes in al.topics_b.items() if code in codes),
            ]
        return [sid for r, sid in ids if r == i], [sid for r, sid in ids if r == j]

    @work(thread=True, exclusive=True, group="series-pair")
    def _open_pair(self, i: int, j: int, a_ids: list[str], b_ids: list[str]) -> None:
        comparison = self.series.pair(i, j)  # made once, in the background
        screen = SeriesPairScreen(comparison=comparison, a_ids=a_ids, b_ids=b_ids)
        self.app.call_from_thread(self.app.push_screen, screen)

    def action_back(self) -> None:
        self.app.pop_screen()
