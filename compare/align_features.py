"""Features of candidate unit pairs: what the score model reads.

For every candidate pair of units (same zone), interpretable features:

* ``content``: cosine of the units' TF-IDF vectors of jieba content terms (weights from a
  background corpus, see ``compare.terms``);
* ``heading``: rapidfuzz token-set similarity of the headings' specific words;
* ``mutual``: whether each unit is the other's best match by content;
* ``topic_cos`` / ``topic_shared``: cosine of the units' national-topic profiles
  (``compare.topics``), and whether they share a chosen topic — only when both have one
  (``topical``);
* ``order_gap``: how far apart the two units stand in their reports (relative position);
* ``role``: whether the two units are parts of the problems or next-steps chapters (which a
  reader compares whatever their subjects);
* ``content_rel_a`` / ``content_rel_b``: the pair's content cosine as a share of the best
  content cosine of the A unit (over B) and of the B unit (over A): how the pair ranks among
  each unit's alternatives, which an absolute cosine does not say;
* ``same_body`` / ``same_body_gap``: whether both reports name the same issuing body
  (``Report.meta.organization``, as each report states it: a body's reports of different years)
  and, for such reports, ``order_gap`` again — the same body keeps most of its order from year
  to year, so the fitted model can weigh order more for them;
* ``learned_cos`` / ``learned_top`` / ``learned_heading_cos``: cosine of the units' topics read
  by learned term centroids (``compare.topic_centroids``), whether their leading topics agree,
  and the cosine of the topics their headings alone are read as — computed by the score model,
  which holds the centroids, from the units' background-weighted term vectors;
* ``learned_joint``: ``learned_cos`` counted only as far as the headings' topics agree, when both
  headings have one (a chapter on enforcement and a chapter on the year's campaign of another
  subject may share enforcement words in their text, not a subject). The model for pairs without
  national topics (``plain``) reads it instead of ``learned_cos``: measured leave one report out,
  seeds 0.942 -> 0.957, same-body pairs 0.956 -> 0.949, all 0.919 -> 0.918.

Long reports: above ``ALL_PAIRS_MAX`` unit pairs only candidate pairs are scored (each unit's
best partners by content and by topic); ``tests/test_align_pruning.py`` checks this gives the
full scoring's pairs.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from .align_units import Unit, alignment_units
from .model import Report
from .terms import (
    GENERIC_WORDS,
    TermWeights,
    background_idf,
    content_terms,
    cosine,
    is_content,
    term_weights,
    tokens,
)

HEADING_TERM_REPEAT = 2  # heading words count as if written twice in the body
TOP_TERMS = 80  # terms kept per unit vector: bounds the pair scoring on very long reports
ALL_PAIRS_MAX = 40_000  # above this many unit pairs, only candidate pairs are scored
CANDIDATES = 25  # candidates per unit of A when not all pairs are scored
# products of term weights from which long reports' content scores are summed with NumPy
# (``compare.align_long``; its import takes about 0.1 s, the loop about 0.7 us a product)
CONTENT_ARRAY_FROM = 300_000

FEATURES = (
    "content", "heading", "mutual", "topic_cos", "topic_shared", "order_gap", "learned_cos", "learned_top", "role",
    "content_rel_a", "content_rel_b", "same_body", "same_body_gap", "learned_heading_cos", "learned_joint",
)
PLAIN_FEATURES = (
    "content", "heading", "mutual", "order_gap", "learned_top", "role",
    "content_rel_a", "content_rel_b", "same_body", "same_body_gap", "learned_heading_cos", "learned_joint",
)
# filled in by the score model's topic centroids
LEARNED_FEATURES = ("learned_cos", "learned_top", "learned_heading_cos", "learned_joint")


@dataclass(frozen=True)
class PairFeatures:
    """The features of one candidate pair; ``topical`` when both units have a national topic."""

    values: dict[str, float]
    topical: bool


@dataclass(frozen=True)
class Side:
    """One report's units with their term vectors."""

    report: Report
    units: tuple[Unit, ...]
    vectors: tuple[dict[str, float], ...]
    heading_words: tuple[str, ...]
    topic_vectors: tuple[dict[str, float], ...]
    positions: tuple[float, ...]  # relative position of each unit in its zone, 0..1
    background_vectors: tuple[dict[str, float], ...] = ()  # term vectors, background weights
    heading_vectors: tuple[dict[str, float], ...] = ()  # heading term vectors, background weights

    @cached_property
    def whole_vector(self) -> dict[str, float]:
        """The whole report's unit-length term vector (units weighted by the root of their
        length), for the report-level content similarity."""
        acc: dict[str, float] = defaultdict(float)
        for vec, u in zip(self.vectors, self.units):
            n = math.sqrt(len(u.text) + 1)
            for t, w in vec.items():
                acc[t] += w * n
        norm = math.sqrt(sum(v * v for v in acc.values())) or 1.0
        return {t: v / norm for t, v in acc.items()}


