"""The key bindings of the screen below, in a modal list (``?``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from reportdiff.compare.i18n import N_, _

INTRO = N_(
    "Keys of this screen. Ctrl+P opens the command palette with every action available now. "
    "Highlights: - struck: only in A · + underlined: only in B · = bold: shared phrase · "
    "# reverse: changed number · * italic: shared initiative · ? search hit."
)


class HelpScreen(ModalScreen[None]):
    """A table of key → what it does."""

    BINDINGS = [Binding("escape,q,question_mark", "close", N_("Close help"))]

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._keys = list(keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(_("Keys"), classes="dialog-title")
            yield Static(Text(_(INTRO)), id="help-intro")
            yield DataTable(id="help-table", cursor_type="row", show_header=False)
            yield Static(Text(_("Escape closes this help."), style="dim"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        for key, what in self._keys:
            table.add_row(Text(key, style="bold"), Text(what))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
