"""One-to-one pairing of scored candidates (figures of two reports), maximising the total margin.

Candidates are ``(i, j, score, why)``; only those at or above the acceptance score count. Each
connected group of candidates is solved exactly with ``scipy.optimize.linear_sum_assignment``
(maximising the margins above the acceptance score, so two weak pairs never beat one strong
one by adding up); a group larger than a limit on one side (a report pasted into itself many
times) is paired greedily by margin.
"""

from __future__ import annotations

from collections import defaultdict


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
        from scipy.optimize import linear_sum_assignment  # imported when a choice is to be made

        r_idx, c_idx = linear_sum_assignment(weight, maximize=True)
        for r, c in zip(r_idx, c_idx):
            i, j = rows[r], cols[c]
            if (i, j) in why_of:
                chosen[i] = (j, why_of[(i, j)])
    return chosen