@dataclass(frozen=True)
class FeatureTable:
    """Everything the score model and the pairing need about two reports."""

    a: Side
    b: Side
    content: dict[tuple[int, int], float]  # content cosine of unit pairs sharing a term (long reports: of the candidates)
    features: dict[tuple[int, int], PairFeatures]  # candidate pairs only


def _positions(units: list[Unit]) -> tuple[float, ...]:
    per_zone: dict[str, list[int]] = defaultdict(list)
    for k, u in enumerate(units):
        per_zone[u.zone].append(k)
    out = [0.0] * len(units)
    for ks in per_zone.values():
        n = len(ks)
        for rank, k in enumerate(ks):
            out[k] = (rank + 0.5) / n
    return tuple(out)


def _side(report: Report, units: list[Unit], weights: TermWeights, counts: list[Counter]) -> Side:
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
    bg = background_idf()
    return Side(
        report, tuple(units), tuple(vectors), heads, tuple(u.profile.vector() for u in units), _positions(units),
        tuple(bg.vector(c) for c in counts), tuple(bg.vector(content_terms(u.heading)) for u in units),
    )


def unit_counts(u: Unit) -> Counter:
    """Content-term counts of a unit, its heading words counted ``HEADING_TERM_REPEAT`` times."""
    c = content_terms(u.text)
    for t, n in content_terms(u.heading).items():
        c[t] += n * HEADING_TERM_REPEAT
    return c


def same_body(a: Report, b: Report) -> bool:
    """Whether two reports name the same issuing body (as each states it, spaces ignored)."""
    oa = "".join((a.meta.organization or "").split())
    ob = "".join((b.meta.organization or "").split())
    return bool(oa) and oa == ob


def _features(
    sa: Side, i: int, sb: Side, j: int, content: float, mutual: float, best_a: float, best_b: float, same: float
) -> PairFeatures:
    ua, ub = sa.units[i], sb.units[j]
    ha, hb = sa.heading_words[i], sb.heading_words[j]
    heading = fuzz.token_set_ratio(ha, hb) / 100.0 if ha and hb else 0.0
    gap = abs(sa.positions[i] - sb.positions[j])
    role = 1.0 if ua.zone in ("problems", "next_steps") else 0.0
    base = {
        "content": content, "heading": heading, "mutual": mutual, "order_gap": gap, "role": role,
        "content_rel_a": content / best_a if best_a > 0 else 0.0,
        "content_rel_b": content / best_b if best_b > 0 else 0.0,
        "same_body": same, "same_body_gap": same * gap,
    }
    if ua.zone in ("preamble", "closing") or ua.profile.topics == ub.profile.topics and set(
        ua.profile.topics
    ) & {"PROBLEMS", "NEXT"}:  # same role in the report: that is their topic
        return PairFeatures({**base, "topic_cos": 1.0, "topic_shared": 1.0}, True)
    va, vb = sa.topic_vectors[i], sb.topic_vectors[j]
    if not va or not vb:
        return PairFeatures({**base, "topic_cos": 0.0, "topic_shared": 0.0}, False)
    shared = 1.0 if set(ua.profile.topics) & set(ub.profile.topics) else 0.0
    return PairFeatures({**base, "topic_cos": cosine(va, vb), "topic_shared": shared}, True)


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


