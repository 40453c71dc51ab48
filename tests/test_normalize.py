"""The normalised-text contract and its offset map back to the original."""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.compare.normalize import detect_script, fold, normalise, to_simplified


def _check_origin(text, nt):
    origin = list(nt.origin)
    assert len(origin) == len(nt.text) + 1
    assert origin[-1] == len(text)
    assert all(a < b for a, b in zip(origin, origin[1:]))  # strictly increasing


def test_folds_width_punctuation_quotes_and_script():
    nt = normalise("（一）強化組織，高位推動：全年辦理１２件！「好」『佳』‘是’")
    assert nt.text == "(一)强化组织,高位推动:全年办理12件!“好”“佳”“是”"


def test_keeps_chinese_full_stops_enumeration_commas_and_book_marks():
    nt = normalise("落实《纲要》、“三项制度”。")
    assert nt.text == "落实《纲要》、“三项制度”。"


def test_white_space_runs_collapse_and_line_ends_unify():
    text = "\u3000\u3000一、总体情况  \r\n\r\n正文\t\xa0内容\r结束  "
    nt = normalise(text)
    assert nt.text == "一、总体情况\n\n正文 内容\n结束"
    _check_origin(text, nt)
    # the line break of "\r\n" maps to the "\r"; the collapsed space to the first blank
    assert text[nt.to_original(nt.text.index("\n"))] == "\r"
    assert text[nt.to_original(nt.text.index(" "))] == "\t"


def test_zero_width_characters_and_bom_are_dropped():
    text = "\ufeff法治\u200b政府\u200d建设"
    nt = normalise(text)
    assert nt.text == "法治政府建设"
    assert nt.span_to_original(2, 4) == (4, 6)  # 政府 in the original
    _check_origin(text, nt)


def test_span_maps_back_to_the_same_characters_in_traditional_text():
    text = "　　沅江市2023年法治政府建設工作報告，發布機構：沅江市司法局"
    nt = normalise(text)
    i = nt.text.index("发布机构")
    s, e = nt.span_to_original(i, i + 4)
    assert text[s:e] == "發布機構"
    assert nt.to_normalised(s) == i


def test_to_simplified_preserves_length_and_leaves_simplified_text_alone():
    seed = "2018年同江市政府在佳市市委、市政府的正确领导和统一部署下,显著著作乾隆"
    assert to_simplified(seed) == seed
    trad = "著作權瞭解於覆蓋臺灣，顯著提升，著力優化，存在著一些問題"
    out = to_simplified(trad)
    assert len(out) == len(trad)
    assert out == "著作权了解于覆盖台湾,显著提升,着力优化,存在着一些问题".replace(",", "，")


def test_fold_is_length_preserving():
    s = "ＡＢＣ１２３（）［］｛｝～＠＃　"
    assert len(fold(s)) == len(s)
    assert fold(s) == "ABC123()[]{}~@# "


def test_detect_script():
    assert detect_script("沅江市堅持以習近平新時代中國特色社會主義思想為指導") == "traditional"
    assert detect_script("沅江市坚持以习近平新时代中国特色社会主义思想为指导") == "simplified"
    assert detect_script("no Chinese at all") == "simplified"


def test_a_megabyte_normalises_well_under_a_second():
    text = ("　　（一）強化組織，高位推動。著力加強黨對法治建設工作的統一領導；\r\n" * 20000)[:1_000_000]
    t = time.perf_counter()
    nt = normalise(text)
    assert time.perf_counter() - t < 1.0
    assert len(nt.origin) == len(nt.text) + 1


_ALPHABET = st.sampled_from(
    list("法治政府建設报告一二三（）()，,。：:、“”‘’「」 \t\u3000\xa0\r\n\u200b\ufeff１２ab")
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=80))
def test_origin_is_monotone_and_maps_every_character_back(text):
    nt = normalise(text)
    _check_origin(text, nt)
    for i, ch in enumerate(nt.text):
        o = text[nt.to_original(i)]
        if ch == "\n":
            assert o in "\r\n"
        elif ch == " ":
            assert o.isspace()
        else:
            assert fold(to_simplified(o)) == ch
