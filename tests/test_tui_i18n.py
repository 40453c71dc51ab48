"""The interface in Chinese and English: catalogs complete and compiled, the language chosen
by --lang or the locale, the app and the CLI speaking it."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reportdiff.compare import i18n
from reportdiff.compare.seeds import seed_paths
from reportdiff.tui.app import make_app
from tui_fixtures import comparison, screen_text

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "compare/locale/zh/LC_MESSAGES/reportdiff.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.use("en")


def source_messages() -> set[str]:
    """Every message the code marks for translation (as ``pybabel extract`` finds them)."""
    out: set[str] = set()
    for folder in ("compare", "tui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            out.add(message[0] if isinstance(message, tuple) else message)
    return out


def test_every_message_has_a_chinese_translation():
    catalog = read_po(PO.open("rb"))
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalog
        if m.id and all(s for s in (m.string if isinstance(m.string, tuple) else (m.string,)))
    }
    missing = source_messages() - translated
    assert not missing, f"untranslated (pybabel extract/update, then translate): {sorted(missing)[:10]}"
    assert not [m.id for m in catalog if m.fuzzy and m.id]


def test_the_compiled_catalog_matches_the_source():
    catalog = read_po(PO.open("rb"))
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            assert compiled.ngettext(m.id[0], m.id[1], 1) == m.string[0]
        else:
            assert compiled.gettext(m.id) == m.string, m.id
    # placeholders survive translation: the same {names} on both sides
    import string

    for m in catalog:
        if m.id and not isinstance(m.id, tuple):
            names = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f and f.isidentifier()}  # noqa: E731
            assert names(m.id) == names(m.string), m.id


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "C"}, "zh"),
        ({"LANG": "POSIX"}, "en"),
    ],
)
def test_the_locale_chooses_the_language(env, lang):
    assert i18n.language_from_env(env) == lang


def test_lang_argument_wins_over_the_locale(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language_from_args(["diff", "a", "b", "--lang", "en"]) == "en"
    assert i18n.language_from_args(["--lang=zh", "x"]) == "zh"
    assert i18n.language_from_args(["--lang", "fr"]) is None
    assert i18n.use(None) == "zh" and i18n._("Quit") == "退出"
    assert i18n.use("en") == "en" and i18n._("Quit") == "Quit"


def test_console_script_help_and_errors_in_both_languages(capsys, monkeypatch):
    from reportdiff.tui.__main__ import main

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["--help"]) == 0
    assert "用法：reportdiff" in capsys.readouterr().out
    assert main(["--lang", "en", "--help"]) == 0
    assert "usage: reportdiff" in capsys.readouterr().out
    assert main(["--lang", "xx", "a"]) == 2  # an unknown language is a usage error
    assert capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["diff", "-h"])
    assert "对比两份报告" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["diff", "--lang", "en", "-h"])
    assert "Compare two reports" in capsys.readouterr().out


async def test_the_app_speaks_chinese_with_lang_zh():
    app = make_app(comparison=comparison(), lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "配对 1/4" in text and "配对得分 91%" in text
        assert "退出" in text.splitlines()[-1] and "帮助" in text.splitlines()[-1]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "本屏幕的按键" in screen_text(app)
        table = app.screen.query_one("#help-table")
        described = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"滚动配对的正文", "下一对", "退出", "导出"} <= described


async def test_the_picker_speaks_the_locales_language(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "报告所在：自带的示例报告" in text
        assert f"{len(seed_paths())} 份报告" in text


async def test_the_series_screen_speaks_chinese_with_lang_zh():
    from textual.widgets import DataTable, Tab

    from reportdiff.tui.screens.series import SeriesScreen

    crafted = ROOT / "tests/data/series"
    app = make_app([crafted], lang="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("space", "m", "space", "t")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SeriesScreen)
        tabs = [str(t.label) for t in screen.query(Tab)]
        assert tabs == ["数据", "主题", "举措", "章节"]
        text = screen_text(app)
        assert "系列 3 份报告，2021–2023" in text
        figures = screen.query_one("#figures-table", DataTable)
        assert [str(c.label) for c in figures.columns.values()][:2] == ["数据", "走势"]
        footer = text.splitlines()[-1]
        assert "返回" in footer
        await pilot.press("4")
        await pilot.pause()
        chapters = screen.query_one("#sections-table", DataTable)
        cells = [str(getattr(c, "plain", c)) for i in range(chapters.row_count) for c in chapters.get_row_at(i)]
        assert any("（拆分）" in c or "(拆分)" in c for c in cells), cells
        await pilot.press("3")
        await pilot.pause()
        programmes = screen.query_one("#programmes-table", DataTable)
        cells = [str(getattr(c, "plain", c)) for i in range(programmes.row_count) for c in programmes.get_row_at(i)]
        assert "已取消" in cells


def test_command_line_errors_in_chinese(capsys, tmp_path):
    from reportdiff.tui.__main__ import main

    b = tmp_path / "b.txt"
    b.write_text("某县人民政府关于2023年法治政府建设情况的报告\n一、执法\n全年办理案件5件。\n", encoding="utf-8")
    assert main(["--lang", "zh", "diff", "/nonexistent", str(b)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "/nonexistent：文件不存在" in err
    # English is unchanged
    assert main(["--lang", "en", "diff", "/nonexistent", str(b)]) == 2
    assert "/nonexistent: no such file" in capsys.readouterr().err
    # an existing output file, in Chinese
    out = tmp_path / "out.md"
    out.write_text("x", encoding="utf-8")
    assert main(["--lang", "zh", "diff", str(b), str(b), "-o", str(out)]) == 2
    assert "文件已存在" in capsys.readouterr().err
