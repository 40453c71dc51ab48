"""Metric extraction and matching on the seeds and on small crafted reports."""

from __future__ import annotations

from functools import lru_cache

import pytest

from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.metrics import extract_metrics, match_metrics
from reportdiff.compare.model import Alignment, SectionPair
from reportdiff.compare.normalize import to_simplified
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure


@lru_cache(maxsize=None)
def seed(prefix: str):
    path = next(p for p in seed_paths() if p.name.startswith(prefix))
    return parse_structure(load_report(path))


def report(text: str):
    return parse_structure(load_text(text))


def found(metrics, value, unit, label):
    """Metrics with this value and unit whose (simplified) label is ``label``."""
    return [m for m in metrics if m.value == value and m.unit == unit and to_simplified(m.label) == label]


def one(text: str):
    ms = extract_metrics(report(text))
    assert len(ms) == 1, [(m.text, m.value) for m in ms]
    return ms[0]


# --------------------------------------------------------------------------- hand-checked samples

# What a reader extracts from two passages of two seeds (value, unit, label).
SAMPLES = {
    # 同江市 2018: 依法办理行政复议案件 / 规范性文件 passages
    "000": [
        (23, "件", "行政复议申请"),
        (1, "件", "不予受理决定"),
        (2, "件", "行政复议申请审结"),
        (28, "件", "规范性文件"),
        (80, "件", "规范性文件"),
        (4, "件", "规范性文件修改"),
        (11, "件", "规范性文件废止"),
    ],
    # 沅江市 2023 (traditional script): 分类检查事项 and 人民调解组织 passages
    "001": [
        (1771, "项", "分类检查事项"),
        (1538, "项", "一般检查事项"),
        (233, "项", "重点检查事项"),
        (220, "项", "不予处罚事项清单"),
        (89, "项", "从轻处罚事项清单"),
        (96, "项", "减轻处罚事项清单"),
        (211, "个", "人民调解组织"),
        (193, "个", "村(社区)调委会"),
        (4, "个", "行业性调委会"),
    ],
}


@pytest.mark.parametrize("prefix", sorted(SAMPLES))
def test_hand_checked_metrics(prefix):
    r = seed(prefix)
    metrics = extract_metrics(r)
    for value, unit, label in SAMPLES[prefix]:
        hits = found(metrics, value, unit, label)
        assert hits, f"{value}{unit} {label} not found"
        m = hits[0]
        assert r.text[m.start:m.end] == m.text
        assert m.section is not None
        sec = r.section(m.section)
        assert sec.start <= m.start < sec.end


def test_section_is_the_deepest_containing_one():
    r = seed("000")
    for m in extract_metrics(r):
        if m.section is None:
            continue
        containing = [s for s in r.sections if s.start <= m.start < s.end]
        assert min(containing, key=lambda s: s.end - s.start).id == m.section


# --------------------------------------------------------------------------- numbers and units


@pytest.mark.parametrize(
    "text, value, unit, upper, quals",
    [
        ("全年共收到行政复议申请23件。", 23, "件", None, ("全年", "共")),
        ("用户数突破15.33万。", 153300, "", None, ("突破",)),
        ("累计清理盘活财政存量资金12.02亿元。", 1.202e9, "元", None, ("累计",)),
        ("行政处罚3.5万元。", 35000, "元", None, ()),
        ("受教育人群五万余人次。", 50000, "人次", None, ("余",)),
        ("开展普法活动十一次。", 11, "次", None, ()),
        ("共两次定期清理规范性文件。", 2, "次", None, ("共",)),
        ("办理时限压缩至3至5天。", 3, "天", 5, ()),
        ("每批3-5个事项。", 3, "个", 5, ()),
        ("调解成功率98%以上。", 98, "%", None, ("以上",)),
        ("满意率达到百分之八十。", 80, "%", None, ()),
        ("同比提高2.5个百分点。", 2.5, "个百分点", None, ("同比提高",)),
        ("接待群众１,２００人次。", 1200, "人次", None, ()),
        ("组织全市40余家单位开展活动。", 40, "家", None, ("余",)),
        ("企业开办时限已压缩在2小时内。", 2, "小时", None, ("内",)),
        # a share in tenths keeps its own unit: 三成 is not 3%
        ("占全省三成以上。", 3, "成", None, ("以上",)),
    ],
)
def test_quantities(text, value, unit, upper, quals):
    m = one(text)
    assert m.value == pytest.approx(value)
    assert m.unit == unit
    assert m.upper == upper
    assert m.qualifiers == quals


