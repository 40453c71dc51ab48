"""One-to-one pairing of scored candidates (figures of two reports), maximising the total margin.

Candidates are ``(i, j, score, why)``; only those at or above the acceptance score count. Each
connected group of candidates is solved exactly (maximising the margins above the acceptance score, so two weak pairs never beat one strong
one by adding up); a group larger than a limit on one side (a report pasted into itself many
times) is paired greedily by margin.
"""

from __future__ import annotations

from collections import defaultdict

from .extension_modules import load_extension

# Groups up to this size per side go to munkres (pure Python, imported in milliseconds); larger
# ones to scipy's linear_sum_assignment, whose loading alone (0.08 s with numpy) is a fifth of a
# whole seed comparison. Real report pairs make groups of a few figures; measured on all seed,
# development-set and work-report pairs, the largest had 14.
SMALL_GROUP = 40


def assign_one_to_one(edges, min_score: float, limit: int = 400) -> dict[int, tuple[int, tuple[str, ...]]]:
    """One-to-one pairs maximising the total margin above ``min_score``: A index -> (B, why).

    A connected group of candidates larger than ``limit`` on a side (a report pasted into itself
    many times) is paired greedily by margin instead."""
    good = [(i, j, s - min_score, why) for i, j, s, why in edges if s >= min_score]
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _, _ in good:
        parent[find(("a", i))] = find(("b", j))
    components: dict[tuple[str, int], list] = defaultdict(list)
    for e in good:
        components[find(("a", e[0]))].append(e)
    chosen: dict[int, tuple[int, tuple[str, ...]]] = {}
    for comp in components.values():
        if len(comp) == 1:
            i, j, _, why = comp[0]
            chosen[i] = (j, why)
            continue
        rows = sorted({e[0] for e in comp})
        cols = sorted({e[1] for e in comp})
        if len(rows) > limit or len(cols) > limit:
            used_b: set[int] = set()
            for i, j, _, why in sorted(comp, key=lambda e: (-e[2], e[0], e[1])):
                if i not in chosen and j not in used_b:
                    chosen[i] = (j, why)
                    used_b.add(j)
            continue
        r_of = {i: k for k, i in enumerate(rows)}
        c_of = {j: k for k, j in enumerate(cols)}
        weight = [[0.0] * len(cols) for _ in rows]
        why_of = {}
        for i, j, w, why in comp:
            weight[r_of[i]][c_of[j]] = w
            why_of[(i, j)] = why
        for r, c in _max_weight_assignment(weight):
            i, j = rows[r], cols[c]
            if (i, j) in why_of:
                chosen[i] = (j, why_of[(i, j)])
    return chosen


def _max_weight_assignment(weight: list[list[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum-weight assignment of a rectangular weight matrix."""
    rows, cols = len(weight), len(weight[0]) if weight else 0
    if max(rows, cols) <= SMALL_GROUP:
        from munkres import Munkres, make_cost_matrix

        top = max((w for row in weight for w in row), default=0.0)
        return [tuple(rc) for rc in Munkres().compute(make_cost_matrix(weight, lambda w: top - w))]
    r_idx, c_idx = _linear_sum_assignment()(weight, maximize=True)
    return list(zip(r_idx.tolist(), c_idx.tolist()))


def _linear_sum_assignment():
    """SciPy's solver from its own extension module (with numpy: 0.08 s to load, where
    ``import scipy.optimize`` takes 0.5-0.6 s); the public import when that module moves."""
    try:
        return load_extension("scipy.optimize", "_lsap").linear_sum_assignment
    except (ImportError, AttributeError):
        from scipy.optimize import linear_sum_assignment

        return linear_sum_assignment

