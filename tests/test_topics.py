"""Classifying sections into the national outline's topics."""

from __future__ import annotations

import pytest

from reportdiff.compare.normalize import normalise
from reportdiff.compare.terms import content_terms, term_weights, tokens
from reportdiff.compare.topics import TOPIC_NAMES, classify, profiles


@pytest.mark.parametrize(
    "heading, code",
    [
        ("深入推进“放管服”改革", "FUNC"),
        ("持续优化法治化营商环境", "FUNC"),
        ("加强行政规范性文件备案审查", "RULES"),
        ("严格落实重大行政决策程序", "DECIS"),
        ("全面推行行政执法三项制度", "ENFORCE"),
        ("推进严格规范公正文明执法", "ENFORCE"),  # both outlines' chapter title for it
        ("完善突发事件应对制度", "EMERG"),
        ("提高行政复议和行政应诉水平", "DISPUTE"),
        ("认真办理人大代表建议和政协提案", "OVERSIGHT"),
        ("全面推进政务公开", "OPEN"),
        ("深入开展法治宣传教育", "EDU"),
        ("健全公共法律服务体系", "LEGALSVC"),
        ("压实法治建设第一责任人职责", "LEAD"),
    ],
)
def test_a_clear_heading_names_its_topic(heading, code):
    assert classify(heading, "").topics[0] == code


def test_a_slogan_heading_is_decided_by_the_text():
    body = "全年办理行政复议案件56件，行政机关负责人出庭应诉率100%，人民调解组织化解矛盾纠纷1200件。"
    assert classify("坚持多措并举，守住底线", body).topics == ("DISPUTE",)


def test_weak_evidence_names_no_topic():
    assert classify("城区面貌蝶变升级", "新建公园5个，改造道路20公里，完成旧村改造。").topics == ()


def test_problems_and_next_steps_come_from_the_kind_or_a_clear_heading():
    assert classify("存在一些薄弱环节", "执法力量不足。", kind="problems").topics == ("PROBLEMS",)
    assert classify("我区法治政府建设存在的问题与不足", "").topics == ("PROBLEMS",)
    assert classify("下一步工作打算", "").topics == ("NEXT",)
    # a 不足 inside an ordinary section does not make it a problems section
    assert "PROBLEMS" not in classify("规范执法", "行政执法人员力量不足，三项制度落实。").topics


def test_traditional_text_classifies_once_normalised():
    trad = normalise("深化法治宣傳，不斷提升普法質效", "traditional").text
    assert classify(trad, "").topics == ("EDU",)


def test_every_topic_has_a_name_and_profile():
    assert set(TOPIC_NAMES) == set(profiles())


def test_generic_words_weigh_little_and_segmentation_keeps_field_terms():
    docs = [content_terms("推进法治政府建设，加强行政复议工作"), content_terms("推进法治政府建设，深化普法工作")]
    w = term_weights(docs)
    assert w.weight("行政复议") > 3 * w.weight("法治")
    assert "双随机" in tokens("推行双随机一公开监管") and "行政执法" in tokens("规范行政执法行为")


def test_every_vocabulary_term_says_which_outline_chapter_it_comes_from():
    import json

    from reportdiff.compare.topics import VOCABULARY_FILE

    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    for code, topic in data["topics"].items():
        assert topic["chapters"], code
        for entry in topic["terms"]:
            assert entry["source"] in topic["chapters"], (code, entry)
            assert any(entry["source"].startswith(s) for s in data["sources"])
            assert entry["weight"] in (1, 2, 3)


def test_learned_centroids_name_no_place_and_say_how_they_were_fitted():
    from reportdiff.compare.terms import is_proper_name
    from reportdiff.compare.topic_centroids import default_centroids

    cents = default_centroids()
    assert cents is not None and cents.provenance.get("by")
    terms = {t for c in cents.centroids.values() for t in c}
    vocabulary = {t for words in profiles().values() for t in words}  # the outline prior
    assert terms and not [t for t in terms - vocabulary if is_proper_name(t)]
    assert set(cents.centroids) <= set(TOPIC_NAMES)
