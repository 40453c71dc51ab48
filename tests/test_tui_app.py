"""The app driven with Textual's Pilot: every screen and key, at 80x24 unless said otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, DirectoryTree, Input, OptionList, TabbedContent

from reportdiff.compare.seeds import seed_paths
from reportdiff.tui.app import ReportDiffApp, make_app
from reportdiff.tui.screens.comparison import ComparisonScreen
from reportdiff.tui.screens.confirm import ConfirmScreen
from reportdiff.tui.screens.export import ExportScreen
from reportdiff.tui.screens.help import HelpScreen
from reportdiff.tui.screens.open_path import OpenScreen
from reportdiff.tui.screens.picker import PickerScreen
from reportdiff.tui.screens.re_pair import RePairScreen
from reportdiff.tui.screens.search import SearchScreen
from reportdiff.tui.widgets.pair_list import PairList
from reportdiff.tui.widgets.pair_view import PairView
from tui_fixtures import comparison, hostile_comparison, screen_text

SMALL = (80, 24)
WIDE = (160, 48)


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests read the English interface, whatever the machine's locale."""
    monkeypatch.setenv("LANGUAGE", "en")


async def settle(pilot) -> None:
    """Wait until the app's workers have finished and the screen has caught up.

    A DirectoryTree keeps a loader worker alive as long as it is shown; it is left out."""
    await pilot.pause()
    ours = [w for w in pilot.app.workers if not isinstance(w.node, DirectoryTree)]
    if ours:  # an empty list would mean "all workers"
        await pilot.app.workers.wait_for_complete(ours)
    await pilot.pause()


def crafted_app(**kw) -> ReportDiffApp:
    return make_app(comparison=comparison(), **kw)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


# --------------------------------------------------------------------------- picker


async def test_picker_lists_the_seeds_by_metadata_and_previews_the_outline():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(seed_paths())
        text = screen_text(app)
        assert "同江市人民政府" in text and "2018" in text and "KB" in text
        assert "Reports in" in text
        # the highlighted report's outline: its sections
        first = app.screen.entries[str(seed_paths()[0])].report
        heading = next(s for s in first.sections if s.level == 1 and s.heading)
        await pilot.press("v")  # hide the outline
        assert "hidden" in app.screen.query_one("#outline-box").classes
        await pilot.press("v")
        assert heading.heading[:6] in screen_text(app)


async def test_picker_choose_swap_and_compare_with_keys():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        picker = app.screen
        await pilot.press("c")  # nothing chosen: says what is missing
        assert any("Choose report A and report B" in m for m in notes(app))
        await pilot.press("a", "c")
        assert any("Report B is missing" in m for m in notes(app))
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("down", "b")
        keys = [str(p) for p in seed_paths()]
        assert picker.chosen == {"a": keys[0], "b": keys[1]}
        await pilot.press("s")
        assert picker.chosen == {"a": keys[1], "b": keys[0]}
        assert "A:" in screen_text(app) and "沅江市司法局" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        c = app.screen.comparison
        assert c is not None and c.a.path == keys[1] and c.b.path == keys[0]
        # o goes back to the picker it came from, choices kept
        await pilot.press("o")
        await settle(pilot)
        assert app.screen is picker and picker.chosen["a"] == keys[1]


async def test_picker_enter_chooses_a_then_b_then_compares():
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("enter", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison.b.path == str(seed_paths()[2])


async def test_picker_mouse_click_and_buttons():
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        picker = app.screen
        await pilot.click("#reports", offset=(10, 3))  # third row (header, rows 1..)
        await pilot.click("#set-a")
        assert picker.chosen["a"] == str(seed_paths()[2])
        await pilot.click("#reports", offset=(10, 2))  # second row
        await pilot.click("#set-b")
        await pilot.click("#swap")
        assert picker.chosen["b"] == str(seed_paths()[2])
        await pilot.click("#compare")
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)


async def test_open_another_folder_and_a_single_file(tmp_path: Path):
    for p in seed_paths()[:2]:
        shutil.copy(p, tmp_path / p.name)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OpenScreen)
        box = app.screen.query_one(Input)
        box.value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen) and picker.folder == tmp_path
        assert picker.query_one(DataTable).row_count == 2
        # a file from elsewhere joins the list and becomes A
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one(Input).value = str(seed_paths()[3])
        await pilot.press("enter")
        await settle(pilot)
        assert picker.query_one(DataTable).row_count == 3
        assert picker.chosen["a"] == str(seed_paths()[3])
        # escape cancels
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("escape")
        assert app.screen is picker


