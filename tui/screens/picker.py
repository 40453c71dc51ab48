"""Choose two reports of a folder: title, file, organisation, year, size, and an outline preview.

The choice is ``chosen`` (side -> row key); every row, the choice line and the bindings are
drawn from it, so other ways of choosing (several reports at once) only add to it.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Report
from reportdiff.compare.sanitize import escape

from .. import core
from ..display import display_path
from ..messages import EntryLoaded, FolderFailed, FolderListed, FolderLoaded
from ..text import localise_bindings
from ..widgets.folder_loader import FolderLoader
from ..widgets.footer import KeysFooter
from ..widgets.outline import Outline
from ..widgets.picker_lines import choice_line, folder_line
from ..widgets.reports_table import ReportsTable
from .open_path import OpenScreen


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
        self._total: int | None = None
        self.marked: list[str] = []  # reports marked for a series, in marking order

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield FolderLoader()
        yield Static(id="picker-title")
        with Horizontal(id="picker-body"):
            yield ReportsTable(id="reports")
            with VerticalScroll(id="outline-box"):
                yield Outline(id="outline")
        yield Static(id="choice")
        with Horizontal(id="picker-buttons", classes="buttons"):
            yield Button(_("Set A"), id="set-a", compact=True)
            yield Button(_("Set B"), id="set-b", compact=True)
            yield Button(_("Swap"), id="swap", compact=True)
            yield Button(_("Compare"), id="compare", variant="primary", compact=True)
            yield Button(_("Open…"), id="open", compact=True)
        yield KeysFooter(compact=True)

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
        table = self.query_one(ReportsTable)
        table.reset()
        self._show_title()
        self._show_choice()
        self._loading = True
        table.loading = True
        self.query_one(FolderLoader).load(folder)

    def on_folder_listed(self, message: FolderListed) -> None:
        self._total, self.exports_skipped = message.total, message.exports
        self._show_title()
        if message.total == 0:
            self.query_one(ReportsTable).loading = False

    def on_folder_failed(self, message: FolderFailed) -> None:
        self._loading = False
        self.query_one(ReportsTable).loading = False
        self._show_title()
        self.notify(escape(message.message), severity="error", markup=False)

    def on_entry_loaded(self, message: EntryLoaded) -> None:
        entry = message.entry
        key = str(entry.path)
        table = self.query_one(ReportsTable)
        table.loading = False
        self.entries[key] = entry
        table.put(entry, self._tag(key))
        self._show_title()
        if entry.error:
            self.notify(escape(entry.error), severity="error", markup=False)
        elif message.choose or key == self._preselect:
            side = "a" if self.chosen["a"] in (None, key) else "b"
            self._set(side, key)
            table.move_cursor(row=table.get_row_index(key))

    def on_folder_loaded(self) -> None:
        self._loading = False
        self._show_title()
        table = self.query_one(ReportsTable)
        table.loading = False
        table.focus()

    # --------------------------------------------------------------- choice

    def _tag(self, key: str) -> str:
        side = "".join(s.upper() for s in ("a", "b") if self.chosen[s] == key)
        return side + ("•" if key in self.marked else "")

    def _highlighted_key(self) -> str | None:
        return self.query_one(ReportsTable).highlighted_key()

    def _set(self, side: str, key: str | None) -> None:
        """Choose ``key`` as report ``side`` (a report may be both: compared with itself)."""
        self.chosen[side] = key
        self._refresh_tags()
        self._show_choice()
        self.refresh_bindings()

    def _refresh_tags(self) -> None:
        self.query_one(ReportsTable).retag({key: self._tag(key) for key in self.entries})

    def _report(self, side: str) -> Report | None:
        key = self.chosen[side]
        return self.entries[key].report if key in self.entries else None

    def _show_title(self) -> None:
        line = folder_line(self.folder, len(self.entries), self._total, self._loading, self.exports_skipped)
        self.query_one("#picker-title", Static).update(line)

    def _show_choice(self) -> None:
        self.query_one("#choice", Static).update(choice_line(self._report("a"), self._report("b")))

    # --------------------------------------------------------------- events

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        entry = self.entries.get(key) if key else None
        self.query_one(Outline).show(entry and entry.report, note=(entry and entry.error) or "")
        self.query_one("#outline-box").scroll_home(animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter or a click on a row: first choice is A, the next B, then compare."""
        key = event.row_key.value
        if key not in self.entries or self.entries[key].report is None:
            self.notify(_("This file could not be read."), severity="warning", markup=False)
            return
        both = self.chosen["a"] is not None and self.chosen["b"] is None
        self._set("a" if self.chosen["a"] is None else "b", key)
        if both:
            self.action_compare()

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
                self.query_one(FolderLoader).load_one(path)
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
        table = self.query_one(ReportsTable)
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
            self.notify(_("Mark two reports or more (space / m) for a series."), severity="warning", markup=False)
            return
        self.app.push_screen(SeriesScreen(reports))
