"""Named initiatives: extraction, keys, generic titles and matching across reports."""

from __future__ import annotations

from reportdiff.compare.initiatives import extract_initiatives, generic_title, initiative_key, match_initiatives
from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure


def report(text: str):
    return parse_structure(load_text(text))


def by_key(text: str):
    return {i.key: i for i in extract_initiatives(report(text))}


def test_quoted_titles_and_mechanisms():
    found = by_key(
        "一、深化改革\n持续深化“放管服”改革,推行“最多跑一次”和“双随机、一公开”监管,"
        "落实《同江市法治政府建设实施方案》。全面推行行政执法三项制度,普遍建立法律顾问制度,"
        "落实首问负责制和河长制,完成七五普法验收。"
    )
    kinds = {k: i.kind for k, i in found.items()}
    assert kinds["放管服"] == "quoted"
    assert kinds["最多跑一次"] == "quoted"
    assert kinds["双随机一公开"] == "quoted"
    assert kinds["同江市法治政府建设实施方案"] == "title"
    # a mechanism's key drops its 制度 / 机制 suffix, so 法律顾问制度 meets 法律顾问机制
    for mech in ("行政执法三项制度", "法律顾问", "首问负责制", "河长制", "七五普法"):
        assert kinds.get(mech) == "mechanism", (mech, sorted(kinds))


def test_junk_is_filtered():
    found = by_key(
        "一、工作\n做到“好”与“快”,完善工作机制和长效机制,健全规章制度。"
        "提出“坚持以人民为中心的发展思想不断推进法治政府建设各项工作取得新成效”的要求,"
        "开展“12·4”国家宪法日活动。"
    )
    assert found == {}


def test_keys_fold_script_punctuation_and_spaces():
    assert initiative_key("雙隨機、一公開") == initiative_key("双随机一公开") == "双随机一公开"
    assert initiative_key("互联网 + 政务服务") == initiative_key("互聯網+政務服務")
    a = report("一、改革\n推進「放管服」改革,實行“雙隨機、一公開”。")
    b = report("一、改革\n深化“放管服”改革,实行“双随机一公开”。")
    diff = match_initiatives(a, b)
    assert {s.key for s in diff.shared} == {"放管服", "双随机一公开"}
    assert not diff.only_a and not diff.only_b
    shared = next(s for s in diff.shared if s.key == "放管服")
    assert shared.a.name == "「放管服」改革" and not shared.generic  # as written, with its head


def test_generic_title_strips_place_and_year():
    assert generic_title("同江市法治政府建设实施方案") == "法治政府建设实施方案"
    assert generic_title("2018年同江市法治建设年活动方案") == "法治建设年活动方案"
    assert generic_title("沅江市人民政府2023年普法与依法治理工作要点") == "普法与依法治理工作要点"
    assert generic_title("法治政府建设实施纲要") is None


def test_local_titles_are_shared_by_their_generic_form():
    a = report("一、规划\n印发《同江市法治政府建设实施方案》,落实《法治政府建设实施纲要》。")
    b = report("一、规划\n制定《沅江市法治政府建设实施方案》,对照《法治政府建设实施纲要》。")
    diff = match_initiatives(a, b)
    generic = [s for s in diff.shared if s.generic]
    assert len(generic) == 1
    g = generic[0]
    assert g.key == "法治政府建设实施方案"
    assert g.a.name == "同江市法治政府建设实施方案" and g.b.name == "沅江市法治政府建设实施方案"
    exact = [s for s in diff.shared if not s.generic]
    assert [s.key for s in exact] == ["法治政府建设实施纲要"]


def test_only_a_and_only_b():
    a = report("一、改革\n推行“最多跑一次”改革。")
    b = report("一、改革\n推行“一网通办”改革。")
    diff = match_initiatives(a, b)
    assert [i.key for i in diff.only_a] == ["最多跑一次"]
    assert [i.key for i in diff.only_b] == ["一网通办"]
    assert diff.shared == ()


