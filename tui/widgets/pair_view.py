"""The text of the current pair, side by side or stacked, with its differences highlighted.

A line-API widget: the rows are built once per pair and width (``tui.display``), and each
screen line is rendered on demand from them, so a long section costs only what is visible.
One widget draws both sides, so they always scroll together.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reportdiff.compare.i18n import N_

from ..display import (
    FILLER_STYLE,
    HEADING_STYLE,
    Paragraph,
    SideRow,
    Span,
    ViewRow,
    change_starts,
    fold,
    pad,
    side_by_side,
    stacked,
)

from ..text import localise_bindings

Layout = Literal["side", "stacked"]
CHANGE_KINDS = frozenset({"delete", "insert", "shared", "metric", "initiative"})
SEPARATOR = " │ "


@dataclass(frozen=True)
class SideContent:
    """What one side shows: a label, the section heading and its text with highlights."""

    label: str
    heading: str
    text: str
    spans: tuple[Span, ...] = ()
    missing: str = ""  # shown instead of text when the side has no section


@dataclass
class _Built:
    width: int
    layout: Layout
    rows: list[ViewRow] = field(default_factory=list)
    changes: list[int] = field(default_factory=list)
    searches: list[int] = field(default_factory=list)


class PairView(ScrollView, can_focus=True):
    """Both sides of a pair, level and scrolling together."""

    # The scrollbar's column is always reserved, so the rows are folded to the width that is
    # really visible: a scrollbar appearing once the rows are known cannot cover their last cell.
    DEFAULT_CSS = """
    PairView { scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    """

    # ↑ ↓ PgUp PgDn Home End scroll (ScrollView's own keys); this entry only names them in the footer
    BINDINGS = [Binding("pagedown", "page_down", N_("Scroll"), key_display="↑↓PgDn")]

    layout: reactive[Layout] = reactive("side")

    class ChangeMoved(Message):
        """The current change moved (``index`` of ``count``; -1 when none)."""

        def __init__(self, index: int, count: int) -> None:
            super().__init__()
            self.index = index
            self.count = count

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        localise_bindings(self)
        self._a = SideContent("A", "", "")
        self._b = SideContent("B", "", "")
        self._built: _Built | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self.current_change = -1

    # --------------------------------------------------------------- content

    def set_sides(self, a: SideContent, b: SideContent, *, keep_scroll: bool = False) -> None:
        """Show a new pair (or the same pair differently highlighted)."""
        self._a, self._b = a, b
        self._built = None
        if not keep_scroll:
            self.current_change = -1
            self.scroll_to(0, 0, animate=False, immediate=True)
        self._rebuild()

    def watch_layout(self) -> None:
        self._built = None
        self.current_change = -1
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    @property
    def rows(self) -> list[ViewRow]:
        return self._built.rows if self._built else []

    @property
    def change_rows(self) -> list[int]:
        return self._built.changes if self._built else []

    @property
    def search_rows(self) -> list[int]:
        return self._built.searches if self._built else []

    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _cell_width(self, total: int) -> int:
        if self.layout == "side":
            return max((total - 4 - len(SEPARATOR)) // 2, 4)
        return max(total - 2, 4)

    def _paragraphs(self, side: SideContent, width: int) -> list[Paragraph]:
        heading = [
            Paragraph(tuple(replace(r, start=-1, end=-1) for r in p.rows), p.text)
            for p in fold(side.heading, (), width, HEADING_STYLE)
        ] if side.heading else []
        if side.missing:
            note = fold(side.missing, (), width, FILLER_STYLE)
            return heading + [Paragraph(tuple(replace(r, start=-1, end=-1) for r in p.rows), "") for p in note]
        return heading + fold(side.text, side.spans, width)

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        total = self._text_width()
        if self._built and self._built.width == total and self._built.layout == self.layout:
            return
        cell = self._cell_width(total)
        pa, pb = self._paragraphs(self._a, cell), self._paragraphs(self._b, cell)
        if self.layout == "side":
            rows = side_by_side(pa, pb)
        else:
            rows = stacked(
                Text(f" {self._a.label} ", style=Style(reverse=True, bold=True)),
                pa,
                Text(f" {self._b.label} ", style=Style(reverse=True, bold=True)),
                pb,
            )
        self._built = _Built(
            total,
            self.layout,
            rows,
            change_starts(rows, CHANGE_KINDS),
            change_starts(rows, frozenset({"search"})),
        )
        self._cache.clear()
        self._set_virtual_size(Size(total, len(rows)))

    def _set_virtual_size(self, size: Size) -> None:
        """A new number of rows, without laying out the whole screen again when the scrollbar
        stays as it is (its column is always reserved): stepping through pairs repaints this
        widget only. Uses Widget._scroll_update (Textual 8.2.8, pinned), what a layout would call."""
        shown = self.show_vertical_scrollbar
        self.set_reactive(PairView.virtual_size, size)
        self._scroll_update(size)
        self.refresh(layout=self.show_vertical_scrollbar != shown)

    # --------------------------------------------------------------- navigation

    def move_change(self, step: int) -> bool:
        """Scroll to the next (``step`` 1) or previous (-1) change; False when there is none."""
        starts = self.change_rows
        if not starts:
            return False
        cur = self.current_change
        if cur < 0:
            target = 0 if step > 0 else len(starts) - 1
        else:
            target = cur + step
        if not 0 <= target < len(starts):
            return False
        self.current_change = target
        self._cache.clear()
        self.scroll_to(y=max(starts[target] - 2, 0), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.ChangeMoved(target, len(starts)))
        return True

    def show_offset(self, side: Literal["a", "b"], offset: int) -> None:
        """Scroll so that the row showing ``offset`` of one side's text is in view."""
        for i, r in enumerate(self.rows):
            cell = r.a if side == "a" else r.b
            if cell is not None and cell.start <= offset < max(cell.end, cell.start + 1):
                self.scroll_to(y=max(i - 2, 0), animate=False, immediate=True)
                return

    # --------------------------------------------------------------- rendering

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        rows = self.rows
        if index >= len(rows):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._render_row(index, rows[index], base)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_row(self, index: int, row: ViewRow, base: Style) -> Strip:
        built = self._built
        assert built is not None
        total = built.width
        current = (
            0 <= self.current_change < len(built.changes) and built.changes[self.current_change] == index
        )
        line = Text(no_wrap=True, end="", style=base)
        if row.label is not None:
            line.append_text(pad(row.label, total))
        elif self.layout == "side":
            cell = self._cell_width(total)
            line.append_text(self._cell(row.a, cell, current))
            line.append(SEPARATOR, style=FILLER_STYLE)
            line.append_text(self._cell(row.b, cell, current))
        else:
            line.append_text(self._cell(row.a or row.b, total - 2, current))
        # every segment carries a style: Textual's NO_COLOR filter cannot handle a bare one
        segments = [Segment(text, style or base, control) for text, style, control in line.render(self.app.console)]
        return Strip(segments, line.cell_len)

    @staticmethod
    def _cell(side: SideRow | None, width: int, current: bool) -> Text:
        t = Text(no_wrap=True, end="")
        if side is None:
            t.append("~", style=FILLER_STYLE)
            t.append(" " * (width + 1))
            return t
        gutter = "▶" if current and side.kinds else side.gutter
        t.append(gutter, style=Style(reverse=True, bold=True) if current and side.kinds else Style(bold=True))
        t.append(" ")
        t.append_text(pad(side.text, width))
        return t
