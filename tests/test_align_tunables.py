"""One boundary test per tunable of the alignment: each flips behaviour exactly where it says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reportdiff.compare import align_units
from reportdiff.compare.align import ScoreModel, align, default_model, match_band, score_percent
from reportdiff.compare.align_features import ALL_PAIRS_MAX, CANDIDATES, PairFeatures, candidate_pairs, feature_table
from reportdiff.compare.match_confidence import LIKELY, STRONG
from reportdiff.compare.align_pairing import links_of
from reportdiff.compare.align_units import HEADING_MAX, OWN_TEXT_MIN, SMALL_SUBTREE, alignment_units
from reportdiff.compare.topic_centroids import MIN_REPORTS, fit_centroids
from reportdiff.compare.topics import MIN_SCORE, classify, keyword_score
from tests.test_align import TEXT, leaf, make_report


def _parent_with_own_text(n: int):
    own = ("依法行政" * 200)[:n]
    return make_report([
        ("一、", "主要工作", own, "heading", [leaf("（一）", "规范执法", "ENFORCE"), leaf("（二）", "加强普法", "EDU")]),
    ])


def test_own_text_min_decides_whether_a_parent_is_a_unit_besides_its_children():
    ids = lambda r: [u.id for u in alignment_units(r)]  # noqa: E731
    assert "s1" in ids(_parent_with_own_text(OWN_TEXT_MIN))
    assert "s1" not in ids(_parent_with_own_text(OWN_TEXT_MIN - 1))


def _parent_with_subtree(n: int):
    """A parent (no own text) whose two sub-topics make a subtree text of ``n`` characters."""
    for pad in range(400):
        body = ("执法" * 200)[:pad]
        r = make_report([("一、", "主要工作", "", "heading", [
            ("（一）", "规范执法", body, "heading", []), ("（二）", "加强普法", "普法", "heading", []),
        ])])
        s1 = r.section("s1")
        size = len(align_units.norm_text(r, s1.body_start, s1.end, 10**6))
        if size == n:
            return r
    raise AssertionError(n)


def test_small_subtree_keeps_a_short_section_whole():
    ids = lambda r: [u.id for u in alignment_units(r)]  # noqa: E731
    assert ids(_parent_with_subtree(SMALL_SUBTREE - 1))[-1] == "s1"
    assert "s1" not in ids(_parent_with_subtree(SMALL_SUBTREE))


def test_heading_max_cuts_an_overlong_heading():
    r = make_report([("一、", "执" * (HEADING_MAX + 50), TEXT["ENFORCE"], "heading", [])])
    assert len(align_units.heading_text(r, r.section("s1"))) == HEADING_MAX


def test_threshold_leaves_a_unit_unmatched_below_it():
    scores = {(0, 0): 0.5}
    assert links_of(scores, 0.5, 0.9) == {(0, 0)}
    assert links_of(scores, 0.5001, 0.9) == set()


def test_extra_threshold_adds_a_b_units_own_best_partner_from_it():
    scores = {(0, 0): 0.95, (0, 1): 0.9}  # B's unit 1 has A's unit 0 as its best
    assert links_of(scores, 0.5, 0.9) == {(0, 0), (0, 1)}
    assert links_of(scores, 0.5, 0.9001) == {(0, 0)}


def test_score_bands_and_percent():
    assert match_band(STRONG) == "strong" and match_band(STRONG - 1e-9) == "likely"
    assert match_band(LIKELY) == "likely" and match_band(LIKELY - 1e-9) == "weak"
    assert match_band(0.99, manual=True) == "manual"
    assert score_percent(0.9949) == 99 and score_percent(1.0) == 99 and score_percent(0.004) == 0


def test_calibration_is_monotone_and_clamped_to_its_knots():
    m = replace(default_model(), calibration=((0.2, 0.3), (0.8, 0.9)))
    assert m.calibrated(0.0) == 0.3 and m.calibrated(1.0) == 0.9
    assert m.calibrated(0.5) == pytest.approx(0.6)
    shipped = default_model()
    xs = [k / 100 for k in range(101)]
    ys = [shipped.calibrated(x) for x in xs]
    assert ys == sorted(ys) and max(ys) < 1.0


def test_all_pairs_max_switches_to_candidate_pairs():
    a = make_report([leaf(f"{n}、", h, t) for n, h, t in (("一", "规范执法", "ENFORCE"), ("二", "加强普法", "EDU"))])
    t = feature_table(a, a, all_pairs_max=4)
    assert len(t.features) == 4 + 2 * 0 or len(t.features) >= 4  # 2 x 2 body units + preamble
    n = len(t.a.units) * len(t.b.units)
    full = candidate_pairs(t.a, t.b, t.content, all_pairs_max=n)
    pruned = candidate_pairs(t.a, t.b, t.content, all_pairs_max=n - 1)
    assert full >= pruned and ALL_PAIRS_MAX > n and CANDIDATES > 0


def test_topic_min_score_names_no_topic_below_it():
    text = "普法"  # one keyword of weight 3 in the body of a short section
    s = keyword_score(text)["EDU"]
    assert classify("", text).topics == (() if s < MIN_SCORE else ("EDU",))
    assert classify("普法", "").topics == ("EDU",)  # in the heading it counts fourfold


def test_centroids_keep_only_terms_of_min_reports_reports():
    ex = [(f"r{k}", {"普法": 0.8, f"只此{k}": 0.6}, ["EDU"]) for k in range(MIN_REPORTS)]
    c = fit_centroids(ex)
    assert set(c.centroids["EDU"]) == {"普法"}
    c2 = fit_centroids(ex[: MIN_REPORTS - 1])
    assert "EDU" not in c2.centroids


def test_a_model_is_a_value_passed_to_align():
    a = make_report([leaf("一、", "规范执法", "ENFORCE"), leaf("二、", "加强普法", "EDU")])
    b = make_report([leaf("一、", "严格执法", "ENFORCE"), leaf("二、", "法治宣传", "EDU")])
    never = ScoreModel(topical={"bias": -30.0}, plain={"bias": -30.0}, threshold=0.5)
    assert all(p.b is None or p.a is None for p in align(a, b, model=never).pairs)
    assert any(p.a and p.b for p in align(a, b).pairs)
    assert PairFeatures({}, False).values == {}


def test_a_second_stage_weighs_pairs_against_their_rivals_and_parents():
    from reportdiff.compare.align_features import CONTEXT_FEATURES, context_features

    def kid(number, heading, topic):
        return (number, heading, TEXT[topic] * 2, "heading", [])

    a = make_report([
        ("一、", "工作情况", "", "heading", [kid("（一）", "规范执法", "ENFORCE"), kid("（二）", "加强普法", "EDU")]),
    ])
    b = make_report([
        ("一、", "主要做法", "", "heading", [kid("（一）", "严格执法", "ENFORCE"), kid("（二）", "法治宣传", "EDU")]),
    ])
    t = feature_table(a, b)
    first = {k: default_model().first(f) for k, f in t.features.items()}
    ctx = context_features(t, first)
    assert all(set(v) == set(CONTEXT_FEATURES) for v in ctx.values())
    ia = {u.id: k for k, u in enumerate(t.a.units)}
    ib = {u.id: k for k, u in enumerate(t.b.units)}
    enforce = ctx[(ia["s2"], ib["s2"])]
    assert enforce["siblings"] == 1.0 and enforce["parent_affinity"] > 0
    # a model that trusts only "is each side's best" pairs the two ENFORCE sections
    two = replace(default_model(), context={"bias": -2.0, "best_a": 2.5, "best_b": 2.5})
    pairs = {(p.a, p.b) for p in align(a, b, model=two).pairs}
    assert ("s2", "s2") in pairs and ("s3", "s3") in pairs


def _pair_reports():
    a = make_report([leaf("一、", "规范执法", "ENFORCE"), leaf("二、", "加强普法", "EDU")])
    b = make_report([leaf("一、", "严格执法", "ENFORCE"), leaf("二、", "法治宣传", "EDU")])
    return a, b


def test_content_rel_is_a_pairs_share_of_each_units_best_content():
    a, b = _pair_reports()
    t = feature_table(a, b)
    for (i, j), f in t.features.items():
        best_a = max(t.content.get((i, k), 0.0) for k in range(len(t.b.units)) if (i, k) in t.features)
        if best_a > 0:
            assert f.values["content_rel_a"] == pytest.approx(f.values["content"] / best_a)
            assert f.values["content_rel_a"] <= 1.0
    assert any(f.values["content_rel_a"] == 1.0 for f in t.features.values())


def test_same_body_is_read_from_the_reports_own_metadata():
    from reportdiff.compare.align_features import same_body
    from reportdiff.compare.model import ReportMeta

    a, b = _pair_reports()
    a = replace(a, meta=replace(a.meta, organization="某市 司法局"))
    b2 = replace(b, meta=ReportMeta(organization="某市司法局"))
    b3 = replace(b, meta=ReportMeta(organization="某县司法局"))
    assert same_body(a, b2) and not same_body(a, b3)
    assert not same_body(replace(a, meta=ReportMeta()), replace(b, meta=ReportMeta()))
    t = feature_table(a, b2)
    assert all(f.values["same_body"] == 1.0 for f in t.features.values())
    assert all(f.values["same_body_gap"] == f.values["order_gap"] for f in t.features.values())


def test_the_conditional_scorer_weighs_each_pair_against_its_rivals_and_no_partner():
    a, b = _pair_reports()
    t = feature_table(a, b)
    flat = {"bias": 0.0, "content": 5.0}
    logistic = replace(default_model(), conditional={}, mix=1.0)
    blended = replace(logistic, conditional={"topical": flat, "plain": flat, "none": {"bias": 0.0}}, mix=0.5)
    choice = blended.choice_probabilities(t.features)
    per_a: dict[int, float] = {}
    for (i, _), p in choice.items():
        per_a[i] = per_a.get(i, 0.0) + p
    assert all(0.0 < s < 1.0 for s in per_a.values())  # "no partner" keeps the rest
    raw_l, raw_b = logistic.raw_scores(t), blended.raw_scores(t)
    assert all(raw_b[k] == pytest.approx(raw_l[k] ** 0.5 * choice[k] ** 0.5) for k in raw_l)
    hopeless = replace(blended, conditional={**blended.conditional, "none": {"bias": 40.0}}, mix=0.0)
    assert all(p < 1e-6 for p in hopeless.raw_scores(t).values())


def test_a_model_round_trips_through_json_with_its_conditional_scorer():
    m = default_model()
    back = ScoreModel.from_json(m.to_json())
    assert back.conditional == m.conditional and back.mix == m.mix and back.threshold == m.threshold


def test_extra_links_are_read_on_the_extra_scores_when_given():
    pairing = {(0, 0): 0.7, (0, 1): 0.6}  # the blend shares A's unit 0 between two partners
    logistic = {(0, 0): 0.99, (0, 1): 0.99}
    assert links_of(pairing, 0.5, 0.9) == {(0, 0)}
    assert links_of(pairing, 0.5, 0.9, logistic) == {(0, 0), (0, 1)}
