"""What an initiative is, and when two reports share one: small crafted reports for each kind
of error (emphasis taken as a programme, fragments, bare generic mechanisms, missed unquoted
names, the same thing worded twice, generic local documents)."""

from __future__ import annotations

from reportdiff.compare.initiatives import document_key, extract_initiatives, match_initiatives
from reportdiff.compare.load import load_text
from reportdiff.compare.structure import parse_structure


def report(text: str):
    return parse_structure(load_text(text))


def keys(text: str) -> set[str]:
    return {i.key for i in extract_initiatives(report(text))}


def test_emphasis_quotes_are_not_programmes():
    text = ("一、队伍\n发挥领导干部“关键少数”示范引领作用,筑牢“第一道防线”,实行“一对一”帮扶,"
            "做到“立改废”并举,实现执法监督“全覆盖”,坚持“集体领导、民主集中、个别酝酿、会议决定”的要求。")
    assert keys(text) == set()


def test_fragments_and_bare_generic_mechanisms_are_not_initiatives():
    text = "一、制度\n确保相关制度落实,推动制度创新,健全协作机制,完善问责机制,落实3项决策制度,建立动态监管机制。"
    assert keys(text) == set()


def test_bare_generic_mechanisms_are_not_shared():
    a = report("一、机制\n建立协作机制和联动机制。")
    b = report("一、机制\n健全协作机制,完善联动机制。")
    assert match_initiatives(a, b).shared == ()


def test_unquoted_named_mechanisms_and_programmes_are_found():
    found = keys("一、营商\n严格落实公平竞争审查制度,常态化开展扫黑除恶,推行证明事项告知承诺制,"
                 "深化行政复议体制改革,学习宪法、民法典、安全生产法等法律法规。")
    assert {"公平竞争审查", "扫黑除恶", "告知承诺制", "行政复议体制", "宪法", "民法典", "安全生产法"} <= found


def test_observances_dates_and_videos_are_not_initiatives():
    text = "一、普法\n开展“12·4”国家宪法日、“宪法宣传周”、“4.15国家安全教育日”活动,拍摄《“帮信”也是罪》等普法短视频。"
    assert keys(text) == set()


def test_quoted_names_with_their_head_and_qualifier():
    found = keys("一、改革\n深化“放管服”改革,组建“蒲公英”普法志愿者队伍,严格落实行政执法“三项制度”,"
                 "推行投资项目“模拟审批制”,开展“四门四访”。")
    # a quoted name is keyed by its quote, whatever head says its kind or qualifier says its field
    # (“蒲公英”普法志愿者队伍 and “蒲公英”志愿者 are one brand); its wording keeps both
    assert {"放管服", "蒲公英", "行政执法三项制度", "模拟审批制", "四门四访"} <= found
    names = {i.key: i.name for i in extract_initiatives(report("一、普法\n组建“蒲公英”普法志愿者队伍。"))}
    assert names == {"蒲公英": "“蒲公英”普法志愿者队伍"}


def test_quoted_service_modes_in_a_clause_on_service_items():
    found = keys("一、政务服务\n全区98项政务服务事项实现“零跑腿”,行政许可事项的“即办件”和“全程网办”占比均达到100%,"
                 "整合为“单一窗口”办理。")
    assert {"零跑腿", "即办件", "全程网办", "单一窗口"} <= found


def test_aims_outcomes_and_ordinary_words_near_service_items_are_not_modes():
    # an aim without a service word, an ordinary word, a count, a principle, an outcome
    text = ("一、政务服务\n政务服务事项实现“全覆盖”,审批服务“一站式”办理,审批事项实行“三统一”,"
            "按照“应进必进”原则推动事项入驻,行政复议案件实现“案结事了”,增设2个“综合受理”服务窗口。")
    assert keys(text) == set()


def test_weak_heads_name_coined_quotes_only():
    found = keys("一、经济\n出台“双12条”措施,推出“一揽子”措施稳增长,做好“三防”工作,实施“走出去”战略,"
                 "抓住“双区”驱动等重大战略机遇。")
    assert {"双12条", "走出去"} <= found
    assert not {"一揽子", "三防", "双区"} & found


def test_one_quote_under_two_heads_is_shared():
    shared = _shared("一、产业\n首个“工业上楼”试点项目开工建设。", "一、产业\n“工业上楼”项目首开区竣工验收。")
    assert set(shared) == {"工业上楼"}


