"""The Markdown export: content and order, escaping, options, and the seed-pair golden files.

Structure is checked by parsing the output with markdown-it-py (CommonMark + GFM tables), as a
Git host would render it. Golden files: regenerate with
``.venv/bin/python scripts/make_examples.py --golden`` after a pipeline change, and review the diff.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from export_helpers import CONTROLS, HOSTILE, HOSTILE_LINES, crafted_comparison, inline_text, md_parser

from compare.export_markdown import (
    clean_text,
    md_block_line,
    md_cell,
    md_heading,
    md_inline,
    to_markdown,
)
from compare.model import DiffOp, Mark, SectionDiff, SectionPair
from compare.pipeline import compare_paths
from compare.seeds import seed_paths

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = "regenerate with: .venv/bin/python scripts/make_examples.py --golden"


def headings(md: str) -> list[tuple[int, str]]:
    tokens = md_parser().parse(md)
    return [
        (int(t.tag[1]), inline_text(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def tables(md: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    out, rows, row = [], None, None
    for t in md_parser().parse(md):
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(inline_text(t))
        elif t.type == "tr_close":
            rows.append(row)
            row = None
        elif t.type == "table_close":
            out.append(rows)
    return out


def raw_cell_counts(md: str) -> list[list[int]]:
    """Cells per source line of each table, counting only unescaped pipes.

    markdown-it pads or drops cells of a ragged row, so the source itself is counted.
    """
    counts = []
    lines = md.split("\n")
    for t in md_parser().parse(md):
        if t.type == "table_open":
            a, b = t.map
            counts.append([len(re.findall(r"(?<!\\)(?:\\\\)*\|", ln)) - 1 for ln in lines[a:b]])
    return counts


# --------------------------------------------------------------------------- content and order


def test_document_parts_come_in_the_documented_order():
    md = to_markdown(crafted_comparison())
    assert headings(md) == [
        (1, "报告对比：某市人民政府 2021年 与 某县人民政府 2022年"),
        (2, "概要"),
        (3, "主题覆盖"),
        (3, "章节对应"),
        (2, "举措与文件"),
        (3, "共同举措与文件（2）"),
        (3, "仅见于 A（1）"),
        (3, "仅见于 B（1）"),
        (2, "数据对比"),
        (2, "逐节对比"),
        (3, "1. 一、加强组织领导 ↔ 一、加强组织领导"),
        (3, "2. 二、推进政务公开 ↔ 二、深化政务公开"),
        (3, "3. 三、强化应急管理（仅见于 A）"),
        (3, "4. 三、加强法律援助（仅见于 B）"),
    ]


def test_english_labels_and_same_structure():
    zh, en = to_markdown(crafted_comparison()), to_markdown(crafted_comparison(), lang="en")
    h = headings(en)
    assert h[0] == (1, "Report comparison: 某市人民政府 (2021) and 某县人民政府 (2022)")
    assert [x[1] for x in h[1:10]] == [
        "Summary",
        "Topic coverage",
        "Section alignment",
        "Initiatives and documents",
        "Shared initiatives and documents (2)",
        "Only in A (1)",
        "Only in B (1)",
        "Metrics",
        "Section by section",
    ]
    assert h[-1] == (3, "4. 三、加强法律援助 (only in B)")
    assert [lv for lv, _ in headings(zh)] == [lv for lv, _ in h]
    assert [len(t[0]) for t in tables(zh)] == [len(t[0]) for t in tables(en)]
    # no Chinese label leaks into the English document outside quoted report text
    for label in ("概要", "仅见于", "匹配度", "数据对比", "原文"):
        assert label not in en


def test_metadata_table_names_both_reports():
    meta = tables(to_markdown(crafted_comparison()))[0]
    assert meta[0] == ["项目", "A", "B"]
    rows = {r[0]: r[1:] for r in meta[1:]}
    assert rows["标题"] == ["某市人民政府关于2021年法治政府建设情况的报告", "某县人民政府关于2022年法治政府建设情况的报告"]
    assert rows["报告年度"] == ["2021", "2022"]
    assert rows["发布日期"] == ["2022-01-20", "2023-01"]
    assert rows["源文件"] == ["a 报告.txt", "b.txt"]  # the file name only, never the user's folders
    assert rows["章节数"] == ["3", "3"]
    assert rows["长度"][0] == f"{len(crafted_comparison().a.text)} 字"


def test_summary_counts_and_topic_coverage_side_by_side():
    md = to_markdown(crafted_comparison())
    assert "- 总体相似度：50%（主题重合 50%、内容 25%）" in md
    assert "- 章节：对齐 2 对，仅见于 A 1 节，仅见于 B 1 节" in md
    assert "- 共同举措与文件：2 项（仅见于 A 1 项，仅见于 B 1 项）" in md
    assert "- 数据：1 项有变化（相同 1 项，仅见于 A 1 项，仅见于 B 1 项）" in md
    coverage = tables(md)[1]
    assert coverage[0] == ["主题", "A", "B"]
    assert coverage[1:] == [
        ["组织领导", "1 节：一、", "1 节：一、"],
        ["突发事件应对", "1 节：三、", "—"],
        ["政务公开", "1 节：二、", "1 节：二、"],
        ["公共法律服务", "—", "1 节：三、"],
    ]


def test_initiatives_shared_with_generic_note_then_one_sided():
    ts = tables(to_markdown(crafted_comparison()))
    shared = ts[3]
    assert shared[0] == ["A 中名称", "B 中名称", "类型", "A 中位置", "B 中位置", "说明"]
    assert shared[1][:3] == ["第一责任人", "第一责任人", "机制"]
    assert shared[2][:2] == ["《某市法治政府建设实施方案》", "《某县法治政府建设实施方案》"]
    assert shared[2][5] == "仅通用标题相同：法治政府建设实施方案"
    assert shared[2][3] == "一、加强组织领导"
    assert ts[4][1] == ["“应急演练”", "引号名称", "三、强化应急管理", "1"]
    assert ts[5][1] == ["“法律援助”", "引号名称", "三、加强法律援助", "3"]


def test_metrics_table_changed_first_with_difference():
    metrics = tables(to_markdown(crafted_comparison()))[6]
    assert metrics[0] == ["章节/主题", "统计项", "A", "B", "差值"]
    assert [r[1] for r in metrics[1:]] == ["常务会议学法", "应急演练", "法律援助案件", "审查规范性文件"]
    assert metrics[1] == ["一、加强组织领导（组织领导）", "常务会议学法", "12次", "15次", "+3次 (+25%)"]
    assert metrics[2][2:] == ["20余次", "—", "仅见于 A"]
    assert metrics[4][4] == "相同"


def test_pair_part_has_headings_score_reason_metrics_and_word_diff():
    md = to_markdown(crafted_comparison())
    part = md.split("### 1. ")[1].split("### 2. ")[0]
    assert "- 匹配度：91%（强）；依据：组织领导、学法" in part
    assert "- 主题：组织领导" in part
    assert "- 文本相似度：80%" in part
    assert "> <del>2021</del><ins>2022</ins>年，<del>市</del><ins>县</ins>政府召开常务会议学法<del>12</del><ins>15</ins>次" in part
    assert "> <del>严格</del><ins>全面</ins>落实法治建设第一责任人职责。" in part
    # the pair's own metrics, changed first
    assert "| 常务会议学法 | 12次 | 15次 | +3次 (+25%) |" in part
    tokens = md_parser().parse(md)
    html = {t.content for t in tokens if t.type == "inline" for t in t.children if t.type == "html_inline"}
    assert html == {"<del>", "</del>", "<ins>", "</ins>"}
    assert not [t for t in tokens if t.type == "html_block"]


def test_shared_mode_bolds_shared_phrases_in_both_texts():
    md = to_markdown(crafted_comparison())
    part = md.split("### 2. ")[1].split("### 3. ")[0]
    assert "（手动配对）" in part
    assert "共同用语：主动公开政府信息、依申请公开" in part
    assert "> **主动公开政府信息**500条，办理**依申请公开**30件。" in part
    assert "> 依托政府网站**主动公开政府信息**，办理**依申请公开**41件。" in part
    tokens = md_parser().parse(part)
    strong = []
    for t in tokens:
        if t.type == "inline":
            kids = t.children
            strong += [kids[i + 1].content for i, k in enumerate(kids) if k.type == "strong_open"]
    assert strong.count("主动公开政府信息") == 2 and strong.count("依申请公开") == 2


def test_bold_survives_chinese_punctuation_at_the_mark_edges():
    """CommonMark opens ** before punctuation only after space/punctuation: marks are trimmed."""
    c = crafted_comparison()
    d = c._diffs[("s2", "s2")]
    text = "我们都“主动公开政府信息”了。"
    c._diffs[("s2", "s2")] = replace(d, a_text=text, a_marks=(type(d.a_marks[0])(2, 12, "shared"),))
    md = to_markdown(c)
    strong = [
        t.children[i + 1].content
        for t in md_parser().parse(md)
        if t.type == "inline"
        for i, k in enumerate(t.children)
        if k.type == "strong_open"
    ]
    assert "主动公开政府信息" in strong
    assert "**“" not in md


def test_plain_option_uses_criticmarkup_and_no_html():
    md = to_markdown(crafted_comparison(), plain=True)
    assert "> {--2021--}{++2022++}年，{--市--}{++县++}政府" in md
    assert "{==主动公开政府信息==}" in md
    tokens = md_parser().parse(md)
    assert not [t for t in tokens if t.type == "html_block"]
    assert not [k for t in tokens if t.type == "inline" for k in t.children if k.type == "html_inline"]
    assert "<del>" not in md and "**主动" not in md


def test_only_changes_skips_identical_parts_and_unchanged_metrics():
    c = crafted_comparison()
    text = c._diffs[("s1", "s1")].a_text
    c._diffs[("s1", "s1")] = SectionDiff("diff", 1.0, text, text, ops=(DiffOp("equal", text),))
    full = to_markdown(c)
    assert "两节正文相同。" in full
    short = to_markdown(c, only_changes=True)
    h = [x for _, x in headings(short)]
    assert not any(x.startswith("1. ") for x in h)  # the identical pair is gone
    assert "2. 二、推进政务公开 ↔ 二、深化政务公开" in h  # numbering stays that of the alignment
    assert "审查规范性文件" not in tables(short)[6].__str__()
    assert "常务会议学法" in tables(short)[6].__str__()


def test_no_text_leaves_out_the_section_parts():
    md = to_markdown(crafted_comparison(), text=False)
    h = [x for _, x in headings(md)]
    assert "逐节对比" not in h and h[-1] == "数据对比"
    assert "<del>" not in md and "原文" not in md
    assert "章节对应" in h  # the alignment is still shown, as a table


def test_script_simplified_converts_quoted_text_only():
    c = crafted_comparison()
    b = c.b
    trad = tuple(replace(s, heading="加強組織領導") if s.id == "s1" else s for s in b.sections)
    c.b = replace(b, sections=trad, script="traditional", meta=replace(b.meta, organization="某縣人民政府"))
    original = to_markdown(c)
    simplified = to_markdown(c, script="simplified")
    assert "一、加強組織領導" in original and "某縣人民政府" in original
    assert "一、加強組織領導" not in simplified and "某縣" not in simplified
    assert "1. 一、加强组织领导 ↔ 一、加强组织领导" in [x for _, x in headings(simplified)]
    assert headings(original)[1:3] == headings(simplified)[1:3]  # labels untouched


def test_every_table_row_has_the_header_column_count():
    for c in (crafted_comparison(), crafted_comparison(hostile=True)):
        for lang in ("zh", "en"):
            md = to_markdown(c, lang=lang)
            counts = raw_cell_counts(md)
            assert len(counts) == 10  # 7 document tables + metrics of three pairs
            for table in counts:
                assert len(set(table)) == 1, table


# --------------------------------------------------------------------------- hostile text


def _shown(text: str) -> str:
    """What a hostile string must render as: controls replaced, bidi overrides removed."""
    return clean_text(text)


def test_hostile_text_round_trips_as_literal_text():
    c = crafted_comparison(hostile=True)
    expected = _shown(HOSTILE + CONTROLS)
    for opts in ({}, {"lang": "en"}, {"plain": True}):
        md = to_markdown(c, **opts)
        tokens = md_parser().parse(md)
        kinds = {t.type for t in tokens}
        # nothing but headings, paragraphs, lists, quotes and tables
        assert not kinds & {"fence", "code_block", "html_block", "hr"}, kinds & {"fence", "code_block", "html_block", "hr"}
        inline_kinds = {k.type for t in tokens if t.type == "inline" for k in t.children}
        assert not inline_kinds & {"link_open", "image", "code_inline", "em_open", "s_open"}
        html = {k.content for t in tokens if t.type == "inline" for k in t.children if k.type == "html_inline"}
        assert html <= {"<del>", "</del>", "<ins>", "</ins>"}
        h = headings(md)
        assert h[0][1].count(expected) == 2  # both organisations, literally
        # pair headings shorten long headings; the pair's bullets give them in full
        items = [inline_text(t) for i, t in enumerate(tokens) if t.type == "inline" and tokens[i - 2].type == "list_item_open"]
        assert sum(1 for x in items if expected in x) >= 4 * 1 + 2  # A:/B: bullets of 4 pairs, 2 reasons
        for row in tables(md)[0][1:3]:  # title and organisation cells
            assert all(expected in cell for cell in row[1:])
        for table in tables(md)[3:]:
            for row in table[1:]:
                assert expected in "".join(row)


def test_hostile_lines_in_report_text_stay_paragraphs_inside_the_quote():
    md = to_markdown(crafted_comparison(hostile=True))
    tokens = md_parser().parse(md)
    depth, inside = 0, set()
    quoted = []
    for i, t in enumerate(tokens):
        if t.type == "blockquote_open":
            depth += 1
        elif t.type == "blockquote_close":
            depth -= 1
        elif depth:
            inside.add(t.type)
            if t.type == "inline":
                quoted.append(inline_text(t))
    assert inside <= {"paragraph_open", "paragraph_close", "inline"}, inside
    for line in HOSTILE_LINES:
        assert line.strip() in quoted, line
    assert "- gone" in quoted and "> new " + _shown(HOSTILE + CONTROLS) in quoted


def test_no_control_character_reaches_the_document():
    for opts in ({}, {"plain": True}, {"lang": "en", "script": "simplified"}):
        md = to_markdown(crafted_comparison(hostile=True), **opts)
        bad = [ch for ch in md if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F or ch == "\u202e"]
        assert bad == []
        assert "\ufffd" in md  # replaced, visibly, not silently dropped


@pytest.mark.parametrize(
    "text",
    [
        "*a* _b_ **c** __d__",
        "[x](http://y) ![i](j) <http://z> <b>t</b> &amp; &#60;",
        "`x` ``y`` \\*z\\* a|b ~~s~~ $m$",
        "# h ## ### #",
    ],
)
def test_escaping_functions_render_literally(text):
    for fn in (md_inline, md_heading, md_block_line):
        rendered = fn(text)
        tokens = md_parser().parse(rendered)
        inline = [t for t in tokens if t.type == "inline"]
        assert len(inline) == 1
        assert inline_text(inline[0]) == text.strip()
        assert {k.type for k in inline[0].children} <= {"text"}
    cell = md_cell(text)
    rows = tables(f"| x |\n|---|\n| {cell} |\n")
    assert rows[0][1] == [text.strip()]


@pytest.mark.parametrize("line", HOSTILE_LINES + ("10. item", "= x", "+", "-", "  > indented"))
def test_block_line_never_starts_a_block(line):
    tokens = md_parser().parse(md_block_line(line) + "\n")
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert inline_text(tokens[1]) == line.strip()


# --------------------------------------------------------------------------- golden files


def _seed_comparison():
    a, b = seed_paths()[:2]
    return compare_paths(a, b)


@pytest.fixture(scope="module")
def seed_comparison():
    return _seed_comparison()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_pair_matches_the_golden_file(seed_comparison, lang):
    golden = GOLDEN / f"seed-000-vs-001.{lang}.md"
    assert golden.exists(), REGENERATE
    expected = golden.read_bytes()
    actual = to_markdown(seed_comparison, lang=lang).encode("utf-8")
    assert actual == expected, f"{golden.name} is out of date; {REGENERATE}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_pair_document_is_well_formed(seed_comparison, lang):
    md = to_markdown(seed_comparison, lang=lang)
    h = headings(md)
    assert h[0][0] == 1 and "同江市人民政府" in h[0][1] and "沅江市人民政府" in h[0][1]
    assert [lv for lv, _ in h].count(1) == 1
    assert all(lv in (2, 3) for lv, _ in h[1:])
    for table in raw_cell_counts(md):
        assert len(set(table)) == 1
    pairs = seed_comparison.alignment.pairs
    assert sum(1 for lv, t in h if lv == 3 and re.match(r"\d+\. ", t)) == len(pairs)


def test_a_section_paired_twice_is_quoted_once_then_by_excerpt():
    c = crafted_comparison()
    b2 = c._diffs[("s2", "s2")].b_text
    a3 = c.a.body_text(c.a.section("s3"))
    pos = b2.index("依申请公开")
    pair = SectionPair("s3", "s2", 0.4, ("公开",))
    c.alignment = replace(c.alignment, pairs=c.alignment.pairs[:2] + (pair,) + c.alignment.pairs[3:])
    c._diffs[("s3", "s2")] = SectionDiff(
        "shared", 0.1, a3, b2, b_marks=(Mark(pos, pos + 5, "shared"),), shared=("依申请公开",)
    )
    md = to_markdown(c)
    part = md.split("### 3. ")[1].split("### 4. ")[0]
    assert "B 原文摘录（全文见第 2 部分）：" in part
    assert "> 依托政府网站主动公开政府信息，办理**依申请公开**41件。" in part
    assert md.count("依托政府网站") == 2  # the full text once, the excerpt once
    c._diffs[("s3", "s2")] = SectionDiff("one_sided", 0.0, a3, b2)
    assert "B 原文见第 2 部分。" in to_markdown(c)
