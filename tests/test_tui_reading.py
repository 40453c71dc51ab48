"""Reading in the app: keys that scroll, room for the text, Chinese line breaking, tables that
fit 80 columns, search hits counted once, re-pairing undone, the export dialog's options, the
picker telling files apart."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, RadioButton

from reportdiff.compare.model import SectionPair
from reportdiff.compare.search import find_hits
from reportdiff.compare.seeds import seed_paths
from reportdiff.tui.app import make_app
from reportdiff.tui.display import _row_cuts, can_break
from reportdiff.tui.screens.comparison import ComparisonScreen
from reportdiff.tui.screens.export import ExportScreen
from reportdiff.tui.screens.picker import PickerScreen
from reportdiff.tui.widgets.pair_list import PairList
from reportdiff.tui.widgets.pair_view import PairView
from tui_fixtures import comparison, screen_text, settle

SMALL = (80, 24)
WIDE = (160, 48)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


# --------------------------------------------------------------------------- line breaking


def rows(line: str, width: int) -> list[str]:
    cuts = _row_cuts(line, width)
    return [line[a:b] for a, b in zip(cuts, cuts[1:])]


@pytest.mark.parametrize("width", range(4, 41))
def test_rows_never_start_with_closing_punctuation_nor_split_a_number(width):
    text = seed_paths()[0].read_text(encoding="utf-8").replace(",", "，")
    for line in text.splitlines()[:80]:
        out = rows(line, width)
        assert "".join(out) == line
        for prev, cur in zip(out, out[1:]):
            if len(prev) > 8:  # a break moves back at most a few characters
                assert can_break(prev[-1], cur[0]), (prev, cur)
                assert not (prev[-1].isdigit() and cur[0].isdigit())
                assert cur[0] not in "，。、；：？！）》”"


def test_a_number_stays_with_its_unit():
    assert rows("共办理案件68件", 12) == ["共办理案件", "68件"]
    assert rows("全面完成3项改革任务。", 6) == ["全面完", "成3项", "改革任", "务。"]
    assert rows("印发《方案》。", 6) == ["印发", "《方", "案》。"]  # 》 may not start a row


# --------------------------------------------------------------------------- reading keys


async def test_arrows_scroll_the_text_and_n_p_change_pairs():
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        view = screen.query_one(PairView)
        assert app.focused is view
        while view.max_scroll_y == 0:  # a pair longer than the screen
            await pilot.press("n")
        index = screen.index
        await pilot.press("down", "down")
        assert view.scroll_y == 2 and screen.index == index
        await pilot.press("pagedown")
        assert view.scroll_y > 2
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        await pilot.press("n")
        assert screen.index == index + 1
        footer = screen_text(app).splitlines()[-1]
        for words in ("Scroll", "n Next", "p Prev", "q Quit", "? Help"):
            assert words in footer


async def test_the_text_has_the_room_at_80x24_and_z_zooms():
    app = make_app(comparison=comparison())
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PairView)
        assert not app.screen.query_one(PairList).display
        assert view.size.height >= 14
        await pilot.press("z")
        await pilot.pause()
        assert view.size.height >= 16
        await pilot.press("z")
        await pilot.pause()
        assert view.size.height >= 14


async def test_no_color_does_not_crash_the_stacked_layout(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("n", "right_square_bracket", "l", "l", "b")
        await pilot.pause()
        assert "Pair 2/" in screen_text(app)


@pytest.mark.parametrize("tab", ["4", "5"])
async def test_report_tables_show_every_column_at_80_columns(tab):
    app = make_app(seed_paths()[:2])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        for _ in range(20):
            await pilot.pause()
        table = app.screen.query_one("#all-metrics-table" if tab == "4" else "#all-initiatives-table", DataTable)
        assert table.row_count > 0
        total = sum(c.get_render_width(table) for c in table.columns.values())
        assert total <= table.size.width, "a column is pushed off-screen"
        header = screen_text(app)
        for word in (("A", "B", "Difference") if tab == "4" else ("In A", "In B", "Mentions A/B")):
            assert word in header


# --------------------------------------------------------------------------- search


def test_search_counts_each_occurrence_once():
    c = comparison()
    twice = replace(
        c.alignment,
        pairs=(SectionPair("s1", "s1", 0.9), SectionPair("s1", "s2", 0.5), *c.alignment.pairs[1:]),
    )
    c2 = replace(c, alignment=twice)
    hits = find_hits(c2, "常务会议")  # once in A's s1 (in two pairs), once in B's s1
    assert [(h.pair, h.side) for h in hits] == [(0, "a"), (0, "b")]
    assert len(find_hits(c2, "常務會議")) == 2  # traditional finds simplified too
    assert find_hits(c2, "  ") == ()


# --------------------------------------------------------------------------- re-pairing


async def test_re_pair_can_unpair_and_be_undone():
    app = make_app(comparison=comparison())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        before = screen.comparison
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("end", "enter")  # the last option: no partner
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert any(p.a == "s1" and p.b is None for p in screen.comparison.alignment.pairs)
        assert "only in A" in screen_text(app)
        assert screen.check_action("undo", ())
        await pilot.press("u")
        await settle(pilot)
        assert screen.comparison is before
        assert not screen.check_action("undo", ())


# --------------------------------------------------------------------------- export dialog


async def test_export_dialog_offers_the_cli_options_and_starts_from_the_script(tmp_path: Path):
    app = make_app(comparison=comparison(), export_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("t", "e")  # simplified on screen: the export starts simplified
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        s = dialog.settings()
        assert (s.format, s.language, s.script, s.plain, s.text, s.only_changes) == (
            "md", "en", "simplified", False, True, False
        )
        dialog.query_one("#lang-zh", RadioButton).value = True
        dialog.query_one("#opt-plain", Checkbox).value = True
        dialog.query_one("#opt-no-text", Checkbox).value = True
        await pilot.pause()
        await pilot.click("#export")
        await settle(pilot)
        written = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
        assert written.startswith("# 报告对比")  # Chinese labels
        assert "<del>" not in written and "A 原文" not in written  # plain, no section text
        assert "某县人民政府" in written  # simplified script
        # copy follows the export's language
        await pilot.press("c")
        assert "匹配" in app.clipboard or "配对" in app.clipboard or "A：" in app.clipboard
        # and JSON is offered
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#fmt-json", RadioButton).value = True
        await pilot.pause()
        assert app.screen.query_one(Input).value.endswith(".json")
        await pilot.press("enter")
        await settle(pilot)
        data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
        assert data


# --------------------------------------------------------------------------- picker


async def test_picker_tells_files_apart_and_leaves_out_its_own_exports(tmp_path: Path):
    seed = seed_paths()[0]
    shutil.copy(seed, tmp_path / "report.txt")
    shutil.copy(seed, tmp_path / "copy-of-report.txt")
    from reportdiff.compare.export_markdown import to_markdown

    (tmp_path / "comparison.md").write_text(to_markdown(comparison()), encoding="utf-8")
    (tmp_path / "notes.md").write_text("一、总体情况\n今年完成各项工作。\n", encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        names = {Path(k).name for k in picker.entries}
        assert names == {"report.txt", "copy-of-report.txt", "notes.md"}
        text = screen_text(app)
        assert "report.txt" in text and "copy-of-report" in text
        assert "1 exports of reportdiff not listed" in text
        # the same report as A and B: compared with itself
        table = picker.query_one(DataTable)
        await pilot.press("a", "b", "c")
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        c = app.screen.comparison
        assert c.a.path == c.b.path
        assert table  # the picker stays below


async def test_picker_columns_follow_the_width():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        def used() -> int:  # the columns with their padding, against the table's width
            return sum(c.width + 2 for c in table.columns.values())

        assert table.size.width - 3 <= used() <= table.size.width
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        await pilot.pause()
        assert table.size.width > 90
        assert table.size.width - 3 <= used() <= table.size.width
        assert "Reports in the bundled sample reports" in screen_text(app)
