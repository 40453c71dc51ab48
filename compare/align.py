"""Aligning the sections of two reports: which sections of B talk about what a section of A does.

The pipeline, one module per step:

* ``compare.align_units`` — the units a reader compares (sections or their sub-topics);
* ``compare.align_features`` — features of candidate unit pairs (content, heading, outline
  topics, order) and, optionally, second-stage features over all pairs at once;
* ``compare.topic_centroids`` — topics learned from labelled sections (held by the model);
* ``compare.align_model`` — the score model (``ScoreModel``): features to a calibrated
  probability that the pair is right;
* ``compare.align_pairing`` — the pairs from the scores; user re-pairing; mirroring;
* ``compare.match_confidence`` — the band word and per cent a view shows for a score.

``align(a, b, model=...)`` runs them; the default model is the shipped, fitted one.
"""

from __future__ import annotations

from .align_features import ALL_PAIRS_MAX, feature_table
from .align_model import ScoreModel, default_model
from .align_pairing import build_alignment, mirror, rank_partners, re_pair
from .align_units import Unit, alignment_units
from .match_confidence import match_band, score_percent
from .model import Alignment, Report

__all__ = [
    "align", "alignment_units", "match_band", "mirror", "rank_partners", "re_pair", "score_percent",
    "scored_alignment", "ScoreModel", "Unit", "default_model",
]


def align(a: Report, b: Report, model: ScoreModel | None = None, all_pairs_max: int = ALL_PAIRS_MAX) -> Alignment:
    """Pair each section of ``a`` with the section(s) of ``b`` on the same topic.

    ``model`` is the score model (default: the shipped one); ``all_pairs_max`` bounds how many
    unit pairs are scored exhaustively before candidate pruning (long reports).
    """
    model = model or default_model()
    table = feature_table(a, b, all_pairs_max)
    return scored_alignment(table, model)


def scored_alignment(table, model: ScoreModel) -> Alignment:
    """The alignment of a feature table under ``model`` (the benchmark refits models on one
    table many times)."""
    raw, extra = model.scores(table)
    return build_alignment(table, raw, model.threshold, model.extra_threshold, model.calibrated, extra)
