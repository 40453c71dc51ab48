"""The pair presentation every view renders from (compare/present.py)."""

from __future__ import annotations

import itertools

import pytest
from export_helpers import crafted_comparison

from reportdiff.compare.model import DiffOp, Mark
from reportdiff.compare.pipeline import PairDiffs, compare_reports, open_report
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
    c, known = crafted_comparison()
    v = present_pair(c, c.alignment.pairs[0], 1, PairDiffs(c, known)(c.alignment.pairs[0]))
    metric_marks = [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "metric"]
    assert metric_marks == ["12次", "23件"]
    assert [v.b.text[m.start : m.end] for m in v.b.marks if m.kind == "metric"] == ["15次", "23件"]
    assert "第一责任人" in [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "initiative"]
    assert [v.a.text[m.start : m.end] for m in v.a.marks if m.kind == "delete"] == ["2021", "市政府", "12", "严格落实"]
    assert [v.b.text[m.start : m.end] for m in v.b.marks if m.kind == "insert"] == ["2022", "县政府", "15", "全面落实"]
    assert v.a.label == "一、加强组织领导"


def test_figures_carry_both_labels_as_written_and_the_change():
    c, known = crafted_comparison()
    f = next(f for f in present(c, pair_diffs=PairDiffs(c, known)).figures if f.status == "changed")
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


def test_a_run_owns_its_pair_diffs_and_leaves_the_comparison_as_it_was():
    """The exports given a PairDiffs compute each pair once there, write nothing onto the
    comparison, and say exactly what the default (diffs computed by the export) says."""
    from reportdiff.compare.export_json import dumps_json
    from reportdiff.compare.export_markdown import to_markdown
    from reportdiff.compare.pipeline import pair_diff

    seeds = seed_paths()
    owned = compare_reports(open_report(seeds[0]), open_report(seeds[1]))
    default = compare_reports(open_report(seeds[0]), open_report(seeds[1]))
    computed = []

    class Counting(PairDiffs):
        def __call__(self, pair):
            if (pair.a, pair.b) not in self._by_pair:
                computed.append((pair.a, pair.b))
            return super().__call__(pair)

    fields = {k: id(v) for k, v in vars(owned).items()}
    diffs = Counting(owned)
    md = to_markdown(owned, pair_diffs=diffs)
    js = dumps_json(owned, pair_diffs=diffs)
    assert {k: id(v) for k, v in vars(owned).items()} == fields
    assert sorted(computed, key=str) == sorted({(p.a, p.b) for p in owned.alignment.pairs}, key=str)
    assert md == to_markdown(default) and js == dumps_json(default)
    pair = owned.alignment.pairs[0]
    assert diffs(pair) == pair_diff(owned, pair)


def test_the_memo_alone_computes_no_text_difference(seed_comparisons):
    from reportdiff.compare.export_markdown import to_markdown

    def no_diffs(pair):
        raise AssertionError(f"diffed {pair} for the memo alone")

    c = seed_comparisons[0]
    assert present(c, parts=False, pair_diffs=no_diffs).parts == ()
    memo = to_markdown(c, text=False, pair_diffs=no_diffs)
    assert memo == to_markdown(c, text=False)


def test_words_are_found_line_by_line_as_in_the_whole_text(seed_comparisons):
    """Segmenting line by line (each distinct line once) finds the word boundaries that
    segmenting each shown text whole finds: the segmenter never joins across a line break."""
    import re

    from reportdiff.compare.marks import WordBounds
    from reportdiff.compare.normalize import to_simplified
    from reportdiff.compare.terms import token_spans

    number = re.compile(r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*[%％‰]?")

    def whole(text, script):
        out = {0, len(text)}
        simplified = text if script == "simplified" else to_simplified(text, script)
        out.update(k for _t, a, b in token_spans(simplified) for k in (a, b))
        for m in number.finditer(text):
            out.difference_update(range(m.start() + 1, m.end()))
        return frozenset(out)

    bounds = WordBounds()
    checked = 0
    for c in seed_comparisons[:4]:
        for part in present(c).parts:
            for side, report in ((part.view.a, c.a), (part.view.b, c.b)):
                for script in (report.script, None):
                    assert bounds(side.text, script) == word_bounds(side.text, script) == whole(side.text, script)
                    checked += 1
    assert checked > 100


def test_a_comparison_is_frozen_and_exporting_it_twice_gives_the_same_bytes(seed_comparisons):
    """Nothing is kept on a comparison: it cannot be changed, and each export (with its own
    text diffs) writes the same document while leaving every field as it was."""
    import dataclasses

    from reportdiff.compare.export_docx import to_docx
    from reportdiff.compare.export_json import dumps_json
    from reportdiff.compare.export_markdown import to_markdown

    c = seed_comparisons[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.metrics = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        c._diffs = {}  # type: ignore[attr-defined]
    fields = {k: id(v) for k, v in vars(c).items()}
    first = (to_markdown(c).encode("utf-8"), dumps_json(c).encode("utf-8"), to_docx(c))
    second = (to_markdown(c).encode("utf-8"), dumps_json(c).encode("utf-8"), to_docx(c))
    assert first == second
    assert {k: id(v) for k, v in vars(c).items()} == fields
