"""The pair presentation every view renders from (compare/present.py)."""

from __future__ import annotations

import itertools

import pytest
from export_helpers import crafted_comparison

from reportdiff.compare.model import DiffOp, Mark
from reportdiff.compare.pipeline import compare_reports, open_report
from reportdiff.compare.present import (
    pair_figures,
    pair_initiatives,
    present,
    present_pair,
    section_ids,
    snap_marks,
    snap_ops,
    word_bounds,
)
from reportdiff.compare.seeds import seed_paths


@pytest.fixture(scope="module")
def seed_comparisons():
    reports = [open_report(p) for p in seed_paths()]
    return [compare_reports(a, b) for a, b in itertools.combinations(reports, 2)]


def test_app_and_exports_agree_on_every_pair_of_every_seed_comparison(seed_comparisons):
    from reportdiff.tui import core

    checked = 0
    for c in seed_comparisons:
        p = present(c)
        for part in p.parts:
            pair = part.view.pair
            app = core.pair_metrics(c, pair)
            assert [f.match for f in part.view.figures] == list(app)
            assert part.view.initiatives == core.pair_initiatives(c, pair)
            checked += 1
    assert checked > 200


def test_a_pair_covers_its_sections_and_their_sub_sections(seed_comparisons):
    c = seed_comparisons[0]  # 000 vs 001
    for pair in c.alignment.pairs:
        ids_a = section_ids(c.a, pair.a)
        for m in pair_figures(c, pair):
            assert (m.a is not None and m.a.section in ids_a) or (m.b is not None and m.b.section in section_ids(c.b, pair.b))
    # a parent section's pair holds the figures stated in its sub-sections (the bug of #17)
    parents = [p for p in c.alignment.pairs if p.a and c.a.children(p.a)]
    assert parents
    for pair in parents:
        kids = section_ids(c.a, pair.a) - {pair.a}
        stated = [m for m in c.metrics if m.a is not None and m.a.section in kids]
        assert set(map(id, stated)) <= set(map(id, pair_figures(c, pair)))


def test_marks_index_the_shown_text_and_metrics_are_found_at_their_offsets():
    c = crafted_comparison()
    v = present_pair(c, c.alignment.pairs[0], 1)
    metric_marks = [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "metric"]
    assert metric_marks == ["12次", "23件"]
    assert [v.b.text[m.start : m.end] for m in v.b.marks if m.kind == "metric"] == ["15次", "23件"]
    assert "第一责任人" in [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "initiative"]
    assert [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "delete"] == ["2021", "市政府", "12", "严格落实"]
    assert [v.b.text[m.start : m.end] for m in v.b.marks if m.kind == "insert"] == ["2022", "县政府", "15", "全面落实"]
    assert v.a.label == "一、加强组织领导"


def test_figures_carry_both_labels_as_written_and_the_change():
    c = crafted_comparison()
    f = next(f for f in present(c).figures if f.status == "changed")
    assert (f.label_a, f.label_b, f.old, f.new, f.change, f.pair) == ("常务会议学法", "常务会议学法", "12次", "15次", "+3次 (+25%)", 1)
    assert f.relative == pytest.approx(0.25)


def test_snapping_widens_changes_to_whole_numbers_and_words():
    ops = [DiffOp("equal", "增长7."), DiffOp("delete", "4"), DiffOp("insert", "9"), DiffOp("equal", "％，市政府")]
    assert snap_ops(ops) == (
        DiffOp("equal", "增长"),
        DiffOp("delete", "7.4％"),
        DiffOp("insert", "7.9％"),
        DiffOp("equal", "，市政府"),
    )
    text = "刚刚过去的2018年"
    assert {0, 5, 9, 10} <= word_bounds(text) and 7 not in word_bounds(text)
    # shrunk: half of 过去 and part of 2018 are left out, the whole word 的 stays
    assert snap_marks(text, [Mark(3, 8, "shared")], grow=False) == [Mark(4, 5, "shared")]
    assert snap_marks(text, [Mark(7, 10, "metric")], grow=True) == [Mark(5, 10, "metric")]


def test_a_text_is_quoted_once_per_document(seed_comparisons):
    for c in seed_comparisons:
        quoted: dict[tuple[str, int], int] = {}
        for part in present(c).parts:
            for side, chunks, report in (("a", part.a, c.a), ("b", part.b, c.b)):
                view_side = part.view.a if side == "a" else part.view.b
                for ch in chunks:
                    if ch.seen_in is not None:
                        continue
                    for ln in view_side.lines:
                        if ch.start <= ln.start and ln.end <= ch.end:
                            key = (side, ln.ostart)
                            assert key not in quoted, (side, report.text[ln.ostart : ln.oend])
                            quoted[key] = part.view.number


def test_pair_initiatives_use_the_same_rule(seed_comparisons):
    c = seed_comparisons[0]
    for pair in c.alignment.pairs:
        ids_a = section_ids(c.a, pair.a)
        for i in pair_initiatives(c, pair).only_a:
            assert ids_a.intersection(i.sections)