async def test_unreadable_file_in_a_folder_is_a_notification_not_a_crash(tmp_path: Path):
    shutil.copy(seed_paths()[0], tmp_path / "good.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "[bold]empty.txt").write_text("  \n", encoding="utf-8")
    app = make_app([tmp_path])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        messages = notes(app)
        assert any("broken.txt" in m for m in messages)
        assert any("[bold]empty.txt" in m for m in messages)  # shown literally, no markup error
        assert "unreadable" in screen_text(app)
        await pilot.press("a")  # the first row is the unreadable "[bold]empty.txt"
        assert app.screen.chosen["a"] is None


async def test_missing_folder_is_reported():
    app = make_app(["/nonexistent/folder"])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert any("cannot list the folder" in m for m in notes(app))


async def test_a_file_argument_opens_the_picker_with_it_as_a():
    target = seed_paths()[1]
    app = make_app([target])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.chosen["a"] == str(target)


# --------------------------------------------------------------------------- comparison


async def test_two_paths_compare_in_a_worker_on_the_seeds():
    a, b = seed_paths()[0], seed_paths()[1]
    app = make_app([a, b])
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        await settle(pilot)
        assert screen.comparison is not None and screen.pairs
        text = screen_text(app)
        assert "similarity" in text and "同江市人民政府" in text and "Pair 1/" in text


async def test_unreadable_report_argument_is_a_notification(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    app = make_app([bad, seed_paths()[0]])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.comparison is None
        assert any("bad.txt" in m for m in notes(app))
        assert "Nothing to show" in screen_text(app)
        await pilot.press("n", "]", "r", "e", "s")  # nothing to act on: no crash
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen) and app.screen.folder == tmp_path


async def test_next_and_previous_pair_keys():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.index == 0
        await pilot.press("n")
        assert screen.index == 1
        await pilot.press("j")
        assert screen.index == 2
        assert "only in A" in screen_text(app)
        await pilot.press("j", "j")  # stops at the last pair
        assert screen.index == 3
        assert not screen.check_action("next_pair", ())
        await pilot.press("p")
        assert screen.index == 2
        await pilot.press("k", "k", "k")
        assert screen.index == 0
        await pilot.press("b")  # the list, hidden below 100 columns, shows the current pair
        await pilot.pause()
        assert app.screen.query_one(PairList).highlighted == 0


async def test_pair_list_selection_by_mouse_and_keyboard():
    app = crafted_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pl = app.screen.query_one(PairList)
        await pilot.click(PairList, offset=(5, 1))
        await pilot.pause()
        assert app.screen.index == 1
        pl.focus()
        await pilot.press("down", "enter")
        assert app.screen.index == 2
        assert app.focused is app.screen.query_one(PairView)


async def test_pair_view_shows_both_sides_level_with_markers():
    app = crafted_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PairView)
        assert view.layout == "side"
        text = screen_text(app)
        # both headings on one row of the pair view
        assert any("一、加强组织领导" in ln and "│" in ln and "一、強化組織領導" in ln for ln in text.splitlines())
        assert "- 全年召开常务会议学法12次" in text  # deletion marker in the gutter
        assert "+ 全年召開常務會議學法15次" in text
        assert "Pair 1/4 · pairing score 91% (strong) · Leadership and responsibility" in text


async def test_next_and_previous_change_keys():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PairView)
        assert view.change_rows
        await pilot.press("right_square_bracket")
        assert view.current_change == 0
        assert "change 1/" in screen_text(app)
        for _ in range(len(view.change_rows) + 2):
            await pilot.press("right_square_bracket")
        assert view.current_change == len(view.change_rows) - 1
        assert any("No further" in m for m in notes(app))
        await pilot.press("left_square_bracket")
        assert view.current_change == max(len(view.change_rows) - 2, 0)


async def test_swap_sides_in_a_worker_keeps_the_pair_in_view():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("n")
        before, pair = app.screen.comparison, app.screen.pair
        await pilot.press("s")
        await settle(pilot)
        after = app.screen.comparison
        assert after.a is before.b and after.b is before.a
        assert "A  某縣人民政府 2023" in screen_text(app)
        assert (app.screen.pair.a, app.screen.pair.b) == (pair.b, pair.a)


async def test_layout_toggle_and_narrow_default():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PairView)
        assert view.layout == "stacked"  # below 100 columns
        text = screen_text(app)
        assert " A · 某市人民政府 2022" in text
        await pilot.press("l")
        assert view.layout == "side"
        assert any(r.a and r.b for r in view.rows)
        await pilot.press("l")
        assert view.layout == "stacked"


