"""Choose two reports of a folder: title, file, organisation, year, size, and an outline preview.

The choice is ``chosen`` (side -> row key); every row, the choice line and the bindings are
drawn from it, so other ways of choosing (several reports at once) only add to it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Static

from reportdiff.compare.i18n import N_, _, ngettext
from reportdiff.compare.model import Report
from reportdiff.compare.sanitize import escape, show_path

from .. import core
from ..display import display_path, one_line, pad
from ..text import localise_bindings
from ..widgets.outline import Outline
from .open_path import OpenScreen


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


class ReportsTable(DataTable):
    """The table of reports; tells the screen when its width changes (columns follow it)."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class PickerScreen(Screen[None]):
    """The reports of one folder; A and B are chosen here and compared."""

    BINDINGS = [
        Binding("a", "choose('a')", N_("Set A")),
        Binding("b", "choose('b')", N_("Set B")),
        Binding("s", "swap", N_("Swap A/B"), show=False),
        Binding("c", "compare", N_("Compare")),
        Binding("o", "open", N_("Open…")),
        Binding("v", "toggle_outline", N_("Outline"), show=False),
        Binding("f5", "reload", N_("Reload folder"), show=False),
        Binding("space,m", "mark", N_("Mark for a series"), key_display="m", show=False),
        Binding("t", "series", N_("Series of the marked reports"), show=False),
    ]

    class CompareRequested(Message):
        """The user wants reports ``a`` and ``b`` compared (handled by the app)."""

        def __init__(self, a: Report, b: Report) -> None:
            super().__init__()
            self.a = a
            self.b = b

    def __init__(self, folder: Path, preselect: Path | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self.folder = folder
        self.exports_skipped = 0
        self.entries: dict[str, core.ReportEntry] = {}
        self.chosen: dict[str, str | None] = {"a": None, "b": None}
        self._preselect = str(preselect) if preselect else None
        self._loading = False
        self.marked: list[str] = []  # reports marked for a series, in marking order

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Static(id="picker-title")
        with Horizontal(id="picker-body"):
            yield ReportsTable(id="reports", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="outline-box"):
                yield Outline(id="outline")
        yield Static(id="choice")
        with Horizontal(id="picker-buttons", classes="buttons"):
            yield Button(_("Set A"), id="set-a", compact=True)
            yield Button(_("Set B"), id="set-b", compact=True)
            yield Button(_("Swap"), id="swap", compact=True)
            yield Button(_("Compare"), id="compare", variant="primary", compact=True)
            yield Button(_("Open…"), id="open", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Outline).show(None)
        self._show_choice()
        # once laid out: the columns are sized from the table's real width, the first time
        self.call_after_refresh(self.load_folder, self.folder)

    # --------------------------------------------------------------- loading

    def load_folder(self, folder: Path) -> None:
        """Show the reports of ``folder`` (loaded in a worker)."""
        self.folder = folder
        self.entries.clear()
        self.chosen = {"a": None, "b": None}
        table = self.query_one(DataTable)
        self._columns(table)
        self._show_title()
        self._show_choice()
        self._loading = True
        table.loading = True
        self._load_files(folder)

    def _columns(self, table: DataTable) -> None:
        """(Re)create the columns to fit the table's width: the title takes what is left."""
        width = table.size.width or self.size.width or 80
        wide = width >= 100
        org = 20 if wide else 10
        name = 28 if wide else 16
        # 6 columns with 1 cell of padding each side, and a scrollbar
        title = max(width - (3 + name + org + 4 + 7) - 12 - 1, 12)
        self._title_width, self._name_width, self._org_width = title, name, org
        table.clear(columns=True)
        table.add_column("", key="tag", width=3)
        table.add_column(_("Title"), key="title", width=title)
        table.add_column(_("File"), key="file", width=name)
        table.add_column(_("Organisation"), key="org", width=org)
        table.add_column(_("Year"), key="year", width=4)
        table.add_column(_("Size"), key="size", width=7)
        self._table_width = width

    def on_reports_table_resized(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        table = self.query_one(DataTable)
        if getattr(self, "_table_width", None) == table.size.width or not table.size.width:
            return
        cursor = table.cursor_row
        self._columns(table)
        for key, entry in self.entries.items():
            table.add_row(*self._cells(entry), key=key)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    @work(thread=True, exclusive=True, group="load")
    def _load_files(self, folder: Path) -> None:
        worker = self._current_worker()
        try:
            files = core.report_files(folder)
        except core.AppError as exc:
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        self.exports_skipped = len(core.export_files(folder))
        self.app.call_from_thread(self._set_total, len(files))
        for path in files:
            if worker is not None and worker.is_cancelled:
                return
            entry = core.load_entry(path)
            self.app.call_from_thread(self._add_entry, entry)
        self.app.call_from_thread(self._load_done)

    @staticmethod
    def _current_worker():
        from textual.worker import get_current_worker

        try:
            return get_current_worker()
        except Exception:  # noqa: BLE001 - not in a worker (called directly)
            return None

    @work(thread=True, group="load-file")
    def _load_one(self, path: Path) -> None:
        entry = core.load_entry(path)
        self.app.call_from_thread(self._add_entry, entry, True)

    def _set_total(self, n: int) -> None:
        self._total = n
        self._show_title()
        if n == 0:
            self.query_one(DataTable).loading = False

    def _load_failed(self, message: str) -> None:
        self._loading = False
        self.query_one(DataTable).loading = False
        self._show_title()
        self.notify(escape(message), severity="error", markup=False)

    def _add_entry(self, entry: core.ReportEntry, choose: bool = False) -> None:
        key = str(entry.path)
        table = self.query_one(DataTable)
        table.loading = False
        if key in self.entries:
            table.remove_row(key)
        self.entries[key] = entry
        table.add_row(*self._cells(entry), key=key)
        self._show_title()
        if entry.error:
            self.notify(escape(entry.error), severity="error", markup=False)
        elif choose or key == self._preselect:
            side = "a" if self.chosen["a"] in (None, key) else "b"
            self._set(side, key)
            table.move_cursor(row=table.get_row_index(key))

    def _load_done(self) -> None:
        self._loading = False
        self._show_title()
        table = self.query_one(DataTable)
        table.loading = False
        table.focus()

    def _cells(self, entry: core.ReportEntry) -> list[Text]:
        r = entry.report
        file = pad(Text(one_line(entry.path.name)), self._name_width, ellipsis=True)
        if r is None:
            return [
                Text("✗", style="bold"),
                Text(_("(unreadable)"), style="italic"),
                file,
                Text(""),
                Text(""),
                Text(human_size(entry.size), justify="right"),
            ]
        m = r.meta
        return [
            Text(self._tag(str(entry.path)), style="bold"),
            pad(Text(one_line(m.title or entry.path.stem)), self._title_width, ellipsis=True),
            file,
            pad(Text(one_line(m.organization, "—")), self._org_width, ellipsis=True),
            Text(str(m.year) if m.year else "—"),
            Text(human_size(entry.size), justify="right"),
        ]

    # --------------------------------------------------------------- choice

    def _tag(self, key: str) -> str:
        side = "".join(s.upper() for s in ("a", "b") if self.chosen[s] == key)
        return side + ("•" if key in self.marked else "")

    def _highlighted_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - no valid cursor
            return None

    def _set(self, side: str, key: str | None) -> None:
        """Choose ``key`` as report ``side`` (a report may be both: compared with itself)."""
        self.chosen[side] = key
        self._refresh_tags()
        self._show_choice()
        self.refresh_bindings()

    def _refresh_tags(self) -> None:
        table = self.query_one(DataTable)
        for key in self.entries:
            if self.entries[key].report is not None:
                table.update_cell(key, "tag", Text(self._tag(key), style="bold"))

    def _report(self, side: str) -> Report | None:
        key = self.chosen[side]
        return self.entries[key].report if key in self.entries else None

    def _show_title(self) -> None:
        n = len(self.entries)
        total = getattr(self, "_total", None)
        if self._loading and total:
            status = _("loading {n}/{total}…").format(n=n, total=total)
        else:
            status = ngettext("{n} report", "{n} reports", n).format(n=n)
        if self.exports_skipped:
            status += _("; {n} exports of reportdiff not listed").format(n=self.exports_skipped)
        t = Text(_("Reports in "), style="bold")
        t.append(self._folder_name())
        t.append(f"  ({status})", style="dim")
        self.query_one("#picker-title", Static).update(t)

    def _folder_name(self) -> str:
        """The folder as the user would type it; the bundled samples by that name."""
        try:
            if self.folder.resolve() == core.seeds_dir().resolve():
                return _("the bundled sample reports")
        except OSError:
            pass
        return display_path(self.folder)

    def _show_choice(self) -> None:
        t = Text(no_wrap=True, end="")
        for side in ("a", "b"):
            r = self._report(side)
            t.append(f" {side.upper()}: ", style="bold reverse")
            t.append(" ")
            t.append_text(pad(Text(one_line(core.report_label(r)) if r else _("(not chosen)"), style="" if r else "dim"), 30))
            t.append("  ")
        self.query_one("#choice", Static).update(t)

    # --------------------------------------------------------------- events

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        entry = self.entries.get(key) if key else None
        outline = self.query_one(Outline)
        if entry is None:
            outline.show(None)
        else:
            outline.show(entry.report, note=entry.error or "")
        self.query_one("#outline-box").scroll_home(animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row: first choice is A, the next B, then compare."""
        key = event.row_key.value
        if key not in self.entries or self.entries[key].report is None:
            self.notify(_("This file could not be read."), severity="warning", markup=False)
            return
        if self.chosen["a"] is None:
            self._set("a", key)
        elif self.chosen["b"] is None:
            self._set("b", key)
            self.action_compare()
        else:
            self._set("b", key)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"set-a": "choose('a')", "set-b": "choose('b')", "swap": "swap", "compare": "compare", "open": "open"}
        if event.button.id in actions:
            await self.run_action(actions[event.button.id])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "swap":
            return any(self.chosen.values()) or None
        return True

    # --------------------------------------------------------------- actions

    def action_choose(self, side: str) -> None:
        key = self._highlighted_key()
        if key is None or key not in self.entries:
            return
        if self.entries[key].report is None:
            self.notify(_("This file could not be read."), severity="warning", markup=False)
            return
        self._set(side, key)

    def action_swap(self) -> None:
        self.chosen = {"a": self.chosen["b"], "b": self.chosen["a"]}
        self._refresh_tags()
        self._show_choice()

    def action_compare(self) -> None:
        a, b = self._report("a"), self._report("b")
        if a is None or b is None:
            if a is None and b is None:
                message = _("Choose report A and report B first: highlight a report, press a, then b.")
            elif a is None:
                message = _("Report A is missing: highlight a report and press a.")
            else:
                message = _("Report B is missing: highlight a report and press b (A itself is allowed).")
            self.notify(message, severity="warning", markup=False)
            return
        self.post_message(self.CompareRequested(a, b))

    def action_open(self) -> None:
        def opened(path: Path | None) -> None:
            if path is None:
                return
            if path.is_dir():
                self.load_folder(path)
            elif path.exists():
                self._load_one(path)
            else:
                self.notify(_("{path}: no such file or folder").format(path=display_path(path)), severity="error", markup=False)

        self.app.push_screen(OpenScreen(self.folder), opened)

    def action_toggle_outline(self) -> None:
        self.query_one("#outline-box").toggle_class("hidden")

    def action_reload(self) -> None:
        self.load_folder(self.folder)

    # --------------------------------------------------------------- series

    def action_mark(self) -> None:
        """Mark (or unmark) the highlighted report for a series."""
        key = self._highlighted_key()
        if key is None or key not in self.entries or self.entries[key].report is None:
            return
        if key in self.marked:
            self.marked.remove(key)
        else:
            self.marked.append(key)
        self._refresh_tags()
        table = self.query_one(DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_series(self) -> None:
        """Open the series of the marked reports (when none is marked: every report with a year)."""
        from .series import SeriesScreen

        reports = [self.entries[k].report for k in self.marked if k in self.entries]
        if not reports:
            reports = [e.report for e in self.entries.values() if e.report is not None and e.report.meta.year]
        reports = [r for r in reports if r is not None]
        if len(reports) < 2:
            self.notify("Mark two reports or more (space / m) for a series.", severity="warning", markup=False)
            return
        self.app.push_screen(SeriesScreen(reports))
