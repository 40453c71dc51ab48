"""Long reports' candidate pairs, taken with arrays, are the loops' to the last bit."""

from __future__ import annotations

from reportdiff.compare import align_features as af
from reportdiff.compare.align_long import long_report_candidates
from reportdiff.compare.load import load_text
from reportdiff.compare.seeds import seed_paths
from reportdiff.compare.structure import parse_structure


def _long(paths, times: int = 1):
    return parse_structure(load_text("\n".join(p.read_text(encoding="utf-8") for p in paths * times)))


def _sides(a, b):
    ua, ub = af.alignment_units(a), af.alignment_units(b)
    ca, cb = [af.unit_counts(u) for u in ua], [af.unit_counts(u) for u in ub]
    weights = af.term_weights(ca + cb)
    return af._side(a, ua, weights, ca), af._side(b, ub, weights, cb)


def test_arrays_give_the_loops_candidates_scores_and_order():
    seeds = seed_paths()
    # the seeds twice over against three of them: many exact ties between copies, which the
    # two ways must break alike
    sa, sb = _sides(_long(seeds, 2), _long(seeds[1:]))
    assert len(sb.units) > 2 * af.CANDIDATES
    postings = af.content_postings(sb)
    content = af.content_scores(sa, sb, postings)
    pairs = af.candidate_pairs(sa, sb, content, all_pairs_max=0)
    long_content, long_pairs = long_report_candidates(sa, sb, postings)
    assert list(long_pairs) == list(pairs)  # the same set, iterated in the same order
    assert len(pairs) < len(sa.units) * len(sb.units)  # pruned
    for key in pairs:  # bit for bit, and absent exactly where the loop has no score
        assert long_content.get(key) == content.get(key)


def test_a_long_report_pair_takes_the_array_way_and_aligns_as_before(monkeypatch):
    seeds = seed_paths()
    a, b = _long(seeds), _long(seeds[2:4])
    loops = af.feature_table(a, b, all_pairs_max=0)  # too few products for the arrays
    monkeypatch.setattr(af, "CONTENT_ARRAY_FROM", 0)
    arrays = af.feature_table(a, b, all_pairs_max=0)
    assert list(arrays.features) == list(loops.features)
    assert all(arrays.features[k].values == loops.features[k].values for k in loops.features)
