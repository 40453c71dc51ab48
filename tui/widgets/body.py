"""The comparison's body: the pair list beside (or above) the tabs, and how much room each gets.

Below ``NARROW`` columns the pair's sides are stacked and the list hidden, until the user
chooses otherwise (then the width stops deciding).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive

from ..display import NARROW
from ..state import Shown
from .pair_list import PairList
from .pair_pane import PairPane
from .pair_tabs import PairTabs
from .pair_view import PairView


class Body(Horizontal):
    """Pair list and tabs, both bound to the screen's ``Shown``."""

    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout_chosen = False  # the user toggled the layout
        self._list_chosen = False  # the user showed or hid the pair list
        self._list_before_zoom = False

    def compose(self) -> ComposeResult:
        yield PairList(id="pairs").data_bind(Body.shown)
        yield PairTabs(id="main").data_bind(Body.shown)

    def follow_width(self, width: int) -> None:
        """Lay out for ``width`` columns what the user has not chosen."""
        narrow = width < NARROW
        self.query_one(PairPane).set_narrow(narrow)
        if not self._layout_chosen:
            self.query_one(PairView).layout = "stacked" if narrow else "side"
        if not self._list_chosen:
            self.query_one(PairList).set_class(narrow, "collapsed")

    def toggle_layout(self) -> None:
        view = self.query_one(PairView)
        self._layout_chosen = True
        view.layout = "stacked" if view.layout == "side" else "side"

    def toggle_list(self) -> None:
        self._list_chosen = True
        pl = self.query_one(PairList)
        pl.toggle_class("collapsed")
        if pl.has_class("collapsed") and pl.has_focus:
            self.query_one(PairView).focus()

    def zoom(self, zoomed: bool) -> None:
        """Hide the pair list for the most room (``zoomed``), or bring it back as it was."""
        pl = self.query_one(PairList)
        if zoomed:
            self._list_before_zoom = not pl.has_class("collapsed")
        pl.set_class(zoomed or not self._list_before_zoom, "collapsed")
        self.query_one(PairView).focus()
