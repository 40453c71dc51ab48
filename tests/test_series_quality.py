"""Floor of the series view on its hand-labelled recurring figures
(``benchmarks/data/series/labels.json``, read from the work reports of ``../shared/series/``):
how many labelled year-values ``benchmarks/series.py`` finds in one row, and none in a year the
labels say the report does not state. A missing label file or report fails.
"""

from __future__ import annotations

import json

import pytest

from benchmark_helpers import load_benchmark


# the benchmark finds 36 of 41; a change to figure pairing that breaks a row fails here
FLOOR = 36


@pytest.fixture(scope="module")
def rows():
    bench = load_benchmark("series")
    data = json.loads(bench.LABELS.read_text(encoding="utf-8"))
    missing = [f for s in data["series"] for f in s["files"] if not (bench.SHARED / f).is_file()]
    assert not missing, f"series reports missing: {missing}"
    return bench.label_check()


def test_labelled_values_found_in_one_row(rows):
    found = sum(hits for _, _, hits, _, _ in rows)
    total = sum(n for _, _, _, n, _ in rows)
    assert total == 41
    assert found >= FLOOR, [(name, missed) for _, name, _, _, missed in rows if missed]


def test_no_value_in_a_year_the_report_does_not_state(rows):
    assert not [(name, m) for _, name, _, _, missed in rows for m in missed if m.endswith("!")]
