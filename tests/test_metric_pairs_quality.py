"""Floors of figure pairing and initiative extraction on the hand-labelled report pairs
(``benchmarks/data/labels.json``, rules in its ``LABELLING.md``): the guard of heuristic output.

The floors sit a little below what ``benchmarks/metrics_pairs.py`` prints for all labelled pairs,
so a change that loses pairs or initiatives on real reports fails here, not only in a benchmark
nobody ran. A missing label file or report fails: quality is never silently left unchecked.
"""

from __future__ import annotations

import json

import pytest

from benchmark_helpers import load_benchmark


# measure -> (precision floor, recall floor); all 35 pairs score 0.993/0.985, 0.967/0.917,
# 0.911/0.855 and 0.942/0.867
FLOORS = {
    "numbers": (0.98, 0.97),
    "pairs": (0.94, 0.89),
    "found": (0.90, 0.85),
    "shared": (0.92, 0.85),
}


@pytest.fixture(scope="module")
def tally():
    bench = load_benchmark("metrics_pairs")
    data = json.loads(bench.LABELS.read_text(encoding="utf-8"))
    missing = [p for pair in data["pairs"] for p in (pair["a"], pair["b"]) if not bench.report_path(p).is_file()]
    assert not missing, f"labelled reports missing: {missing}"
    total = bench.Tally()
    for pair in data["pairs"]:
        total.merge(bench.score_pair(pair, data["reports"], False))
    return total


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_quality_floor_on_labelled_pairs(tally, measure):
    precision, recall = tally.pr(measure)
    p_floor, r_floor = FLOORS[measure]
    assert precision >= p_floor and recall >= r_floor, (measure, round(precision, 3), round(recall, 3))


def test_values_of_found_figures_are_right(tally):
    assert tally.pr("values")[0] == 1.0
