"""Topics learned from labelled sections: one term centroid per national topic.

The keyword profiles of ``compare.topics`` name each topic in the outline's vocabulary; real
reports say the same things in their own words (a bureau's 普法 chapter speaks of its own
regulations). A ``TopicCentroids`` model holds, for every topic, the mean background-weighted
term vector (``compare.terms.background_idf``) of hand-labelled sections on that topic, and
reads a unit's topics as the cosines of its vector with those centroids.

Only terms used by sections of at least ``MIN_REPORTS`` different reports are kept, and never
a word jieba's dictionary tags as a place, person or organisation name, so no centroid carries
a word particular to some reports (a place, a bureau's name). The shipped model
(``compare/data/topic_centroids.json``) is fitted by ``benchmarks/alignment_accuracy.py --fit``
on the labelled reports; the benchmark refits it without the report under test.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .terms import is_proper_name

CENTROIDS_FILE = Path(__file__).with_name("data") / "topic_centroids.json"
MIN_REPORTS = 5  # a term kept in a centroid is used in this many reports' labelled sections
TERMS_PER_TOPIC = 300  # the strongest terms kept per centroid
KEEP_RATIO = 0.75  # a unit's topics: cosines within this share of its best


@dataclass(frozen=True)
class TopicCentroids:
    """A unit-length term vector per topic code, with where it was fitted."""

    centroids: Mapping[str, Mapping[str, float]]
    provenance: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _postings(self) -> dict[str, tuple[tuple[str, float], ...]]:
        # term -> (topic, weight): a unit's vector meets only the centroids that hold its terms
        post: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for code, cen in self.centroids.items():
            for t, w in cen.items():
                post[t].append((code, w))
        return {t: tuple(v) for t, v in post.items()}

    def scores(self, vector: Mapping[str, float]) -> dict[str, float]:
        """Cosine of a unit-length term vector with each topic's centroid (positive ones)."""
        acc: dict[str, float] = defaultdict(float)
        post = self._postings
        for t, w in vector.items():
            for code, c in post.get(t, ()):
                acc[code] += w * c
        return {code: s for code, s in acc.items() if s > 0}

    def profile(self, vector: Mapping[str, float]) -> dict[str, float]:
        """The unit-length vector of a unit's leading topics (those within ``KEEP_RATIO`` of
        its best cosine); {} when it shares no term with any centroid."""
        sc = self.scores(vector)
        if not sc:
            return {}
        best = max(sc.values())
        kept = {k: v for k, v in sc.items() if v >= KEEP_RATIO * best}
        norm = math.sqrt(sum(v * v for v in kept.values()))
        return {k: v / norm for k, v in kept.items()}

    def to_json(self) -> dict:
        return {"provenance": dict(self.provenance), "centroids": {k: dict(v) for k, v in self.centroids.items()}}

    @classmethod
    def from_json(cls, data: Mapping) -> TopicCentroids:
        return cls({k: dict(v) for k, v in data["centroids"].items()}, dict(data.get("provenance", {})))


def fit_centroids(
    examples: Iterable[tuple[str, Mapping[str, float], Iterable[str]]],
    provenance: Mapping[str, str] | None = None,
    prior: Mapping[str, Mapping[str, float]] | None = None,
    prior_weight: float = 0.0,
    min_reports: int | None = None,
) -> TopicCentroids:
    """Centroids from (report name, unit-length term vector, topic codes) examples; ``prior``
    (topic -> unit-length term vector, e.g. the outline vocabulary) counts as ``prior_weight``
    examples of its topic, its terms exempt from the ``MIN_REPORTS`` rule."""
    min_reports = MIN_REPORTS if min_reports is None else min_reports
    sums: dict[str, Counter] = defaultdict(Counter)
    reports_of: dict[str, set[str]] = defaultdict(set)
    rows = list(examples)
    for name, vec, _ in rows:
        for t in vec:
            reports_of[t].add(name)
    names = {t for t, rs in reports_of.items() if len(rs) >= min_reports and is_proper_name(t)}
    for t in names:
        reports_of[t] = set()
    for name, vec, topics in rows:
        topics = list(topics)
        for code in topics:
            for t, w in vec.items():
                if len(reports_of[t]) >= min_reports:
                    sums[code][t] += w / len(topics)
    for code, vec in (prior or {}).items():
        for t, w in vec.items():
            sums[code][t] += prior_weight * w
    cents = {}
    for code, c in sums.items():
        top = dict(c.most_common(TERMS_PER_TOPIC))
        norm = math.sqrt(sum(v * v for v in top.values()))
        if norm > 0:
            cents[code] = {t: round(v / norm, 5) for t, v in sorted(top.items())}
    return TopicCentroids(cents, dict(provenance or {}))


def vocabulary_prior() -> dict[str, dict[str, float]]:
    """The outline vocabulary (``compare.topics.profiles``) as one unit-length term vector per
    subject topic, terms weighted by their vocabulary weight times their background IDF."""
    from .terms import background_idf
    from .topics import SUBJECT_TOPICS, profiles

    bg = background_idf()
    out = {}
    for code, words in profiles().items():
        if code not in SUBJECT_TOPICS:
            continue
        vec = {t: w * bg.weight(t) for t, w in words.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if norm:
            out[code] = {t: v / norm for t, v in vec.items()}
    return out


@lru_cache(maxsize=1)
def default_centroids() -> TopicCentroids | None:
    """The shipped centroids, or None when the product has none."""
    if not CENTROIDS_FILE.exists():
        return None
    return TopicCentroids.from_json(json.loads(CENTROIDS_FILE.read_text(encoding="utf-8")))
