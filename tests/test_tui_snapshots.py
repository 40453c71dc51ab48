"""Snapshot tests (pytest-textual-snapshot): the picker and the comparison at 80x24 and 160x48,
in English and in Chinese.

SVGs live in tests/__snapshots__/test_tui_snapshots/. After a deliberate change, look at the
report pytest writes, then update with
``.venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update``.
The crafted comparison's snapshots depend only on the app; the seed snapshots also on the core
(loader, parser, aligner), so they change when its heuristics do.
"""

from __future__ import annotations

import pytest
from textual.widgets import DirectoryTree

from reportdiff.compare.seeds import seed_paths
from reportdiff.tui.app import make_app
from tui_fixtures import comparison

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
LANGS = ("en", "zh")


async def _settle(pilot) -> None:
    await pilot.pause()
    ours = [w for w in pilot.app.workers if not isinstance(w.node, DirectoryTree)]
    if ours:
        await pilot.app.workers.wait_for_complete(ours)
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_picker_on_the_seeds(snap_compare, size, lang):
    app = make_app(lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_settle, press=["down", "a", "down", "b"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_comparison_crafted(snap_compare, size, lang):
    app = make_app(comparison=comparison(), lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_settle, press=["right_square_bracket"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_comparison_of_two_seeds(snap_compare, size, lang):
    app = make_app(seed_paths()[:2], lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=_settle, press=["n", "n"])


@pytest.mark.parametrize("lang", LANGS)
def test_export_dialog_at_80x24(snap_compare, lang, tmp_path):
    app = make_app(comparison=comparison(), lang=lang, export_dir="/reports")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settle, press=["e"])
