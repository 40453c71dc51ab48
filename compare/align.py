"""Aligning the sections of two reports: which sections of B talk about what a section of A does.

Units. The aligner pairs the units a reader compares, not every outline node:

* a section without children, or whose children are only list items (一是, 1., （1）, or
  unnumbered run-in headings), is one unit covering its whole text;
* a section whose children are sub-topics (（一）, 一、 ...) is represented by those children;
  it is a unit of its own as well only when it has substantial text before its first child.

So 江都's topics, written as （一）…（八） under one 一、, meet 衡水's 一、…九、 at whatever depth
each report puts them. Units live in zones: the body, the preamble, problems, next steps and
closing; units only pair within their zone (problems with problems ...).

Score. For every candidate pair of units (same zone) three interpretable features:

* ``content``: cosine of the units' TF-IDF vectors of jieba content terms (IDF over both
  reports' units, generic words of the field damped, see ``compare.terms``);
* ``heading``: rapidfuzz token-set similarity of the headings' specific words;
* ``mutual``: whether each unit is the other's best match by content;
* ``topic``: cosine of the units' national-topic profiles (``compare.topics``), and whether
  they share a chosen topic.

They are combined by a logistic model fitted on hand-labelled report pairs (see
``benchmarks/alignment_accuracy.py --fit``), so ``score`` estimates the probability that the two
sections share a topic: ``score >= 0.5`` reads "more likely than not the same topic", and below
``MATCH_THRESHOLD`` (0.5) a unit stays unmatched rather than take the least-bad partner. When
either section has no national topic (a work report's chapter on the economy, a slogan heading
over a short text) the topic features say nothing, and a second model fitted on content and
heading alone (``COEF_NO_TOPIC``) gives the score.

Pairs. Each unit of A is paired with its best-scoring unit of B, and each unit of B with its
best-scoring unit of A, when the score reaches the threshold; the union allows one section of
A to cover several of B and the other way round. Pairs come in A's order (A-only sections with
``b=None``), then B-only sections (``a=None``) in B's order.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from .model import Alignment, Report, Section, SectionPair
from .normalize import normalise
from .terms import (
    GENERIC_WORDS,
    TermWeights,
    content_terms,
    cosine,
    is_content,
    term_weights,
    tokens,
    top_shared,
)
from .topics import TopicProfile, classify

MATCH_THRESHOLD = 0.5
# Logistic models, fitted by benchmarks/alignment_accuracy.py --fit on the labelled seeds:
# z = b0 + content*b1 + heading*b2 + mutual*b3 + topic_cos*b4 + topic_shared*b5, when both have
# topics;
COEF = (-5.34, 1.31, 1.87, 2.45, 5.16, 3.23)
# z = b0 + content*b1 + heading*b2 + mutual*b3, when either has none.
COEF_NO_TOPIC = (-3.0, 12.31, 2.28, 2.68)
HEADING_TERM_REPEAT = 2  # heading words count as if written twice in the body
OWN_TEXT_MIN = 150  # a parent with this much own text is a unit besides its children
SMALL_SUBTREE = 200  # a section this short is one unit whatever its children
TOP_TERMS = 80  # terms kept per unit vector: bounds the pair scoring on very long reports
ALL_PAIRS_MAX = 40_000  # above this many unit pairs, only candidate pairs are scored
CANDIDATES = 25  # candidates per unit of A when not all pairs are scored
REASON_TERMS = 5
UNIT_TEXT_MAX = 30_000  # a unit's terms are counted on its first 30,000 characters
HEADING_MAX = 200  # a "heading" longer than this is a parsing accident: only its start counts

_ITEM_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十百]+是|第[一二三四五六七八九十]+|首先|其次|再次|最后"
    r"|[0-9０-９]+[.．、]|[(（][0-9０-９]+[)）]|[①-⑳]|)$"
)


@dataclass(frozen=True)
class Unit:
    """One aligned unit: a section and the text it stands for."""

    id: str
    zone: str  # "heading" (the body), "preamble", "problems", "next_steps", "closing"
    heading: str  # normalised
    text: str  # normalised: the subtree, or the own text for a parent with sub-topics
    subtree: bool
    profile: TopicProfile
    order: int


@dataclass(frozen=True)
class _Side:
    report: Report
    units: tuple[Unit, ...]
    vectors: tuple[dict[str, float], ...]
    heading_words: tuple[str, ...]
    topic_vectors: tuple[dict[str, float], ...]


# --------------------------------------------------------------------------- units


def _is_item(section: Section) -> bool:
    return _ITEM_NUMBER.match(section.number.strip()) is not None


def alignment_units(report: Report) -> list[Unit]:
    """The units of a report the aligner pairs (see the module doc), in document order."""
    kids: dict[str | None, list[Section]] = defaultdict(list)
    for s in report.sections:
        kids[s.parent].append(s)
    line_starts = [ln.start for ln in report.lines]
    units: list[Unit] = []

    def text(start: int, end: int) -> str:
        return _norm_text(report, line_starts, start, end, UNIT_TEXT_MAX)

    def heading_of(s: Section) -> str:
        return normalise(s.heading[:HEADING_MAX], report.script).text.strip() if s.heading else ""

    def has_other_zone(s: Section, zone: str) -> bool:
        return any(k.kind != "heading" and k.kind != zone or has_other_zone(k, zone) for k in kids[s.id])

    def visit(s: Section, zone: str, context: str) -> None:
        zone = s.kind if s.kind != "heading" else zone
        children = kids[s.id]
        head = heading_of(s)
        body = text(s.body_start, s.end)
        whole = not children or (
            not has_other_zone(s, zone)
            and (all(_is_item(k) for k in children) or len(body) < SMALL_SUBTREE)
        )
        if whole:
            units.append(_unit(s, zone, head, body, True, context, len(units)))
            return
        own_end = children[0].start
        own = text(s.body_start, own_end)
        if len(own) >= OWN_TEXT_MIN:
            units.append(_unit(s, zone, head, own, False, context, len(units)))
        for k in children:
            visit(k, zone, (context + " " + head).strip())

    for s in kids[None]:
        visit(s, "heading", "")
    return units


def _norm_text(report: Report, line_starts: list[int], start: int, end: int, limit: int) -> str:
    """Normalised content text of an original span (as ``Report.span_text(normalised=True)``),
    cut after ``limit`` characters."""
    parts: list[str] = []
    size = 0
    i = max(bisect_right(line_starts, start) - 1, 0)
    for ln in report.lines[i:]:
        if ln.start >= end or size >= limit:
            break
        if ln.end <= start:
            continue
        if ln.start >= start and ln.end <= end:
            part = ln.norm
        else:
            na = report.norm.to_normalised(max(ln.start, start))
            nb = report.norm.to_normalised(min(ln.end, end))
            part = report.norm.text[na:nb].strip()
        if part:
            parts.append(part)
            size += len(part) + 1
    return "\n".join(parts)[:limit]


def _unit(s: Section, zone: str, head: str, body: str, subtree: bool, context: str, order: int) -> Unit:
    if zone in ("preamble", "closing"):
        profile = TopicProfile({}, ())
    elif s.kind in ("problems", "next_steps"):  # the zone's own section: its code, nothing else
        profile = classify(head, body, s.kind)
    else:  # including the sub-topics of a next-steps chapter (a work report's second half)
        profile = classify(head, body, "heading", context=context)
    return Unit(s.id, zone, head, body, subtree, profile, order)


# --------------------------------------------------------------------------- features


def _side(report: Report, units: list[Unit], weights: TermWeights, counts: list[Counter]) -> _Side:
    vectors = []
    for c in counts:
        vec = weights.vector(c)
        if len(vec) > TOP_TERMS:
            vec = dict(sorted(vec.items(), key=lambda kv: -kv[1])[:TOP_TERMS])
        vectors.append(vec)
    heads = tuple(
        " ".join(sorted({t for t in tokens(u.heading) if is_content(t) and t not in GENERIC_WORDS}))
        for u in units
    )
    return _Side(report, tuple(units), tuple(vectors), heads, tuple(u.profile.vector() for u in units))


def _counts(u: Unit) -> Counter:
    c = content_terms(u.text)
    for t, n in content_terms(u.heading).items():
        c[t] += n * HEADING_TERM_REPEAT
    return c


# content, heading, mutual, topic_cos, topic_shared, topical (both sides have a topic)
Features = tuple[float, float, float, float, float, bool]


def _features(sa: _Side, i: int, sb: _Side, j: int, content: float, mutual: float) -> Features:
    ua, ub = sa.units[i], sb.units[j]
    ha, hb = sa.heading_words[i], sb.heading_words[j]
    heading = fuzz.token_set_ratio(ha, hb) / 100.0 if ha and hb else 0.0
    if ua.zone in ("preamble", "closing") or ua.profile.topics == ub.profile.topics and set(
        ua.profile.topics
    ) & {"PROBLEMS", "NEXT"}:  # same role in the report: that is their topic
        return content, heading, mutual, 1.0, 1.0, True
    va, vb = sa.topic_vectors[i], sb.topic_vectors[j]
    if not va or not vb:
        return content, heading, mutual, 0.0, 0.0, False
    shared = 1.0 if set(ua.profile.topics) & set(ub.profile.topics) else 0.0
    return content, heading, mutual, cosine(va, vb), shared, True


def probability(features: Features) -> float:
    """The calibrated score of a pair from its features (see ``COEF``, ``COEF_NO_TOPIC``)."""
    if features[5]:
        coef, xs = COEF, features[:5]
    else:
        coef, xs = COEF_NO_TOPIC, features[:3]
    z = coef[0] + sum(c * f for c, f in zip(coef[1:], xs))
    return 1.0 / (1.0 + math.exp(-z))


def _mutual_best(pairs: set[tuple[int, int]], content: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Candidate pairs whose content is each side's best match (ties: first)."""
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    for i, j in sorted(pairs):
        v = content.get((i, j), 0.0)
        if v > best_a.get(i, (0.0, -1))[0]:
            best_a[i] = (v, j)
        if v > best_b.get(j, (0.0, -1))[0]:
            best_b[j] = (v, i)
    return {(i, j) for i, (_, j) in best_a.items() if best_b.get(j, (0.0, -1))[1] == i}