async def test_pair_list_collapses():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        view = app.screen.query_one(PairView)
        height = view.size.height
        assert not app.screen.query_one(PairList).display  # hidden below 100 columns
        await pilot.press("b")
        await pilot.pause()
        assert app.screen.query_one(PairList).display
        assert view.size.height < height
        await pilot.press("b")
        await pilot.pause()
        assert not app.screen.query_one(PairList).display
        assert view.size.height == height


async def test_script_toggle_shows_simplified():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert "一、強化組織領導" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "一、强化组织领导" in text and "一、強化組織領導" not in text
        assert "simplified" in text
        await pilot.press("t")
        await pilot.pause()
        assert "一、強化組織領導" in screen_text(app)


async def test_search_finds_in_either_script_and_steps_through_matches():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"行政复议", "enter")  # simplified query; B writes 行政複議
        await settle(pilot)
        assert app.screen is screen
        assert {(h.pair, h.side) for h in screen.search.hits} == {(1, "a"), (1, "b")}
        assert screen.index == 1
        assert any("2 hits in 1 pairs" in m for m in notes(app))
        assert "hit 1/2" in screen_text(app)
        view = screen.query_one(PairView)
        assert view.search_rows
        await pilot.press("full_stop")
        assert screen.search.hit == 1
        assert "hit 2/2" in screen_text(app)
        await pilot.press("comma", "comma")
        assert screen.search.hit == 1  # wraps around
        # an empty search clears
        await pilot.press("slash")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        assert screen.search.hits == () and not screen.check_action("next_hit", ())
        await pilot.press("slash", *"没有这个", "enter")
        assert any("Not found" in m for m in notes(app))
        assert not any("match" in m.lower() for m in notes(app))


async def test_tabs_show_pair_and_report_metrics_and_initiatives():
    app = crafted_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("2")
        assert tabs.active == "pair-metrics"
        text = screen_text(app)
        assert "常务会议学法" in text and "12次" in text and "15次" in text and "+3次" in text
        assert "行政复议案件" not in text  # another pair's metric
        await pilot.press("3")
        assert tabs.active == "pair-initiatives"
        assert "《法治政府建设实施方案》" in screen_text(app)
        await pilot.press("4")
        text = screen_text(app)
        assert "行政复议案件" in text and "+8件" in text
        await pilot.press("5")
        text = screen_text(app)
        assert "“法律进社区”" in text and "「雙隨機、一公開」" in text and "only A" in text
        await pilot.press("1")
        assert tabs.active == "text"


async def test_re_pair_picks_another_partner_and_it_goes_into_the_export(tmp_path: Path):
    app = crafted_app(export_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RePairScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[:3] == ["s1", "s3", "s2"]  # ranked by score, then the rest
        await pilot.press("down", "enter")  # B's s3
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        assert screen.pair.a == "s1" and screen.pair.b == "s3" and screen.pair.manual
        assert "paired by hand" in screen_text(app)
        # the export carries the new pair
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#fmt-json").value = True
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        written = next(tmp_path.glob("*.json"))
        data = json.loads(written.read_text(encoding="utf-8"))
        assert "s3" in json.dumps(data) and "true" in json.dumps(data).lower()


async def test_re_pair_to_no_partner_and_cancel():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen) and not app.screen.pair.manual
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("end", "enter")  # (no partner)
        await settle(pilot)
        assert app.screen.pair.a == "s1" and app.screen.pair.b is None
        # a B-only pair cannot be re-paired from here
        app.screen.index = len(app.screen.pairs) - 1
        assert app.screen.pair.a is None
        assert not app.screen.check_action("re_pair", ())


async def test_export_markdown_asks_before_overwriting(tmp_path: Path):
    app = crafted_app(export_dir=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        suggested = app.screen.query_one(Input).value
        assert suggested == str(tmp_path / "某市人民政府2022-vs-某縣人民政府2023.md")
        await pilot.press("enter")
        await settle(pilot)
        target = Path(suggested)
        first = target.read_text(encoding="utf-8")
        assert "某市人民政府" in first
        assert any(m.startswith("Wrote ") and str(target) in m for m in notes(app))
        target.write_text("keep me", encoding="utf-8")
        # again: the file exists, so the app asks; "no" leaves it alone and the dialog open
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)  # typed by hand, kept after "No"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one(Input).value == str(target)
        # and "yes" replaces it
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == first
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


