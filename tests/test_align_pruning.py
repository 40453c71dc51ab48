"""On long reports only candidate pairs are scored; that must not change the alignment."""

from __future__ import annotations

from reportdiff.compare.align import align, alignment_units
from reportdiff.compare.align_features import CANDIDATES
from reportdiff.compare.load import load_text
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure


def _long(paths) -> object:
    return parse_structure(load_text("\n".join(p.read_text(encoding="utf-8") for p in paths)))


def test_candidate_pruning_gives_the_full_scoring_pairs_on_a_long_report():
    seeds = seed_paths()
    a = _long(seeds)  # five reports' chapters in one long report
    b = _long(seeds[2:4])
    na, nb = len(alignment_units(a)), len(alignment_units(b))
    assert na > 80 and nb > CANDIDATES  # the pruning really leaves pairs out
    full = align(a, b, all_pairs_max=na * nb)  # every pair scored
    pruned = align(a, b, all_pairs_max=0)  # candidates only
    assert [(p.a, p.b) for p in pruned.pairs] == [(p.a, p.b) for p in full.pairs]
    fs = {(p.a, p.b): p.score for p in full.pairs}
    # the conditional scorer weighs a pair against its A unit's candidates, so a pruned rival
    # (one sharing no term and no keyword topic, strong only on learned topics) can move a
    # score; the pairs stay the same and nearly all scores within 0.02
    diffs = [abs(fs[(p.a, p.b)] - p.score) for p in pruned.pairs]
    assert max(diffs) < 0.1 and sum(d < 0.02 for d in diffs) >= 0.95 * len(diffs)
    assert sum(len(v) for v in pruned.candidates.values()) < sum(len(v) for v in full.candidates.values()) or all(
        len(v) <= 10 for v in full.candidates.values()
    )
