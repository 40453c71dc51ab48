"""Content scores and candidate pairs of long reports, with NumPy arrays.

On two long reports (hundreds of units each) the content scores are hundreds of thousands of
pairs, and the loops of ``compare.align_features`` spend most of their time building and reading
a dictionary of them, though only each unit's best partners become candidates. Here the same
sums are taken in arrays and only the candidate pairs' scores leave them. The results are the
loops' to the last bit and in the same order (``tests/test_align_long.py``): every product is
added with ``np.add.at``, which adds unbuffered in the order given, and that order is the loops'
(A unit by A unit, term by term, B unit by B unit); ties between partners are broken as
``heapq.nlargest`` breaks them (the larger unit index first).
"""

from __future__ import annotations

import numpy as np

from .align_features import CANDIDATES, Side, pruned_candidates

# cells of the dense score block summed at once: bounds its memory (8 bytes a cell)
_BLOCK_CELLS = 4_000_000


def long_report_candidates(
    sa: Side, sb: Side, postings: dict[str, list[tuple[int, float]]]
) -> tuple[dict[tuple[int, int], float], set[tuple[int, int]]]:
    """(content scores of the candidate pairs, the candidate pairs) of two long reports: what
    ``content_scores`` and ``candidate_pairs`` give, the scores kept for the candidates only."""
    nb = len(sb.units)
    dense, order = _dense_scores(sa.vectors, postings, nb)
    rows, cols = np.divmod(order, nb)
    values = dense.ravel()[order]
    zone_codes: dict[str, int] = {}
    za = np.array([zone_codes.setdefault(u.zone, len(zone_codes)) for u in sa.units], dtype=np.int64)
    zb = np.array([zone_codes.setdefault(u.zone, len(zone_codes)) for u in sb.units], dtype=np.int64)
    same = za[rows] == zb[cols]
    rows, cols, values = rows[same], cols[same], values[same]
    best_a = dict(_best_partners(rows, cols, values))
    # B units in the order the scores first reach them, as the loop's dictionary keeps them
    _, first = np.unique(cols, return_index=True)
    reached = cols[np.sort(first)].tolist()
    by_b = dict(_best_partners(cols, rows, values))
    best_b = [(j, by_b[j]) for j in reached]
    row_lists: dict[int, list[float]] = {}

    def content_of(i: int, j: int) -> float:
        if i not in row_lists:
            row_lists[i] = dense[i].tolist()
        return row_lists[i][j]

    pairs = pruned_candidates(sa, sb, best_a, best_b, content_of)
    # weights are positive, so a pair sharing a term has a score above 0
    content = {(i, j): v for (i, j) in pairs if (v := content_of(i, j)) != 0.0}
    return content, pairs


def _dense_scores(
    vectors: tuple[dict[str, float], ...], postings: dict[str, list[tuple[int, float]]], nb: int
) -> tuple[np.ndarray, np.ndarray]:
    """The content scores as a dense (A units x B units) array, and the flat indices of the
    pairs that share a term, in the order the loop first reaches them."""
    index = {t: k for k, t in enumerate(postings)}
    lengths = np.array([len(plist) for plist in postings.values()], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    cols_of = np.array([j for plist in postings.values() for j, _ in plist], dtype=np.int64)
    weights_of = np.array([w for plist in postings.values() for _, w in plist], dtype=np.float64)
    dense = np.zeros((len(vectors), nb))
    orders = []
    block = max(1, _BLOCK_CELLS // max(nb, 1))
    for lo in range(0, len(vectors), block):
        hi = min(lo + block, len(vectors))
        rows, terms, ws = [], [], []
        for i in range(lo, hi):
            for t, w in vectors[i].items():
                k = index.get(t)
                if k is not None:
                    rows.append(i)
                    terms.append(k)
                    ws.append(w)
        if not terms:
            continue
        term_ids = np.array(terms, dtype=np.int64)
        count = lengths[term_ids]
        n = int(count.sum())
        # where in the postings each product's B weight is: term after term, as the loop reads
        pos = np.repeat(starts[term_ids] - (np.cumsum(count) - count), count) + np.arange(n)
        cells = np.repeat(np.array(rows, dtype=np.int64) - lo, count) * nb + cols_of[pos]
        prods = np.repeat(np.array(ws, dtype=np.float64), count) * weights_of[pos]
        acc = dense[lo:hi].reshape(-1)  # a view: the sums land in ``dense``
        np.add.at(acc, cells, prods)
        first = np.full(acc.shape, n, dtype=np.int64)
        np.minimum.at(first, cells, np.arange(n))
        touched = np.flatnonzero(first < n)
        orders.append(touched[np.argsort(first[touched], kind="stable")] + lo * nb)
    order = np.concatenate(orders) if orders else np.zeros(0, dtype=np.int64)
    return dense, order


def _best_partners(keys: np.ndarray, others: np.ndarray, values: np.ndarray):
    """For each key, its ``CANDIDATES`` best others by value, ties to the larger other, best
    first: ``heapq.nlargest`` over (value, other) pairs."""
    if not len(keys):
        return
    order = np.lexsort((-others, -values, keys))
    k, o = keys[order], others[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)]
    for a, b in zip(starts.tolist(), ends.tolist()):
        yield int(k[a]), o[a:min(b, a + CANDIDATES)].tolist()
