"""Two reports compared: the pair list, the current pair's texts, metrics and initiatives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static, TabbedContent, TabPane

from compare.match_confidence import match_band, score_percent
from compare.model import Comparison, Report, SectionPair
from compare.sanitize import escape, show_path

from .. import core
from ..display import Span, find_all, legend, one_line
from ..widgets.pair_list import PairList, section_title
from ..widgets.pair_view import PairView, SideContent
from ..widgets.tables import InitiativesTable, MetricsTable
from .confirm import ConfirmScreen
from .export import ExportRequest, ExportScreen
from .repair import NO_PARTNER, RepairScreen
from .search import SearchScreen

TABS = ("text", "pair-metrics", "pair-initiatives", "all-metrics", "all-initiatives")
DIFF_MODES = {"diff": "word differences", "shared": "shared phrases", "one_sided": "one side only"}


@dataclass(frozen=True)
class SearchHit:
    pair: int
    side: Literal["a", "b"]
    offset: int  # in the side's shown text; -1: in the heading


class ComparisonScreen(Screen[None]):
    """Everything about two reports side by side."""

    BINDINGS = [
        Binding("n", "next_pair", "Next pair"),
        Binding("p", "prev_pair", "Prev pair"),
        Binding("j", "next_pair", "Next pair", show=False),
        Binding("k", "prev_pair", "Prev pair", show=False),
        Binding("right_square_bracket", "next_change", "Next change", key_display="]"),
        Binding("left_square_bracket", "prev_change", "Previous change", key_display="[", show=False),
        Binding("s", "swap", "Swap A/B", show=False),
        Binding("l", "toggle_layout", "Side by side / stacked", show=False),
        Binding("t", "toggle_script", "Original / simplified script", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("full_stop", "next_match", "Next match", key_display=".", show=False),
        Binding("comma", "prev_match", "Previous match", key_display=",", show=False),
        Binding("r", "repair", "Re-pair"),
        Binding("e", "export", "Export"),
        Binding("c", "copy_pair", "Copy pair as Markdown", show=False),
        Binding("b", "toggle_list", "Show/hide pair list", show=False),
        Binding("1", "tab('text')", "Text tab", show=False),
        Binding("2", "tab('pair-metrics')", "Metrics of this pair", show=False),
        Binding("3", "tab('pair-initiatives')", "Initiatives of this pair", show=False),
        Binding("4", "tab('all-metrics')", "All metrics", show=False),
        Binding("5", "tab('all-initiatives')", "All initiatives", show=False),
        Binding("o,escape", "back", "Pick reports", show=False),
    ]

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
        self.comparison = comparison
        self._reports = reports
        self._paths = paths
        self.search_text = ""
        self.hits: list[SearchHit] = []
        self.hit = -1
        self._layout_chosen = False  # the user toggled the layout: stop following the width
        self._tables_for: tuple[int, int] | None = None  # (comparison, pair) the pair tables show
        self._report_tables_for: int | None = None  # the comparison the report-wide tables show
        self._binding_state: tuple | None = None

    # --------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="summary"):
            yield Static(id="reports-line")
            yield Static(id="similarity")
        with Horizontal(id="body"):
            yield PairList(id="pairs")
            with Vertical(id="main"):
                with TabbedContent(id="tabs", initial="text"):
                    with TabPane("Text", id="text"):
                        yield Static(id="pair-title")
                        yield PairView(id="view")
                        yield Static(legend(), id="legend")
                    with TabPane("Metrics", id="pair-metrics"):
                        yield MetricsTable(id="pair-metrics-table")
                    with TabPane("Initiatives", id="pair-initiatives"):
                        yield InitiativesTable(id="pair-initiatives-table")
                    with TabPane("All metrics", id="all-metrics"):
                        yield MetricsTable(id="all-metrics-table")
                    with TabPane("All initiatives", id="all-initiatives"):
                        yield InitiativesTable(id="all-initiatives-table")
        yield Footer()

    def on_mount(self) -> None:
        self._follow_width()
        if self.comparison is not None:
            self._show_comparison(self.comparison)
        else:
            self._set_busy("Comparing…")
            # after the first frame: the worker competes with painting for the GIL
            self.call_after_refresh(self._compute)

    def on_resize(self) -> None:
        self._follow_width()

    def _follow_width(self) -> None:
        narrow = self.size.width < 100
        self.query_one("#legend", Static).update(legend(short=narrow))
        if not self._layout_chosen:
            self.query_one(PairView).layout = "stacked" if narrow else "side"

    def _set_busy(self, message: str) -> None:
        self.query_one("#body").loading = True
        self.query_one("#reports-line", Static).update(Text(message, style="italic"))

    # --------------------------------------------------------------- the worker

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
            self.app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a comparison must never take the app down
            self.app.call_from_thread(self._failed, f"The comparison failed: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._show_comparison, comparison)

    @work(thread=True, exclusive=True, group="compare")
    def _swap_worker(self, comparison: Comparison, current: SectionPair | None) -> None:
        try:
            swapped = core.swap(comparison)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._failed, f"Swapping failed: {type(exc).__name__}: {exc}")
            return
        # stay on the pair the user was reading, now seen from the other side
        index = next(
            (k for k, p in enumerate(swapped.alignment.pairs)
             if current is not None and (p.a, p.b) == (current.b, current.a)),
            0,
        )
        self.app.call_from_thread(self._show_comparison, swapped, index)

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

    @work(thread=True, exclusive=True, group="compare")
    def _repair_worker(self, comparison: Comparison, a_id: str, new_b: str | None) -> None:
        try:
            updated = core.repair(comparison, a_id, new_b)
        except (KeyError, core.AppError) as exc:
            self.app.call_from_thread(self._repair_failed, str(exc))
            return
        self.app.call_from_thread(self._repaired, updated, a_id, new_b)

    def _repair_failed(self, message: str) -> None:
        self.query_one("#body").loading = False
        self._show_summary()
        self.notify(f"Cannot re-pair: {escape(message)}", severity="error", markup=False)

    def _repaired(self, updated: Comparison, a_id: str, new_b: str | None) -> None:
        pairs = updated.alignment.pairs
        index = next((i for i, p in enumerate(pairs) if p.a == a_id and p.b == new_b), self.index)
        self._show_comparison(updated, index)
        self.notify("Pair changed; exports include it.", markup=False, timeout=3)

    def _failed(self, message: str) -> None:
        self.query_one("#body").loading = False
        self.query_one("#reports-line", Static).update(
            Text("Nothing to show: ", style="bold") + Text(escape(message)) + Text("  (o: pick reports)", style="dim")
        )
        self.notify(escape(message), title="Cannot compare", severity="error", markup=False, timeout=10)

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
        if self.search_text:
            self._find(self.search_text, announce=False)
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
        c = self.comparison
        assert c is not None
        t = Text(no_wrap=True, end="", overflow="ellipsis")
        for label, r in (("A", c.a), ("B", c.b)):
            if label == "B":
                t.append("\n")
            t.append(f" {label} ", style="bold reverse")
            t.append(" " + one_line(core.report_label(r)), style="bold")
            if r.meta.title:
                t.append(" · " + one_line(self._convert(r.meta.title, r)))
        self.query_one("#reports-line", Static).update(t)
        pairs = self.pairs
        both = sum(1 for p in pairs if p.a and p.b)
        sim = Text(f"similarity {round(c.alignment.similarity * 100)}%\n", style="bold", justify="right")
        sim.append(f"{both} pairs, {len(pairs) - both} alone" if self.size.width >= 100 else f"{len(pairs)} pairs", style="dim")
        self.query_one("#similarity", Static).update(sim)

    def watch_index(self) -> None:
        self._show_pair()
        pl = self.query_one(PairList)
        if pl.highlighted != self.index and self.pairs:
            pl.highlighted = self.index
        self._update_bindings()

    def _update_bindings(self) -> None:
        """Refresh the footer and palette only when what is possible changed (it is costly)."""
        state = tuple(
            bool(self.check_action(a, ()))
            for a in ("next_pair", "prev_pair", "repair", "next_match", "export", "next_change")
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
        c, pair = self.comparison, self.pair
        view = self.query_one(PairView)
        if c is None or pair is None:
            view.set_sides(SideContent("A", "", "", missing="No sections to show."), SideContent("B", "", ""))
            self.query_one("#pair-title", Static).update(Text("No pairs.", style="dim"))
            return
        diff = core.pair_diff(c, pair)
        metrics = core.pair_metrics(c, pair)
        inits = core.pair_initiatives(c, pair)
        spans_a: list[Span] = [Span(m.start, m.end, m.kind) for m in diff.a_marks]
        spans_b: list[Span] = [Span(m.start, m.end, m.kind) for m in diff.b_marks]
        for m in metrics:
            if m.status == "changed":
                if m.a is not None:
                    spans_a += _locate(diff.a_text, m.a.text, m.a.context, "metric")
                if m.b is not None:
                    spans_b += _locate(diff.b_text, m.b.text, m.b.context, "metric")
        for s in inits.shared:
            for name in {s.a.name, *s.a.names}:
                spans_a += [Span(x, y, "initiative") for x, y in find_all(diff.a_text, name, 50)]
            for name in {s.b.name, *s.b.names}:
                spans_b += [Span(x, y, "initiative") for x, y in find_all(diff.b_text, name, 50)]
        a_text = self._convert(diff.a_text, c.a)
        b_text = self._convert(diff.b_text, c.b)
        if self.search_text:
            spans_a += self._search_spans(a_text)
            spans_b += self._search_spans(b_text)
        a_head = section_title(c.a, pair.a, self._convert)
        b_head = section_title(c.b, pair.b, self._convert)
        view.set_sides(
            SideContent(
                f"A · {core.report_label(c.a)}",
                a_head,
                a_text,
                tuple(spans_a),
                missing="" if pair.a else "(no section of A: this part is only in B)",
            ),
            SideContent(
                f"B · {core.report_label(c.b)}",
                b_head,
                b_text,
                tuple(spans_b),
                missing="" if pair.b else "(no section of B: this part is only in A)",
            ),
            keep_scroll=keep_scroll,
        )
        self._show_pair_title(diff.mode, diff.similarity)
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

    def _show_pair_title(self, mode: str, similarity: float, change: str = "") -> None:
        pair = self.pair
        assert pair is not None
        t = Text(no_wrap=True, end="", overflow="ellipsis")
        t.append(f"Pair {self.index + 1}/{len(self.pairs)}", style="bold")
        if pair.a is None:
            t.append(" · only in B", style="bold")
        elif pair.b is None:
            t.append(" · only in A", style="bold")
        else:
            t.append(f" · match {score_percent(pair.score)}% ({match_band(pair.score)})")
            if pair.manual:
                t.append(" (paired by hand)", style="bold")
            if pair.topic:
                t.append(f" · {one_line(pair.topic)}")
            t.append(f" · {DIFF_MODES.get(mode, mode)} {round(similarity * 100)}%", style="dim")
        if change:
            t.append(f" · {change}", style="bold")
        if self.simplified:
            t.append(" · simplified", style="dim")
        self.query_one("#pair-title", Static).update(t)

    def on_pair_view_change_moved(self, event: PairView.ChangeMoved) -> None:
        if self.comparison and self.pair:
            diff = core.pair_diff(self.comparison, self.pair)
            self._show_pair_title(diff.mode, diff.similarity, f"change {event.index + 1}/{event.count}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "pairs" and event.option_index != self.index:
            self.index = event.option_index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "pairs":
            self.index = event.option_index
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
        if action in ("next_match", "prev_match"):
            return bool(self.hits) or None
        if action == "repair":
            return (ready and self.pair is not None and self.pair.a is not None) or None
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
            self.notify("No further highlighted change in this pair (n: next pair).", markup=False, timeout=3)

    def action_prev_change(self) -> None:
        self.action_tab("text")
        if not self.query_one(PairView).move_change(-1):
            self.notify("No earlier highlighted change in this pair.", markup=False, timeout=3)

    def action_swap(self) -> None:
        if self.comparison is None:
            return
        self._set_busy("Swapping A and B…")
        self._swap_worker(self.comparison, self.pair)

    def action_toggle_layout(self) -> None:
        view = self.query_one(PairView)
        self._layout_chosen = True
        view.layout = "stacked" if view.layout == "side" else "side"

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified
        self.notify(
            "Showing simplified script." if self.simplified else "Showing the reports' own script.", markup=False, timeout=2
        )

    def action_toggle_list(self) -> None:
        self.query_one(PairList).toggle_class("collapsed")

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        pick = getattr(self.app, "action_pick_reports", None)
        if pick is not None:
            pick()

    # search ----------------------------------------------------------

    def action_search(self) -> None:
        def searched(text: str | None) -> None:
            if text is None:
                return
            self._find(text)
            self._show_pair(keep_scroll=True)
            if self.hits:
                self.hit = -1
                self.action_next_match()

        self.app.push_screen(SearchScreen(self.search_text), searched)

    def _search_spans(self, text: str) -> list[Span]:
        needles = {self.search_text, core.to_simplified(self.search_text)}
        spans: list[Span] = []
        hay = core.to_simplified(text) if text else text
        for needle in needles:
            spans += [Span(x, y, "search") for x, y in find_all(hay, core.to_simplified(needle), 500)]
        return spans

    def _find(self, text: str, announce: bool = True) -> None:
        """All occurrences of ``text`` in every pair (either script matches either script)."""
        self.search_text = text
        self.hits = []
        self.hit = -1
        c = self.comparison
        if not text or c is None:
            self._update_bindings()
            return
        needle = core.to_simplified(text)
        for i, pair in enumerate(self.pairs):
            for side, report, sid in (("a", c.a, pair.a), ("b", c.b, pair.b)):
                if sid is None:
                    continue
                section = report.section(sid)
                head = core.to_simplified(f"{section.number}{section.heading}", report.script)
                if find_all(head, needle, 1):
                    self.hits.append(SearchHit(i, side, -1))  # type: ignore[arg-type]
                body = core.to_simplified(report.body_text(section, subtree=True), report.script)
                self.hits += [SearchHit(i, side, x) for x, _ in find_all(body, needle, 200)]  # type: ignore[arg-type]
        pairs_hit = len({h.pair for h in self.hits})
        if announce:
            if self.hits:
                self.notify(f"{len(self.hits)} matches in {pairs_hit} pairs (. next, , previous).", markup=False, timeout=3)
            else:
                self.notify(f"No match for {escape(text)}", severity="warning", markup=False, timeout=3)
        self._update_bindings()

    def _go_to_hit(self, k: int) -> None:
        self.hit = k
        h = self.hits[k]
        self.action_tab("text")
        if self.index != h.pair:
            self.index = h.pair
        view = self.query_one(PairView)
        if h.offset < 0:
            view.scroll_home(animate=False, immediate=True)
        else:
            view.show_offset(h.side, h.offset)

    def action_next_match(self) -> None:
        if self.hits:
            self._go_to_hit((self.hit + 1) % len(self.hits))

    def action_prev_match(self) -> None:
        if self.hits:
            self._go_to_hit((self.hit - 1) % len(self.hits))

    # re-pairing --------------------------------------------------------

    def action_repair(self) -> None:
        c, pair = self.comparison, self.pair
        if c is None or pair is None:
            return
        if pair.a is None:
            self.notify("This section is only in B; re-pair from a section of A.", markup=False)
            return
        a_id = pair.a
        partners = core.ranked_partners(c, a_id)
        current = [p.b for p in self.pairs if p.a == a_id and p.b]

        def chosen(b_id: str | None) -> None:
            if b_id is None or self.comparison is None:
                return
            new_b = None if b_id == NO_PARTNER else b_id
            self._set_busy("Re-pairing…")  # metrics are matched again, in a worker
            self._repair_worker(self.comparison, a_id, new_b)

        title = section_title(c.a, a_id, self._convert)
        self.app.push_screen(RepairScreen(title, partners, current), chosen)

    # export ------------------------------------------------------------

    def action_export(self, fmt: core.ExportFormat = "md") -> None:
        c = self.comparison
        if c is None:
            return
        folder = Path(getattr(self.app, "export_dir", None) or Path.cwd())
        suggested = folder / core.suggested_name(c, fmt)

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._export(request, force=False)

        self.app.push_screen(ExportScreen(suggested, fmt), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest, force: bool) -> None:
        c = self.comparison
        if c is None:
            return
        try:
            text = core.export_text(c, request.format)
            written = core.write_export(request.path, text, force=force, inputs=core.input_paths(c))
        except core.ExportExists:
            self.app.call_from_thread(self._ask_overwrite, request)
            return
        except core.AppError as exc:
            self.app.call_from_thread(self.notify, escape(str(exc)), title="Export failed", severity="error", markup=False)
            return
        except Exception as exc:  # noqa: BLE001 - a failed export must not end the session
            self.app.call_from_thread(
                self.notify, escape(f"{type(exc).__name__}: {exc}"), title="Export failed", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, f"Wrote {show_path(written)}", title="Exported", markup=False, timeout=6)

    def _ask_overwrite(self, request: ExportRequest) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._export(request, force=True)
            else:
                self.notify("Nothing was written.", markup=False, timeout=3)

        self.app.push_screen(ConfirmScreen(f"{show_path(request.path)} exists. Replace it?", yes="Replace"), answered)

    def action_copy_pair(self) -> None:
        c, pair = self.comparison, self.pair
        if c is None or pair is None:
            return
        text = core.pair_markdown(c, pair, core.pair_diff(c, pair))
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied this pair as Markdown ({len(text)} characters).", markup=False, timeout=3)


def _locate(text: str, quantity: str, context: str, kind: str) -> list[Span]:
    """Where a metric stands in the shown text: inside its clause if found, else first mention."""
    if not quantity:
        return []
    base = 0
    if context:
        hits = find_all(text, context, 1)
        if hits:
            base = hits[0][0]
            inner = find_all(text[base : hits[0][1]], quantity, 1)
            if inner:
                return [Span(base + inner[0][0], base + inner[0][1], kind)]
    hits = find_all(text, quantity, 1)
    return [Span(hits[0][0], hits[0][1], kind)] if hits else []