def test_written_text_and_offsets_are_original():
    r = report("全市共受理案件１２３件,其中調解成功五萬餘件。")
    ms = extract_metrics(r)
    assert [m.text for m in ms] == ["１２３件", "五萬餘件"]
    assert [m.value for m in ms] == [123, 50000]
    for m in ms:
        assert r.text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "2018年6月20日同江市委下发了通知。",
        "印发《同江市2018年活动方案》(同政办综〔2018〕5号)。",
        "根据(汴发〔2022〕8号)文件要求。",
        "咨询电话0391-2345678。",
        "一、坚持高位推进\n(二)强化学习\n1.健全制度",
        "学习贯彻党的十九大和二十届二中全会精神,开展七五普法,谋划“十四五”规划。",
        "履行第一责任人职责,推进行政执法三项制度。",
        "着力推进“3550”、“1310”改革,做到“两个维护”。",
        "2020429日,区政府制定出台方案。",
        "截至202117,共完成。",
        "开发区行政审批局于20179月底成立。",
        "索引号:XXZX_JD-2021-008,发布时间08:25:30。",
        "推动第一、二批清单落地,建立一支队伍,实行一次性告知。",
        "法治政府建设实施纲要(2015-2020年)",
        # a number of digits, and 成 starting a word
        "投资保持两位数增长。",
        "三成员单位联合开展检查。",
    ],
)
def test_not_metrics(text):
    assert extract_metrics(report(text)) == ()


def test_run_together_percentages_split_at_the_sign():
    ms = extract_metrics(report("生产安全事故起数和死亡人数分别下降79.07%79.03%。"))
    assert [(m.value, m.unit) for m in ms] == [(79.07, "%"), (79.03, "%")]


def test_seeds_yield_no_nonsense_values():
    for p in seed_paths():
        r = parse_structure(load_report(p))
        for m in extract_metrics(r):
            assert m.value > 0
            # a damaged date or a year would show up as a 5-8 digit count right before 日/月/年
            assert not (m.unit == "" and m.value < 1e4), m
            assert r.text[m.start:m.end] == m.text


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "text, label",
    [
        ("2018年,共收到行政复议申请23件。", "行政复议申请"),
        ("市政府法制办共审核规范性文件28件。", "规范性文件"),
        ("全市共梳理政务服务事项清单940项。", "政务服务事项清单"),
        ("本年度办理了23件行政复议案件。", "行政复议案件"),
        ("选取重点领域30个高频事项,制定流程图。", "高频事项"),
        ("开发区审批局累计办件3000件。", "办件"),  # the subject before 累计 says who
    ],
)
def test_labels(text, label):
    assert one(text).label == label


