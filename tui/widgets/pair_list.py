"""The list of aligned section pairs: number and heading of each side, score and topic."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.match_confidence import match_band, score_percent
from compare.model import Comparison, Report, SectionPair

from ..display import one_line, pad

KIND_NAMES = {"preamble": "Preamble", "problems": "Problems", "next_steps": "Next steps", "closing": "Closing"}


def section_title(report: Report, section_id: str | None, convert: Callable[[str, Report], str] | None = None) -> str:
    """Number and heading of a section as one clean line ("" for no section)."""
    if section_id is None:
        return ""
    try:
        s = report.section(section_id)
    except KeyError:
        return section_id
    title = f"{s.number}{s.heading}".strip() or KIND_NAMES.get(s.kind, "(untitled)")
    if convert is not None:
        title = convert(title, report)
    return one_line(title)


def pair_tag(pair: SectionPair) -> str:
    """A text marker of what kind of pair this is (never colour alone)."""
    if pair.a is None:
        return "only B"
    if pair.b is None:
        return "only A"
    return "hand" if pair.manual else f"{score_percent(pair.score):>2}% {match_band(pair.score)}"


class PairList(OptionList):
    """One line per pair; the screen listens to ``OptionHighlighted`` to show a pair."""

    DEFAULT_CSS = """
    PairList { scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._comparison: Comparison | None = None
        self._convert: Callable[[str, Report], str] | None = None
        self._width = 0
        self._pending: int | None = None  # pair to highlight once the list has a size

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
            t.append_text(pad(Text(a) if a else Text("— only in B —", style="italic dim"), head, ellipsis=True))
            t.append(" ↔ " if p.a and p.b else "   ", style="dim")
            t.append_text(pad(Text(b) if b else Text("— only in A —", style="italic dim"), head, ellipsis=True))
            tag = pair_tag(p)
            t.append(f" {tag:>10}", style="bold" if p.manual or not (p.a and p.b) else "")
            if topics:
                t.append(f" {one_line(p.topic or '')[:8]:<8}", style="dim")
            out.append(Option(t))
        return out