def content_postings(sb: Side) -> dict[str, list[tuple[int, float]]]:
    """B's units by term, with the term's weight in each: the inverted index of content scores."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(sb.vectors):
        for t, w in vec.items():
            postings[t].append((j, w))
    # a term in very many units of a long report says little and costs most: left out
    common = max(60, len(sb.units) // 10)
    return {t: plist for t, plist in postings.items() if len(plist) <= common}


def content_scores(sa: Side, sb: Side, postings: dict[str, list[tuple[int, float]]] | None = None) -> dict[tuple[int, int], float]:
    """Content cosines of unit pairs sharing at least one term (inverted index: sparse), in
    the order the loop first reaches each pair."""
    postings = content_postings(sb) if postings is None else postings
    out: dict[tuple[int, int], float] = {}
    for i, vec in enumerate(sa.vectors):
        acc: dict[int, float] = defaultdict(float)
        for t, w in vec.items():
            plist = postings.get(t)
            if plist is None:
                continue
            for j, wb in plist:
                acc[j] += w * wb
        out.update({(i, j): v for j, v in acc.items()})
    return out


def candidate_pairs(
    sa: Side, sb: Side, content: dict[tuple[int, int], float], all_pairs_max: int = ALL_PAIRS_MAX
) -> set[tuple[int, int]]:
    """Unit pairs to score: all same-zone pairs, or on long reports each unit's best
    ``CANDIDATES`` by content and by shared topic."""
    if len(sa.units) * len(sb.units) <= all_pairs_max:
        zones_b: dict[str, list[int]] = defaultdict(list)
        for j, u in enumerate(sb.units):
            zones_b[u.zone].append(j)
        return {(i, j) for i, u in enumerate(sa.units) for j in zones_b[u.zone]}
    # each unit's same-zone content partners, both ways, in one pass over the sparse scores
    zone_a = [u.zone for u in sa.units]
    zone_b = [u.zone for u in sb.units]
    per_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    per_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), v in content.items():
        if zone_a[i] == zone_b[j]:
            per_a[i].append((v, j))
            per_b[j].append((v, i))
    # nlargest is sorted(..., reverse=True)[:n], without sorting the long tail
    best_a = {i: [j for _, j in heapq.nlargest(CANDIDATES, lst)] for i, lst in per_a.items()}
    best_b = [(j, [i for _, i in heapq.nlargest(CANDIDATES, lst)]) for j, lst in per_b.items()]
    return pruned_candidates(sa, sb, best_a, best_b, lambda i, j: content.get((i, j), 0.0))


def pruned_candidates(
    sa: Side,
    sb: Side,
    best_a: dict[int, list[int]],
    best_b: list[tuple[int, list[int]]],
    content_of: Callable[[int, int], float],
) -> set[tuple[int, int]]:
    """The candidate pairs of long reports: each A unit's best same-zone partners by content
    (``best_a``, best first), its best ``CANDIDATES`` among the same-zone units sharing one of
    its topics, all of a small zone, and each B unit's best partners (``best_b``, in the order
    the content scores first reach each B unit)."""
    zones_b: dict[str, list[int]] = defaultdict(list)
    by_topic: dict[str, list[int]] = defaultdict(list)
    for j, u in enumerate(sb.units):
        zones_b[u.zone].append(j)
        for t in u.profile.topics:
            by_topic[t].append(j)
    zone_sets = {zone: set(js) for zone, js in zones_b.items()}
    out: set[tuple[int, int]] = set()
    for i, u in enumerate(sa.units):
        same_zone = zone_sets.get(u.zone, set())
        out.update((i, j) for j in best_a.get(i, ()))
        topical = {j for t in u.profile.topics for j in by_topic[t] if j in same_zone}
        ranked_topical = heapq.nlargest(CANDIDATES, ((content_of(i, j), j) for j in topical))
        out.update((i, j) for _, j in ranked_topical)
        if len(same_zone) <= CANDIDATES:
            out.update((i, j) for j in same_zone)
    # the other direction too, so a unit of B keeps its own best partners
    for j, lst in best_b:
        out.update((i, j) for i in lst)
    return out


def products(sa: Side, postings: dict[str, list[tuple[int, float]]]) -> int:
    """How many term-weight products the content scores of ``sa`` against ``postings`` take."""
    return sum(len(postings.get(t, ())) for vec in sa.vectors for t in vec)


def feature_table(a: Report, b: Report, all_pairs_max: int = ALL_PAIRS_MAX) -> FeatureTable:
    """Units, vectors and candidate-pair features of two reports."""
    ua, ub = alignment_units(a), alignment_units(b)
    ca = [unit_counts(u) for u in ua]
    cb = [unit_counts(u) for u in ub]
    weights = term_weights(ca + cb)
    sa, sb = _side(a, ua, weights, ca), _side(b, ub, weights, cb)
    postings = content_postings(sb)
    if len(ua) * len(ub) > all_pairs_max and products(sa, postings) >= CONTENT_ARRAY_FROM:
        from .align_long import long_report_candidates  # NumPy: only long reports pay its import

        content, pairs = long_report_candidates(sa, sb, postings)
    else:
        content = content_scores(sa, sb, postings)
        pairs = candidate_pairs(sa, sb, content, all_pairs_max)
    mutual = _mutual_best(pairs, content)
    best_a: dict[int, float] = defaultdict(float)
    best_b: dict[int, float] = defaultdict(float)
    for i, j in pairs:
        v = content.get((i, j), 0.0)
        if v > best_a[i]:
            best_a[i] = v
        if v > best_b[j]:
            best_b[j] = v
    same = 1.0 if same_body(a, b) else 0.0
    feats = {
        (i, j): _features(
            sa, i, sb, j, content.get((i, j), 0.0), 1.0 if (i, j) in mutual else 0.0, best_a[i], best_b[j], same
        )
        for i, j in pairs
    }
    return FeatureTable(sa, sb, content, feats)


# --------------------------------------------------------------------------- second stage

CONTEXT_FEATURES = ("logit", "best_a", "best_b", "margin_a", "margin_b", "parent_affinity", "siblings")


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def context_features(table: FeatureTable, first: dict[tuple[int, int], float]) -> dict[tuple[int, int], dict[str, float]]:
    """Second-stage features of every candidate pair, from the first-stage probabilities of all
    pairs at once: whether the pair is each side's best, by how much, and how well the two
    units' enclosing sections correspond (``parent_affinity``: the mean, over the children of
    the A parent, of their best first-stage probability among the children of the B parent;
    children of paired parents prefer each other)."""
    sa, sb = table.a, table.b
    per_i: dict[int, list[tuple[float, int]]] = defaultdict(list)
    per_j: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), p in first.items():
        per_i[i].append((p, j))
        per_j[j].append((p, i))
    for lst in (*per_i.values(), *per_j.values()):
        lst.sort(reverse=True)
    group_a: dict[str | None, list[int]] = defaultdict(list)
    group_b: dict[str | None, list[int]] = defaultdict(list)
    for i, u in enumerate(sa.units):
        group_a[u.parent].append(i)
    for j, u in enumerate(sb.units):
        group_b[u.parent].append(j)
    affinity: dict[tuple[str | None, str | None], float] = {}

    def parent_affinity(pa: str | None, pb: str | None) -> float:
        key = (pa, pb)
        if key not in affinity:
            kids_b = group_b[pb]
            vals = [max((first.get((i, j), 0.0) for j in kids_b), default=0.0) for i in group_a[pa]]
            affinity[key] = sum(vals) / len(vals) if vals else 0.0
        return affinity[key]

    out: dict[tuple[int, int], dict[str, float]] = {}
    for (i, j), p in first.items():
        li, lj = per_i[i], per_j[j]
        other_i = next((q for q, jj in li if jj != j), 0.0)
        other_j = next((q for q, ii in lj if ii != i), 0.0)
        ua, ub = sa.units[i], sb.units[j]
        nested = ua.parent is not None and ub.parent is not None
        out[(i, j)] = {
            "logit": _logit(p),
            "best_a": 1.0 if li[0][1] == j else 0.0,
            "best_b": 1.0 if lj[0][1] == i else 0.0,
            "margin_a": p - other_i,
            "margin_b": p - other_j,
            "parent_affinity": parent_affinity(ua.parent, ub.parent) if nested else 0.0,
            "siblings": 1.0 if nested else 0.0,
        }
    return out