def test_counts_sections_and_original_spelling_on_a_traditional_seed():
    path = next(p for p in seed_paths() if p.name.startswith("001"))
    r = parse_structure(load_report(path))
    found = {i.key: i for i in extract_initiatives(r)}
    fgf = found["放管服"]
    assert fgf.kind == "quoted" and fgf.count >= 2
    one = found["一件事一次办"]
    assert one.name == "一件事一次辦"  # shown as the report writes it
    assert one.sections and all(s in {x.id for x in r.sections} for s in one.sections)
    # every occurrence's section really contains the name
    for sid in one.sections:
        sec = r.section(sid)
        assert "一件事一次辦" in r.text[sec.start:sec.end]


def test_seeds_share_well_known_programmes():
    paths = sorted(seed_paths())
    reports = [parse_structure(load_report(p)) for p in paths]
    keys = [{i.key for i in extract_initiatives(r)} for r in reports]
    # “放管服” is in every seed but one; 七五普法 in two of them
    assert sum("放管服" in k for k in keys) >= 4
    assert sum("七五普法" in k for k in keys) >= 2
    for k in keys:
        assert all(2 <= len(x) for x in k)


def test_a_campaign_quoted_before_its_head_is_named_whole():
    found = by_key("一、党建\n深入开展“不忘初心、牢记使命”主题教育,扎实做好工作。")
    assert any(i.name == "“不忘初心、牢记使命”主题教育" for i in found.values()), sorted(found)


def test_a_quote_before_such_as_and_a_head_names_one_system():
    found = by_key("一、作风\n带头“行走盐田”,完善“两令两信一书一函”等工作机制,加快构建“5+3+1”现代产业体系。")
    names = {i.name for i in found.values()}
    assert "两令两信一书一函" in names, names
    assert "“5+3+1”现代产业体系" in names, names
    # a quoted list of phrases before 等 stays a slogan
    found = by_key("一、改革\n推行“减前置、减环节、减时间”等改革举措。")
    assert not any("减前置" in i.name for i in found.values())


def test_a_programme_the_other_report_quotes_word_for_word_is_shared():
    a = report("一、党建\n持续开展“大学习、深调研、真落实”活动,不断提升服务水平。")
    b = report("一、党建\n扎实做好“大学习、深调研、真落实”工作,围绕优化营商环境。")
    diff = match_initiatives(a, b)
    assert any(s.key == "大学习深调研真落实" and "“大学习、深调研、真落实”" in s.b.name for s in diff.shared)
    # a head word reached through 到 is no head: “两个维护”体现到具体行动 is a slogan
    assert not by_key("一、党建\n把“两个维护”体现到具体行动上。")


def test_national_study_campaigns_are_named_with_their_head():
    found = by_key("一、党建\n扎实开展“两学一做”学习教育,认真落实省委“1+1+9”具体部署。")
    names = {i.name for i in found.values()}
    assert "“两学一做”学习教育" in names and "“1+1+9”具体部署" in names, names


def test_an_enumeration_with_and_before_its_last_item_is_one_name():
    found = by_key("全面推行行政执法公示、全过程记录和重大执法决定法制审核等制度。")
    assert list(found) == ["行政执法三项制度"]
    assert found["行政执法三项制度"].name == "行政执法公示、全过程记录和重大执法决定法制审核等制度"


def test_a_reform_after_two_verbs_is_named_without_them():
    found = by_key("巩固拓展行政复议体制改革成果。")
    assert [i.name for i in found.values()] == ["行政复议体制改革"]


def test_short_and_full_names_of_national_documents_meet():
    a = report("一、学习\n认真学习《党章》，落实领导干部学法用法制度，制定《君山片区开展法治宣传的第八个五年规划（2021-2025）》。")
    b = report("一、学习\n学习《中国共产党章程》，健全领导干部学法制度，推进“八五”普法。")
    shared = {s.a.key for s in match_initiatives(a, b).shared}
    assert {"中国共产党章程", "领导干部学法用法", "八五普法"} <= shared


