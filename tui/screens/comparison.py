"""Two reports compared: the pair list, the current pair's texts, metrics and initiatives.

The screen owns two pieces of state, the comparison and the current pair's ``index``, and
everything on it is drawn from them: keys and list clicks only ask for another index, and
the widgets are told (never asked) what to show. Workers post ``ComparisonReady`` /
``ComparisonFailed``; the export and re-pair dialogs run their own flows and hand back their
result. Finding text is the core's (``compare.search``).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane
from textual.worker import get_current_worker

from reportdiff.compare.match_confidence import match_band, score_percent
from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison, Report, SectionPair
from reportdiff.compare.sanitize import escape, show_path

from .. import core
from ..display import one_line
from ..messages import ComparisonFailed, ComparisonReady
from ..text import localise_bindings
from ..widgets.pair_list import PairList
from ..widgets.pair_pane import PairPane, PairShown
from ..widgets.pair_view import PairView
from ..widgets.summary import Summary
from ..widgets.tables import InitiativesTable, MetricsTable
from .export import ExportDone, ExportScreen, ExportSettings
from .repair import RepairScreen
from .search import SearchScreen

TABS = ("text", "pair-metrics", "pair-initiatives", "all-metrics", "all-initiatives")
NARROW = 100  # below this many columns: stacked layout, pair list hidden


class ComparisonScreen(Screen[None]):
    """Everything about two reports side by side."""

    BINDINGS = [
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
        Binding("1", "tab('text')", N_("Text tab"), show=False),
        Binding("2", "tab('pair-metrics')", N_("Metrics of this pair"), show=False),
        Binding("3", "tab('pair-initiatives')", N_("Initiatives of this pair"), show=False),
        Binding("4", "tab('all-metrics')", N_("All metrics"), show=False),
        Binding("5", "tab('all-initiatives')", N_("All initiatives"), show=False),
        Binding("o,escape", "back", N_("Pick reports"), show=False),
    ]

    # keys of the widgets, for the help screen
    HELP_KEYS = (
        ("↑ ↓ PgUp PgDn Home End", N_("Scroll the text of the pair")),
        ("Tab", N_("Between the text and the pair list (↑ ↓ there choose a pair)")),
    )

    index: reactive[int] = reactive(0, init=False)
    simplified: reactive[bool] = reactive(False, init=False)

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
        self.search_text = ""
        self.hits: tuple[core.SearchHit, ...] = ()
        self.hit = -1
        self.export_settings = ExportSettings()  # the last export's choices (copy uses them too)
        self._undo: list[tuple[Comparison, int]] = []  # comparisons before each re-pairing
        self._layout_chosen = False  # the user toggled the layout: stop following the width
        self._list_chosen = False  # the user showed/hid the pair list: stop following the width
        self._tables_for: tuple[int, int] | None = None  # (comparison, pair) the pair tables show
        self._report_tables_for: int | None = None  # the comparison the report-wide tables show
        self._binding_state: tuple | None = None

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Summary(id="summary")
        with Horizontal(id="body"):
            yield PairList(id="pairs")
            with Vertical(id="main"):
                with TabbedContent(id="tabs", initial="text"):
                    with TabPane(_("Text"), id="text"):
                        yield PairPane(id="pair-pane")
                    with TabPane(_("Metrics"), id="pair-metrics"):
                        yield MetricsTable(id="pair-metrics-table")
                    with TabPane(_("Initiatives"), id="pair-initiatives"):
                        yield InitiativesTable(id="pair-initiatives-table")
                    with TabPane(_("All metrics"), id="all-metrics"):
                        yield MetricsTable(id="all-metrics-table")
                    with TabPane(_("All initiatives"), id="all-initiatives"):
                        yield InitiativesTable(id="all-initiatives-table")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._follow_width()
        self.query_one(PairView).focus()
        if self.comparison is not None:
            self._show_comparison(self.comparison)
        else:
            self._set_busy(_("Comparing…"))
            # after the first frame: the worker competes with painting for the GIL
            self.call_after_refresh(self._compute)

    def on_resize(self) -> None:
        self._follow_width()

    def _follow_width(self) -> None:
        narrow = self.size.width < NARROW
        self.query_one(PairPane).set_narrow(narrow)
        if not self._layout_chosen:
            self.query_one(PairView).layout = "stacked" if narrow else "side"
        if not self._list_chosen:
            self.query_one(PairList).set_class(narrow, "collapsed")

    def _set_busy(self, message: str) -> None:
        self.query_one("#body").loading = True
        self.query_one(Summary).status(Text(message, style="italic"))

    # --------------------------------------------------------------- workers

    @work(thread=True, exclusive=True, group="compare")
    def _compute(self) -> None:
        """Load (if needed) and compare the two reports off the UI thread."""
        try:
            if self._reports is None:
                assert self._paths is not None
                reports = (core.open_report(self._paths[0]), core.open_report(self._paths[1]))
            else:
                reports = self._reports
            comparison = core.compare(*reports)
            if comparison.alignment.pairs:  # the first pair is shown at once: diff it here
                core.pair_diff(comparison, comparison.alignment.pairs[0])
        except core.AppError as exc:
            self.post_message(ComparisonFailed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - a comparison must never take the app down
            self.post_message(ComparisonFailed(_("The comparison failed: {error}").format(error=core.describe(exc))))
            return
        self.post_message(ComparisonReady(comparison))

    @work(thread=True, exclusive=True, group="compare")
    def _swap_worker(self, comparison: Comparison, current: SectionPair | None) -> None:
        try:
            swapped = core.swap(comparison)
        except Exception as exc:  # noqa: BLE001
            self.post_message(ComparisonFailed(_("Swapping failed: {error}").format(error=core.describe(exc))))
            return
        # stay on the pair the user was reading, now seen from the other side
        index = next(
            (k for k, p in enumerate(swapped.alignment.pairs)
             if current is not None and (p.a, p.b) == (current.b, current.a)),
            0,
        )
        self.post_message(ComparisonReady(swapped, index))

    @work(thread=True, exclusive=True, group="warm-diffs")
    def _warm_diffs(self, comparison: Comparison, start: int) -> None:
        """Compute the pairs' text diffs ahead of the user, from the pair shown onwards.

        A long section's diff can take a few hundred milliseconds; done here, stepping to
        the next pair finds it ready instead of stalling the screen.
        """
        worker = get_current_worker()
        pairs = comparison.alignment.pairs
        for pair in pairs[start:] + pairs[:start]:
            if worker.is_cancelled or self.comparison is not comparison:
                return
            core.pair_diff(comparison, pair)

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self._show_comparison(message.comparison, message.index)
        if message.note:
            self.notify(message.note, markup=False, timeout=3)

    def on_comparison_failed(self, message: ComparisonFailed) -> None:
        self.query_one("#body").loading = False
        if self.comparison is not None:  # a swap failed: keep showing what was there
            self._show_summary()
            self.notify(message.message, severity="error", markup=False)
            return
        self.query_one(Summary).status(
            Text(_("Nothing to show: "), style="bold")
            + Text(one_line(message.message))
            + Text(_("  (o: pick reports)"), style="dim")
        )
        self.notify(message.message, title=_("Cannot compare"), severity="error", markup=False, timeout=10)

    # --------------------------------------------------------------- showing

    @property
    def pairs(self) -> tuple[SectionPair, ...]:
        return self.comparison.alignment.pairs if self.comparison else ()

    @property
    def pair(self) -> SectionPair | None:
        pairs = self.pairs
        return pairs[self.index] if 0 <= self.index < len(pairs) else None

    def _convert(self, text: str, report: Report) -> str:
        return core.to_simplified(text, report.script) if self.simplified else text

    def _show_comparison(self, comparison: Comparison, index: int = 0) -> None:
        self.comparison = comparison
        self.query_one("#body").loading = False
        self._show_summary()
        self._report_tables_for = None
        self._show_report_tables()
        self.hits = core.find_hits(comparison, self.search_text) if self.search_text else ()
        self.hit = -1
        index = min(max(index, 0), max(len(self.pairs) - 1, 0))
        self.query_one(PairList).show(comparison, index, self._convert)
        if self.index == index:
            self._show_pair()
        else:
            self.index = index
        # after this comparison is painted: the worker would compete with painting for the GIL
        self.call_after_refresh(self._warm_diffs, comparison, index)
        self._update_bindings()

    def _show_summary(self) -> None:
        assert self.comparison is not None
        self.query_one(Summary).show(self.comparison, self._convert, wide=self.size.width >= NARROW)

    def watch_index(self) -> None:
        self._show_pair()
        self.query_one(PairList).select(self.index)
        self._update_bindings()

    def _update_bindings(self) -> None:
        """Refresh the footer and palette only when what is possible changed (it is costly)."""
        state = tuple(
            bool(self.check_action(a, ()))
            for a in ("next_pair", "prev_pair", "repair", "next_hit", "export", "next_change", "undo")
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def watch_simplified(self) -> None:
        if self.comparison is None:
            return
        self._show_summary()
        self.query_one(PairList).show(self.comparison, self.index, self._convert)
        self._show_pair(keep_scroll=True)

    def _show_pair(self, keep_scroll: bool = False) -> None:
        self.query_one(PairPane).show(
            PairShown(
                self.comparison,
                self.index,
                self._convert,
                simplified=self.simplified,
                search_text=self.search_text,
                hit=self.hit,
                hits=len(self.hits),
            ),
            keep_scroll=keep_scroll,
        )
        self._tables_for = None
        self._show_pair_tables()

    def _show_pair_tables(self) -> None:
        """Fill the pair's metric and initiative tables, only when one of them is on screen."""
        c, pair = self.comparison, self.pair
        if c is None or pair is None or self._tables_for == (id(c), self.index):
            return
        if self.query_one(TabbedContent).active not in ("pair-metrics", "pair-initiatives"):
            return
        self._tables_for = (id(c), self.index)
        self.query_one("#pair-metrics-table", MetricsTable).show(core.pair_metrics(c, pair))
        self.query_one("#pair-initiatives-table", InitiativesTable).show(core.pair_initiatives(c, pair))

    def _show_report_tables(self) -> None:
        """Fill the report-wide tables, only when one of them is on screen (a long report has
        thousands of rows, and the table measures every cell)."""
        c = self.comparison
        if c is None or self._report_tables_for == id(c):
            return
        if self.query_one(TabbedContent).active not in ("all-metrics", "all-initiatives"):
            return
        self._report_tables_for = id(c)
        self.query_one("#all-metrics-table", MetricsTable).show(c.metrics)
        self.query_one("#all-initiatives-table", InitiativesTable).show(c.initiatives)

    def on_tabbed_content_tab_activated(self) -> None:
        self._show_pair_tables()
        self._show_report_tables()

    def on_pair_list_pair_picked(self, event: PairList.PairPicked) -> None:
        if self.pairs:
            self.index = min(max(event.index, 0), len(self.pairs) - 1)
        if event.chosen:
            self.query_one(PairView).focus()

    # --------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ready = self.comparison is not None and bool(self.pairs)
        if action in ("next_pair", "prev_pair", "next_change", "prev_change", "copy_pair", "search"):
            if not ready:
                return None
            if action == "next_pair":
                return self.index < len(self.pairs) - 1 or None
            if action == "prev_pair":
                return self.index > 0 or None
            return True
        if action in ("next_hit", "prev_hit"):
            return bool(self.hits) or None
        if action == "repair":
            return (ready and self.pair is not None and self.pair.a is not None) or None
        if action == "undo":
            return bool(self._undo) or None
        if action in ("swap", "export", "toggle_script"):
            return self.comparison is not None or None
        return True

    def action_next_pair(self) -> None:
        if self.index < len(self.pairs) - 1:
            self.index += 1

    def action_prev_pair(self) -> None:
        if self.index > 0:
            self.index -= 1

    def action_next_change(self) -> None:
        self.action_tab("text")
        if not self.query_one(PairView).move_change(1):
            self.notify(_("No further highlighted change in this pair (n: next pair)."), markup=False, timeout=3)

    def action_prev_change(self) -> None:
        self.action_tab("text")
        if not self.query_one(PairView).move_change(-1):
            self.notify(_("No earlier highlighted change in this pair."), markup=False, timeout=3)

    def action_swap(self) -> None:
        if self.comparison is None:
            return
        self._set_busy(_("Swapping A and B…"))
        self._swap_worker(self.comparison, self.pair)

    def action_toggle_layout(self) -> None:
        view = self.query_one(PairView)
        self._layout_chosen = True
        view.layout = "stacked" if view.layout == "side" else "side"

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified
        self.notify(
            _("Showing simplified script.") if self.simplified else _("Showing the reports' own script."),
            markup=False,
            timeout=2,
        )

    def action_toggle_list(self) -> None:
        self._list_chosen = True
        pl = self.query_one(PairList)
        pl.toggle_class("collapsed")
        if pl.has_class("collapsed") and pl.has_focus:
            self.query_one(PairView).focus()

    def action_zoom(self) -> None:
        """One key for the most room: hide the pair list and the summary, or show them again."""
        pl = self.query_one(PairList)
        zoomed = not self.has_class("zoomed")
        if zoomed:
            self._list_before_zoom = not pl.has_class("collapsed")
        self.set_class(zoomed, "zoomed")
        pl.set_class(zoomed or not getattr(self, "_list_before_zoom", False), "collapsed")
        self.query_one(PairView).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        pick = getattr(self.app, "action_pick_reports", None)
        if pick is not None:
            pick()

    # search ----------------------------------------------------------

    def action_search(self) -> None:
        def searched(text: str | None) -> None:
            if text is None or self.comparison is None:
                return
            self.search_text = text
            self.hits = core.find_hits(self.comparison, text) if text else ()
            self.hit = -1
            self._update_bindings()
            self._show_pair(keep_scroll=True)
            if not text:
                return
            if not self.hits:
                self.notify(_("Not found: {text}").format(text=one_line(text)), severity="warning", markup=False, timeout=3)
                return
            pairs_hit = len({h.pair for h in self.hits})
            self.notify(
                _("{n} hits in {p} pairs (. next, , previous).").format(n=len(self.hits), p=pairs_hit),
                markup=False,
                timeout=3,
            )
            self.action_next_hit()

        self.app.push_screen(SearchScreen(self.search_text), searched)

    def _go_to_hit(self, k: int) -> None:
        self.hit = k
        h = self.hits[k]
        self.action_tab("text")
        if self.index != h.pair:
            self.index = h.pair
        else:
            self._show_pair(keep_scroll=True)
        view = self.query_one(PairView)
        if h.offset < 0:
            view.scroll_home(animate=False, immediate=True)
        else:
            view.show_offset(h.side, h.offset)

    def action_next_hit(self) -> None:
        if self.hits:
            self._go_to_hit((self.hit + 1) % len(self.hits))

    def action_prev_hit(self) -> None:
        if self.hits:
            self._go_to_hit((self.hit - 1) % len(self.hits))

    # re-pairing --------------------------------------------------------

    def action_repair(self) -> None:
        c, pair = self.comparison, self.pair
        if c is None or pair is None:
            return
        if pair.a is None:
            self.notify(_("This section is only in B; re-pair from a section of A."), markup=False)
            return
        before, index = c, self.index

        def done(updated: Comparison | None) -> None:
            if updated is None or self.comparison is not before:
                return
            self._undo.append((before, index))
            pairs = updated.alignment.pairs
            a_id = pair.a
            new = next((i for i, p in enumerate(pairs) if p.a == a_id and p.manual), index)
            self._show_comparison(updated, new)
            self.notify(_("Pair changed; exports include it (u: undo)."), markup=False, timeout=3)

        self.app.push_screen(RepairScreen(c, pair.a, self._convert), done)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify(_("Nothing to undo."), markup=False, timeout=2)
            return
        previous, index = self._undo.pop()
        self._show_comparison(previous, index)
        self.notify(_("Re-pairing undone."), markup=False, timeout=2)

    # export ------------------------------------------------------------

    def action_export(self) -> None:
        c = self.comparison
        if c is None:
            return
        folder = Path(getattr(self.app, "export_dir", None) or Path.cwd())
        settings = self.export_settings.with_script("simplified" if self.simplified else "original")

        def done(result: ExportDone | None) -> None:
            if result is not None:
                self.export_settings = result.settings
                self.notify(_("Wrote {path}").format(path=result.path), title=_("Exported"), markup=False, timeout=6)

        self.app.push_screen(ExportScreen(c, folder, settings), done)

    def action_copy_pair(self) -> None:
        c, pair = self.comparison, self.pair
        if c is None or pair is None:
            return
        s = self.export_settings.with_script("simplified" if self.simplified else "original")
        text = core.pair_markdown(c, self.index, s.markdown_options())
        self.app.copy_to_clipboard(text)
        self.notify(
            _("Copied this pair as Markdown ({n} characters).").format(n=len(text)), markup=False, timeout=3
        )
