"""The list of aligned section pairs: number and heading of each side, score and topic.

State flows one way: the list is bound to the screen's ``Shown``; a new comparison or script
refills it, a new pair moves the highlight without a message; the list posts ``PairPicked`` only when the user
moves its highlight. A highlight the screen set can therefore never come back as a stale
request to change the pair (which, with several keys in one read, made the two set each other
in a loop).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from textual.reactive import reactive

from reportdiff.compare.match_confidence import match_band, score_percent
from reportdiff.compare.model import Comparison, Report, SectionPair

from reportdiff.compare.i18n import N_, _

from ..display import pad, section_title, topic_name
from ..state import Shown

def pair_tag(pair: SectionPair) -> str:
    """A text marker of what kind of pair this is (never colour alone)."""
    if pair.a is None:
        return _("only B")
    if pair.b is None:
        return _("only A")
    if pair.manual:
        return _("hand")
    return f"{score_percent(pair.score):>2}% " + _(BAND_WORDS[match_band(pair.score)])


# the pairing score's bands (compare.match_confidence), as the app words them
BAND_WORDS = {"strong": N_("strong"), "likely": N_("likely"), "weak": N_("weak"), "manual": N_("hand")}


def score_text(pair: SectionPair) -> str:
    """The pairing score as the pair's title shows it (never called a "match")."""
    if pair.manual:
        return _("pairing score {pct}%").format(pct=round(pair.score * 100)) + " " + _("(paired by hand)")
    band = _(BAND_WORDS[match_band(pair.score)])
    return _("pairing score {pct}% ({band})").format(pct=score_percent(pair.score), band=band)


class PairList(OptionList):
    """One line per pair; posts ``PairPicked`` when the user moves to another pair."""

    class PairPicked(Message):
        """The user highlighted pair ``index`` in the list (``chosen``: Enter or a click)."""

        def __init__(self, index: int, chosen: bool = False) -> None:
            super().__init__()
            self.index = index
            self.chosen = chosen

    DEFAULT_CSS = """
    PairList { scrollbar-size-vertical: 1; }
    """

    shown: reactive[Shown] = reactive(Shown, init=False, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._last: Shown | None = None
        self._comparison: Comparison | None = None
        self._convert: Callable[[str, Report], str] | None = None
        self._width = 0
        self._pending: int | None = None  # pair to highlight once the list has a size

    def watch_shown(self, shown: Shown) -> None:
        last, self._last = self._last, shown
        if shown.comparison is None:
            return
        if last is None or last.comparison is not shown.comparison or last.simplified != shown.simplified:
            self.show(shown.comparison, shown.index, shown.convert)
        else:
            self.select(shown.index)

    def show(
        self,
        comparison: Comparison,
        index: int = 0,
        convert: Callable[[str, Report], str] | None = None,
    ) -> None:
        """List the comparison's pairs and highlight pair ``index``."""
        self._comparison = comparison
        self._convert = convert
        self._width = 0
        self._pending = index
        if self.scrollable_content_region.width:  # else not laid out yet: on_resize fills it
            self._refill(index)

    def on_resize(self) -> None:
        if self._comparison is not None and self._line_width() != self._width:
            index = self._pending if self._pending is not None else self.highlighted or 0
            self._refill(index)

    def select(self, index: int) -> None:
        """Highlight pair ``index`` (the screen's current pair) without posting anything."""
        if self._pending is not None:
            self._pending = index
            return
        if 0 <= index < self.option_count and self.highlighted != index:
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # a highlight that has moved on since this event was posted is not the user's wish
        if event.option_index == self.highlighted:
            self.post_message(self.PairPicked(event.option_index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.PairPicked(event.option_index, chosen=True))

    def _line_width(self) -> int:
        """Cells for one line, counting the scrollbar a long list is about to get: otherwise
        its appearance resizes the list and every line is built twice."""
        region = self.scrollable_content_region
        width = region.width
        pairs = self._comparison.alignment.pairs if self._comparison else ()
        if not self.show_vertical_scrollbar and len(pairs) > region.height:
            width -= self.styles.scrollbar_size_vertical
        return max(width, 20)

    def _refill(self, index: int) -> None:
        c = self._comparison
        if c is None:
            return
        self._pending = None
        self._width = width = self._line_width()
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(self._prompts(c, width))
            if c.alignment.pairs:
                self.highlighted = min(max(index, 0), len(c.alignment.pairs) - 1)

    def _prompts(self, c: Comparison, width: int) -> Sequence[Option]:
        pairs = c.alignment.pairs
        num = len(str(len(pairs)))
        topics = width >= 56
        fixed = num + 1 + 3 + 1 + 11 + (9 if topics else 0)
        head = max((width - fixed) // 2, 4)
        out = []
        for k, p in enumerate(pairs, 1):
            t = Text(no_wrap=True, end="")
            t.append(f"{k:>{num}} ", style="dim")
            a = section_title(c.a, p.a, self._convert)
            b = section_title(c.b, p.b, self._convert)
            t.append_text(pad(Text(a) if a else Text(_("— only in B —"), style="italic dim"), head, ellipsis=True))
            t.append(" ↔ " if p.a and p.b else "   ", style="dim")
            t.append_text(pad(Text(b) if b else Text(_("— only in A —"), style="italic dim"), head, ellipsis=True))
            tag = pair_tag(p)
            t.append_text(pad(Text(" "), max(10 - cell_len(tag), 1)))
            t.append(tag, style="bold" if p.manual or not (p.a and p.b) else "")
            if topics:
                t.append(" ")
                t.append_text(pad(Text(topic_name(p.topic), style="dim"), 8, ellipsis=True))
            out.append(Option(t))
        return out
