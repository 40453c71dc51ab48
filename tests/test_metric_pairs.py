"""Pairing figures of two reports: small crafted pairs, one for each kind of error.

Comparable figures worded differently are paired; figures that count different things (a part
and its whole, different actions, different people, a target and a result) are not; figures
are read right (分别 lists, 由…至…, units kept whole, spaces inside numbers) and the change is
written as a reader writes it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportdiff.compare.load import load_text
from reportdiff.compare.metrics import DEFAULT_PARAMS, MatchParams, extract_metrics, match_metrics
from reportdiff.compare.metrics_match import _aligned_section_pairs, _named_in_sentence, _side, pair_figures
from reportdiff.compare.model import Alignment
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure


def report(text: str):
    return parse_structure(load_text(text))


def pairs(a_text: str, b_text: str, params: MatchParams = DEFAULT_PARAMS):
    a, b = report(a_text), report(b_text)
    return {(m.a.text, m.b.text) for m in match_metrics(a, b, Alignment((), 0.0), params) if m.a and m.b}


def aligned_pairs(a_text: str, b_text: str):
    """Pairs with the sections aligned, as the pipeline pairs them."""
    from reportdiff.compare.align import align

    a, b = report(a_text), report(b_text)
    return {(m.a.text, m.b.text) for m in match_metrics(a, b, align(a, b)) if m.a and m.b}


# --------------------------------------------------------------------------- comparable, worded differently


@pytest.mark.parametrize(
    "a_text, b_text, expected",
    [
        ("一、复议\n全年受理行政复议案件35件。", "一、复议\n全年共审理各类行政复议案件52件。", ("35件", "52件")),
        ("一、应诉\n办理诉讼案件40件,其中行政诉讼案件18件。", "一、应诉\n各类行政诉讼案件24件。", ("18件", "24件")),
        ("一、清理\n开展4次专项清理。", "一、清理\n进行2次专项清理。", ("4次", "2次")),
        ("一、公开\n主动公开政府信息8200余条。", "一、公开\n全年主动公开政府信息6100余条。", ("8200余条", "6100余条")),
        ("一、普法\n开展普法活动80余场。", "一、普法\n开展主题普法活动90余场次。", ("80余场", "90余场次")),
        ("一、调解\n调处矛盾纠纷120宗。", "一、调解\n调处矛盾纠纷98件。", ("120宗", "98件")),
        # a leading bare verb is no part of what is counted, a place before it is no other kind
        ("一、港口\n全年实现集装箱吞吐量1404万标箱。", "一、港口\n东港集装箱吞吐量1503万标箱。", ("1404万标箱", "1503万标箱")),
        # the thing after the numbers of a list, and a level written after its growth
        ("一、提案\n办理代表建议18件和政协提案3件。", "一、提案\n办理12件代表建议和4件政协提案的答复。", {("18件", "12件"), ("3件", "4件")}),
        ("一、工业\n工业增加值增长12.0%，达2240亿元。", "一、工业\n工业增加值2755亿元，增长18.1%。", {("2240亿元", "2755亿元"), ("12.0%", "18.1%")}),
    ],
)
def test_comparable_figures_worded_differently_are_paired(a_text, b_text, expected):
    assert pairs(a_text, b_text) == (expected if isinstance(expected, set) else {expected})


def test_three_fines_go_with_their_own_cases():
    a = ("一、执法\n一是整治毁坏林木行为,办理林业行政案件28件,收缴罚款119.3万元。\n"
         "二是履行海域海岛监管职能,办理海洋执法案件6件,收缴罚款10.4万元。\n"
         "三是打击环境违法行为,办理环保处罚案件7件,收缴罚款15.8万元。")
    b = ("一、执法\n（一）查处毁坏林木等破坏森林资源行政处罚案件16件,累计收缴罚款32.5万元。\n"
         "（二）办理破坏海域海岛生态环境行政处罚案件29件,累计收缴罚款182.0万元。\n"
         "（三）打击环境违法行为,办理生态环境领域行政处罚案件8件,累计收缴罚款49.9万元。")
    got = pairs(a, b)
    assert {("119.3万元", "32.5万元"), ("10.4万元", "182.0万元"), ("15.8万元", "49.9万元")} <= got


# --------------------------------------------------------------------------- different things are not paired


def test_a_part_is_not_paired_with_its_whole():
    a = "一、复议\n全年纠错13件,其中涉企纠错2件。"
    b = "一、复议\n全年涉企纠错5件。"
    assert pairs(a, b) == {("2件", "5件")}


def test_a_kind_without_the_measure_word_is_still_a_part():
    # 信访复查 is one kind of 信访件 in its sentence even though it does not end in 件
    a = "一、信访\n办理情况如下:办理信访初查件27件,办理信访复查3件,均已办结。"
    b = "一、信访\n全年共受理办理信访件122件,全部按时办结。"
    anything = replace(DEFAULT_PARAMS, min_score=0.0, min_label=0.0, min_sentence_alone=0.0)
    assert pairs(a, b, anything) == set()


def test_items_of_two_differently_quoted_programmes_are_not_paired():
    a = "一、服务\n政务服务事项分类公示,其中“最多跑一次”事项940项、“网上办”事项284项。"
    b = "一、服务\n完成上线服务事项220项,其中“一網通辦”事項達到220項。"
    assert not any(x == "284项" for x, _ in pairs(a, b))


def test_a_quoted_part_pairs_only_where_the_other_sentence_names_it():
    # the “4+2” key areas' investment is a part of all investment: the whole pairs with the whole
    a = "一、经济\n固定资产投资761.8亿元。“4+2”重点区域固定资产投资总额达222亿元。"
    b = "一、经济\n固定资产投资总额946.69亿元。“4+2”重点区域完成年度固定资产投资369.3亿元。"
    got = pairs(a, b)
    assert ("761.8亿元", "946.69亿元") in got
    assert ("222亿元", "946.69亿元") not in got


def test_a_two_character_head_pairs_when_its_sentence_names_the_rest():
    # 县政协…会议3件提案 are 政协提案; 实施 before 项目 is an action, not a kind of project
    a = "一、监督\n收集汇总县人大会议18件代表建议和县政协十八届一次会议3件提案的答复意见。"
    b = "一、监督\n认真办理人大代表建议和政协提案，共办理人大议案建议12件、政协提案4件。"
    assert ("3件", "4件") in pairs(a, b)
    assert _named_in_sentence("提案", "政协提案", "县政协十八届一次会议3件提案", "")
    assert not _named_in_sentence("项目", "实施项目", "抓好实施，完成项目10个", "")


def test_gaps_measured_against_different_things_are_not_paired():
    a = "一、工业\n战略性新兴产业增加值增长12%，增速高于工业平均增速2.4个百分点。"
    b = "一、工业\n战略性新兴产业增加值增长10%，增速高于上年0.9个百分点。"
    got = pairs(a, b)
    assert ("12%", "10%") in got
    assert ("2.4个百分点", "0.9个百分点") not in got


def test_how_a_thing_was_done_does_not_make_it_another_kind():
    a = "一、监督\n认真办理市区两级人大代表建议232件、政协委员提案162件。"
    b = "一、监督\n高质量办理人大代表建议162件、政协提案112件,实现答复率、满意度两个100%。"
    assert pairs(a, b) == {("232件", "162件"), ("162件", "112件")}


def test_a_count_of_the_figures_that_follow_is_not_a_figure():
    found = extract_metrics(report("一、监督\n办结率和满意度实现两个100%,完成3个项目。"))
    assert [m.text for m in found] == ["100%", "3个"]


def test_the_action_decides_between_two_equal_counts():
    a = "一、文件\n出台规范性文件7件,废止规范性文件7件。"
    b = "一、文件\n废止规范性文件3件。"
    a_report = report(a)
    matched = [m for m in match_metrics(a_report, report(b), Alignment((), 0.0)) if m.a and m.b]
    assert len(matched) == 1 and "废止" in matched[0].a.context and matched[0].b.value == 3


def test_a_figure_named_by_its_action_alone_counts_the_thing_of_its_sentence():
    a = "一、清理\n清理规范性文件46件,决定保留25件,废止17件。"
    b = "一、清理\n市政府规范性文件保留92件,废止或失效64件。"
    got = pairs(a, b)
    assert got == {("25件", "92件")}


def test_mediated_and_settled_disputes_pair_with_their_own_counts():
    a = "一、调解\n各级调解组织共调解矛盾纠纷1200件,调解成功1180件。"
    b = "一、调解\n人民调解组织调处矛盾纠纷980件,成功调处960件。"
    assert pairs(a, b) == {("1200件", "980件"), ("1180件", "960件")}


def test_reviewed_is_not_kept():
    a = "一、审查\n共审查政府规范性文件15件。"
    b = "一、清理\n市政府规范性文件保留92件。"
    assert pairs(a, b) == set()


def test_counts_of_different_people_are_not_paired():
    assert pairs("一、培训\n培训行政执法人员300人。", "一、培训\n培训网格员200人。") == set()
    assert pairs("一、援助\n办理法律援助案件357件。", "一、信访\n受理信访案件29件。") == set()


def test_a_target_is_not_a_result():
    a = "一、经济\n地区生产总值突破四千亿元。"
    b = "一、经济\n地区生产总值4018.3亿元。"
    assert pairs(a, b) == set()
    assert extract_metrics(report(a))[0].threshold


def test_a_target_the_clause_sets_itself_is_not_a_result():
    # 确保 / 力争 / 争取 before the figure make it the plan's target
    a = "一、经济\n固定资产投资总额946.69亿元。"
    b = "一、经济\n固定资产投资1321亿元。确保全社会固定资产投资超过1400亿元。"
    assert pairs(a, b) == {("946.69亿元", "1321亿元")}
    assert [m.threshold for m in extract_metrics(report(b))] == [False, True]


def test_the_years_new_ones_are_not_the_total():
    a = "一、创新\n项目成功落地，市级以上创新载体增至41个。"
    b = "一、创新\n细胞库建成使用，新增市级以上创新载体4家。"
    assert pairs(a, b) == set()
    assert pairs(b, "一、创新\n全年新增市级以上创新载体6家。") == {("4家", "6家")}


def test_a_part_named_in_quotes_opening_its_clause_keeps_to_its_own_kind():
    # the growth after the “4+2” areas' investment is theirs too, so the district's growth
    # pairs with the district's
    a = "一、经济\n固定资产投资总额946.69亿元，增长24.0%。“4+2”重点区域完成年度固定资产投资369.3亿元，增长57.3%。"
    b = "一、经济\n固定资产投资1321亿元，增长17.6%。"
    assert pairs(a, b) == {("946.69亿元", "1321亿元"), ("24.0%", "17.6%")}


def test_a_bare_generic_head_does_not_pair_alone():
    assert pairs("一、活动\n组织全市40余家单位开展活动。", "一、检查\n检查特种设备生产单位30家。") == set()


def test_a_pair_says_why_it_was_paired():
    a, b = report("一、复议\n受理行政复议案件35件。"), report("一、复议\n受理行政复议案件52件。")
    m = next(m for m in match_metrics(a, b, Alignment((), 0.0)) if m.a and m.b)
    assert "same_thing" in m.why and "same_action" in m.why
    assert m.change == "+17件"
    assert (m.a.label, m.b.label) == ("行政复议案件", "行政复议案件")


# --------------------------------------------------------------------------- reading figures right


def test_respectively_lists_give_each_figure_its_own_label():
    ms = extract_metrics(report("一、产业\n现代服务业、专业服务业、文化产业分别实现增加值2703.3亿元、412.1亿元、368亿元。"))
    assert [m.label for m in ms] == ["现代服务业增加值", "专业服务业增加值", "文化产业增加值"]
    assert [m.value for m in ms] == pytest.approx([2703.3e8, 412.1e8, 368e8])


def test_units_are_kept_whole_and_changes_written_as_a_reader_writes_them():
    a = report("一、开放\n实际利用外资12.5亿美元,接待游客350万人次,地区生产总值3700亿元,城镇化率71.2%。")
    b = report("一、开放\n实际利用外资13亿美元,接待游客420万人次,地区生产总值4000亿元,城镇化率73.3%。")
    ms = {m.a.text: m for m in match_metrics(a, b, Alignment((), 0.0)) if m.a and m.b}
    assert (ms["12.5亿美元"].a.unit, ms["12.5亿美元"].a.scale) == ("美元", "亿")
    assert ms["12.5亿美元"].change == "+0.5亿美元"
    assert ms["350万人次"].change == "+70万人次"
    assert ms["3700亿元"].change == "+300亿元"
    assert ms["71.2%"].change == "+2.1个百分点"


def test_a_level_and_its_growth_have_different_labels():
    ms = extract_metrics(report("一、投资\n固定资产投资464.9亿元,增长24.1%。"))
    assert [m.label for m in ms] == ["固定资产投资", "固定资产投资增长"]


def test_labels_are_never_bare_verbs():
    ms = extract_metrics(report("一、复议\n共收到行政复议申请23件,已审结2件。"))
    assert [m.label for m in ms] == ["行政复议申请", "行政复议申请审结"]


def test_spaces_inside_figures_as_published():
    ms = extract_metrics(report("一、满意\n群众满意率97.3 %,培训2500 余人次。"))
    assert [(m.value, m.unit) for m in ms] == [(97.3, "%"), (2500, "人次")]


def test_a_change_inside_a_report_is_one_figure_paired_by_its_later_value():
    a = report("一、精简\n审批环节总数由2972个精简至2766个。")
    b = report("一、精简\n审批环节总数由2766个精简至2500个。")
    (m,) = [m for m in match_metrics(a, b, Alignment((), 0.0))]
    assert (m.a.was.value, m.a.value, m.b.was.value, m.b.value) == (2972, 2766, 2766, 2500)


# --------------------------------------------------------------------------- parameters and the large-report path


def _long_report():
    text = "\n".join(p.read_text(encoding="utf-8") for p in seed_paths())
    return report(text)


def test_large_report_shortlist_gives_the_same_pairs_as_scoring_every_pair():
    a = _long_report()
    b = report(seed_paths()[0].read_text(encoding="utf-8") + "\n" + seed_paths()[3].read_text(encoding="utf-8"))
    sa, sb = _side(a, DEFAULT_PARAMS), _side(b, DEFAULT_PARAMS)
    assert len(sa.metrics) > 300
    aligned = _aligned_section_pairs(a, b, Alignment((), 0.0))
    full = pair_figures(sa, sb, aligned, DEFAULT_PARAMS, full=True)
    short = pair_figures(sa, sb, aligned, DEFAULT_PARAMS, full=False)
    key = lambda ms: [(m.status, m.a and m.a.start, m.b and m.b.start) for m in ms]  # noqa: E731
    assert key(full) == key(short)


def test_min_score_is_a_boundary():
    a, b = "一、复议\n受理行政复议案件35件。", "一、复议\n受理行政复议案件52件。"
    assert pairs(a, b) == {("35件", "52件")}
    assert pairs(a, b, replace(DEFAULT_PARAMS, min_score=2.0)) == set()


# --------------------------------------------------------------------------- kinds and measure words


def test_the_general_classifier_pairs_only_the_same_counted_thing():
    assert pairs("一、改革\n落实285个“一件事一次办”事项。", "一、改革\n配置完成“一件事一次办”33项。") == {("285个", "33项")}
    assert pairs("一、服务\n梳理政务服务事项940项。", "一、服务\n整合政务服务部门40个。") == set()


def test_an_inserted_activity_makes_a_narrower_kind():
    a = "一、执法\n全区共有行政执法监督人员28名。"
    b = "一、执法\n全区共有行政执法人员274名。"
    assert pairs(a, b) == set()
    # an inserted holder does not: 政协委员提案 are the 政协提案
    assert pairs("一、监督\n办理政协委员提案136件。", "一、监督\n办理政协提案121件。") == {("136件", "121件")}


def test_who_issued_a_document_does_not_make_two_kinds_alike():
    a = "一、审查\n共审查政府合同文件56件。"
    b = "一、审查\n备案区政府行政规范性文件4件。"
    assert pairs(a, b) == set()


def test_people_in_different_roles_are_not_paired_on_the_head_alone():
    assert pairs("一、审核\n配备法制审核人员62名。", "一、执法\n共有行政执法人员274名。") == set()


def test_a_phrase_between_two_figures_names_the_second():
    ms = extract_metrics(report("一、监督\n2022年共办理人大代表建议12件政协提案4件，答复率100%。"))
    assert ms[0].label.endswith("人大代表建议") and ms[1].label == "政协提案"
    ms = extract_metrics(report("一、改革\n8个部门共3项职权调整。"))
    assert ms[0].label == "部门"


def test_deputies_suggestions_are_one_kind_however_the_body_is_named():
    from reportdiff.compare.metric_similarity import different_kinds, label_similarity

    assert not different_kinds("代表建议", "人大议案建议")
    assert label_similarity("代表建议", "人大议案建议") >= DEFAULT_PARAMS.min_label
    assert different_kinds("法律援助案件", "信访案件")


def test_a_verb_between_nouns_stays_in_the_counted_thing():
    ms = extract_metrics(report("一、改革\n梳理33项便民服务审批事项。"))
    assert ms[0].label == "便民服务审批事项"


def test_documents_counted_in_fen_pair_with_those_counted_in_jian():
    a = "一、规范性文件\n2025年,我局共制发行政规范性文件4件。"
    b = "一、规范性文件\n2025年,公布行政规范性文件7份。"
    assert pairs(a, b) == {("4件", "7份")}


def test_law_popularisation_is_publicity_education():
    from reportdiff.compare.metric_similarity import different_kinds

    assert not different_kinds("宣传活动", "系列普法活动")


def test_levels_of_government_do_not_make_two_counts_kinds_of_one_whole():
    a = "一、监督\n办理市、区人大代表建议138件、市、区政协提案126件。"
    b = "一、监督\n办理人大代表建议145件、政协提案132件。"
    assert ("126件", "132件") in pairs(a, b)


def test_publicity_activities_pair_with_law_popularisation_activities():
    a = "一、普法\n2018年,组织各类宣传活动50余次,宣传20000余人次。"
    b = "一、普法\n开展系列普法活动800余场次,受教育人群五万余人次。"
    assert ("50余次", "800余场次") in aligned_pairs(a, b)


def test_growth_after_a_bound_is_the_growth_of_the_level():
    ms = extract_metrics(report("一、经济\n地区生产总值4287.86亿元,稳居全市第二,3年突破两个千亿大关,增长11%。"))
    growth = next(m for m in ms if m.unit == "%")
    assert growth.label.startswith("地区生产总值") and growth.label.endswith("增长")


def test_a_growth_rate_beside_a_share_is_no_part_of_a_whole():
    a = "一、民生\n九大类重点民生领域支出255.5亿元,增长5.2%,占财政支出比重达75.9%。"
    b = "一、民生\n九大类民生领域支出289.7亿元,增长13.4%,金融业增加值占GDP比重达4.1%。"
    got = aligned_pairs(a, b)
    assert ("5.2%", "13.4%") in got and ("75.9%", "4.1%") not in got


def test_a_linking_verb_after_a_comma_takes_the_subject_before_it():
    ms = extract_metrics(report("一、港口\n盐田港集装箱吞吐量再创历史新高,达1416.1万标箱、增长6.1%。"))
    assert "集装箱吞吐量" in ms[0].label


def test_counted_things_alike_only_before_their_heads_are_different_kinds():
    from reportdiff.compare.metric_similarity import different_kinds

    assert different_kinds("市级以上创新载体", "市级以上专精特新企业")
    assert not different_kinds("行政复议", "行政复议案件")


def test_a_shared_leading_word_does_not_make_two_kinds_alike():
    from reportdiff.compare.metric_similarity import different_kinds

    assert different_kinds("行政许可事项", "行政执法事项")
    assert different_kinds("行政复议案件", "行政诉讼案件")
    assert not different_kinds("行政执法人员", "行政执法监督人员")  # a narrower kind, not another
    assert not different_kinds("行政规范性文件全面清理", "行政规范性文件全方位清理")  # one word reworded
    assert pairs("一、审批\n调整下放行政许可事项61项。", "一、执法\n公布了32936项行政执法事项。") == set()


# --------------------------------------------------------------------------- what is counted, read right


def test_an_action_in_brackets_beside_another_keeps_both_and_the_general_classifier_pairs():
    # 出台（修订）: issued or revised, so it meets 公布 (issued); 个 stands for 份 here, since
    # both count 规范性文件
    a = "一、文件\n出台（修订）规范性文件13个，依法公布并备案。"
    b = "一、文件\n公布行政规范性文件7份。"
    assert pairs(a, b) == {("13个", "7份")}


def test_a_rate_named_by_its_action_keeps_the_action():
    # 办结率 and 化解率 are rates of two different things, not a bare 率
    a = "一、信访\n信访事项化解率100%。"
    b = "一、投诉\n投诉办结率97.2%。"
    assert pairs(a, b) == set()


def test_the_reporting_bodys_own_place_is_not_part_of_the_counted_thing():
    a = report("君山片区2022年法治政府建设工作报告\n一、应诉\n办理君山片区各类行政复议案件28件。")
    side = _side(a, DEFAULT_PARAMS)
    assert side.labels == ["行政复议案件"]


def test_a_count_of_two_kinds_of_case_together_is_no_count_of_either():
    a = "一、复议\n本年度办理行政复议案件8件，行政应诉案件15件。"
    b = "一、复议\n外聘法律顾问共办理各类行政诉讼复议案件28件。"
    assert pairs(a, b) == set()
    both = "一、复议\n办理行政复议和行政诉讼案件30件。"
    assert pairs(both, b) == {("30件", "28件")}


def test_the_phase_of_a_works_is_no_count():
    from reportdiff.compare.metrics import extract_metrics

    texts = {m.text for m in extract_metrics(report("一、卫生\n区二院二期改造工程顺利完成,举办3期培训班,新设社康站5家。"))}
    assert texts == {"3期", "5家"}


def test_a_quoted_name_after_the_number_is_counted_whole_and_meets_its_longer_name():
    # 6场“福田表达”全国公开课…: the quote is one word, whatever verb it holds; “福田表达” is a part of
    # the programme the other year calls “课堂革命·福田表达”
    got = aligned_pairs("一、教育\n举办“课堂革命·福田表达”全国展示活动7场。", "一、教育\n开展6场“福田表达”全国公开课展示活动。")
    assert got == {("7场", "6场")}
    assert pairs("一、服务\n“网上办”事项284项。", "一、服务\n“一网通办”事项300项。") == set()
