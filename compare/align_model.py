"""The score model of the aligner: pair features in, the probability that the pair is right out.

A ``ScoreModel`` is a value passed to ``align(a, b, model=...)``; nothing reads module state.
It has two logistic models — one for pairs where both units have a national topic
(``topical``), one on the other features alone (``plain``) — optionally a second, conditional
scorer (``conditional``: the same features, but fitted as a choice among each A unit's
candidates and a "no partner" option, so it says how a pair ranks against its rivals), whose
probability is blended with the first by a weighted geometric mean (``mix``), and a calibration map fitted on
reports left out of the logistic fit, so that a score of 0.9 means about nine pairs in ten
so scored are right. ``DEFAULT_MODEL`` is read from ``compare/data/align_model.json``, which
``benchmarks/alignment_accuracy.py --fit`` writes and which records how it was fitted.

Views show a score with a band word (``compare.match_confidence``): ``match_band(score)`` gives
``"strong"``, ``"likely"`` or ``"weak"`` (views translate), and ``score_percent(score)`` the whole
per cent to print, never 100 for a computed pair.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .align_features import FeatureTable, PairFeatures, context_features
from .terms import cosine
from .topic_centroids import TopicCentroids, default_centroids

MODEL_FILE = Path(__file__).with_name("data") / "align_model.json"

from .match_confidence import LIKELY, STRONG, match_band, score_percent  # noqa: F401  (views' words)


@dataclass(frozen=True)
class ScoreModel:
    """Coefficients, pairing threshold and calibration of the aligner, with their provenance."""

    topical: Mapping[str, float]  # feature name -> coefficient; "bias" is the intercept
    plain: Mapping[str, float]
    context: Mapping[str, float] = field(default_factory=dict)  # second stage; {}: none
    threshold: float = 0.5  # an A unit's best partner below this raw score: left unmatched
    extra_threshold: float = 0.9  # a B unit's own best partner is added from this raw score
    calibration: tuple[tuple[float, float], ...] = ()  # (raw probability, calibrated) knots
    provenance: Mapping[str, str] = field(default_factory=dict)
    centroids: TopicCentroids | None = None  # learned topics (``learned_*`` features)
    # conditional scorer: {"topical": coef, "plain": coef, "none": {"bias": score of "no partner"}}; {}: none
    conditional: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    mix: float = 1.0  # weight of the logistic probability in the geometric mean with the conditional one

    def learned(self, table: FeatureTable) -> dict[tuple[int, int], dict[str, float]]:
        """The ``learned_*`` features of every candidate pair (zeros without centroids)."""
        if self.centroids is None:
            return {}
        pa = [self.centroids.profile(v) for v in table.a.background_vectors]
        pb = [self.centroids.profile(v) for v in table.b.background_vectors]
        ha = [self.centroids.profile(v) if v else {} for v in table.a.heading_vectors]
        hb = [self.centroids.profile(v) if v else {} for v in table.b.heading_vectors]
        top_a = [max(p, key=p.get) if p else None for p in pa]
        top_b = [max(p, key=p.get) if p else None for p in pb]
        out = {}
        for i, j in table.features:
            both = i < len(ha) and j < len(hb) and bool(ha[i]) and bool(hb[j])
            lc = cosine(pa[i], pb[j]) if pa[i] and pb[j] else 0.0
            hc = cosine(ha[i], hb[j]) if both else 0.0
            out[(i, j)] = {
                "learned_cos": lc,
                "learned_top": 1.0 if top_a[i] is not None and top_a[i] == top_b[j] else 0.0,
                "learned_heading_cos": hc,
                "learned_joint": lc * hc if both else lc,
            }
        return out

    def first(self, f: PairFeatures) -> float:
        """The first-stage probability of a pair from its own features."""
        return _logistic(self.topical if f.topical else self.plain, f.values)

    def choice_probabilities(self, feats: Mapping[tuple[int, int], PairFeatures]) -> dict[tuple[int, int], float]:
        """The conditional scorer's probability of each pair: the softmax of the pair's linear
        score over the A unit's candidates and the "no partner" score."""
        none = self.conditional.get("none", {}).get("bias", 0.0)
        lin: dict[tuple[int, int], float] = {}
        top: dict[int, float] = {}
        for k, f in feats.items():
            z = _linear(self.conditional["topical" if f.topical else "plain"], f.values)
            lin[k] = z
            if z > top.get(k[0], none):
                top[k[0]] = z
        total: dict[int, float] = defaultdict(float)
        for (i, _), z in lin.items():
            total[i] += math.exp(z - top.get(i, none))
        return {
            (i, j): math.exp(z - top.get(i, none)) / (total[i] + math.exp(none - top.get(i, none)))
            for (i, j), z in lin.items()
        }

    def second(self, context: Mapping[str, float]) -> float:
        """The second-stage probability of a pair from its context features."""
        return _logistic(self.context, context)

    def raw_scores(self, table: FeatureTable) -> dict[tuple[int, int], float]:
        """Uncalibrated probabilities of every candidate pair of a feature table (see ``scores``)."""
        return self.scores(table)[0]

    def scores(self, table: FeatureTable) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
        """(pairing scores, extra-link scores) of every candidate pair: the first stage blended
        with the conditional scorer (when the model has one), then the second stage over all
        pairs at once (when it has one); and the logistic probability alone, which decides
        whether a B unit's own best partner is added (``extra_threshold``) — the conditional
        scorer shares an A unit's probability among its partners, so it would hide the very
        case of one A section covering two of B."""
        learned = self.learned(table)
        if learned:
            feats = {k: PairFeatures({**f.values, **learned[k]}, f.topical) for k, f in table.features.items()}
        else:
            feats = dict(table.features)
        first = {k: self.first(f) for k, f in feats.items()}
        logistic = first
        if self.conditional and self.mix < 1.0:
            cond = self.choice_probabilities(feats)
            w = self.mix
            first = {k: p**w * cond[k] ** (1.0 - w) for k, p in first.items()}
        if not self.context:
            return first, logistic
        ctx = context_features(table, first)
        second = {k: self.second(v) for k, v in ctx.items()}
        return second, second

    def calibrated(self, raw: float) -> float:
        """The calibrated probability of a raw score (piecewise linear between the knots)."""
        knots = self.calibration
        if not knots:
            return raw
        xs = [k[0] for k in knots]
        k = bisect_right(xs, raw)
        if k == 0:
            return knots[0][1]
        if k == len(knots):
            return knots[-1][1]
        (x0, y0), (x1, y1) = knots[k - 1], knots[k]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1

    def to_json(self) -> dict:
        return {
            "topical": dict(self.topical),
            "plain": dict(self.plain),
            "context": dict(self.context),
            "threshold": self.threshold,
            "extra_threshold": self.extra_threshold,
            "calibration": [list(k) for k in self.calibration],
            "conditional": {k: dict(v) for k, v in self.conditional.items()},
            "mix": self.mix,
            "provenance": dict(self.provenance),
        }

    @classmethod
    def from_json(cls, data: Mapping) -> ScoreModel:
        return cls(
            topical=dict(data["topical"]),
            plain=dict(data["plain"]),
            context=dict(data.get("context", {})),
            threshold=float(data.get("threshold", 0.5)),
            extra_threshold=float(data.get("extra_threshold", 0.9)),
            calibration=tuple((float(x), float(y)) for x, y in data.get("calibration", ())),
            provenance=dict(data.get("provenance", {})),
            conditional={k: dict(v) for k, v in data.get("conditional", {}).items()},
            mix=float(data.get("mix", 1.0)),
        )


def _linear(coef: Mapping[str, float], values: Mapping[str, float]) -> float:
    # a list, not a generator: the same sum in the same order, faster over 10^5 pairs
    z = coef.get("bias", 0.0) + sum([c * values.get(k, 0.0) for k, c in coef.items() if k != "bias"])
    return max(min(z, 40.0), -40.0)


def _logistic(coef: Mapping[str, float], values: Mapping[str, float]) -> float:
    z = _linear(coef, values)
    return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def default_model() -> ScoreModel:
    """The model shipped with the product (``compare/data/align_model.json``)."""
    model = ScoreModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
    return replace(model, centroids=default_centroids())