def test_quoted_names_side_by_side_share_the_head_after_the_last():
    # sentences written for this test in the style of the work reports
    names = {i.name for i in by_key("一、改革\n深化“秒审”“秒付”和“信用审批”改革,优化营商环境。").values()}
    assert {"秒审", "秒付", "“信用审批”改革"} <= names, names
    names = {i.name for i in by_key("一、作风\n坚持“走村入户”“挂图作战”等工作机制,提升效能。").values()}
    assert {"走村入户", "挂图作战"} <= names, names
    # quotes side by side with no head after them are emphasis
    names = {i.name for i in by_key("一、作风\n做到“快”“准”“实”,提升效能。").values()}
    assert not names & {"快", "准", "实"}, names


def test_a_quoted_five_year_plan_is_a_programme():
    names = {i.name for i in by_key("一、规划\n科学编制“十四五”规划,总结“十三五”期间成效。").values()}
    assert {"“十四五”规划", "十三五"} <= names, names


def test_a_system_is_a_platform_head():
    # 系统 names a platform after a quoted name, as 平台 does; unquoted, a 系统 is mostly a sector
    names = {i.name for i in by_key("一、服务\n上线“惠企通”“智慧办”等智慧服务系统,建设“一企一档”企业动态信息系统。").values()}
    assert {"惠企通", "智慧办", "“一企一档”企业动态信息系统"} <= names, names
    assert not by_key("一、队伍\n全市政法系统干部参加培训。")


def test_a_quoted_programme_the_other_report_writes_without_quotes_is_shared():
    a = report("一、信访\n领导班子共开展“四门四访”44批次,“领导接访日”制度定期开展。")
    b = report("一、信访\n积极开展四门四访活动,落实每月领导接访日接访工作。")
    keys = {s.key for s in match_initiatives(a, b).shared}
    assert {"四门四访", "领导接访日"} <= keys, keys
    # a short quoted name is a word the other report may use of something else
    a = report("一、执法\n依法整治“两违”,开展“两违”巡查。")
    b = report("一、执法\n查处两违建筑3处。")
    assert not match_initiatives(a, b).shared


def test_a_zone_is_named_by_the_noun_phrase_before_its_head():
    # zones the national documents set up by name, after a leading verb; not a clause before 合作区
    names = {i.name for i in by_key(
        "一、发展\n高标准建设国家产城融合示范区,深度服务粤港澳大湾区,打造前海深港现代服务业合作区,"
        "建设和谐劳动关系综合试验区。").values()}
    assert {"国家产城融合示范区", "粤港澳大湾区", "前海深港现代服务业合作区", "和谐劳动关系综合试验区"} <= names, names
    assert not by_key("一、发展\n各方支持高水平建设合作区,推动项目纳入大湾区。")


def test_the_national_responsibility_system_for_clean_government_is_a_programme():
    # sentences written for this test in the style of the work reports
    a = report("一、廉政\n认真落实党风廉政建设主体责任，持续加强作风建设。")
    b = report("一、廉政\n我们认真履行党风廉政建设主体责任，严格落实党风廉政建设责任制。")
    assert "党风廉政建设主体责任" in {i.name for i in extract_initiatives(a)}
    assert {"党风廉政建设主体责任", "党风廉政建设责任制"} <= {i.name for i in extract_initiatives(b)}
    assert "党风廉政建设主体责任" in {s.a.name for s in match_initiatives(a, b).shared}


def test_a_head_that_starts_a_longer_word_names_nothing():
    # sentences written for this test in the style of the work reports
    names = {i.name for i in extract_initiatives(report(
        "一、开放\n高标准推进国际交流中心、改革开放展览馆建设，坚持与时俱进、改革创新，推动民营企业改革发展。"))}
    assert not any("改革" in n for n in names), names


def test_a_batch_of_platforms_is_no_name_and_the_verb_build_is_no_part_of_one():
    # 建设 is the verb before a platform's name, but part of the noun 建设工程
    names = {i.name for i in extract_initiatives(report(
        "一、平台\n建设一批开放式观景平台，建设综合监管信息平台，推进建设工程施工图联合审查改革。"))}
    assert "综合监管信息平台" in names, names
    assert not any("一批" in n or n.startswith("建设综合") for n in names), names
