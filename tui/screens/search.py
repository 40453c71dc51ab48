"""A one-line search box at the bottom of the screen; it runs the search (``compare.search``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison

from ..display import one_line
from ..state import Search
from ..widgets.text_box import TextBox


class SearchScreen(ModalScreen["Search | None"]):
    """Ask for a search text and find it in both reports; dismisses with the search (an empty
    text clears it), or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, comparison: Comparison, previous: str = "") -> None:
        super().__init__()
        self._comparison = comparison
        self._previous = previous

    def compose(self) -> ComposeResult:
        with Vertical(id="search-bar"):
            yield Static(_("Search both texts (Enter: find, empty: clear, Escape: cancel)"), classes="dim")
            yield TextBox(self._previous, placeholder=_("text to find, e.g. 行政复议"), id="search-input")

    def on_mount(self) -> None:
        self.query_one(TextBox).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        search = Search.run(self._comparison, text)
        if text and not search.hits:
            self.notify(_("Not found: {text}").format(text=one_line(text)), severity="warning", markup=False, timeout=3)
        elif text:
            self.notify(
                _("{n} hits in {p} pairs (. next, , previous).").format(n=len(search.hits), p=search.pairs_hit),
                markup=False,
                timeout=3,
            )
        self.dismiss(search)

    def action_cancel(self) -> None:
        self.dismiss(None)
