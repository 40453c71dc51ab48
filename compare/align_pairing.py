"""Pairing scored units into an alignment, and changing it: user re-pairing and mirroring.

Pairs. Each unit of A is paired with its best-scoring unit of B when the score reaches the
model's ``threshold``; a unit of B is paired with its own best unit of A as well when that pair
is strong (``extra_threshold``, on the model's logistic probability), so one section of A can cover several of B and the other way
round. Scores are the second-stage ones, which already weigh every pair against its rivals and
its enclosing sections' correspondence (``compare.align_features.context_features``). Pairs come in A's order
(A-only sections with ``b=None``), then B-only sections (``a=None``) in B's order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from .align_features import FeatureTable, Side
from .align_units import UNIT_TEXT_MAX, Unit, norm_text
from .model import Alignment, Report, SectionPair
from .normalize import normalise
from .terms import content_terms, cosine, term_weights, top_shared
from .topics import classify

REASON_TERMS = 5
CANDIDATES_KEPT = 10  # partner candidates kept per A section, for re-pairing


def links_of(
    scores: dict[tuple[int, int], float], threshold: float, extra_threshold: float,
    extra_scores: dict[tuple[int, int], float] | None = None,
) -> set[tuple[int, int]]:
    """Each A unit's best partner when its score reaches ``threshold``, and each B unit's best
    partner when its score reaches ``extra_threshold`` (both read on ``extra_scores`` when
    given: the score model's logistic probability)."""
    best_b: dict[int, tuple[float, int]] = {}
    best_a: dict[int, tuple[float, int]] = {}
    for (i, j), p in sorted(scores.items()):
        if p > best_b.get(i, (-1.0, -1))[0]:
            best_b[i] = (p, j)
    for (i, j), p in sorted((scores if extra_scores is None else extra_scores).items()):
        if p > best_a.get(j, (-1.0, -1))[0]:
            best_a[j] = (p, i)
    links = {(i, j) for i, (p, j) in best_b.items() if p >= threshold}
    links |= {(i, j) for j, (p, i) in best_a.items() if p >= extra_threshold}
    return links


def shared_topic(ua: Unit, ub: Unit) -> str | None:
    """The topic code two paired units share (the strongest on both), if any."""
    if ua.zone == "problems":
        return "PROBLEMS"
    if ua.zone == "next_steps" and "NEXT" in ua.profile.topics:
        return "NEXT"
    theirs = set(ub.profile.topics)
    common = [t for t in ua.profile.topics if t in theirs]  # A's order breaks ties, not hashing
    if not common:
        return None
    return max(common, key=lambda t: min(ua.profile.scores.get(t, 0), ub.profile.scores.get(t, 0)))


def build_alignment(
    table: FeatureTable,
    raw: dict[tuple[int, int], float],
    threshold: float,
    extra_threshold: float,
    shown: Callable[[float], float] = lambda p: p,
    extra_scores: dict[tuple[int, int], float] | None = None,
) -> Alignment:
    """The alignment of two reports from their scored unit pairs.

    ``raw`` scores decide the pairs (against ``threshold``); ``shown`` maps a raw score to the
    score a pair carries (the model's calibration: monotone, so rankings do not change);
    ``extra_scores`` (default: ``raw``) decide whether a B unit's own best partner is added.
    """
    sa, sb = table.a, table.b
    links = links_of(raw, threshold, extra_threshold, extra_scores)
    scores = {k: shown(v) for k, v in raw.items()}
    best_b: dict[int, float] = defaultdict(float)
    best_a: dict[int, float] = defaultdict(float)
    ranked: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), p in scores.items():
        ranked[i].append((p, j))
        best_b[i] = max(best_b[i], p)
        best_a[j] = max(best_a[j], p)

    def pair(i: int, j: int) -> SectionPair:
        ua, ub = sa.units[i], sb.units[j]
        return SectionPair(
            a=ua.id,
            b=ub.id,
            score=round(scores[(i, j)], 4),
            reason=top_shared(sa.vectors[i], sb.vectors[j], REASON_TERMS),
            topic=shared_topic(ua, ub),
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
            pairs.append(SectionPair(a=u.id, b=None, score=round(best_b.get(i, 0.0), 4)))
    for j, u in enumerate(sb.units):
        if j not in matched_b:
            pairs.append(SectionPair(a=None, b=u.id, score=round(best_a.get(j, 0.0), 4)))

    candidates = {
        sa.units[i].id: tuple(
            (sb.units[j].id, round(p, 4)) for p, j in sorted(lst, key=lambda x: (-x[0], x[1]))[:CANDIDATES_KEPT]
        )
        for i, lst in ranked.items()
    }
    parts = similarity_parts(sa, sb, links)
    similarity = sum(v for _, v in parts) / len(parts) if parts else 0.0
    return Alignment(
        pairs=tuple(pairs),
        similarity=round(similarity, 4),
        parts=parts,
        candidates=candidates,
        topics_a={u.id: u.profile.topics for u in sa.units},
        topics_b={u.id: u.profile.topics for u in sb.units},
    )


def similarity_parts(sa: Side, sb: Side, links: set[tuple[int, int]]) -> tuple[tuple[str, float], ...]:
    """Report-level similarity, explained: each part is in 0..1 and the similarity is their mean.

    coverage_a / coverage_b: share of each report's text (in the body zone) in matched sections;
    topic_overlap: weighted Jaccard of the two reports' topic mix (characters per topic);
    content: cosine of the two whole reports' term vectors.
    """
    la = [len(u.text) + 1 for u in sa.units]
    lb = [len(u.text) + 1 for u in sb.units]
    ia = {i for i, _ in links}
    jb = {j for _, j in links}
    cov_a = sum(la[i] for i in ia) / sum(la) if la else 0.0
    cov_b = sum(lb[j] for j in jb) / sum(lb) if lb else 0.0

    def mix(side: Side, lengths: list[int]) -> Counter:
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

    content = cosine(sa.whole_vector, sb.whole_vector)
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


def re_pair(alignment: Alignment, a: Report, b: Report, a_id: str, b_id: str | None) -> Alignment:
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
        reason, topic = _explain(a, a_id, b, b_id)
        new = replace(new, reason=reason, topic=topic)
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
    ta = norm_text(a, sa.body_start, sa.end, UNIT_TEXT_MAX)
    tb = norm_text(b, sb.body_start, sb.end, UNIT_TEXT_MAX)
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
