"""The structure parser: headings a reader sees, on the seeds, the samples and crafted reports."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.model import Report, Section
from reportdiff.compare.normalize import fold, to_simplified
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "gold_topics.json"
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@lru_cache(maxsize=None)
def seed(name_prefix: str) -> Report:
    path = next(p for p in seed_paths() if p.name.startswith(name_prefix))
    return parse_structure(load_report(path))


def parse(text: str) -> Report:
    return parse_structure(load_text(text))


def key(s: str) -> str:
    """Compare headings in simplified script, half-width, without spaces."""
    return re.sub(r"\s+", "", fold(to_simplified(s)))


def by_heading(report: Report, prefix: str) -> Section:
    hits = [s for s in report.sections if key(s.heading).startswith(key(prefix))]
    assert hits, f"no section heading starts with {prefix!r}: {[s.heading for s in report.sections]}"
    return hits[0]


def headings(report: Report, parent: Section | None) -> list[str]:
    return [key(s.heading) for s in report.children(parent.id if parent else None)]


def check_tree(report: Report) -> None:
    """Spans nest, siblings do not overlap, every content line is covered, ids are s1, s2 …"""
    secs = report.sections
    assert [s.id for s in secs] == [f"s{i + 1}" for i in range(len(secs))]
    assert [s.start for s in secs] == sorted(s.start for s in secs)
    by_id = {s.id: s for s in secs}
    for s in secs:
        assert s.start <= s.body_start <= max(s.end, s.body_start) and s.start <= s.end
        assert s.heading == s.heading.strip() and not s.heading.endswith(("。", "，", ","))
        if s.parent is not None:
            p = by_id[s.parent]
            assert p.start < s.start and s.end <= p.end, (p, s)
            assert s.level == p.level + 1
    for parent in [None, *secs]:
        kids = report.children(parent.id if parent else None)
        for a, b in zip(kids, kids[1:]):
            assert a.end <= b.start, (a, b)
    top = report.children(None)
    for ln in report.lines:
        assert any(t.start <= ln.start < t.end or (ln.start < t.end and ln.end > t.start) for t in top), ln
    # trailing boilerplate never ends up inside a section
    for bp in report.boilerplate:
        for s in secs:
            assert not (s.start <= bp.start and bp.end <= s.end) or any(
                ln.start > bp.end and ln.end <= s.end for ln in report.lines
            ), (bp, s)


# --------------------------------------------------------------------------- seeds


def gold() -> dict[str, list[str]]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return {k: [h for h, _ in v] for k, v in data.items() if not k.startswith("_")}


@pytest.mark.skipif(not GOLD.exists(), reason="gold labels not available")
def test_every_gold_heading_of_every_seed_is_a_section():
    missing = []
    for name, heads in gold().items():
        report = seed(name[:3])
        have = [key(s.heading) for s in report.sections if s.heading]
        for h in heads:
            if not any(x.startswith(key(h)) for x in have):
                missing.append((name, h))
    assert missing == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_trees_are_well_formed(prefix):
    report = seed(prefix)
    check_tree(report)
    assert report.sections[0].kind == "preamble"
    assert report.sections[-1].kind in ("closing", "next_steps")


def test_seed_002_numbered_points_sit_under_the_review_part():
    r = seed("002")
    review = by_heading(r, "2020年和五年来法治政府工作回顾")
    assert review.level == 1 and review.number == "一、"
    kids = r.children(review.id)
    assert [k.number for k in kids] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)"]
    assert all(k.level == 2 for k in kids)
    # 健全组织领导。… is the unnumbered lead of (一)
    lead = by_heading(r, "健全组织领导")
    assert lead.parent == kids[0].id and lead.number == "" and lead.level == 3


def test_seed_002_problems_and_next_steps_kinds():
    r = seed("002")
    assert by_heading(r, "我区法治政府建设存在的问题与不足").kind == "problems"
    nxt = by_heading(r, "下一步工作打算")
    assert nxt.kind == "next_steps" and nxt.level == 1
    assert len(r.children(nxt.id)) == 7  # 一是 … 七是
    closing = r.sections[-1]
    assert closing.kind == "closing" and "扬州市江都区人民政府" in r.text[closing.start:closing.end]


def test_seed_001_unnumbered_points_are_siblings_of_the_numbered_one():
    r = seed("001")
    assert r.script == "traditional"
    top = by_heading(r, "坚持高位推进,压紧压实工作责任")
    kids = r.children(top.id)
    assert [key(k.heading) for k in kids] == ["强化组织,高位推动", "强化学习,全面覆盖", "强化督导,压实责任"]
    assert [k.number for k in kids] == ["", "(二)", ""]
    assert all(k.level == 2 for k in kids)
    assert kids[0].heading == "強化組織,高位推動"  # the report's own script
    assert r.text[kids[0].body_start:].startswith("著力加強")


def test_seed_001_closing_paragraph_holds_problems_and_next_steps():
    r = seed("001")
    top = r.children(None)
    problems, nxt = top[-2], top[-1]
    assert problems.kind == "problems" and nxt.kind == "next_steps"
    assert r.text[problems.start:].startswith("一年來")
    assert r.text[nxt.start:].startswith("下一步")
    assert problems.end <= nxt.start
    assert [key(s.heading) for s in r.children(problems.id)] == [
        "法治政府建设特色亮点工作不够鲜明", "法治队伍力量相对薄弱", "普法宣传力度仍需加强"]


def test_passes_add_to_one_outline_in_order():
    """Each pass only adds candidates; the closing paragraph of seed 001 comes from its pass."""
    from reportdiff.compare.closing_parts import closing_paragraphs
    from reportdiff.compare.outline import Outline
    from reportdiff.compare.structure import PASSES, build_sections

    report = load_report(next(p for p in seed_paths() if p.name.startswith("001")))
    outline, counts, kinds_after = Outline(report), [], {}
    for step in PASSES:
        outline = step(outline)
        counts.append(len(outline.nodes))
        kinds_after[step] = {x.kind for x in outline.nodes}
    assert counts == sorted(counts) and counts[-1] > 0
    before = PASSES[PASSES.index(closing_paragraphs) - 1]
    assert "problems" not in kinds_after[before] and "problems" in kinds_after[closing_paragraphs]
    assert build_sections(outline) == seed("001").sections


def test_seed_003_closing_paragraph_and_signature():
    r = seed("003")
    kinds = [s.kind for s in r.children(None)]
    assert kinds[-3:] == ["problems", "next_steps", "closing"]
    assert r.text[r.children(None)[-2].start:].startswith("2018年，我市将继续") or r.text[
        r.children(None)[-2].start:].startswith("2018年,我市将继续")
    # inline headings: （一）加强领导，完善机制。正文…
    s = by_heading(r, "加强领导,完善机制")
    assert s.level == 2 and r.text[s.body_start:].startswith("市政府成立")


def test_seed_000_inline_enumeration_under_a_numbered_point():
    r = seed("000")
    parent = by_heading(r, "及时调整本级原有清单")
    kids = r.children(parent.id)
    assert [k.number for k in kids] == ["一是", "二是", "三是", "四是"]
    assert key(kids[0].heading) == "政府行政权力清单"
    assert all(k.level == 3 for k in kids)


def test_preamble_metadata_lines_are_not_sections():
    r = seed("000")
    pre = r.sections[0]
    assert pre.kind == "preamble" and pre.level == 0
    assert "市政府:" in key(r.span_text(pre.start, pre.end))
    assert not any(key(s.heading).startswith("同江市人民政府关于") for s in r.sections)


# --------------------------------------------------------------------------- samples


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples not available")
def test_work_report_sample_structure():
    r = parse_structure(load_report(SAMPLES / "futian_workreport_2019.txt"))
    check_tree(r)
    top = r.children(None)
    numbered = [s for s in top if s.number]
    assert [s.number for s in numbered] == ["一、", "二、"]
    assert key(numbered[0].heading) == "2018年工作回顾"
    assert numbered[1].kind == "next_steps"
    assert [k.number for k in r.children(numbered[0].id) if k.number] == ["（一）", "（二）", "（三）", "（四）"]
    # the numbered glossary at the end is one closing part, not 39 numbered sections
    glossary = top[-1]
    assert glossary.kind == "closing" and "名词" in glossary.heading
    assert r.children(glossary.id) == ()
    assert not any(s.number[:1].isdigit() for s in r.sections)
    # unnumbered lead sentences (经济增长动能稳健。…) under （一）
    first = r.children(numbered[0].id)[0]
    assert "经济增长动能稳健" in headings(r, first)
    # the problems paragraph at the end of the review is a problems part of it
    assert any(k.kind == "problems" for k in r.children(numbered[0].id))


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples not available")
def test_all_samples_parse_into_sensible_trees():
    for path in sorted(SAMPLES.glob("*.txt")):
        r = parse_structure(load_report(path))
        check_tree(r)
        top = [s for s in r.children(None) if s.number]
        assert len(top) >= 2 and top[0].number == "一、", path
        assert r.children(None)[-1].kind == "closing"  # 名词解释


# --------------------------------------------------------------------------- crafted reports

BODY = "全年共办理相关事项一百余件，群众满意度持续提升，各项工作取得积极成效。"


def test_inline_heading_and_body_start():
    r = parse(f"标题\n一、总体情况\n（一）加强领导，完善机制。{BODY}\n（二）明确目标，统筹推进。{BODY}\n")
    check_tree(r)
    s = by_heading(r, "加强领导,完善机制")
    assert s.heading == "加强领导，完善机制" and s.number == "（一）"
    assert r.text[s.body_start:].startswith("全年共办理")


def test_long_first_sentence_gives_its_leading_clause_not_a_truncation():
    long = "深入推进行政执法体制改革，" + "全面落实行政执法公示制度执法全过程记录制度重大执法决定法制审核制度" * 2 + "。"
    r = parse(f"一、执法\n（一）{long}{BODY}\n（二）另一项工作。{BODY}\n")
    s = by_heading(r, "深入推进行政执法体制改革")
    assert key(s.heading) == "深入推进行政执法体制改革"


def test_level_assignment_when_a_report_starts_at_paren_numbers():
    r = parse(
        f"某区报告\n（一）依法行政\n1.完善制度。{BODY}\n2.规范执法。{BODY}\n（二）政务公开\n1.公开平台。{BODY}\n"
    )
    check_tree(r)
    one, two = [s for s in r.children(None) if s.number]
    assert (one.number, one.level, two.number) == ("（一）", 1, "（二）")
    assert [k.number for k in r.children(one.id)] == ["1.", "2."]
    assert all(k.level == 2 for k in r.children(one.id))
    assert [k.number for k in r.children(two.id)] == ["1."]


def test_enumerations_at_paragraph_start_and_run_on():
    r = parse(
        "一、主要工作\n"
        f"一是强化组织保障。{BODY}\n二是完善工作机制。{BODY}\n"
        "二、存在问题\n主要表现在：一是制度不够完善，二是队伍力量薄弱，三是宣传力度不足。\n"
    )
    check_tree(r)
    work = by_heading(r, "主要工作")
    assert [key(k.heading) for k in r.children(work.id)] == ["强化组织保障", "完善工作机制"]
    prob = by_heading(r, "存在问题")
    assert prob.kind == "problems"
    assert [key(k.heading) for k in r.children(prob.id)] == ["制度不够完善", "队伍力量薄弱", "宣传力度不足"]


def test_enumeration_of_statements_does_not_make_nonsense_headings():
    stmt = "司法局组织全市二十多名法治副校长和普法讲师团深入各中小学校开展法治教育讲座十余次并发放各类宣传手册"
    r = parse(f"一、普法\n一是{stmt}。二是{stmt}。\n")
    sec = by_heading(r, "普法")
    # statements with no short title clause stay body text of their part
    assert all(len(k.heading) <= 36 for k in r.children(sec.id))
    assert r.children(sec.id) == ()


def test_missing_numbered_sibling_is_recovered():
    r = parse(
        "一、坚持高位推进\n"
        f"强化组织，高位推动。{BODY}\n（二）强化学习，全面覆盖。{BODY}\n强化督导，压实责任。{BODY}\n"
        "二、优化服务\n（一）做优服务，提升效能。" + BODY + "\n"
    )
    check_tree(r)
    top = by_heading(r, "坚持高位推进")
    assert [key(k.heading) for k in r.children(top.id)] == ["强化组织,高位推动", "强化学习,全面覆盖", "强化督导,压实责任"]
    assert {k.level for k in r.children(top.id)} == {2}


def test_false_positives_dates_decimals_and_numbers_in_sentences():
    r = parse(
        "一、总体情况\n"
        f"2018年全市共办理案件23件。{BODY}\n"
        "2. 5万人次参加了培训，比上年增长12%。\n"
        f"今年工作中，1.完善制度被列为重点。{BODY}\n"
        "3.加强队伍建设是下一阶段的重点。\n"
        "二、其他工作\n"
        f"{BODY}\n"
    )
    check_tree(r)
    assert [s.number for s in r.sections if s.number] == ["一、", "二、"]


def test_unnumbered_closing_paragraph_and_signature():
    r = parse(
        "某市2023年法治政府建设工作报告\n"
        f"一、主要工作\n{BODY}\n二、其他工作\n{BODY}\n"
        "2023年，我市法治政府建设取得了一些进展，但也存在一些薄弱环节。2024年，我市将继续深化改革。\n"
        "某市人民政府\n2024年1月18日\n"
    )
    check_tree(r)
    kinds = [(s.kind, s.level) for s in r.children(None)]
    assert kinds == [("preamble", 0), ("heading", 1), ("heading", 1), ("problems", 0),
                     ("next_steps", 0), ("closing", 0)]
    closing = r.sections[-1]
    assert r.text[closing.start:closing.end] == "某市人民政府\n2024年1月18日"


def test_report_without_headings_does_not_crash():
    r = parse("关于工作的说明\n" + "\n".join(f"第{i}段。{BODY}" for i in range(5)))
    check_tree(r)
    assert r.sections[0].kind == "preamble"
    one_line = parse("只有一句话。")
    check_tree(one_line)
    assert [s.kind for s in one_line.sections] == ["preamble"]


def test_only_headings_and_very_long_lines():
    r = parse("一、第一部分\n二、第二部分\n三、第三部分")
    check_tree(r)
    assert [s.heading for s in r.sections] == ["第一部分", "第二部分", "第三部分"]
    huge = parse("一、总体\n" + ("一是加强领导。" + BODY * 50 + "二是完善机制。") * 200)
    check_tree(huge)
    assert len(huge.sections) >= 3


def test_problems_and_next_steps_on_separate_closing_lines():
    r = parse(
        f"一、主要工作\n（一）强化领导。{BODY}\n（二）完善机制。{BODY}\n"
        "同时，我们也清醒地认识到，工作中还存在一些问题和不足，主要是基层力量薄弱。\n"
        "下一步，我们将进一步加强法治政府建设，推动各项工作再上新台阶。\n"
    )
    check_tree(r)
    tail = r.children(None)[-2:]
    assert [(s.kind, s.level) for s in tail] == [("problems", 0), ("next_steps", 0)]
    assert r.text[tail[1].start:].startswith("下一步")


def test_glossary_needs_a_title_or_definitions():
    plan = (
        f"一、工作回顾\n{BODY}\n二、下一步工作\n"
        f"1.加强组织领导：{BODY}\n2.完善制度建设：{BODY}\n3.强化监督检查：{BODY}\n"
    )
    r = parse(plan)
    check_tree(r)
    nxt = by_heading(r, "下一步工作")
    assert nxt.kind == "next_steps"
    assert [k.number for k in r.children(nxt.id)] == ["1.", "2.", "3."]
    assert key(r.children(nxt.id)[0].heading) == "加强组织领导"
    terms = "\n".join(f"{i}.术语{i}：指某项工作机制的简称。" for i in range(1, 5))
    g = parse(f"一、工作回顾\n{BODY}\n二、工作安排\n{BODY}\n{terms}\n")
    check_tree(g)
    assert g.sections[-1].kind == "closing" and g.sections[-1].level == 0
    assert not any(s.number[:1].isdigit() for s in g.sections)


def test_part_and_chapter_markers():
    r = parse(f"某区政府工作报告\n{BODY}\n第一部分 工作回顾\n一、主要成效\n{BODY}\n第二部分 工作安排\n一、重点任务\n{BODY}\n")
    check_tree(r)
    parts = [s for s in r.children(None) if s.number]
    assert [key(p.heading) for p in parts] == ["工作回顾", "工作安排"]
    assert [len(r.children(p.id)) for p in parts] == [1, 1]


def test_works_on_unnormalised_lines_with_full_width_markers():
    """Before normalisation (Line.norm == Line.text) full-width markers still parse."""
    from array import array

    from reportdiff.compare.model import Line, NormText

    text = f"报告\n一、主要工作\n（一）加强领导，完善机制。{BODY}\n（二）明确目标，统筹推进。{BODY}\n"
    lines, pos = [], 0
    for raw in text.split("\n"):
        if raw:
            lines.append(Line(pos, pos + len(raw), pos, pos + len(raw), raw, raw))
        pos += len(raw) + 1
    report = Report(path=None, text=text, norm=NormText(text, array("l", range(len(text) + 1))),
                    lines=tuple(lines))
    r = parse_structure(report)
    check_tree(r)
    assert [(s.number, s.heading, s.level) for s in r.sections[1:]] == [
        ("一、", "主要工作", 1), ("（一）", "加强领导，完善机制", 2), ("（二）", "明确目标，统筹推进", 2)]


from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_PIECES = ["一、", "二、", "十一、", "（一）", "(二)", "（三）", "1.", "2、", "(1)", "一是", "二是", "三是",
           "加强领导，完善机制。", "强化组织，高位推动。", BODY, "2018年", "2. 5万", "。", "，", "：",
           "存在一些问题", "下一步，我们将", "名词解释", "某市人民政府", "2024年1月1日", "\n", "\n", "\n",
           "　　", " ", "指", "“", "”"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=60))
def test_any_text_gives_a_well_formed_tree(pieces):
    text = "".join(pieces)
    if not text.strip():
        return
    check_tree(parse(text))


def test_section_at_is_the_deepest_section_holding_an_offset():
    for path in seed_paths():
        report = parse_structure(load_report(path))
        for pos in [ln.start for ln in report.lines] + [ln.end - 1 for ln in report.lines]:
            holding = [s for s in report.sections if s.start <= pos < s.end]
            deepest = min(holding, key=lambda s: s.end - s.start, default=None)
            found = report.section_at(pos)
            assert (found.end - found.start if found else None) == (
                deepest.end - deepest.start if deepest else None
            ), (path.name, pos)
            assert found is None or found.start <= pos < found.end
