"""Two reports compared: the pair list, the current pair's texts, metrics and initiatives.

The screen owns the state — the comparison, the current pair's ``index``, the script, the
search — and publishes it as one ``Shown`` value that its widgets are bound to
(``data_bind``); keys and list clicks only ask for another index. The ``Comparer`` widget's
workers post ``ComparisonReady`` / ``ComparisonFailed``; the search, export and re-pair
dialogs run their own flows and hand back their result.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison, Report, SectionPair

from .. import core
from ..messages import ComparisonFailed, ComparisonReady
from ..state import ExportSettings, Search, Shown
from ..text import localise_bindings
from ..widgets.comparer import Comparer
from ..widgets.footer import KeysFooter
from ..widgets.body import Body
from ..widgets.pair_list import PairList
from ..widgets.pair_tabs import PairTabs
from ..widgets.pair_view import PairView
from ..widgets.summary import Summary

# when each action is possible (None: shown disabled); an action not listed always is
AVAILABLE = {
    "next_pair": lambda s: bool(s.pairs) and s.index < len(s.pairs) - 1,
    "prev_pair": lambda s: bool(s.pairs) and s.index > 0,
    "next_change": lambda s: bool(s.pairs),
    "prev_change": lambda s: bool(s.pairs),
    "copy_pair": lambda s: bool(s.pairs),
    "search": lambda s: bool(s.pairs),
    "next_hit": lambda s: bool(s.search.hits),
    "prev_hit": lambda s: bool(s.search.hits),
    "repair": lambda s: bool(s.pairs) and s.pair is not None and s.pair.a is not None,
    "undo": lambda s: bool(s._undo),
    "swap": lambda s: s.comparison is not None,
    "export": lambda s: s.comparison is not None,
    "toggle_script": lambda s: s.comparison is not None,
}


KEYS = [
    Binding("n", "next_pair", N_("Next"), tooltip=N_("Next pair")),
    Binding("p", "prev_pair", N_("Prev"), tooltip=N_("Previous pair")),
    Binding("j", "next_pair", N_("Next pair"), show=False),
    Binding("k", "prev_pair", N_("Prev pair"), show=False),
    Binding("right_square_bracket", "next_change", N_("Change"), key_display="]", tooltip=N_("Next change")),
    Binding("left_square_bracket", "prev_change", N_("Previous change"), key_display="[", show=False),
    Binding("z", "zoom", N_("Text only / with pair list"), show=False),
    Binding("b", "toggle_list", N_("Show/hide pair list"), show=False),
    Binding("s", "swap", N_("Swap A/B"), show=False),
    Binding("l", "toggle_layout", N_("Side by side / stacked"), show=False),
    Binding("t", "toggle_script", N_("Original / simplified script"), show=False),
    Binding("slash", "search", N_("Search"), key_display="/"),
    Binding("full_stop", "next_hit", N_("Next search hit"), key_display=".", show=False),
    Binding("comma", "prev_hit", N_("Previous search hit"), key_display=",", show=False),
    Binding("r", "repair", N_("Re-pair"), show=False),
    Binding("u", "undo", N_("Undo re-pairing"), show=False),
    Binding("e", "export", N_("Export")),
    Binding("c", "copy_pair", N_("Copy pair as Markdown"), show=False),
    *(Binding(str(k), f"tab('{tab}')", what, show=False) for k, tab, what in (
        (1, "text", N_("Text tab")),
        (2, "pair-metrics", N_("Metrics of this pair")),
        (3, "pair-initiatives", N_("Initiatives of this pair")),
        (4, "all-metrics", N_("All metrics")),
        (5, "all-initiatives", N_("All initiatives")),
    )),
    Binding("o,escape", "back", N_("Pick reports"), show=False),
]


class ComparisonScreen(Screen[None]):
    """Everything about two reports side by side."""

    BINDINGS = KEYS

    # keys of the widgets, for the help screen
    HELP_KEYS = (
        ("↑ ↓ PgUp PgDn Home End", N_("Scroll the text of the pair")),
        ("Tab", N_("Between the text and the pair list (↑ ↓ there choose a pair)")),
    )

    index: reactive[int] = reactive(0, init=False)
    simplified: reactive[bool] = reactive(False, init=False)
    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(
        self,
        *,
        comparison: Comparison | None = None,
        reports: tuple[Report, Report] | None = None,
        paths: tuple[Path, Path] | None = None,
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self.comparison = comparison
        self._reports = reports
        self._paths = paths
        self.search = Search()
        self.export_settings = ExportSettings()  # the last export's choices (copy uses them too)
        self._undo: list[tuple[Comparison, int]] = []  # comparisons before each re-pairing
        self._binding_state: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Comparer()
        yield Summary(id="summary").data_bind(ComparisonScreen.shown)
        yield Body(id="body").data_bind(ComparisonScreen.shown)
        yield KeysFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.on_resize()
        self.query_one(PairView).focus()
        if self.comparison is not None:
            self._show_comparison(self.comparison)
        else:
            self._set_busy(_("Comparing…"))
            # after the first frame: the worker competes with painting for the GIL
            self.call_after_refresh(self.query_one(Comparer).compare, self._reports, self._paths)

    def on_resize(self) -> None:
        self.query_one(Body).follow_width(self.size.width)

    def _set_busy(self, message: str) -> None:
        self.query_one("#body").loading = True
        self.query_one(Summary).status(Text(message, style="italic"))

    # --------------------------------------------------------------- state

    @property
    def pairs(self) -> tuple[SectionPair, ...]:
        return self.comparison.alignment.pairs if self.comparison else ()

    @property
    def pair(self) -> SectionPair | None:
        pairs = self.pairs
        return pairs[self.index] if 0 <= self.index < len(pairs) else None

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self._show_comparison(message.comparison, message.index)
        if message.note:
            self.notify(message.note, markup=False, timeout=3)

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self.query_one("#body").loading = False
        if self.comparison is not None:  # a swap failed: keep showing what was there
            self.query_one(Summary).redraw()
            self.notify(message.message, severity="error", markup=False)
            return
        self.query_one(Summary).failed(message.message)
        self.notify(message.message, title=_("Cannot compare"), severity="error", markup=False, timeout=10)

    def _show_comparison(self, comparison: Comparison, index: int = 0) -> None:
        self.comparison = comparison
        self.query_one("#body").loading = False
        self.search = self.search.again(comparison)
        index = min(max(index, 0), max(len(self.pairs) - 1, 0))
        if self.index == index:
            self._show_pair()
        else:
            self.index = index
        # after this comparison is painted: the worker would compete with painting for the GIL
        self.call_after_refresh(self.query_one(Comparer).warm, comparison, index)

    def _show_pair(self) -> None:
        """Publish the state: every bound widget shows it."""
        self.shown = Shown(self.comparison, self.index, self.simplified, self.search)
        self._update_bindings()

    def watch_index(self) -> None:
        self._show_pair()

    def watch_simplified(self) -> None:
        if self.comparison is not None:
            self._show_pair()

    def _update_bindings(self) -> None:
        """Refresh the footer and palette only when what is possible changed (it is costly)."""
        state = tuple(bool(self.check_action(a, ())) for a in AVAILABLE)
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def on_pair_list_pair_picked(self, event: PairList.PairPicked) -> None:
        if self.pairs:
            self.index = min(max(event.index, 0), len(self.pairs) - 1)
        if event.chosen:
            self.query_one(PairView).focus()

    # --------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        available = AVAILABLE.get(action)
        return True if available is None else (available(self) or None)

    def action_next_pair(self) -> None:
        self.index = min(self.index + 1, max(len(self.pairs) - 1, 0))

    def action_prev_pair(self) -> None:
        self.index = max(self.index - 1, 0)

    def action_next_change(self, step: int = 1) -> None:
        self.action_tab("text")
        if not self.query_one(PairView).move_change(step):
            self.notify(
                _("No further highlighted change in this pair (n: next pair).") if step > 0
                else _("No earlier highlighted change in this pair."),
                markup=False,
                timeout=3,
            )

    def action_prev_change(self) -> None:
        self.action_next_change(-1)

    def action_swap(self) -> None:
        if self.comparison is not None:
            self._set_busy(_("Swapping A and B…"))
            self.query_one(Comparer).swap(self.comparison, self.pair)

    def action_toggle_layout(self) -> None:
        self.query_one(Body).toggle_layout()

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified
        shown = _("Showing simplified script.") if self.simplified else _("Showing the reports' own script.")
        self.notify(shown, markup=False, timeout=2)

    def action_toggle_list(self) -> None:
        self.query_one(Body).toggle_list()

    def action_zoom(self) -> None:
        """One key for the most room: hide the pair list and the summary, or show them again."""
        self.toggle_class("zoomed")
        self.query_one(Body).zoom(self.has_class("zoomed"))

    def action_tab(self, tab: str) -> None:
        self.query_one(PairTabs).active = tab

    def action_back(self) -> None:
        pick = getattr(self.app, "action_pick_reports", None)
        if pick is not None:
            pick()

    def action_search(self) -> None:
        from .search import SearchScreen  # dialogs load when first opened, not before the first frame

        def searched(search: Search | None) -> None:
            if search is not None and self.comparison is not None:
                self.search = search
                self._show_pair()
                self.action_next_hit()

        if self.comparison is not None:
            self.app.push_screen(SearchScreen(self.comparison, self.search.text), searched)

    def action_next_hit(self, step: int = 1) -> None:
        if not self.search.hits:
            return
        self.search = self.search.step(step)
        h = self.search.hits[self.search.hit]
        self.action_tab("text")
        if self.index != h.pair:
            self.index = h.pair
        else:
            self._show_pair()
        view = self.query_one(PairView)
        if h.offset < 0:
            view.scroll_home(animate=False, immediate=True)
        else:
            view.show_offset(h.side, h.offset)

    def action_prev_hit(self) -> None:
        self.action_next_hit(-1)

    def action_repair(self) -> None:
        c, pair, index = self.comparison, self.pair, self.index
        if c is None or pair is None:
            return
        if pair.a is None:
            self.notify(_("This section is only in B; re-pair from a section of A."), markup=False)
            return

        from .repair import RepairScreen

        def done(updated: Comparison | None) -> None:
            if updated is None or self.comparison is not c:
                return
            self._undo.append((c, index))
            new = next((i for i, p in enumerate(updated.alignment.pairs) if p.a == pair.a and p.manual), index)
            self._show_comparison(updated, new)
            self.notify(_("Pair changed; exports include it (u: undo)."), markup=False, timeout=3)

        self.app.push_screen(RepairScreen(c, pair.a, self.shown.convert), done)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify(_("Nothing to undo."), markup=False, timeout=2)
            return
        self._show_comparison(*self._undo.pop())
        self.notify(_("Re-pairing undone."), markup=False, timeout=2)

    def _export_settings(self) -> ExportSettings:
        return self.export_settings.with_script("simplified" if self.simplified else "original")

    def action_export(self) -> None:
        from .export import ExportDone, ExportScreen

        def done(result: ExportDone | None) -> None:
            if result is not None:
                self.export_settings = result.settings
                self.notify(_("Wrote {path}").format(path=result.path), title=_("Exported"), markup=False, timeout=6)

        if self.comparison is not None:
            folder = Path(getattr(self.app, "export_dir", None) or Path.cwd())
            self.app.push_screen(ExportScreen(self.comparison, folder, self._export_settings()), done)

    def action_copy_pair(self) -> None:
        if self.comparison is not None and self.pair is not None:
            text = core.pair_markdown(self.comparison, self.index, self._export_settings().markdown_options())
            self.app.copy_to_clipboard(text)
            self.notify(_("Copied this pair as Markdown ({n} characters).").format(n=len(text)), markup=False, timeout=3)
