"""A one-line search box at the bottom of the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reportdiff.compare.i18n import N_, _


class SearchScreen(ModalScreen["str | None"]):
    """Ask for a search text; dismisses with it ("" clears the search), or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, previous: str = "") -> None:
        super().__init__()
        self._previous = previous

    def compose(self) -> ComposeResult:
        with Vertical(id="search-bar"):
            yield Static(_("Search both texts (Enter: find, empty: clear, Escape: cancel)"), classes="dim")
            yield Input(self._previous, placeholder=_("text to find, e.g. 行政复议"), id="search-input")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.cursor_blink = False
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