@pytest.mark.parametrize(
    "text, labels",
    [
        # a list whose things follow their numbers: each figure counts its own thing
        ("顺利完成34条黑臭水体治理工程、764公里雨污分流管网建设。", ["黑臭水体治理工程", "雨污分流管网建设"]),
        ("完成530座公厕、129座垃圾转运站升级改造。", ["公厕", "垃圾转运站升级改造"]),
        ("办理第一次会议18件代表建议和政协一次会议3件提案的答复意见。", ["代表建议", "提案"]),
        # a level written after its growth counts the same thing, never the bare link word 达
        ("规模以上工业企业增加值增长12.0%，达2240.65亿元。", ["规模以上工业企业增加值", "规模以上工业企业增加值"]),
        # before 共计 and a bare verb is the counted thing itself
        ("全年共接待群众5010人，现场办件共计办理3048件。", ["接待群众", "现场办件"]),
        # a bare verb continues the sentence's first count in the same measure, not its first figure
        ("上门回访4批4人次，受理信访件48件，已办结42件。", ["上门回访", "上门回访", "信访件", "信访件办结"]),
        # a list with its things before the numbers is unchanged
        ("受理行政复议案件35件、行政诉讼案件18件。", ["行政复议案件", "行政诉讼案件"]),
        # a growth joined by 、 to a passed level is that level's growth, not an earlier figure's
        ("签约项目38个、总产值1316亿元，规上企业突破600家、增长13.8%。", ["签约项目", "总产值", "规上企业", "规上企业增长"]),
        # but a bound in a clause of its own is skipped
        ("地区生产总值4287.86亿元，3年突破两个千亿大关，增长11%。", ["地区生产总值", "千亿大关", "地区生产总值增长"]),
        # an adverb of time or intent before the verb is no part of the counted thing
        ("全年接待游客力争突破600万人次、增长20%以上。", ["接待游客", "接待游客增长"]),
        ("辖区GEP预计达1100亿元，增长0.4%。", ["辖区GEP", "辖区GEP增长"]),
        # a quantity noun after the last item of a 分别 list is every item's
        ("会议、文件数量分别下降6.5%、5.6%。", ["会议数量", "文件数量"]),
        # but not a word inside a name, nor after an item that is a quantity already
        ("固定资产投资、社会消费品零售总额分别增长3.0%和8.5%。", ["固定资产投资", "社会消费品零售总额"]),
        ("安全生产事故宗数、死亡人数分别下降27.1%、11.6%。", ["安全生产事故宗数", "死亡人数"]),
        # a verb inside the counted thing is not cut when only a quantity noun would be left
        ("全年旅游接待总人数和旅游业总收入分别为2010万人次、92亿元。", ["旅游接待总人数", "旅游业总收入"]),
        # the noun of a passed level is no counted thing: the next clause's figure is the same thing's
        ("地区生产总值突破五千亿元大关，达5012.6亿元，增长6.1%。", ["地区生产总值", "地区生产总值", "地区生产总值增长"]),
        # a growth after a bound of its own sentence is the bound's, not an earlier sentence's figure's
        ("增速比上年提高1.2个百分点。一般公共预算收入突破200亿元，增长8.2%。",
         ["增速比上年", "一般公共预算收入", "一般公共预算收入增长"]),
        # bare numbers of a 分别 list take the unit of its last item
        ("人均产值和人均税收分别达15.2和6.3万元。", ["人均产值", "人均税收"]),
    ],
)
def test_labels_of_figures_in_one_clause(text, labels):
    assert [m.label for m in extract_metrics(report(text))] == labels


def test_bare_items_of_a_list_share_the_last_items_unit_and_magnitude():
    ms = extract_metrics(report("人均产值和人均税收分别达15.2和6.3万元。"))
    assert [(m.text, m.value, m.unit) for m in ms] == [("15.2", 152000, "元"), ("6.3万元", 63000, "元")]


def test_growth_of_a_target_is_a_target():
    ms = extract_metrics(report("力争完成工业投资200亿元，增长12%以上。"))
    assert [m.threshold for m in ms] == [True, True]


def test_change_inside_a_report_is_one_metric():
    ms = extract_metrics(report("审批环节总数由2972个精简至2766个。"))
    assert [(m.label, m.value, m.unit) for m in ms] == [("审批环节总数", 2766, "个")]
    assert (ms[0].was.value, ms[0].was.text, ms[0].was.label) == (2972, "2972个", "审批环节总数")


# --------------------------------------------------------------------------- matching

A_TEXT = """一、行政复议
2021年,共收到行政复议申请23件,审结20件。全年审核规范性文件28件。
二、普法宣传
组织普法活动30余场,发放宣传资料5000份。
"""