def _shared_topic(ua: Unit, ub: Unit) -> str | None:
    if ua.zone == "problems":
        return "PROBLEMS"
    if ua.zone == "next_steps" and "NEXT" in ua.profile.topics:
        return "NEXT"
    common = set(ua.profile.topics) & set(ub.profile.topics)
    if not common:
        return None
    return max(common, key=lambda t: min(ua.profile.scores.get(t, 0), ub.profile.scores.get(t, 0)))


@dataclass(frozen=True)
class _Context:
    a: _Side
    b: _Side
    content: dict[tuple[int, int], float]  # content cosine of candidate pairs
    features: dict[tuple[int, int], Features]


def _content_scores(sa: _Side, sb: _Side) -> dict[tuple[int, int], float]:
    """Content cosines of unit pairs sharing at least one term (inverted index: sparse)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(sb.vectors):
        for t, w in vec.items():
            postings[t].append((j, w))
    # a term in very many units of a long report says little and costs most: left out
    common = max(60, len(sb.units) // 10)
    out: dict[tuple[int, int], float] = {}
    for i, vec in enumerate(sa.vectors):
        acc: dict[int, float] = defaultdict(float)
        for t, w in vec.items():
            plist = postings.get(t, ())
            if len(plist) > common:
                continue
            for j, wb in plist:
                acc[j] += w * wb
        for j, v in acc.items():
            out[(i, j)] = v
    return out


def _candidate_pairs(sa: _Side, sb: _Side, content: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    zones_b: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(sb.units):
        zones_b[u.zone].append(j)
    if len(sa.units) * len(sb.units) <= ALL_PAIRS_MAX:
        return {(i, j) for i, u in enumerate(sa.units) for j in zones_b[u.zone]}
    by_topic: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(sb.units):
        for t in u.profile.topics:
            by_topic[t].append(j)
    per_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), v in content.items():
        per_a[i].append((v, j))
    out: set[tuple[int, int]] = set()
    for i, u in enumerate(sa.units):
        same_zone = set(zones_b[u.zone])
        ranked = sorted((x for x in per_a[i] if x[1] in same_zone), reverse=True)
        out.update((i, j) for _, j in ranked[:CANDIDATES])
        topical = {j for t in u.profile.topics for j in by_topic[t] if j in same_zone}
        ranked_topical = sorted(((content.get((i, j), 0.0), j) for j in topical), reverse=True)
        out.update((i, j) for _, j in ranked_topical[:CANDIDATES])
        if len(same_zone) <= CANDIDATES:
            out.update((i, j) for j in same_zone)
    return out


def _context(a: Report, b: Report) -> _Context:
    ua, ub = alignment_units(a), alignment_units(b)
    ca = [_counts(u) for u in ua]
    cb = [_counts(u) for u in ub]
    weights = term_weights(ca + cb)
    sa, sb = _side(a, ua, weights, ca), _side(b, ub, weights, cb)
    content = _content_scores(sa, sb)
    pairs = _candidate_pairs(sa, sb, content)
    mutual = _mutual_best(pairs, content)
    feats = {
        (i, j): _features(sa, i, sb, j, content.get((i, j), 0.0), 1.0 if (i, j) in mutual else 0.0)
        for i, j in pairs
    }
    return _Context(sa, sb, content, feats)


# --------------------------------------------------------------------------- alignment


def align(a: Report, b: Report) -> Alignment:
    """Pair each section of ``a`` with the section(s) of ``b`` on the same topic."""
    ctx = _context(a, b)
    return _alignment(ctx, {k: probability(f) for k, f in ctx.features.items()})


def _alignment(ctx: _Context, scores: dict[tuple[int, int], float]) -> Alignment:
    sa, sb = ctx.a, ctx.b
    best_b: dict[int, tuple[float, int]] = {}
    best_a: dict[int, tuple[float, int]] = {}
    ranked: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), p in scores.items():
        ranked[i].append((p, j))
        if p > best_b.get(i, (-1.0, -1))[0]:
            best_b[i] = (p, j)
        if p > best_a.get(j, (-1.0, -1))[0]:
            best_a[j] = (p, i)
    links: set[tuple[int, int]] = set()
    for i, (p, j) in best_b.items():
        if p >= MATCH_THRESHOLD:
            links.add((i, j))
    for j, (p, i) in best_a.items():
        if p >= MATCH_THRESHOLD:
            links.add((i, j))

    def pair(i: int, j: int) -> SectionPair:
        ua, ub = sa.units[i], sb.units[j]
        return SectionPair(
            a=ua.id,
            b=ub.id,
            score=round(scores[(i, j)], 4),
            reason=top_shared(sa.vectors[i], sb.vectors[j], REASON_TERMS),
            topic=_shared_topic(ua, ub),
        )

    by_a: dict[int, list[int]] = defaultdict(list)
    matched_b: set[int] = set()
    for i, j in links:
        by_a[i].append(j)
        matched_b.add(j)
    pairs: list[SectionPair] = []
    for i, u in enumerate(sa.units):
        if by_a.get(i):
            pairs.extend(pair(i, j) for j in sorted(by_a[i]))
        else:
            p = best_b.get(i, (0.0, -1))[0]
            pairs.append(SectionPair(a=u.id, b=None, score=round(max(p, 0.0), 4)))
    for j, u in enumerate(sb.units):
        if j not in matched_b:
            p = best_a.get(j, (0.0, -1))[0]
            pairs.append(SectionPair(a=None, b=u.id, score=round(max(p, 0.0), 4)))

    candidates = {
        sa.units[i].id: tuple((sb.units[j].id, round(p, 4)) for p, j in sorted(lst, key=lambda x: (-x[0], x[1]))[:10])
        for i, lst in ranked.items()
    }
    parts = _parts(ctx, links)
    similarity = sum(v for _, v in parts) / len(parts) if parts else 0.0
    return Alignment(
        pairs=tuple(pairs),
        similarity=round(similarity, 4),
        parts=parts,
        candidates=candidates,
        topics_a={u.id: u.profile.topics for u in sa.units},
        topics_b={u.id: u.profile.topics for u in sb.units},
    )


def _parts(ctx: _Context, links: set[tuple[int, int]]) -> tuple[tuple[str, float], ...]:
    """Report-level similarity, explained: each part is in 0..1 and the similarity is their mean.

    coverage_a / coverage_b: share of each report's text (in the body zone) in matched sections;
    topic_overlap: weighted Jaccard of the two reports' topic mix (characters per topic);
    content: cosine of the two whole reports' term vectors.
    """
    sa, sb = ctx.a, ctx.b
    la = [len(u.text) + 1 for u in sa.units]
    lb = [len(u.text) + 1 for u in sb.units]
    ia = {i for i, _ in links}
    jb = {j for _, j in links}
    cov_a = sum(la[i] for i in ia) / sum(la) if la else 0.0
    cov_b = sum(lb[j] for j in jb) / sum(lb) if lb else 0.0

    def mix(side: _Side, lengths: list[int]) -> Counter:
        m: Counter = Counter()
        for u, n in zip(side.units, lengths):
            for t in u.profile.topics:
                m[t] += n / len(u.profile.topics)
        total = sum(m.values()) or 1.0
        return Counter({t: v / total for t, v in m.items()})

    ma, mb = mix(sa, la), mix(sb, lb)
    keys = ma.keys() | mb.keys()
    den = sum(max(ma[t], mb[t]) for t in keys)
    topic_overlap = sum(min(ma[t], mb[t]) for t in keys) / den if den else 0.0

    def whole(side: _Side) -> dict[str, float]:
        acc: dict[str, float] = defaultdict(float)
        for vec, n in zip(side.vectors, (len(u.text) + 1 for u in side.units)):
            for t, w in vec.items():
                acc[t] += w * math.sqrt(n)
        norm = math.sqrt(sum(v * v for v in acc.values())) or 1.0
        return {t: v / norm for t, v in acc.items()}

    content = cosine(whole(sa), whole(sb))
    return (
        ("coverage_a", round(cov_a, 4)),
        ("coverage_b", round(cov_b, 4)),
        ("topic_overlap", round(topic_overlap, 4)),
        ("content", round(content, 4)),
    )


# --------------------------------------------------------------------------- user re-pairing


def rank_partners(alignment: Alignment, a_id: str) -> list[tuple[str, float]]:
    """B sections ranked as partners for A's section ``a_id`` (best first, with scores)."""
    return list(alignment.candidates.get(a_id, ()))


