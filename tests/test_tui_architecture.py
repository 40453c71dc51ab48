"""The app stays thin: small classes, the core's marks and labels, its keys always visible,
system errors in the interface's language."""

from __future__ import annotations

import ast
import errno
from pathlib import Path

import pytest
from textual.widgets import DataTable

from reportdiff.compare import i18n
from reportdiff.compare.export_markdown import MarkdownOptions
from reportdiff.compare.pipeline import compare_reports, open_report
from reportdiff.compare.present import section_label
from reportdiff.tui import core
from reportdiff.tui.app import make_app
from reportdiff.tui.display import section_title
from reportdiff.tui.widgets.footer import KeysFooter

from tui_fixtures import comparison, settle

TUI = Path(__file__).resolve().parent.parent / "tui"
MAX_CLASS_LINES = 250
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    yield
    i18n.use("en")


def test_no_class_in_the_app_is_over_250_lines():
    long = {
        f"{p.relative_to(TUI.parent)}:{node.name}": node.end_lineno - node.lineno + 1
        for p in TUI.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 >= MAX_CLASS_LINES
    }
    assert long == {}


def test_the_app_does_not_search_the_shown_text_for_highlights():
    """Figures are marked from their offsets (compare.present), never found again by text."""
    source = (TUI / "core.py").read_text(encoding="utf-8")
    assert ".find(" not in source


# --------------------------------------------------------------------------- marks from offsets


def _pair_with(tmp_path: Path, a_clause: str, b_clause: str):
    head = "某市人民政府{y}年法治政府建设情况报告\n一、推进严格规范公正文明执法\n{c}\n二、深化普法宣传\n开展普法活动40场。\n"
    (tmp_path / "a.txt").write_text(head.format(y=2022, c=a_clause), encoding="utf-8")
    (tmp_path / "b.txt").write_text(head.format(y=2023, c=b_clause), encoding="utf-8")
    return compare_reports(open_report(tmp_path / "a.txt"), open_report(tmp_path / "b.txt"))


def test_a_changed_figure_is_highlighted_at_its_own_occurrence_only(tmp_path: Path):
    # "23件" twice in A; only the second is the figure that changed (23 → 31 cases)
    c = _pair_with(tmp_path, "新增备案规章23件，办理行政复议案件23件。", "新增备案规章23件，办理行政复议案件31件。")
    k, pair = next((k, p) for k, p in enumerate(c.alignment.pairs) if p.a and "执法" in section_label(c.a, p.a))
    changed = [m for m in core.pair_metrics(c, pair) if m.status == "changed"]
    assert [(m.a.text, m.b.text) for m in changed] == [("23件", "31件")]
    shown = core.pair_marks(c, k)
    metric = [(s, e) for s, e, kind in shown.a_spans if kind == "metric"]
    second = shown.a_text.rindex("23件")
    assert shown.a_text.index("23件") != second
    assert metric == [(second, second + len("23件"))]
    assert [shown.b_text[s:e] for s, e, kind in shown.b_spans if kind == "metric"] == ["31件"]


def test_only_shared_initiatives_are_marked():
    c = comparison()
    for k, pair in enumerate(c.alignment.pairs):
        shown = core.pair_marks(c, k)
        names = {n for s in core.pair_initiatives(c, pair).shared for n in (s.a.name, *s.a.names)}
        for s, e, kind in shown.a_spans:
            if kind == "initiative":
                assert any(n in shown.a_text[s:e] for n in names)


# --------------------------------------------------------------------------- one label


def test_section_titles_are_the_cores_labels():
    c = comparison()
    for report in (c.a, c.b):
        for s in report.sections:
            label = section_label(report, s.id).strip()
            assert section_title(report, s.id) == (label or section_title(report, s.id))
            assert label or section_title(report, s.id)  # an untitled section is named by its kind


# --------------------------------------------------------------------------- footer


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
@pytest.mark.parametrize("paths", [SEEDS[:2], []], ids=["comparison", "picker"])
async def test_quit_and_help_are_in_the_footer_at_every_width(size, paths):
    app = make_app(paths)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        width = footer.region.right
        shown = {k.key for k in footer.children if getattr(k, "key", None) and k.region.right <= width and k.region.width}
        assert {"q", "question_mark"} <= shown, shown


# --------------------------------------------------------------------------- system errors


def test_os_error_reasons_follow_the_interface_language():
    exc = FileNotFoundError(errno.ENOENT, "No such file or directory", "/no/such")
    i18n.use("zh")
    assert i18n.os_reason(exc) == "没有那个文件或目录"
    assert core.describe(exc).endswith("没有那个文件或目录")
    assert "FileNotFoundError" not in core.describe(exc)
    assert "不是目录" in i18n.os_reason(NotADirectoryError(errno.ENOTDIR, "Not a directory"))
    i18n.use("en")
    assert i18n.os_reason(exc) == "No such file or directory"
    assert i18n.os_reason(OSError(errno.EPROTO, "Protocol error")) == "Protocol error"  # untranslated: as given


async def test_a_folder_that_cannot_be_listed_says_why_in_chinese(tmp_path: Path):
    not_a_folder = tmp_path / "report.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    app = make_app([tmp_path / "missing"], lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("没有那个文件或目录" in m for m in messages), messages
        assert not any("No such file" in m for m in messages)
        assert app.screen.query_one(DataTable).row_count == 0
    with pytest.raises(core.AppError, match="不是目录"):
        i18n.use("zh")
        core.report_files(not_a_folder)


# --------------------------------------------------------------------------- exports are not reports


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_export_is_recognised_by_the_cores_title(tmp_path: Path, lang):
    c = comparison()
    export = tmp_path / "memo.md"
    export.write_text(core.export_text(c, "md", MarkdownOptions(lang=lang)), encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text("# 某市2023年法治政府建设情况报告\n一、加强组织领导\n", encoding="utf-8")
    assert core.is_export(export) and not core.is_export(report)
    assert [p.name for p in core.report_files(tmp_path)] == ["report.md"]
