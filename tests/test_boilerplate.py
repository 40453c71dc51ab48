"""Page chrome is set aside; report text, however it mentions 政务公开 or 主办, is kept."""

import json
import re
from pathlib import Path

import pytest

from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.seeds import seed_paths

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gold_topics.json"
SEEDS = {p.name: p for p in seed_paths()}
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+[.、])")

# Chrome every seed page shows, as the normalised text of the whole line.
EXPECTED_CHROME = {
    "000": ["中国政府网要闻 黑龙江政府网要闻", "当前位置:首页>通知公告", "信息类别:[通知公告] 点击次数:[7960]"],
    "001": ["扫一扫在手机打开当前页", "【打印本页】", "【关闭窗口】"],
    "002": [
        "您当前所在位置: 首页 > 政府信息公开 > 信息公开目录 > 政府文件",
        "索引号: XXZX_JD-2021-008 文件编号:",
        "生成日期: 公开日期: 2021-01-18",
        "时效:",
        "来源:江都区人民政府办公室 发布日期: 2021-01-18 访问量:",
    ],
    "003": [
        "新闻 信息公开 智能办事",
        "2018年1月30日 08:25:30 来源:政府公告 政府公告",
        "联系我们",
        "主办:衡水市人民政府 承办:衡水市人民政府办公室",
        "冀ICP备05018304号-1",
    ],
    "004": ["信息来源:区司法局 日期:2023-01-12"],
}


def _seed(prefix):
    return load_report(next(p for name, p in SEEDS.items() if name.startswith(prefix)))


@pytest.mark.parametrize("prefix", sorted(EXPECTED_CHROME))
def test_seed_chrome_is_boilerplate(prefix):
    r = _seed(prefix)
    chrome = {ln.norm for ln in r.boilerplate}
    for line in EXPECTED_CHROME[prefix]:
        assert line in chrome
    content = "\n".join(ln.norm for ln in r.lines)
    for marker in ("索引号", "打印本页", "关闭窗口", "联系我们", "ICP备", "当前位置", "点击次数", "扫一扫"):
        assert marker not in content


@pytest.mark.parametrize("prefix", sorted(EXPECTED_CHROME))
def test_no_numbered_heading_or_sentence_is_boilerplate(prefix):
    r = _seed(prefix)
    for ln in r.boilerplate:
        assert not NUMBERED.match(ln.norm), ln.text
        assert "。" not in ln.norm, ln.text


def test_gold_headings_stay_in_content():
    if not GOLD.exists():
        pytest.skip("gold labels not available")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for name, labelled in gold.items():
        if name.startswith("_"):
            continue
        r = load_report(SEEDS[name])
        content = [ln.norm for ln in r.lines]
        for heading, _topics in labelled:
            assert any(heading in n for n in content), (name, heading)


def test_signature_and_date_are_kept():
    r = _seed("004")
    assert [ln.text for ln in r.lines[-2:]] == ["中共顺河回族区委 顺河回族区人民政府", "2023年1月3日"]
    r = _seed("003")
    assert [ln.text for ln in r.lines[-2:]] == ["衡水市人民政府", "2018年1月18日"]


def test_repeated_page_heading_above_the_report_is_set_aside_once():
    r = _seed("003")
    heads = [ln.text for ln in r.lines[:3]]
    assert heads == ["2017年度法治政府建设工作报告", "衡水市人民政府", "2017法治政府建设工作报告"]
    assert r.boilerplate[0].text == "衡水市人民政府"


CRAFTED_TEXT_PAGE = """\
首页 机构概况 政务公开 办事服务 互动交流
您的位置：首页 > 政务公开 > 法治政府建设
某区人民政府2021年度法治政府建设情况报告
发布时间：2022-02-10 09:30   浏览次数：356   字号：[ 大 中 小 ]
一、加强组织领导
区政府主办了法治政府建设推进会，推动政务公开标准化，全年召开专题会议6次。
政务公开 法治宣传
二、下一步工作
继续推进严格规范公正文明执法。
某区人民政府
2022年1月28日
【打印本页】 【关闭窗口】 【返回顶部】
上一篇：某区2020年法治政府建设情况报告
扫一扫在手机打开当前页
网站地图 | 联系我们 | 关于我们
主办单位：某区人民政府办公室  技术支持：某某科技有限公司
版权所有 © 某区人民政府  京ICP备00000000号  京公网安备 11000000000000号
地址：某区某路1号  联系电话：010-00000000
"""


def test_crafted_text_page():
    r = load_text(CRAFTED_TEXT_PAGE)
    assert [ln.text for ln in r.lines] == [
        "某区人民政府2021年度法治政府建设情况报告",
        "一、加强组织领导",
        "区政府主办了法治政府建设推进会，推动政务公开标准化，全年召开专题会议6次。",
        "政务公开 法治宣传",  # a two-word line inside the report is not a menu
        "二、下一步工作",
        "继续推进严格规范公正文明执法。",
        "某区人民政府",
        "2022年1月28日",
    ]
    assert len(r.boilerplate) == 10
    assert r.meta.published == "2022-02-10"
    assert r.meta.year == 2021
    assert r.meta.signature == "某区人民政府"


def test_body_sentences_mentioning_chrome_words_stay():
    text = (
        "2022年，全区法治政府建设取得新进展。\n"
        "一、推进政务公开\n"
        "由区司法局主办、各街道承办的法治讲座共12场。\n"
        "来源于群众的意见建议全部办结。\n"
        "联系我们的企业和群众，提出意见建议共56条，均已答复。\n"
        "二、下一步打算\n"
        "加强版权所有人合法权益保护。\n"
    )
    r = load_text(text)
    assert r.boilerplate == ()
    assert len(r.lines) == 7


def test_latin_phrase_is_not_a_menu():
    r = load_text("Annual report\nThe rule of law\nMore text here")
    assert r.boilerplate == ()


def test_short_report_lines_that_share_words_with_footers_stay():
    text = (
        "某区2023年政府工作报告\n"
        "区长 张三\n"
        "各位代表：\n"
        "一、2023年工作回顾\n"
        "（一）强化监督管理：建立健全长效机制\n"
        "（二）政务微博建设\n"
        "联系我们的群众\n"
        "全年办理群众来信来访1200件。\n"
        "网站地图 | 联系我们\n"
    )
    r = load_text(text)
    assert [ln.text for ln in r.boilerplate] == ["网站地图 | 联系我们"]