def repair(alignment: Alignment, a: Report, b: Report, a_id: str, b_id: str | None) -> Alignment:
    """The alignment with A's section ``a_id`` re-paired by the user to ``b_id``.

    ``b_id=None`` leaves ``a_id`` unmatched. The new pair is marked ``manual``; every other pair
    stays; B sections left without a partner become B-only pairs. Report similarity is kept.
    """
    a.section(a_id)  # KeyError for an unknown id, before anything changes
    if b_id is not None:
        b.section(b_id)
    old_partners = {p.b for p in alignment.pairs if p.a == a_id and p.b is not None}
    kept = [p for p in alignment.pairs if p.a != a_id and not (p.a is None and p.b == b_id)]
    score = dict(alignment.candidates.get(a_id, ())).get(b_id, 0.0) if b_id else 0.0
    new = SectionPair(a=a_id, b=b_id, score=score, manual=True)
    if b_id is not None:
        ctx_pair = _explain(a, a_id, b, b_id)
        new = replace(new, reason=ctx_pair[0], topic=ctx_pair[1])
    still_matched = {p.b for p in kept if p.a is not None and p.b is not None} | {b_id}
    orphans = [x for x in old_partners if x not in still_matched]
    order_a = {s.id: k for k, s in enumerate(a.sections)}
    order_b = {s.id: k for k, s in enumerate(b.sections)}
    with_a = [p for p in kept if p.a is not None] + [new]
    with_a.sort(key=lambda p: (order_a.get(p.a, 0), order_b.get(p.b, -1) if p.b else -1))
    only_b = [p for p in kept if p.a is None] + [SectionPair(a=None, b=x, score=0.0) for x in orphans]
    only_b.sort(key=lambda p: order_b.get(p.b, 0))
    return replace(alignment, pairs=tuple(with_a + only_b))


