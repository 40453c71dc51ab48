"""The bad-input matrix through the app: a comparison on screen or one error notification.

Every case of ``bad_inputs.CASES`` is opened as ``reportdiff A B`` would open it. The app
must stay up on the comparison screen and show either the comparison or a one-line error
(a notification and a "Nothing to show" line) — never crash or show a traceback. The same
files in a folder must each be listed by the picker, unreadable ones marked as such.
"""

from __future__ import annotations

import os

import pytest

from bad_inputs import (
    CASE_IDS,
    CASES,
    OUTPUT_CASES,
    SEED,
    Case,
    FifoReader,
    build,
    kind_of,
)
from reportdiff.tui.screens.export import ExportScreen
from reportdiff.tui.app import make_app
from reportdiff.tui.screens.comparison import ComparisonScreen
from reportdiff.tui.screens.picker import PickerScreen
from reportdiff.tui.widgets.pair_view import PairView
from tui_fixtures import screen_text

SMALL = (80, 24)


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


UNSAFE = {chr(c) for c in [*range(0, 10), *range(11, 32), *range(0x7F, 0xA0)]} | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_safe(text: str) -> None:
    """Nothing that drives a terminal, reorders text or cannot be encoded."""
    assert not UNSAFE & set(text), sorted(UNSAFE & set(text))
    assert not any("\ud800" <= c <= "\udfff" for c in text)


def all_notifications(app) -> list[str]:
    return [f"{n.title or ''} {n.message}" for n in app._notifications]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
async def test_matrix(tmp_path, case: Case):
    if case.skip_reason:
        pytest.skip(case.skip_reason)
    a, b = build(case, tmp_path)
    app = make_app([a, b])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComparisonScreen) and app.is_running
        shown = screen_text(app)
        assert "Traceback" not in shown
        assert_safe(shown)
        for note in all_notifications(app):
            assert_safe(note)
        if case.error:
            assert screen.comparison is None
            (message,) = errors(app)
            words = case.app_error or case.error
            assert "\n" not in message and all(w in message for w in words), message
            assert "Nothing to show" in shown
        else:
            assert not errors(app)
            assert screen.comparison is not None and screen.pairs
            assert "Pair 1/" in shown
        await pilot.press("n", "]", "c", "e", "escape")  # keys still work (copy too), nothing breaks
        assert app.is_running


async def test_picker_lists_every_matrix_file(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    expected_bad = set()
    for case in CASES:
        if case.skip_reason or not case.in_folder or case.name in ("missing", "same-file", "directory"):
            continue
        path = case.build(folder)
        if case.error:
            expected_bad.add(path.name)
    app = make_app([folder])
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen) and app.is_running
        unreadable = {e.path.name for e in picker.entries.values() if e.error}
        readable = {e.path.name for e in picker.entries.values() if e.report is not None}
        assert unreadable == expected_bad
        assert readable and not readable & unreadable
        assert all("\n" not in e.error for e in picker.entries.values() if e.error)
        assert_safe(screen_text(app))
        for note in all_notifications(app):
            assert_safe(note)


HOSTILE_REPORT = (
    "某县人民政府关于2023年[bold]法治[/]政府建设情况的报告\x1b]0;pwned\x07\n"
    "一、[link=https://example.invalid]深化[/link]放管服改革\x1b[2J\n"
    "全年办理[@click=app.quit]行政许可[/]事项1200件，\x9b31m建成[通知公告]平台3个。\u202e\n"
    "二、严格规范公正文明执法\n"
    "开展行政执法案卷评查\x07，评查案卷85卷。\n"
)


async def test_hostile_report_file_is_shown_literally_in_the_picker_and_the_comparison(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    hostile = folder / "[bold]report[x].txt"
    hostile.write_text(HOSTILE_REPORT, encoding="utf-8")
    app = make_app([hostile])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        text = screen_text(app)
        assert "[bold]法治[/]政府建设" in text and "一、[link=https" in text
        assert not any(c in text for c in "\x1b\x07\x9b\u202e")
    app = make_app([hostile, SEED])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen) and app.screen.comparison is not None
        seen = ""
        for _ in app.screen.pairs:
            text = screen_text(app)
            assert not any(c in text for c in "\x1b\x07\x9b\u202e")
            seen += "".join(r.a.text.plain for r in app.screen.query_one(PairView).rows if r.a)
            await pilot.press("n")
            await settle(pilot)
        assert "[@click=app.quit]行政许可[/]" in seen and "[通知公告]" in seen
        assert app.is_running


# --- export targets through the export flow ----------------------------------------------
async def test_output_matrix(tmp_path):
    """Every export target of ``OUTPUT_CASES`` through one app (one app start for all)."""
    from tui_fixtures import comparison

    app = make_app(comparison=comparison())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        for case in OUTPUT_CASES:
            if case.skip_reason:
                continue
            folder = tmp_path / case.name
            folder.mkdir()
            target = case.build(folder)
            reader = FifoReader(target) if kind_of(target) == "fifo" else None
            app._notifications.clear()
            await pilot.press("e")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportScreen), case.name
            dialog.query_one("#export-path").value = os.fsdecode(target)
            dialog._submit(force=case.force)
            await settle(pilot)
            got = reader.result() if reader else None
            notes = all_notifications(app)
            for note in notes:
                assert_safe(note)
            assert_safe(screen_text(app))
            if case.error and case.force:
                (message,) = errors(app)
                assert all(w in message for w in case.error), (case.name, message)
                assert app.screen is dialog  # the dialog stays open with the name typed
                await pilot.press("escape")
                await settle(pilot)
            elif case.error:  # an existing file: the app asks before replacing it
                assert app.screen.__class__.__name__ == "ConfirmScreen", case.name
                await pilot.press("n")
                await settle(pilot)
                assert app.screen is dialog
                await pilot.press("escape")
                await settle(pilot)
            else:
                assert not errors(app) and any("Wrote" in n for n in notes), (case.name, notes)
            assert app.is_running and app.screen is screen
            assert kind_of(target) == case.kind, case.name
            if reader is not None:
                assert got.decode("utf-8").startswith("# ")
            assert not [n for n in os.listdir(os.fsencode(folder)) if n.endswith(b".tmp")]


async def test_no_color_at_80x24_shows_the_comparison(monkeypatch):
    from bad_inputs import TRADITIONAL

    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is made
    app = make_app([SEED, TRADITIONAL])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen) and app.screen.comparison is not None
        assert "Pair 1/" in screen_text(app)
