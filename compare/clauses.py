"""Sentence and clause spans in a line of Chinese text (full- or half-width punctuation)."""

from __future__ import annotations

import re

SENTENCE_END = "。;；!！?？"  # what ends a sentence or a parallel item of one
CLAUSE_END = ",，:：;；。!！?？"  # what ends a clause
_LEAD_WORDS = ("但是", "但", "而且", "而", "同时", "也", "还", "仍", "依然")
_SENTENCE_SPLIT = re.compile(r"[。!?！？]")


def span_between(s: str, a: int, b: int, breaks: str) -> tuple[int, int]:
    """Widen ``[a, b)`` of ``s`` to the nearest characters of ``breaks`` on either side.

    The result starts just after the last break before ``a`` (or at 0) and ends at the first
    break at or after ``b`` (or at ``len(s)``): the sentence or clause around a match.
    """
    start = max((s.rfind(ch, 0, a) for ch in breaks), default=-1) + 1
    ends = [k for ch in breaks if (k := s.find(ch, b)) >= 0]
    return start, min(ends, default=max(b, len(s)))


def sentences(s: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of ``s``, split after 。！？."""
    out, a = [], 0
    for m in _SENTENCE_SPLIT.finditer(s):
        if m.end() > a:
            out.append((a, s[a:m.end()]))
        a = m.end()
    if a < len(s) and s[a:].strip():
        out.append((a, s[a:]))
    return out


def clause_around(s: str, i: int) -> tuple[int, int]:
    """The clause of ``s`` around offset ``i``, without leading 但/也/同时."""
    a, b = span_between(s, i, i, CLAUSE_END)
    changed = True
    while changed:
        changed = False
        for w in _LEAD_WORDS:
            if s.startswith(w, a) and b - a > len(w) + 2:
                a += len(w)
                changed = True
    return a, b


def clauses_upto(s: str, a: int, limit: int) -> int:
    """End of the leading clauses of ``s`` from ``a``: at least 8 characters, at most ``limit``.

    A bare "2018年," or "下一步," says nothing, so the next clause joins it; a first clause
    longer than ``limit`` gives an empty heading rather than a truncated sentence.
    """
    end = a
    for i in range(a, len(s)):
        if s[i] in CLAUSE_END or i == len(s) - 1:
            j = i if s[i] in CLAUSE_END else i + 1
            if j - a > limit:
                break
            end = j
            if s[i] in SENTENCE_END or end - a >= 8:
                break
    return end
