"""Keys that arrive together (one terminal read) must leave the app on the right pair, idle.

The keys are posted to the app all at once, before any of them is handled, as the terminal
driver does when several keystrokes come in one read; then the app must settle: the pair
shown stops changing and no message keeps another one alive.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import TabbedContent

from reportdiff.compare.seeds import seed_paths
from reportdiff.tui.app import make_app
from reportdiff.tui.widgets.pair_list import PairList
from reportdiff.tui.widgets.pair_view import PairView
from tui_fixtures import screen_text, settle

SMALL = (80, 24)
WIDE = (160, 48)
CHARS = {"right_square_bracket": "]", "left_square_bracket": "[", "enter": "\r", "down": None, "escape": None}


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")


def burst(app, *keys: str) -> None:
    """Post ``keys`` to the app in one go, as a terminal read of several keystrokes does."""
    for key in keys:
        char = CHARS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


async def assert_idle(pilot, screen) -> None:
    """After the burst the screen shows no further pairs by itself."""
    await settle(pilot)
    for _ in range(5):
        await pilot.pause()
    shown = screen.shown_count
    for _ in range(20):
        await pilot.pause()
    assert screen.shown_count == shown, "the screen keeps changing pairs by itself"


async def open_seeds(pilot, show_list: bool):
    await settle(pilot)
    screen = pilot.app.screen
    if show_list and not screen.query_one(PairList).display:
        await pilot.press("b")
        await settle(pilot)
    count = {"n": 0}
    original = screen._show_pair

    def counted(*args, **kw):
        count["n"] += 1
        return original(*args, **kw)

    screen._show_pair = counted
    type(screen).shown_count = property(lambda self: count["n"])  # type: ignore[attr-defined]
    return screen


@pytest.mark.parametrize("size", [SMALL, WIDE])
@pytest.mark.parametrize("show_list", [True, False])
async def test_ten_n_in_one_read_show_pair_11_and_go_idle(size, show_list):
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=size) as pilot:
        screen = await open_seeds(pilot, show_list)
        assert len(screen.pairs) > 12
        burst(app, *"n" * 10)
        await assert_idle(pilot, screen)
        assert screen.index == 10
        assert "Pair 11/" in screen_text(app)
        if show_list:
            assert screen.query_one(PairList).highlighted == 10
        burst(app, *"p" * 4)
        await assert_idle(pilot, screen)
        assert screen.index == 6 and "Pair 7/" in screen_text(app)


async def test_bursts_of_changes_tabs_and_list_keys():
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_seeds(pilot, True)
        burst(app, *"nnn")
        await assert_idle(pilot, screen)
        view = screen.query_one(PairView)
        changes = len(view.change_rows)
        assert changes >= 2
        burst(app, *["right_square_bracket"] * (changes + 3))
        await assert_idle(pilot, screen)
        assert screen.index == 3 and view.current_change == changes - 1
        burst(app, "2", "3", "4", "5", "1", "4")
        await assert_idle(pilot, screen)
        assert screen.query_one(TabbedContent).active == "all-metrics"
        burst(app, "1")
        await settle(pilot)
        # the pair list focused: its own keys pick pairs, in a burst too
        screen.query_one(PairList).focus()
        burst(app, *["down"] * 5)
        await assert_idle(pilot, screen)
        assert screen.index == 8 and screen.query_one(PairList).highlighted == 8


async def test_burst_of_re_pairing_and_undo():
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_seeds(pilot, True)
        before = screen.comparison
        burst(app, "n", "r", "down", "enter")
        await assert_idle(pilot, screen)
        assert screen.comparison is not before
        assert screen.pair.manual or screen.pair.b is None
        burst(app, "u", "n", "n")
        await assert_idle(pilot, screen)
        assert screen.comparison is before and screen.index == 3
