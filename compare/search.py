"""Finding a text in both reports of a comparison, pair by pair.

Either script finds either script (both sides are compared in simplified script, which keeps
offsets), and case does not matter. Each occurrence in a report counts once: a section shown
in two pairs, or inside a parent section that is paired too, is found in the first pair (in
pair order) that shows it. Offsets are into the text a pair shows for that side (the section's
lines with its sub-sections, as ``textdiff.section_text`` builds it), ``-1`` for the heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Comparison, Report
from .normalize import to_simplified

Side = Literal["a", "b"]
MAX_HITS = 5000


@dataclass(frozen=True)
class SearchHit:
    """One occurrence: in pair ``pair``, on ``side``, at ``offset`` of its shown text."""

    pair: int
    side: Side
    offset: int  # -1: in the section heading
    length: int


def _folded(text: str, script: str | None) -> str:
    s = to_simplified(text, script)  # type: ignore[arg-type]
    f = s.casefold()
    return f if len(f) == len(s) else s  # casefold changed a length (ß …): exact case then


def _occurrences(hay: str, needle: str) -> list[int]:
    out = []
    i = hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + len(needle))
    return out


def _side_hits(report: Report, section_id: str, needle: str, seen: set[object]) -> list[tuple[int, int]]:
    """(offset, original position) of each occurrence not seen before; -1 offset: heading."""
    s = report.section(section_id)
    out: list[tuple[int, int]] = []
    key = ("heading", s.id)
    if key not in seen and _occurrences(_folded(f"{s.number}{s.heading}", report.script), needle):
        seen.add(key)
        out.append((-1, s.start))
    pos = 0
    first = True
    for ln in report.lines_in(s.body_start, s.end):
        a, b = max(ln.start, s.body_start), min(ln.end, s.end)
        if a >= b:
            continue
        raw = report.text[a:b]
        part = raw.strip()
        if not part:
            continue
        if not first:
            pos += 1  # the line break between shown lines
        first = False
        origin = a + len(raw) - len(raw.lstrip())
        for k in _occurrences(_folded(part, report.script), needle):
            if origin + k not in seen:
                seen.add(origin + k)
                out.append((pos + k, origin + k))
        pos += len(part)
    return out


def find_hits(comparison: Comparison, text: str, limit: int = MAX_HITS) -> tuple[SearchHit, ...]:
    """Every occurrence of ``text`` in the comparison's pairs, in pair order, A before B."""
    query = text.strip()
    if not query:
        return ()
    needle = _folded(query, None)
    hits: list[SearchHit] = []
    seen: dict[Side, set[object]] = {"a": set(), "b": set()}
    for i, pair in enumerate(comparison.alignment.pairs):
        for side, report, sid in (("a", comparison.a, pair.a), ("b", comparison.b, pair.b)):
            if sid is None:
                continue
            for offset, _pos in _side_hits(report, sid, needle, seen[side]):  # type: ignore[index]
                hits.append(SearchHit(i, side, offset, len(query)))  # type: ignore[arg-type]
                if len(hits) >= limit:
                    return tuple(hits)
    return tuple(hits)


def hit_spans(text: str, query: str, script: str | None = None) -> list[tuple[int, int]]:
    """Where ``query`` occurs in one shown ``text`` (for highlighting), either script."""
    q = query.strip()
    if not q or not text:
        return []
    needle = _folded(q, None)
    return [(k, k + len(needle)) for k in _occurrences(_folded(text, script), needle)]
