"""One-to-one pairing of scored candidates (compare.assignment)."""

from __future__ import annotations

import subprocess
import sys

from reportdiff.compare.assignment import SMALL_GROUP, assign_one_to_one


def test_one_strong_pair_beats_two_weak_ones_that_add_up():
    # margins above 0.5: a0-b0 0.4; a0-b1 0.25 and a1-b0 0.25 add up to 0.5 > 0.4, so the
    # total-margin optimum takes the two (a greedy pass would take a0-b0 and stop)
    edges = [(0, 0, 0.9, ("x",)), (0, 1, 0.75, ("y",)), (1, 0, 0.75, ("z",))]
    assert assign_one_to_one(edges, 0.5) == {0: (1, ("y",)), 1: (0, ("z",))}


def test_candidates_below_the_acceptance_score_are_never_paired():
    assert assign_one_to_one([(0, 0, 0.49, ()), (1, 1, 0.5, ())], 0.5) == {1: (1, ())}


def test_a_group_larger_than_munkres_takes_is_still_solved_exactly():
    n = SMALL_GROUP + 10
    # each A figure i scores best with B figure (i + 1) % n, a little less with every other
    edges = [(i, j, 1.0 if j == (i + 1) % n else 0.6 + 0.001 * ((i * 7 + j) % 13), ())
             for i in range(n) for j in range(n)]
    chosen = assign_one_to_one(edges, 0.5, limit=400)
    assert {i: j for i, (j, _) in chosen.items()} == {i: (i + 1) % n for i in range(n)}


def test_the_large_group_solver_loads_without_the_rest_of_scipy():
    code = (
        "import sys\n"
        "from reportdiff.compare.assignment import _max_weight_assignment\n"
        "w = [[float((i * 7 + j * 3) % 11) for j in range(60)] for i in range(50)]\n"
        "pairs = _max_weight_assignment(w)\n"
        "assert len(pairs) == 50 and len({c for _, c in pairs}) == 50\n"
        "print('scipy.optimize' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_without_the_extension_module_the_public_solver_gives_the_same_pairs(monkeypatch):
    from reportdiff.compare import assignment

    w = [[float((i * 5 + j * 3) % 17) for j in range(55)] for i in range(48)]
    direct = assignment._max_weight_assignment(w)

    def missing(package, module):
        raise ImportError(f"{package}.{module}")

    monkeypatch.setattr(assignment, "load_extension", missing)
    assert assignment._max_weight_assignment(w) == direct
