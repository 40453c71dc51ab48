"""Property tests: any text goes through the whole pipeline, and its invariants hold."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reportdiff.compare.export_json import dumps_json
from reportdiff.compare.export_markdown import to_markdown
from reportdiff.compare.load import load_text
from reportdiff.compare.model import Report
from reportdiff.compare.pipeline import compare_reports, pair_diff
from reportdiff.compare.structure import parse_structure

PIECES = st.sampled_from(
    [
        "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "一是", "二是", "\n", "\n\n", "。", "，",
        "、", "；", "：", "“", "”", "《", "》", "行政复议申请", "规范性文件", "23件", "12.5%",
        "五万余人次", "3至5天", "2018年6月20日", "〔2018〕5号", "“放管服”", "《实施方案》",
        "加强组织领导", "深化放管服改革", "存在的问题", "下一步", "法治政府建设", "[bold]", "[/]",
        "\x1b]0;t\x07", "\x1b[2J", "\x9b", "\r", "\t", "　", "|", "*", "#", "<b>", "`",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)
CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}


def check_sections(report: Report) -> None:
    ids = {s.id for s in report.sections}
    by_id = {s.id: s for s in report.sections}
    for s in report.sections:
        assert 0 <= s.start <= s.body_start <= s.end <= len(report.text)
        if s.parent is not None:
            parent = by_id[s.parent]
            assert parent.start <= s.start and s.end <= parent.end
    for parent in [None, *ids]:
        kids = [s for s in report.sections if s.parent == parent]
        for x, y in zip(kids, kids[1:]):
            assert x.end <= y.start  # siblings never overlap


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_any_text_goes_through_the_whole_pipeline(text_a, text_b):
    a = parse_structure(load_text(text_a + "\n一、加强组织领导\n行政复议申请23件。"))
    b = parse_structure(load_text(text_b + "\n一、深化改革\n行政复议申请25件。"))
    check_sections(a)
    check_sections(b)
    c = compare_reports(a, b)
    a_ids = {s.id for s in a.sections}
    b_ids = {s.id for s in b.sections}
    for pair in c.alignment.pairs:
        assert pair.a is None or pair.a in a_ids
        assert pair.b is None or pair.b in b_ids
        assert 0.0 <= pair.score <= 1.0
        pair_diff(c, pair)
    for m in c.metrics:
        for side, ids in ((m.a, a_ids), (m.b, b_ids)):
            if side is not None:
                assert math.isfinite(side.value)
                assert side.section is None or side.section in ids
    data = dumps_json(c)
    assert json.loads(data)["schema"] == "reportdiff/1" and not set(data) & CONTROLS - {"\n"}
    md = to_markdown(c)
    assert not set(md) & CONTROLS
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