def test_quoted_items_of_a_list_share_the_head_after_it():
    found = keys("一、改革\n着力推进“3550”、“不见面审批”、相对集中行政许可权、乡镇“三整合”等改革。")
    assert {"3550", "不见面审批", "三整合"} <= found


def test_stages_of_a_national_reform_named_by_their_count():
    found = keys("一、商事\n在全国率先实行“一照通”,由“六证合一”实现了“二十三证合一”。")
    assert {"六证合一", "二十三证合一"} <= found


def test_online_service_platforms_with_their_place():
    found = keys("一、政务服务\n在福建省网上办事大厅发布办事指南,收费标准在江苏政务服务网上公示,推进网上政务服务大厅建设。")
    assert {"福建省网上办事大厅", "江苏政务服务网", "网上政务服务大厅"} <= found


def test_reform_and_system_names_with_a_field_or_a_verb_inside():
    found = keys("一、改革\n推进区域评估改革、建设工程施工图联合审查改革,加快国企改革步伐,"
                 "落实发文目录月报送动态监管制度,严格实行行政执法人员持证上岗和资格管理制度。")
    assert {"区域评估", "建设工程施工图联合审查", "国企", "发文目录月报送动态监管",
            "行政执法人员持证上岗和资格管理制度"} <= found


def test_counts_of_platforms_and_clauses_are_not_mechanisms():
    text = "一、纠纷化解形成新制度\n加快实体、网络、热线三大平台融合发展步伐。"
    assert keys(text) == set()


def _shared(a_text: str, b_text: str):
    diff = match_initiatives(report(a_text), report(b_text))
    return {s.key: s for s in diff.shared}


def test_the_same_thing_worded_twice_is_shared_with_both_wordings_kept():
    shared = _shared(
        "一、甲\n落实公平竞争审查制度。严格落实党政主要负责人履行推进法治建设第一责任人职责。"
        "落实行政规范性文件备案审查制度。学习《信访工作条例（修订）》。实行“双随机、一公开”监管。",
        "一、乙\n健全公平竞争审查机制。落实法治建设第一责任人制度。"
        "落实规范性文件备案审查制度。学习《信访工作条例》。推进双随机一公开。",
    )
    assert {"公平竞争审查", "法治建设第一责任人", "规范性文件备案审查", "信访工作条例", "双随机一公开"} <= set(shared)
    s = shared["公平竞争审查"]
    assert s.a.name == "公平竞争审查制度" and s.b.name == "公平竞争审查机制"


def test_traditional_and_simplified_meet():
    shared = _shared("一、甲\n推行“一件事一次辦”。", "一、乙\n推行“一件事一次办”。")
    assert set(shared) == {"一件事一次办"}


def test_generic_local_documents_are_shared_only_as_generic():
    diff = match_initiatives(report("一、甲\n制定《同江市2023年普法工作要点》。"),
                             report("一、乙\n印发《沅江市2023年普法工作要点》。"))
    assert len(diff.shared) == 1 and diff.shared[0].generic


def test_document_keys_drop_wrappers_and_tails():
    assert document_key("中华人民共和国宪法") == "宪法"
    assert document_key("信访工作条例（修订）") == document_key("信访工作条例")
    assert document_key("关于印发〈行政执法领域突出问题专项整治工作实施方案〉的通知") == "行政执法领域突出问题专项整治工作实施方案"


def test_a_named_system_ending_like_an_observance_is_a_name():
    # 领导接访日 ends like 国家宪法日, but “…”制度 makes it a system; the observance stays out
    found = keys("一、信访\n“领导接访日”制度定期开展,组织开展“4.15国家安全教育日”活动。")
    assert found == {"领导接访日"}


def test_enumerated_names_meet_in_any_order_and_across_de():
    a = report("一、改革\n深入推进“一网、一门、一次”改革。")
    b = report("一、改革\n落實“一門、一網、一次”的改革要求。")
    shared = match_initiatives(a, b).shared
    assert len(shared) == 1 and shared[0].b.name == "“一門、一網、一次”的改革"


def test_two_words_joined_before_one_head_are_one_name():
    found = keys("一、监督\n认真执行报告工作制度,接受询问和质询制度,完善监督和管理制度。")
    assert "询问和质询" in found
    assert not any("管理" in k for k in found)  # 监督 / 管理 are generic on both sides


def test_two_quoted_names_share_the_head_after_the_second():
    assert {"红黄牌", "好差评"} <= keys("一、效能\n進一步加強“紅黃牌”和“好差評”制度建設。")