def _explain(a: Report, a_id: str, b: Report, b_id: str) -> tuple[tuple[str, ...], str | None]:
    """Shared terms and topic of two sections chosen by the user."""
    sa, sb = a.section(a_id), b.section(b_id)
    ta = _norm_text(a, [ln.start for ln in a.lines], sa.body_start, sa.end, UNIT_TEXT_MAX)
    tb = _norm_text(b, [ln.start for ln in b.lines], sb.body_start, sb.end, UNIT_TEXT_MAX)
    ha = normalise(sa.heading, a.script).text
    hb = normalise(sb.heading, b.script).text
    ca, cb = content_terms(ha + "\n" + ta), content_terms(hb + "\n" + tb)
    w = term_weights([ca, cb])
    reason = top_shared(w.vector(ca), w.vector(cb), REASON_TERMS)
    pa, pb = classify(ha, ta), classify(hb, tb)
    common = set(pa.topics) & set(pb.topics)
    topic = max(common, key=lambda t: min(pa.scores[t], pb.scores[t])) if common else None
    return reason, topic


def mirror(alignment: Alignment, a: Report, b: Report, candidates: Alignment) -> Alignment:
    """``alignment`` seen from the other side: ``a`` and ``b`` are the swapped reports.

    The pairs are the same (manual ones stay manual) with their sides exchanged, in ``a``'s
    order with ``b``-only pairs after. Partner rankings are per A section, so they come from
    ``candidates``, an alignment computed in the new direction.
    """
    order_a = {s.id: k for k, s in enumerate(a.sections)}
    order_b = {s.id: k for k, s in enumerate(b.sections)}
    flipped = [replace(p, a=p.b, b=p.a) for p in alignment.pairs]
    with_a = sorted(
        (p for p in flipped if p.a is not None),
        key=lambda p: (order_a.get(p.a, 0), order_b.get(p.b, -1) if p.b else -1),
    )
    only_b = sorted((p for p in flipped if p.a is None), key=lambda p: order_b.get(p.b, 0))
    return replace(
        alignment,
        pairs=tuple(with_a + only_b),
        candidates=candidates.candidates,
        topics_a=alignment.topics_b,
        topics_b=alignment.topics_a,
    )
