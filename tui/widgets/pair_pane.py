"""The text tab: the pair's title line, both texts (``PairView``) and the legend.

Bound to the screen's ``Shown``: the pane shows the pair it names, with the core's marks
(``compare.present``, through ``tui.core``) and the search's, and keeps the title current as
the user steps through changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from reportdiff.compare.i18n import N_, _

from .. import core
from ..display import Span, legend, one_line, section_title, topic_name
from ..state import Shown
from .pair_list import score_text
from .pair_view import PairView, SideContent

DIFF_MODES = {"diff": N_("word differences"), "shared": N_("shared phrases"), "one_sided": N_("one side only")}


class PairPane(Vertical):
    """Title line, both sides of the pair, legend."""

    DEFAULT_CSS = """
    PairPane { height: 1fr; }
    """

    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._last: Shown | None = None  # what the texts show now

    def compose(self) -> ComposeResult:
        yield Static(id="pair-title")
        yield PairView(id="view")
        yield Static(legend(), id="legend")

    @property
    def view(self) -> PairView:
        return self.query_one(PairView)

    def set_narrow(self, narrow: bool) -> None:
        self.query_one("#legend", Static).update(legend(short=narrow))

    def watch_shown(self, shown: Shown) -> None:
        """Show the pair (the same pair as before, e.g. in the other script, keeps its scroll)."""
        c, pair = shown.comparison, shown.pair
        if c is None:  # still comparing, or nothing to compare: the screen says so
            return
        keep_scroll = shown.same_pair(self._last)
        self._last = shown
        if pair is None:
            self.view.set_sides(SideContent("A", "", "", missing=_("No sections to show.")), SideContent("B", "", ""))
            self.query_one("#pair-title", Static).update(Text(_("No pairs."), style="dim"))
            return
        marks = core.pair_marks(c, shown.index)
        sides = []
        for name, report, sid, text, spans, missing in (
            ("A", c.a, pair.a, marks.a_text, marks.a_spans, _("(no section of A: this part is only in B)")),
            ("B", c.b, pair.b, marks.b_text, marks.b_spans, _("(no section of B: this part is only in A)")),
        ):
            text = shown.convert(text, report)
            found = core.hit_spans(text, shown.search.text) if shown.search.text else []
            sides.append(SideContent(
                f"{name} · {one_line(core.report_label(report))}",
                section_title(report, sid, shown.convert),
                text,
                tuple(Span(*h) for h in spans) + tuple(Span(x, y, "search") for x, y in found),
                missing="" if sid else missing,
            ))
        self.view.set_sides(*sides, keep_scroll=keep_scroll)
        self.show_title()

    def show_title(self, change: str = "") -> None:
        """The title line: pair number, score, topic, diff mode, and where the user is."""
        shown = self._last
        pair = shown.pair if shown else None
        if shown is None or pair is None:
            return
        c = shown.comparison
        view = core.pair_view(c, shown.index)
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
        hits, hit = len(shown.search.hits), shown.search.hit
        if hits and 0 <= hit < hits:
            t.append(" · " + _("hit {k}/{n}").format(k=hit + 1, n=hits), style="bold")
        if shown.simplified:
            t.append(" · " + _("simplified"), style="dim")
        if pair.a is not None and pair.b is not None:
            if pair.topic:
                t.append(f" · {topic_name(pair.topic)}")
            mode = _(DIFF_MODES.get(view.mode, view.mode))
            t.append(f" · {mode} {round(view.similarity * 100)}%", style="dim")
        self.query_one("#pair-title", Static).update(t, layout=False)  # one line always

    def on_pair_view_change_moved(self, event: PairView.ChangeMoved) -> None:
        self.show_title(_("change {k}/{n}").format(k=event.index + 1, n=event.count))
