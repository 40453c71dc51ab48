"""The series screen in the app: marking in the picker, the four tables, opening a pair, and
report text that looks like markup shown literally."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from reportdiff.compare.load import load_text
from reportdiff.compare.series import build_series
from reportdiff.compare.structure import parse_structure
from reportdiff.tui.app import make_app
from reportdiff.tui.screens.picker import PickerScreen
from reportdiff.tui.screens.series import SeriesPairScreen, SeriesScreen

CRAFTED = Path(__file__).resolve().parent / "data" / "series"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def cell_texts(table: DataTable) -> list[list[str]]:
    return [
        ["\n".join(x.rstrip() for x in str(getattr(c, "plain", c)).split("\n")) for c in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


async def test_mark_three_reports_and_open_the_series():
    app = make_app([CRAFTED])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("space", "m", "space")
        await settle(pilot)
        assert len(app.screen.marked) == 3
        assert "•" in cell_texts(app.screen.query_one(DataTable))[0][0]
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SeriesScreen)
        assert screen.series.years() == ["2021", "2022", "2023"]
        rows = cell_texts(screen.query_one("#figures-table", DataTable))
        training = next(r for r in rows if r[0].startswith("行政执法人员培训"))
        assert training[1] == "▁ █" and training[2:5] == ["5场", "—", "8场"]
        # a year's column: Enter opens the comparison of that year and the one before
        table = screen.query_one("#figures-table", DataTable)
        table.move_cursor(row=0, column=4)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SeriesPairScreen)
        c = app.screen.comparison
        assert (c.a.meta.year, c.b.meta.year) == (2022, 2023)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("4")
        await settle(pilot)
        # the split chapter's 2023 cell opens the 2022-2023 comparison on that chapter's pair
        chapters = screen.query_one("#sections-table", DataTable)
        split = next(k for k, c in enumerate(screen.series.sections) if len(c.at(2)) == 2)
        chapters.move_cursor(row=split, column=2)
        await pilot.press("enter")
        await settle(pilot)
        pair = app.screen.pair
        assert app.screen.comparison.a.section(pair.a).heading == "推进严格规范公正文明执法"
        assert app.screen.comparison.b.section(pair.b).heading in ("推进严格规范执法", "推进公正文明执法")
        await pilot.press("escape")
        await settle(pilot)
        sections = cell_texts(screen.query_one("#sections-table", DataTable))
        assert any(r[2].split("\n") == ["推进严格规范执法", "推进公正文明执法"] for r in sections), sections
        assert any("(splits)" in r[1] for r in sections)
        await pilot.press("3")
        await settle(pilot)
        programmes = cell_texts(screen.query_one("#programmes-table", DataTable))
        dropped = next(r for r in programmes if "优化营商环境条例" in r[0])
        assert dropped[1:] == ["●", "●", "dropped"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)


async def test_series_needs_two_reports():
    app = make_app([CRAFTED])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m", "t")  # one marked report is not a series
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)


async def test_markup_in_report_text_is_shown_literally():
    texts = [
        f"某县人民政府关于{y}年法治政府建设情况的报告\n一、[bold]执法[/] [@click=app.quit]监督[/]\n"
        f"全年办理[red]行政复议案件{n}件。推进《[b]条例[/b]》实施。\n"
        for y, n in ((2021, 5), (2022, 7))
    ]
    reports = [parse_structure(load_text(t, path=f"r{i}.txt")) for i, t in enumerate(texts)]
    series = build_series(reports)
    app = make_app([CRAFTED])
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.push_screen(SeriesScreen(series=series))
        await settle(pilot)
        screen = app.screen
        figures = cell_texts(screen.query_one("#figures-table", DataTable))
        assert any("[red]" in r[0] for r in figures), figures
        await pilot.press("4")
        await settle(pilot)
        sections = cell_texts(screen.query_one("#sections-table", DataTable))
        assert any(r[0].startswith("[bold]执法[/] [@click=app.q") for r in sections), sections
        assert app.is_running