async def test_export_word_document_from_the_dialog(tmp_path: Path):
    import docx

    app = crafted_app(export_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#fmt-docx").value = True  # as a click on "Word" does
        await settle(pilot)
        target = Path(dialog.query_one(Input).value)
        assert target.suffix == ".docx"  # the suggested name follows the format
        dialog._submit()
        await settle(pilot)
        assert any(m.startswith("Wrote ") and str(target) in m for m in notes(app))
        document = docx.Document(str(target))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "某市人民政府" in text and any(p.style.name.startswith("Heading") for p in document.paragraphs)
        struck = [r.text for p in document.paragraphs for r in p.runs if r.font.strike]
        assert "12" in "".join(struck)  # the text differences as formatted runs


async def test_export_errors_are_notifications(tmp_path: Path):
    app = crafted_app(export_dir=tmp_path / "missing")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        typed = app.screen.query_one(Input).value
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)  # still open, the name as typed
        assert app.screen.query_one(Input).value == typed
        assert any("does not exist" in m or "cannot write" in m for m in notes(app))
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)


async def test_copy_pair_markdown_to_the_clipboard():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard.startswith("### 一、加强组织领导 ↔ 一、強化組織領導")
        assert "<del>12</del><ins>15</ins>" in app.clipboard
        assert "常务会议学法" in app.clipboard and "| 12次 |" in app.clipboard.replace("| 12 次 |", "| 12次 |")  # its figures
        assert any("Copied" in m for m in notes(app))


async def test_help_lists_every_binding_of_the_screen():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [
            tuple(str(c) for c in app.screen.query_one(DataTable).get_row_at(i))
            for i in range(app.screen.query_one(DataTable).row_count)
        ]
        described = {what for _, what in rows}
        for b in ComparisonScreen.BINDINGS:
            assert (b.tooltip or b.description) in described
        assert any("Scroll the text" in what for what in described)
        assert ("q", "Quit") in rows and ("]", "Next change") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)


async def test_command_palette_offers_the_actions_valid_now():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"re-pair")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RePairScreen)
        # from the provider directly: disabled actions are left out
        from reportdiff.tui.commands import ActionCommands

        await pilot.press("escape")
        await settle(pilot)
        names = [name for name, _, _ in ActionCommands(app.screen)._commands()]
        assert "Next pair" in names and "Export" in names
        assert "Prev pair" not in names  # at the first pair
        assert "Next match" not in names  # no search yet


async def test_quit_key():
    app = crafted_app()
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


# --------------------------------------------------------------------------- hostile text


async def test_markup_like_report_text_shows_literally_everywhere():
    app = crafted_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]不是粗体[/]" in text
        assert "[通知公告]" in text
        shown = "".join(r.a.text.plain for r in app.screen.query_one(PairView).rows if r.a)
        assert "[@click=app.quit]退出[/]" in shown
        assert not app._exit  # the click action text did not become an action
        await pilot.press("slash", *"[bold]", "enter")
        await settle(pilot)
        assert app.screen.search.hits  # found literally; the notification did not choke on brackets


async def test_escape_sequences_in_report_text_are_neutralised_on_screen():
    app = make_app(comparison=hostile_comparison())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text
        assert "\ufffd]0;pwned\ufffd标题" in text


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_nothing_is_cut_off_or_overlapping(size):
    app = crafted_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        width, height = size
        for toggle in (False, True):  # the pair list as it starts, then shown/hidden with b
            if toggle:
                await pilot.press("b")
                await pilot.pause()
            parts = [("summary", "#summary"), ("view", "#view"), ("legend", "#legend"), ("footer", "Footer")]
            if screen.query_one("#pairs").display:
                parts.append(("pairs", "#pairs"))
            regions = {name: screen.query_one(selector).region for name, selector in parts}
            for name, r in regions.items():
                assert r.width > 0 and r.height > 0, name
                assert r.right <= width and r.bottom <= height, name
            names = list(regions)
            for i, x in enumerate(names):
                for y in names[i + 1 :]:
                    assert not regions[x].overlaps(regions[y]), (x, y)
            assert regions["view"].height >= 5
        await pilot.press("b")
        await pilot.pause()
        if width < 100:  # the text has the room at 80x24: most of the screen
            assert screen.query_one("#view").region.height >= height - 8
        # every row of the pair view fits its width
        view = screen.query_one(PairView)
        assert all(r.a is None or r.a.text.cell_len <= width for r in view.rows)


async def test_report_tables_fill_when_shown_and_hold_every_row():
    a, b = seed_paths()[0], seed_paths()[2]  # a pair with more figure rows than one batch
    app = make_app([a, b])
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#all-metrics-table", DataTable)
        assert table.row_count == 0  # not filled while its tab is hidden
        await pilot.press("4")
        n = len(screen.comparison.metrics)
        assert n > table.BATCH  # filled over several refreshes
        for _ in range(n // table.BATCH + 5):
            await pilot.pause()
        assert table.row_count == n
