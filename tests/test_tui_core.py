"""The app's doorway into the core: folders, re-pairing, exports, pair Markdown."""

from pathlib import Path

import pytest

from tui_fixtures import comparison
from reportdiff.tui import core


def test_report_files_lists_readable_kinds_only(tmp_path: Path):
    for name in ("b.txt", "a.html", "c.docx", ".hidden.txt", "notes.png", "d.PDF"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in core.report_files(tmp_path)] == ["a.html", "b.txt", "c.docx", "d.PDF"]
    with pytest.raises(core.AppError, match="cannot list"):
        core.report_files(tmp_path / "missing")


def test_load_entry_turns_a_bad_file_into_an_error_entry(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    entry = core.load_entry(bad)
    assert entry.report is None and entry.error and "empty.txt" in entry.error


def test_seed_entries_carry_metadata():
    entry = core.load_entry(sorted(core.seeds_dir().glob("*.txt"))[0])
    assert entry.report is not None and entry.error is None
    assert entry.report.meta.title and entry.size > 1000


def test_ranked_partners_best_first_then_every_other_section():
    c = comparison()
    ranked = core.ranked_partners(c, "s1")
    assert [(s.id, score) for s, score in ranked] == [("s1", 0.91), ("s3", 0.12), ("s2", None)]


def test_repair_marks_the_pair_manual_and_frees_the_old_partner():
    c = comparison()
    updated = core.repair(c, "s1", "s3")
    pairs = updated.alignment.pairs
    assert any(p.a == "s1" and p.b == "s3" and p.manual for p in pairs)
    assert not any(p.a is None and p.b == "s3" for p in pairs)  # B's s3 is no longer alone
    assert any(p.a is None and p.b == "s1" for p in pairs)  # B's s1 lost its partner
    assert c.alignment.pairs != pairs  # the original comparison is untouched


def test_suggested_name_is_a_safe_file_name():
    c = comparison()
    assert core.suggested_name(c, "md") == "某市人民政府2022-vs-某縣人民政府2023.md"
    assert core.suggested_name(c, "json").endswith(".json")


def test_write_export_refuses_to_overwrite_without_force(tmp_path: Path):
    target = tmp_path / "out.md"
    assert core.write_export(target, "一") == target
    with pytest.raises(core.ExportExists):
        core.write_export(target, "二")
    assert target.read_text(encoding="utf-8") == "一"
    core.write_export(target, "二", force=True)
    assert target.read_text(encoding="utf-8") == "二"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_export_text_both_formats():
    c = comparison()
    md = core.export_text(c, "md")
    assert "某市人民政府" in md
    js = core.export_text(c, "json")
    assert js.lstrip().startswith("{")


def test_pair_markdown_is_the_exports_part_of_the_pair():
    from reportdiff.compare.export_markdown import MarkdownOptions, md_inline, to_markdown

    c = comparison()
    md = core.pair_markdown(c, 0, MarkdownOptions(lang="en"))
    assert md.startswith("### 一、加强组织领导 ↔ 一、強化組織領導")
    assert "<del>12</del>" in md and "<ins>15</ins>" in md
    whole = to_markdown(c, lang="en")
    # the same quoted difference and the same figure rows as the whole export's part
    quoted = [ln for ln in md.splitlines() if ln.startswith("> ") or ln.startswith("| ")]
    assert quoted and all(ln in whole for ln in quoted)
    zh = core.pair_markdown(c, 1, MarkdownOptions(lang="zh"))
    assert "办理**行政复议案件**23件" in zh
    assert md_inline("[bold]x[/] *y*") == r"\[bold\]x\[/\] \*y\*"  # the clipboard uses the export's escaping


def test_pair_metrics_and_initiatives_follow_the_sections():
    c = comparison()
    first = c.alignment.pairs[0]
    assert [m.label for m in core.pair_metrics(c, first)] == ["常务会议学法"]
    inits = core.pair_initiatives(c, first)
    assert len(inits.shared) == 1 and not inits.only_a and not inits.only_b
    lone_b = c.alignment.pairs[3]
    assert core.pair_metrics(c, lone_b) == []


def test_to_simplified_keeps_length():
    text = "法治政府建設工作報告"
    out = core.to_simplified(text, "traditional")
    assert out == "法治政府建设工作报告" and len(out) == len(text)


def test_console_script_usage(capsys):
    from reportdiff.tui.__main__ import main

    assert main(["--help"]) == 0
    assert "reportdiff [--lang zh|en] DIR" in capsys.readouterr().out
    assert main(["a", "b", "c"]) == 2
    assert "usage" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:  # dispatched to the headless CLI's argparse
        main(["diff"])
    assert exc.value.code == 2
