"""The text tab: the pair's title line, both texts (``PairView``) and the legend.

The screen tells it what to show with ``show(PairShown)``; the pane builds the highlights, the
headings and the title from that, and keeps the title current as the user steps through
changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reportdiff.compare.i18n import N_, _
from reportdiff.compare.model import Comparison, Report

from .. import core
from ..display import Span, legend, one_line, topic_name
from .pair_list import score_text, section_title
from .pair_view import PairView, SideContent

DIFF_MODES = {"diff": N_("word differences"), "shared": N_("shared phrases"), "one_sided": N_("one side only")}


@dataclass(frozen=True)
class PairShown:
    """What the pane shows: pair ``index`` of ``comparison``, as the screen's state says."""

    comparison: Comparison | None
    index: int
    convert: Callable[[str, Report], str]
    simplified: bool = False
    search_text: str = ""
    hit: int = -1  # the current search hit, -1: none
    hits: int = 0  # how many hits the search has


class PairPane(Vertical):
    """Title line, both sides of the pair, legend."""

    DEFAULT_CSS = """
    PairPane { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: PairShown | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="pair-title")
        yield PairView(id="view")
        yield Static(legend(), id="legend")

    @property
    def view(self) -> PairView:
        return self.query_one(PairView)

    def set_narrow(self, narrow: bool) -> None:
        self.query_one("#legend", Static).update(legend(short=narrow))

    def show(self, shown: PairShown, keep_scroll: bool = False) -> None:
        """Show a pair (``keep_scroll``: the same pair, e.g. in the other script)."""
        self._shown = shown
        c = shown.comparison
        pairs = c.alignment.pairs if c else ()
        if c is None or not 0 <= shown.index < len(pairs):
            self.view.set_sides(SideContent("A", "", "", missing=_("No sections to show.")), SideContent("B", "", ""))
            self.query_one("#pair-title", Static).update(Text(_("No pairs."), style="dim"))
            return
        pair = pairs[shown.index]
        marks = core.pair_marks(c, pair)
        a_text = shown.convert(marks.a_text, c.a)
        b_text = shown.convert(marks.b_text, c.b)
        spans_a = [Span(*h) for h in marks.a_spans]
        spans_b = [Span(*h) for h in marks.b_spans]
        if shown.search_text:
            spans_a += [Span(x, y, "search") for x, y in core.hit_spans(a_text, shown.search_text)]
            spans_b += [Span(x, y, "search") for x, y in core.hit_spans(b_text, shown.search_text)]
        self.view.set_sides(
            SideContent(
                f"A · {one_line(core.report_label(c.a))}",
                section_title(c.a, pair.a, shown.convert),
                a_text,
                tuple(spans_a),
                missing="" if pair.a else _("(no section of A: this part is only in B)"),
            ),
            SideContent(
                f"B · {one_line(core.report_label(c.b))}",
                section_title(c.b, pair.b, shown.convert),
                b_text,
                tuple(spans_b),
                missing="" if pair.b else _("(no section of B: this part is only in A)"),
            ),
            keep_scroll=keep_scroll,
        )
        self.show_title()

    def show_title(self, change: str = "") -> None:
        """The title line: pair number, score, topic, diff mode, and where the user is."""
        shown = self._shown
        c = shown.comparison if shown else None
        if shown is None or c is None or not 0 <= shown.index < len(c.alignment.pairs):
            return
        pair = c.alignment.pairs[shown.index]
        diff = core.pair_diff(c, pair)
        t = Text(no_wrap=True, end="", overflow="ellipsis")
        t.append(_("Pair {n}/{total}").format(n=shown.index + 1, total=len(c.alignment.pairs)), style="bold")
        if pair.a is None:
            t.append(" · " + _("only in B"), style="bold")
        elif pair.b is None:
            t.append(" · " + _("only in A"), style="bold")
        else:
            t.append(" · " + score_text(pair))
        # where the user is comes before the descriptive parts, which a narrow title cuts first
        if change:
            t.append(f" · {change}", style="bold")
        if shown.hits and 0 <= shown.hit < shown.hits:
            t.append(" · " + _("hit {k}/{n}").format(k=shown.hit + 1, n=shown.hits), style="bold")
        if shown.simplified:
            t.append(" · " + _("simplified"), style="dim")
        if pair.a is not None and pair.b is not None:
            if pair.topic:
                t.append(f" · {topic_name(pair.topic)}")
            mode = _(DIFF_MODES.get(diff.mode, diff.mode))
            t.append(f" · {mode} {round(diff.similarity * 100)}%", style="dim")
        self.query_one("#pair-title", Static).update(t)

    def on_pair_view_change_moved(self, event: PairView.ChangeMoved) -> None:
        self.show_title(_("change {k}/{n}").format(k=event.index + 1, n=event.count))