def _match(a_text: str, b_text: str, alignment: Alignment | None = None):
    a, b = report(a_text), report(b_text)
    return match_metrics(a, b, alignment or Alignment((), 0.0))


def test_identical_reports_are_all_same():
    ms = _match(A_TEXT, A_TEXT)
    assert ms and all(m.status == "same" for m in ms)


def test_changed_number_in_identical_sentence_is_found():
    b_text = A_TEXT.replace("审结20件", "审结21件").replace("5000份", "六千份")
    ms = _match(A_TEXT, b_text)
    changed = {(m.a.value, m.b.value) for m in ms if m.status == "changed"}
    assert changed == {(20, 21), (5000, 6000)}
    assert all(m.status in ("same", "changed") for m in ms)
    c = next(m for m in ms if m.status == "changed" and m.a.value == 20)
    assert c.difference == 1 and c.ratio == pytest.approx(1.05)


def test_reworded_sentence_with_dropped_filler_still_matches():
    b_text = A_TEXT.replace("共收到", "收到").replace("组织普法活动", "开展普法活动")
    ms = _match(A_TEXT, b_text)
    assert all(m.status == "same" for m in ms)


def test_unrelated_numbers_sharing_a_unit_are_not_paired():
    a = "一、执法\n全年查处违法案件12件。"
    b = "一、执法\n本年度审核合同文件15件。"
    statuses = sorted(m.status for m in _match(a, b))
    assert statuses == ["only_a", "only_b"]


def test_a_result_verb_or_an_estimate_does_not_change_the_counted_thing():
    # 实现 and 预计 are no part of what is counted; 金融业 is another kind of 增加值
    a = "一、经济\n现代服务业、金融业分别实现增加值1200亿元、300亿元。"
    b = "一、经济\n现代服务业预计实现增加值1300亿元。"
    pairs = {(m.a.value, m.b.value) for m in _match(a, b) if m.a and m.b}
    assert pairs == {(1.2e11, 1.3e11)}


def test_units_must_be_compatible():
    a = "一、调解\n共受理矛盾纠纷500件。"
    b = "一、调解\n共受理矛盾纠纷500人。"
    assert sorted(m.status for m in _match(a, b)) == ["only_a", "only_b"]


def test_aligned_sections_are_matched_first():
    # the same label twice; the alignment decides which B number goes with which A number
    a_text = "一、甲方面\n审核规范性文件28件。\n二、乙方面\n审核规范性文件40件。"
    b_text = "一、乙方面\n审核规范性文件41件。\n二、甲方面\n审核规范性文件29件。"
    a, b = report(a_text), report(b_text)
    top_a = [s.id for s in a.sections if s.number]
    top_b = [s.id for s in b.sections if s.number]
    if len(top_a) != 2 or len(top_b) != 2:
        pytest.skip("the structure parser did not find the two sections")
    alignment = Alignment(
        (SectionPair(top_a[0], top_b[1], 1.0), SectionPair(top_a[1], top_b[0], 1.0)), 1.0
    )
    pairs = {(m.a.value, m.b.value) for m in match_metrics(a, b, alignment) if m.a and m.b}
    assert pairs == {(28, 29), (40, 41)}


def test_match_order_and_statuses_cover_everything():
    b_text = A_TEXT + "三、其他\n新增法律顾问7名。\n"
    ms = _match(A_TEXT, b_text)
    assert ms[-1].status == "only_b" and ms[-1].b.value == 7
    assert sum(1 for m in ms if m.a) == len(extract_metrics(report(A_TEXT)))


def test_lone_chinese_digits_read_like_cn2an_reads_them():
    import cn2an

    from reportdiff.compare.numerals import CN_DIGITS, chinese_value

    for ch in CN_DIGITS + "十":
        assert chinese_value(ch) == float(cn2an.cn2an(ch, "normal")), ch
