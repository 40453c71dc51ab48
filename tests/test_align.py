"""Section alignment on small crafted reports and on the seeds."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from benchmark_helpers import load_benchmark
from reportdiff.compare.align import align, alignment_units, default_model, rank_partners, re_pair
from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.model import Report, Section
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure

# the shown (calibrated) score at the pairing threshold: pairs score at least this, unmatched less
MATCH_THRESHOLD = default_model().calibrated(default_model().threshold)

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "gold_topics.json"

# Paragraphs on national topics, written for these tests.
TEXT = {
    "FUNC": "深化“放管服”改革，全面推行行政许可事项清单管理，政务服务事项实现一网通办，"
    "企业开办时间压缩至1个工作日，持续优化营商环境，取消证明事项42项，推行告知承诺制。",
    "ENFORCE": "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "组织执法人员培训考试，规范行政处罚裁量基准，开展执法案卷评查，推行柔性执法。",
    "DISPUTE": "办理行政复议案件56件，纠错率12%，行政机关负责人出庭应诉率100%，"
    "健全人民调解组织网络，化解矛盾纠纷1200余件，信访事项按期办结率98%。",
    "REVIEW": "全年受理行政复议申请56件，依法审结50件，对违法行政行为予以纠错，"
    "行政复议决定书网上公开，复议委员会集体议决重大疑难案件。",
    "LITIG": "行政机关负责人出庭应诉率100%，行政诉讼案件败诉率下降，"
    "开展行政应诉旁听庭审活动，落实司法建议反馈制度。",
    "EDU": "落实“谁执法谁普法”普法责任制，开展宪法宣传周和民法典宣传月活动，"
    "建设法治文化阵地12个，创建民主法治示范村5个，举办法治讲座80场。",
    "EMERG": "修订突发事件总体应急预案，开展防汛抢险和安全生产应急演练，"
    "健全应急管理指挥体系，做好疫情防控常态化工作，储备应急物资。",
    "DECIS": "严格落实重大行政决策程序，公众参与、专家论证、风险评估、合法性审查、"
    "集体讨论决定，聘请法律顾问12名，公职律师参与决策论证。",
    "OPEN": "主动公开政府信息3200条，办理依申请公开48件，开展政策解读，"
    "完善政务诚信建设，政务公开专栏按时更新。",
}


def make_report(spec, preamble: str = "现将有关情况报告如下：") -> Report:
    """A report from ``spec``: a list of (number, heading, body, kind, children) tuples.

    The text is laid out one heading per line, and the sections are built by hand (offsets
    into that text), so the aligner is tested independently of the structure parser.
    """
    parts: list[str] = []
    pos = 0
    rows: list[tuple] = []

    def emit(s: str) -> int:
        nonlocal pos
        start = pos
        parts.append(s + "\n")
        pos += len(s) + 1
        return start

    emit("某市人民政府2023年法治政府建设工作报告")
    pstart = emit(preamble)
    rows.append(("s0", None, 0, "", "", "preamble", pstart, pstart))

    def walk(items, parent, level):
        for number, heading, body, kind, children in items:
            sid = f"s{len(rows)}"
            start = emit(f"{number}{heading}")
            body_start = pos
            if body:
                emit(body)
            idx = len(rows)
            rows.append([sid, parent, level, number, heading, kind, start, body_start])
            walk(children, sid, level + 1)
            rows[idx].append(pos)

    walk(spec, None, 1)
    rows[0] = (*rows[0], rows[1][6] if len(rows) > 1 else pos)
    report = load_text("".join(parts))
    sections = tuple(
        Section(id=r[0], parent=r[1], level=r[2], number=r[3], heading=r[4], kind=r[5],
                start=r[6], end=r[8], body_start=r[7])
        for r in rows
    )
    return replace(report, sections=sections)


def leaf(number, heading, topic, kind="heading"):
    return (number, heading, TEXT[topic], kind, [])


def partners(al, a: Report, b: Report) -> dict[str, set[str]]:
    """A heading -> set of B headings (empty when unmatched)."""
    out: dict[str, set[str]] = {}
    for p in al.pairs:
        if p.a is None:
            continue
        out.setdefault(a.section(p.a).heading, set())
        if p.b is not None:
            out[a.section(p.a).heading].add(b.section(p.b).heading)
    return out


def test_reordered_renamed_sections_pair_by_topic():
    a = make_report([
        leaf("一、", "深化改革优化服务", "FUNC"),
        leaf("二、", "规范执法行为", "ENFORCE"),
        leaf("三、", "化解矛盾纠纷", "DISPUTE"),
        leaf("四、", "深入开展普法", "EDU"),
    ])
    b = make_report([
        leaf("一、", "营造浓厚法治氛围", "EDU"),
        leaf("二、", "坚持源头治理", "DISPUTE"),
        leaf("三、", "提升政务服务效能", "FUNC"),
        leaf("四、", "严格公正文明执法", "ENFORCE"),
    ])
    got = partners(align(a, b), a, b)
    assert got["深化改革优化服务"] == {"提升政务服务效能"}
    assert got["规范执法行为"] == {"严格公正文明执法"}
    assert got["化解矛盾纠纷"] == {"坚持源头治理"}
    assert got["深入开展普法"] == {"营造浓厚法治氛围"}


def test_section_on_a_topic_absent_from_b_stays_unmatched():
    a = make_report([
        leaf("一、", "优化营商环境", "FUNC"),
        leaf("二、", "提升应急处置能力", "EMERG"),
        leaf("三、", "加强普法宣传", "EDU"),
    ])
    b = make_report([
        leaf("一、", "推进政府职能转变", "FUNC"),
        leaf("二、", "落实普法责任", "EDU"),
        leaf("三、", "推进政务公开", "OPEN"),
    ])
    al = align(a, b)
    got = partners(al, a, b)
    assert got["提升应急处置能力"] == set()
    emerg = next(p for p in al.pairs if p.a and a.section(p.a).heading == "提升应急处置能力")
    assert emerg.b is None and emerg.score <= MATCH_THRESHOLD
    # B's section on open government has no counterpart either: listed after A's sections
    assert al.pairs[-1].a is None and b.section(al.pairs[-1].b).heading == "推进政务公开"
    assert all(p.score >= MATCH_THRESHOLD for p in al.pairs if p.a and p.b)


def test_one_section_of_a_covers_two_of_b():
    a = make_report([
        leaf("一、", "优化营商环境", "FUNC"),
        ("二、", "做好复议应诉工作", TEXT["REVIEW"] + TEXT["LITIG"], "heading", []),
    ])
    b = make_report([
        leaf("一、", "深化放管服改革", "FUNC"),
        leaf("二、", "提高行政复议水平", "REVIEW"),
        leaf("三、", "提高行政应诉水平", "LITIG"),
    ])
    al = align(a, b)
    got = partners(al, a, b)
    assert got["做好复议应诉工作"] == {"提高行政复议水平", "提高行政应诉水平"}
    both = [p for p in al.pairs if p.a and a.section(p.a).heading == "做好复议应诉工作"]
    assert all(p.topic == "DISPUTE" for p in both)
    assert not [p for p in al.pairs if p.a is None]


def test_topics_nested_one_level_deeper_meet_top_level_topics():
    # A: the topics are (一)…(四) under one 一、 ; B: they are 一、…四、
    a = make_report([
        ("一、", "2023年工作回顾", "", "heading", [
            leaf("（一）", "持续深化改革", "FUNC"),
            leaf("（二）", "科学民主决策", "DECIS"),
            leaf("（三）", "严格规范执法", "ENFORCE"),
            leaf("（四）", "有效化解纠纷", "DISPUTE"),
        ]),
        ("二、", "存在的问题与不足", "法治意识还有待提高，执法队伍力量不足。", "problems", []),
    ])
    b = make_report([
        leaf("一、", "行政执法水平不断提升", "ENFORCE"),
        leaf("二、", "矛盾纠纷化解成效明显", "DISPUTE"),
        leaf("三、", "政府职能转变加快", "FUNC"),
        leaf("四、", "依法决策水平提高", "DECIS"),
        ("五、", "存在问题", "一是执法力量不足，二是基层法治意识不强。", "problems", []),
    ])
    units = [u.id for u in alignment_units(a)]
    assert "s1" not in units  # the grouping 一、 is represented by its sub-topics
    got = partners(align(a, b), a, b)
    assert got["持续深化改革"] == {"政府职能转变加快"}
    assert got["科学民主决策"] == {"依法决策水平提高"}
    assert got["严格规范执法"] == {"行政执法水平不断提升"}
    assert got["有效化解纠纷"] == {"矛盾纠纷化解成效明显"}
    assert got["存在的问题与不足"] == {"存在问题"}  # problems align with problems only


def test_pairs_carry_topic_reason_and_report_similarity_parts():
    a = make_report([leaf("一、", "规范执法", "ENFORCE"), leaf("二、", "加强普法", "EDU")])
    b = make_report([leaf("一、", "严格执法", "ENFORCE"), leaf("二、", "法治宣传", "EDU")])
    al = align(a, b)
    enforce = next(p for p in al.pairs if p.a == "s1")
    assert enforce.topic == "ENFORCE"
    assert {"执法", "行政执法"} & set(enforce.reason) or "三项制度" in enforce.reason
    assert al.topics_a["s1"] == ("ENFORCE",)
    names = dict(al.parts)
    assert set(names) == {"coverage_a", "coverage_b", "topic_overlap", "content"}
    assert al.similarity == pytest.approx(sum(names.values()) / 4, abs=1e-3)
    assert names["coverage_a"] == pytest.approx(1.0, abs=0.05)


def test_re_pair_replaces_a_partner_and_keeps_the_rest():
    a = make_report([leaf("一、", "规范执法", "ENFORCE"), leaf("二、", "加强普法", "EDU")])
    b = make_report([leaf("一、", "严格执法", "ENFORCE"), leaf("二、", "法治宣传", "EDU")])
    al = align(a, b)
    ranked = rank_partners(al, "s1")
    assert ranked[0][0] == "s1" and ranked[0][1] >= ranked[-1][1]
    moved = re_pair(al, a, b, "s1", "s2")
    p = next(x for x in moved.pairs if x.a == "s1")
    assert p.b == "s2" and p.manual
    assert any(x.a == "s2" and x.b == "s2" and not x.manual for x in moved.pairs)
    assert any(x.a is None and x.b == "s1" for x in moved.pairs)  # B's 一、 lost its partner
    cut = re_pair(al, a, b, "s1", None)
    assert next(x for x in cut.pairs if x.a == "s1").b is None


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds():
    if not GOLD.exists():
        pytest.fail(f"evaluation labels not found: {GOLD} (the alignment accuracy cannot be checked without them)")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    reports = {p.name: parse_structure(load_report(p)) for p in seed_paths()}
    return load_benchmark("alignment_accuracy"), gold, reports


SEED_PAIRS = [(2, 3), (4, 1), (0, 4)]  # nested vs flat, simplified vs traditional, short vs long


@pytest.mark.parametrize("transform", ["plain", "traditional", "shuffled", "reworded"])
def test_seed_accuracy_holds_under_transformations(seeds, transform):
    bench, gold, reports = seeds
    names = sorted(reports)
    right = total = 0
    for i, j in SEED_PAIRS:
        x, y = names[i], names[j]
        la = bench.locate(reports[x], gold[x])
        rb = reports[y]
        reword = lambda h: h  # noqa: E731
        if transform == "traditional":
            rb = parse_structure(load_text(bench.to_traditional(rb.text)))
        elif transform == "shuffled":
            rb = parse_structure(load_text(bench.shuffle_sections(rb)))
        elif transform == "reworded":
            rb = parse_structure(load_text(bench.reword_headings(rb)))
            reword = bench.reword
        lb = bench.locate(rb, gold[y], reword)
        assert not lb.missing
        r, n, _ = bench.score_pair(align(la.report, rb), la, lb)
        right += r
        total += n
    assert right / total >= 0.9, (transform, right, total)


def test_heading_only_baseline_is_far_worse(seeds):
    bench, gold, reports = seeds
    names = sorted(reports)
    x, y = names[2], names[3]
    la, lb = bench.locate(reports[x], gold[x]), bench.locate(reports[y], gold[y])
    ours = bench.score_pair(align(reports[x], reports[y]), la, lb)
    base = bench.score_pair(bench.baseline_alignment(reports[x], reports[y], la), la, lb)
    assert ours[0] > base[0]


def test_pairs_are_in_a_order_then_b_only(seeds):
    _, _, reports = seeds
    a, b = (reports[n] for n in sorted(reports)[3:5])
    al = align(a, b)
    order_a = {s.id: k for k, s in enumerate(a.sections)}
    order_b = {s.id: k for k, s in enumerate(b.sections)}
    a_side = [order_a[p.a] for p in al.pairs if p.a]
    assert a_side == sorted(a_side)
    first_b_only = next((k for k, p in enumerate(al.pairs) if p.a is None), len(al.pairs))
    assert all(p.a is None for p in al.pairs[first_b_only:])
    b_only = [order_b[p.b] for p in al.pairs[first_b_only:]]
    assert b_only == sorted(b_only)
    for p in al.pairs:
        assert 0.0 <= p.score <= 1.0
        if p.a and p.b:
            assert a.section(p.a).kind == b.section(p.b).kind or {a.section(p.a).kind, b.section(p.b).kind} <= {"heading"}


def test_swap_exchanges_sides_and_keeps_every_pair_including_manual_ones():
    from reportdiff.compare.pipeline import compare_paths, swap, with_alignment

    c = compare_paths(seed_paths()[0], seed_paths()[3])
    first = next(
        p for p in c.alignment.pairs if p.a and p.b and len(c.alignment.candidates.get(p.a, ())) > 1
    )
    other = next(b for b, _ in c.alignment.candidates[first.a] if b != first.b)
    c = with_alignment(c, re_pair(c.alignment, c.a, c.b, first.a, other))
    swapped = swap(c)
    assert swapped.a is c.b and swapped.b is c.a
    mirrored = {(p.b, p.a, p.manual) for p in swapped.alignment.pairs}
    assert mirrored == {(p.a, p.b, p.manual) for p in c.alignment.pairs}
    assert (other, first.a, True) in {(p.a, p.b, p.manual) for p in swapped.alignment.pairs}
    # A's order first, then the sections only the new B has
    order = {s.id: k for k, s in enumerate(swapped.a.sections)}
    with_a = [order[p.a] for p in swapped.alignment.pairs if p.a]
    assert with_a == sorted(with_a)
    assert all(p.a for p in swapped.alignment.pairs[: len(with_a)])
    # partner rankings are the new A's sections'
    assert set(swapped.alignment.candidates) <= set(order)
    assert swap(swapped).alignment.pairs == c.alignment.pairs


def test_shared_topic_breaks_a_tie_by_the_first_reports_order_not_by_hashing():
    # identical sections (a report compared with a copy of itself) give tied topic scores;
    # the topic shown must not change from one run to the next
    from reportdiff.compare.align_pairing import shared_topic
    from reportdiff.compare.align_units import Unit
    from reportdiff.compare.topics import TopicProfile

    scores = {"DECISION": 0.4, "ORG": 0.4, "ENFORCE": 0.1}
    ua = Unit("s1", "heading", "", "", False, TopicProfile(scores, ("ORG", "DECISION", "ENFORCE")), 0)
    ub = Unit("s1", "heading", "", "", False, TopicProfile(scores, ("DECISION", "ORG")), 0)
    assert shared_topic(ua, ub) == "ORG"
    assert shared_topic(ub, ua) == "DECISION"
