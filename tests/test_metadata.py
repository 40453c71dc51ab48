"""What a report says about itself: title, government, year reported on, dates, addressee, signature."""

from pathlib import Path

import pytest

from reportdiff.compare.load import load_report, load_text
from reportdiff.compare.model import ReportMeta
from reportdiff.compare.seeds import seed_paths

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SEEDS = {p.name[:3]: p for p in seed_paths()}

EXPECTED = {
    "000": ReportMeta(
        title="同江市人民政府关于2018年法治政府建设情况的年度报告",
        organization="同江市人民政府",
        year=2018,
        published="2019-02-01",  # no page date: the date under the signature
        addressee="市政府",
        signature="同江市人民政府",
    ),
    "001": ReportMeta(
        title="沅江市2023年法治政府建設工作報告",  # the report's own (traditional) script
        organization="沅江市司法局",  # its publisher: the text never names 沅江市人民政府
        year=2023,
        published="2024-02-28",
    ),
    "002": ReportMeta(
        title="江都区政府关于2020年和五年来法治政府建设工作报告",
        organization="扬州市江都区人民政府",
        year=2020,
        period="2020年和五年来",
        published="2021-01-18",  # the page's date; the damaged "202117" is not used
        addressee="扬州市人民政府",
        signature="扬州市江都区人民政府",
    ),
    "003": ReportMeta(
        title="2017年度法治政府建设工作报告",
        organization="衡水市人民政府",
        year=2017,  # published in 2018
        published="2018-01-30",
        signature="衡水市人民政府",
    ),
    "004": ReportMeta(
        title=None,
        organization="顺河回族区人民政府",
        year=2022,
        published="2023-01-12",
        signature="中共顺河回族区委 顺河回族区人民政府",
    ),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_seed_metadata(key):
    assert load_report(SEEDS[key]).meta == EXPECTED[key]


@pytest.mark.parametrize(
    "name, organization, year",
    [
        ("yantian_workreport_2023.txt", "盐田区人民政府", 2022),
        ("yantian_workreport_2024.txt", "盐田区人民政府", 2023),
        ("futian_workreport_2019.txt", "福田区人民政府", 2018),
        ("futian_workreport_2020.txt", "福田区人民政府", 2019),
    ],
)
def test_work_report_reviews_the_year_before_the_congress(name, organization, year):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("shared samples not available")
    meta = load_report(path).meta
    assert (meta.organization, meta.year, meta.addressee) == (organization, year, "各位代表")
    assert meta.title is None and meta.published is None


def test_work_report_title_without_review_heading_means_the_year_before():
    meta = load_text("某区2024年政府工作报告\n各位代表：\n过去一年，我们坚持稳中求进。\n").meta
    assert meta.year == 2023
    assert meta.organization == "某区人民政府"


def test_range_period_in_title():
    meta = load_text("某市法治政府建设2016-2020年工作总结\n五年来，全市依法行政水平明显提升。\n").meta
    assert (meta.year, meta.period) == (2020, "2016-2020年")


def test_publication_year_minus_one_is_the_last_resort():
    meta = load_text("发布日期：2022-03-01\n全市法治政府建设稳步推进，取得明显成效。\n").meta
    assert meta.published == "2022-03-01"
    assert meta.year == 2021


def test_damaged_or_impossible_dates_are_not_guessed():
    text = "某县人民政府关于法治政府建设情况的报告\n正文内容很多很多。\n某县人民政府\n2021年13月45日\n"
    meta = load_text(text).meta
    assert meta.published is None
    assert meta.signature == "某县人民政府"


def test_chinese_numeral_date_under_signature():
    text = "某县2019年法治政府建设情况报告\n正文内容。全年办理案件12件。\n某县人民政府\n二〇二〇年一月十五日\n"
    meta = load_text(text).meta
    assert meta.published == "2020-01-15"
    assert meta.year == 2019
    assert meta.organization == "某县人民政府"


def test_department_publisher_is_the_organization():
    text = "发布机构：某某市司法局 发布日期：2023-02-01\n全市法治政府建设稳步推进，取得明显成效。\n"
    assert load_text(text).meta.organization == "某某市司法局"


def test_no_metadata_at_all():
    meta = load_text("正文一。\n正文二。\n").meta
    assert meta == ReportMeta()


def test_derived_government_keeps_the_reports_script():
    meta = load_text("臺北縣2019年法治政府建設工作報告\n全縣法治政府建設穩步推進。\n").meta
    assert meta.organization == "臺北縣"  # the place as written: no government is named
    assert meta.title == "臺北縣2019年法治政府建設工作報告"


def test_month_only_publication_date():
    meta = load_text("发布日期：2021年3月\n全市法治政府建设稳步推进，取得明显成效。\n").meta
    assert meta.published == "2021-03"
    assert meta.year == 2020


DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset" / "reports"


@pytest.mark.parametrize(
    "name, organization, published",
    [
        # a long index line (发文机关 … 来源 … 时间) that was not set aside as page chrome
        ("101_pingtan_caizhengjinrongju_2022.txt", "平潭综合实验区财政金融局", "2023-04-13"),
        # only a "来源： … 时间： …" line: the department and the date come from it
        ("102_pingtan_ziranziyuanju_2023.txt", "平潭综合实验区自然资源与生态环境局", "2025-11-14"),
        # a 管理局's report whose title names only its area: never "苏平片区人民政府"
        ("104_pingtan_supingpianqu_2022.txt", "平潭综合实验区苏平片区管理局", "2023-03-30"),
        # signed by the 管理局 itself
        ("105_pingtan_supingpianqu_2023.txt", "平潭综合实验区苏平片区管理局", "2023-12-21"),
    ],
)
def test_organization_is_what_the_report_says(name, organization, published):
    path = DEVSET / name
    if not path.exists():
        pytest.skip("devset not available")
    meta = load_report(path).meta
    assert (meta.organization, meta.published) == (organization, published)
    assert organization in load_report(path).text


def test_signing_department_is_the_organization():
    text = "关于2023年法治政府建设情况的报告\n全市中医药系统法治建设稳步推进。\n某市中医药管理局\n2024年1月10日\n"
    meta = load_text(text).meta
    assert meta.organization == "某市中医药管理局"
    assert meta.published == "2024-01-10"


def test_source_field_names_the_department_and_time_the_date():
    text = "来源：某区社会事业局 时间：2023-02-15 10:20\n某区2022年法治政府建设工作报告\n2022年，我局依法行政工作稳步推进。\n"
    meta = load_text(text).meta
    assert (meta.organization, meta.published, meta.year) == ("某区社会事业局", "2023-02-15", 2022)
