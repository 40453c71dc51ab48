"""Every character of every pair reaches the screen: the pair view, rendered as the terminal
shows it, holds the section's text in full at the sizes users have, in both layouts.

For each pair the view is scrolled page by page and the characters in each side's text cells
(the gutter, filler and the scrollbar left out) are joined; they must equal the side's text,
white space aside.
"""

from __future__ import annotations

import pytest
from rich.cells import get_character_cell_size

from reportdiff.compare.seeds import seed_paths
from reportdiff.tui import core
from reportdiff.tui.app import make_app
from reportdiff.tui.display import clean
from reportdiff.tui.widgets.pair_view import SEPARATOR, PairView
from tui_fixtures import screen_text

# (seeds compared, terminal size): every size on one comparison, the narrowest on another
CASES = [((0, 1), (80, 24)), ((0, 1), (100, 30)), ((0, 1), (160, 48)), ((2, 4), (80, 24))]


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")


def cells(line: str, start: int, end: int) -> str:
    """The characters of ``line`` whose first cell lies in ``[start, end)``."""
    out, x = [], 0
    for ch in line:
        if start <= x < end:
            out.append(ch)
        x += get_character_cell_size(ch)
    return "".join(out)


def squash(text: str) -> str:
    return "".join(clean(text).split())


async def on_screen(pilot, view: PairView) -> dict[str, str]:
    """Each side's text as the screen shows it, page after page of the view."""
    region = view.region
    width = view.scrollable_content_region.width
    height = view.scrollable_content_region.height
    rows = view.rows
    got: dict[str, dict[int, str]] = {"a": {}, "b": {}}
    if view.layout == "side":
        cell = view._cell_width(width)
        columns = {"a": (2, 2 + cell), "b": (2 + cell + len(SEPARATOR) + 2, 2 + cell + len(SEPARATOR) + 2 + cell)}
    else:
        columns = {"a": (2, width), "b": (2, width)}
    top = 0
    while True:
        view.scroll_y = top  # set directly: applied at once, clamped to the last page
        lines = screen_text(pilot.app).splitlines()
        y0 = view.scroll_offset.y
        for k in range(height):
            i = y0 + k
            if i >= len(rows):
                break
            line = lines[region.y + k]
            for side in ("a", "b"):
                r = getattr(rows[i], side)
                if r is None or r.start < 0 or rows[i].label is not None:
                    continue
                a, b = columns[side]
                got[side][i] = cells(line, region.x + a, region.x + b)
        if y0 + height >= len(rows):
            break
        assert y0 + height > top, "the view did not scroll"
        top = y0 + height
    return {side: "".join(v for _, v in sorted(d.items())) for side, d in got.items()}


@pytest.mark.parametrize(
    ("pair_of_seeds", "size"), CASES, ids=[f"{p[0]}-{p[1]}-{s[0]}x{s[1]}" for p, s in CASES]
)
async def test_every_character_of_every_pair_is_on_screen(pair_of_seeds, size):
    seeds = seed_paths()
    app = make_app([seeds[pair_of_seeds[0]], seeds[pair_of_seeds[1]]])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        view = screen.query_one(PairView)
        checked = 0
        for layout in ("stacked", "side"):
            view.layout = layout
            for index in range(len(screen.pairs)):
                screen.index = index
                await pilot.pause()  # the layout decides whether the view has a scrollbar
                diff = core.pair_diff(screen.comparison, screen.pair)
                shown = await on_screen(pilot, view)
                for side, text in (("a", diff.a_text), ("b", diff.b_text)):
                    if not getattr(screen.pair, side):
                        continue
                    assert squash(shown[side]) == squash(text), (layout, index, side)
                    checked += len(text)
        assert checked > 5000