def test_a_quote_that_names_its_own_kind_is_kept_before_yao_qiu():
    assert "规范涉企行政执法专项行动" in keys("一、执法\n紧扣“规范涉企行政执法专项行动”要求,深入自查自纠。")


def test_a_declared_abbreviation_is_the_same_initiative():
    found = extract_initiatives(report("一、执法\n依托省一体化大融合行政执法平台（简称“闽执法”平台）开展执法。"))
    assert len(found) == 1 and "省一体化大融合行政执法平台" in found[0].names


def test_self_reference_and_clauses_are_not_part_of_a_name():
    found = keys("一、清单\n持续完善本单位权责事项动态调整机制,我局所有行政执法活动均纳入平台运行。")
    assert found == {"权责事项动态调整"}


def test_national_programmes_named_without_quotes_and_plans_named_by_their_kind():
    found = keys("一、廉政\n出台落实中央八项规定精神实施方案,机构改革圆满完成,“馨援计划”在线管理系统正式启用。")
    assert {"中央八项规定", "机构改革", "馨援计划"} <= found


def test_the_stock_phrase_of_key_fields_is_no_name():
    assert keys("一、廉政\n持续加强扶贫、采购、工程等重点领域和关键环节制度建设。") == set()


def test_a_bare_head_joined_by_he_is_no_name():
    assert keys("一、应诉\n完善行政应诉工作程序和制度,防止因应诉不当导致败诉。") == set()


def test_the_national_wording_of_a_system_meets_its_short_name():
    a = report("一、证明\n注重证明事项清理工作,推进证明事项告知承诺制。")
    b = report("一、证明\n全面推行告知承诺制。")
    (shared,) = match_initiatives(a, b).shared
    assert shared.a.name == "证明事项告知承诺制" and shared.b.name == "告知承诺制"


def test_another_responsibility_system_is_not_folded_into_a_longer_alias():
    found = keys("一、普法\n落实“谁执法谁普法”“谁服务谁普法”责任制,落实普法责任制。")
    assert "谁执法谁普法" in found and any(k.startswith("谁服务谁普法") for k in found)


def test_a_quoted_field_of_internet_plus_is_a_programme():
    found = keys("一、普法\n运用“互联网+法治宣传”模式,实现普法“全覆盖”。")
    assert found == {"互联网+法治宣传"}


def test_a_campaign_named_by_the_practice_it_acts_against():
    assert keys("一、信访\n开展越级进京访专项整治,化解重点信访积案。") == {"越级进京访专项整治"}
    assert keys("一、执法\n深入开展打击整治专项行动。") == set()


def test_a_year_named_for_a_campaign_is_one_but_a_date_is_not():
    found = keys("一、作风\n落实中央“基层减负年”要求,庆祝“建党一百年”,迎接“2023年”。")
    assert found == {"基层减负年"}


def test_a_short_name_and_the_body_it_belongs_to_do_not_split_one_system():
    # “三项制度” alone is the national 行政执法三项制度; 党政机关 / 政府 say whose 法律顾问制度 it is
    shared = _shared("一、执法\n全面推进行政执法“三项制度”,落实党政机关法律顾问制度。",
                     "一、执法\n三项制度建设已经落地生根,落实政府法律顾问制度。")
    assert set(shared) == {"行政执法三项制度", "法律顾问"}


def test_a_quantifier_is_no_part_of_a_platforms_name():
    assert all(not k.startswith("种") for k in keys("一、公开\n决策草案通过各种融媒体平台向居民公开。"))


def test_innovation_awards_dramas_and_building_verbs_are_no_part_of_a_name():
    text = ("一、文化\n教育实践获评第六届地方教育制度创新奖优胜奖,广播剧《冰山上的新来客》获奖,"
            "协助企业搭建产销对接平台,打赢脱贫攻坚战。")
    found = keys(text)
    assert "脱贫攻坚" in found
    assert not any("制度" in k or "冰山" in k or "搭建" in k for k in found)
    # but the innovation of a named mechanism still names it
    assert "行政效能综合监督" in keys("一、效能\n一是推动行政效能综合监督机制创新。")


def test_a_quote_after_its_field_is_keyed_by_the_quote():
    shared = _shared("一、教育\n创新实施学位供给“双十工程”。", "一、教育\n推进“双十工程”。")
    assert len(shared) == 1 and "双十" in next(iter(shared))
